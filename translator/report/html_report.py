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

from translator.engine.diagnostics import CATALOGUE
from translator.report import charts
from translator.report.classify import GROUPS, RISK_CATEGORIES
from translator.report.model import OUTCOME_LABELS, OUTCOMES, Report, TargetReport
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


def plan(t: TargetReport) -> dict[str, list]:
    """Files in migration order: verified and left to no person first, then unverified, then those that need a
    person (failed verification, error diagnostics, or API uses with no rule), each with why."""
    steps: dict[str, list] = {"move first": [], "check": [], "needs a person": []}
    for f in t.files:
        hard = f.outcomes.get("manual", 0) + f.outcomes.get("unsupported", 0)
        why = []
        if f.verification == "failed":
            why.append(f"does not verify ({f.verify_reason})" if f.verify_reason else "does not verify")
        if f.errors:
            why.append(f"{f.errors} error diagnostic(s)")
        if hard:
            why.append(f"{hard} API use(s) with no translation")
        if f.status == "skipped":
            why.append(f"not translated ({f.reason})")
        if why:
            steps["needs a person"].append((f, "; ".join(why)))
        elif f.verification == "passed":
            steps["move first"].append((f, "verified: " + (f.verify_reason or "compiles for the target")))
        else:
            reason = f.verify_reason or "not verified (run cudaport report --verify)"
            steps["check"].append((f, reason))
    return steps


def _explained(report: Report) -> list:
    """The catalogue entries of every code the report shows, for the page's explanations section."""
    codes = sorted({f.code for t in report.available for f in t.findings if f.code in CATALOGUE})
    return [CATALOGUE[c] for c in codes]


def render(report: Report, *, link_base: Path | None = None) -> str:
    base = link_base or Path.cwd()

    def link(file: str, line: int) -> str:
        target = os.path.relpath(report.root / file, base)
        return Path(target).as_posix() + f"#L{line}"

    def translated_link(t: TargetReport, where: str | None) -> str | None:
        """Link to a translated FILE:LINE when --verify-out kept the translated tree, else None."""
        root = t.verification.translated_root if t.verification else None
        if root is None or not where:
            return None
        file, _, line = where.rpartition(":")
        return Path(os.path.relpath(root / file, base)).as_posix() + f"#L{line}"

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(report_templates_dir()), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    return template.render(
        report=report, groups=GROUPS, outcomes=OUTCOMES, labels=OUTCOME_LABELS, risk_categories=RISK_CATEGORIES,
        score_definition=report.score_definition, catalogue=CATALOGUE, link=link, colours=charts.OUTCOME_COLOURS,
        translated_link=translated_link, plan=plan, explained=_explained(report),
        outcome_chart=Markup(_outcome_chart(report)) if report.available else "",
        effort_chart=lambda t: Markup(_effort_chart(t)),
        unported_chart=lambda t: Markup(_unported_chart(t)),
    )
