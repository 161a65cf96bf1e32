"""Report stage, Markdown format: a compact report for pull requests and READMEs, from templates/report.md.j2.

Input: a Report. Output: GitHub-flavoured Markdown text (tables; no HTML, no images).
"""

from __future__ import annotations

import jinja2

from translator.report.classify import GROUPS, RISK_CATEGORIES
from translator.report.model import OUTCOME_LABELS, OUTCOMES, Report
from translator.resources import report_templates_dir

TOP_UNPORTED = 10
TOP_LOCATIONS = 6


def _md(value: object) -> str:
    """Text safe in a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def _places(items: list, limit: int) -> str:
    """`file:line` of the first `limit` located items, and how many more there are."""
    text = ", ".join(f"{i.file}:{i.line}" for i in items[:limit])
    return text + (f" +{len(items) - limit}" if len(items) > limit else "")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(report_templates_dir()), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["md"] = _md
    env.filters["places"] = _places
    return env


def render(report: Report) -> str:
    template = environment().get_template("report.md.j2")
    text = template.render(report=report, groups=GROUPS, outcomes=OUTCOMES, labels=OUTCOME_LABELS,
                           risk_categories=RISK_CATEGORIES, score_definition=report.score_definition,
                           top_unported=TOP_UNPORTED, top_locations=TOP_LOCATIONS)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
