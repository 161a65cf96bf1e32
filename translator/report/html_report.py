"""Report stage, HTML format: one self-contained page (inline CSS, JS and SVG charts; no network at view time)
that a team lead can read in two minutes: outcome per target, effort per file, unsupported APIs by family, risks,
and a sortable table of every finding linking to its file:line. Template: templates/report.html.j2.

Input: a Report and the directory the page will be saved in (for relative links to the sources). Output: HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from markupsafe import Markup

from translator.diagnostics import CATALOGUE
from translator.report import charts
from translator.report.classify import GROUPS, RISK_CATEGORIES
from translator.report.model import OUTCOME_LABELS, OUTCOMES, SCORE_DEFINITION, Report, TargetReport
from translator.resources import report_templates_dir

TOP_FILES_CHART = 12


def _outcome_chart(report: Report) -> str:
    rows = [(t.target, [(o.value, t.outcomes.get(o.value, 0)) for o in OUTCOMES]) for t in report.available]
    return charts.stacked_bars("CUDA API uses by outcome, per target", rows, "chart-outcomes")


def _effort_chart(t: TargetReport) -> str:
    rows = [(f.path, f.effort.hours) for f in t.files[:TOP_FILES_CHART]]
    return charts.bars(f"{t.target}: effort per file in person-hours, heaviest first", rows, "chart-effort", " h")


def _unported_chart(t: TargetReport) -> str:
    counts: dict[str, int] = {}
    for u in t.uses:
        if u.outcome.value in ("manual", "unsupported"):
            counts[u.group] = counts.get(u.group, 0) + 1
    rows = [(g, float(counts[g])) for g in GROUPS if g in counts]
    return charts.bars(f"{t.target}: API uses left for a person (unsupported or no rule), by family", rows,
                       "chart-unsupported", colour=charts.OUTCOME_COLOURS["unsupported"])


def render(report: Report, *, link_base: Path | None = None) -> str:
    base = link_base or Path.cwd()

    def link(file: str, line: int) -> str:
        target = os.path.relpath(report.root / file, base)
        return Path(target).as_posix() + f"#L{line}"

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(report_templates_dir()), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    return template.render(
        report=report, groups=GROUPS, outcomes=OUTCOMES, labels=OUTCOME_LABELS, risk_categories=RISK_CATEGORIES,
        score_definition=SCORE_DEFINITION, catalogue=CATALOGUE, link=link, colours=charts.OUTCOME_COLOURS,
        outcome_chart=Markup(_outcome_chart(report)) if report.available else "",
        effort_chart=lambda t: Markup(_effort_chart(t)),
        unported_chart=lambda t: Markup(_unported_chart(t)),
    )
