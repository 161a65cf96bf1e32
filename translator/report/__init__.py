"""Report stage: the migration-effort report of a CUDA project, per target, in six formats (terminal, JSON, CSV,
Markdown, HTML, SARIF). Built only from the runner's typed results (ApiUse, Finding), never from output text.

Input: a Report (build.py) or a RunResult from `cudaport translate --report FILE`. Output: report text or a file
written atomically; the format follows --format or the file's extension.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from translator.project.manifest import atomic_write
from translator.project.tree import InputError

if TYPE_CHECKING:  # the runner is imported only when a report is made, not when the CLI builds its parser
    from translator.project.runner import RunResult
    from translator.project.tree import SourceTree
    from translator.report.model import Report

FORMATS = ("terminal", "json", "csv", "html", "sarif", "markdown")
_EXTENSIONS = {".json": "json", ".csv": "csv", ".html": "html", ".htm": "html", ".sarif": "sarif",
               ".md": "markdown", ".markdown": "markdown", ".txt": "terminal"}


def format_for_path(path: Path) -> str:
    """The format a report file's name asks for (`x.sarif.json` is SARIF). Unknown: one-line InputError."""
    name = path.name.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_EXTENSIONS))
        raise InputError(f"{path}: cannot tell the report format from the extension; use one of {known} "
                         "(or --format)")
    return fmt


def render(report: Report, fmt: str, *, link_base: Path | None = None) -> str:
    """The report as text. `link_base`: directory the HTML file will live in, for relative source links."""
    if fmt == "json":
        from translator.report import json_report

        return json_report.render(report)
    if fmt == "csv":
        from translator.report import csv_report

        return csv_report.render(report)
    if fmt == "sarif":
        from translator.report import sarif

        return sarif.render(report)
    if fmt == "markdown":
        from translator.report import markdown_report

        return markdown_report.render(report)
    if fmt == "html":
        from translator.report import html_report

        return html_report.render(report, link_base=link_base)
    if fmt == "terminal":
        from translator.report import terminal

        return terminal.render_text(report)
    raise InputError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")


def write_report(report: Report, fmt: str, path: Path) -> None:
    """Write atomically: a reader never sees half a report, and a failed render leaves no file."""
    text = render(report, fmt, link_base=Path(os.path.abspath(path)).parent)
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name for the report")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{parent}: no such directory for the report")
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(path, text.encode("utf-8"), 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file


def write_report_file(result: RunResult, tree: SourceTree, path: Path) -> None:
    """`cudaport translate --report FILE`: the report of the run just done, format from FILE's extension."""
    from translator.api import default_rules
    from translator.report.build import from_run
    from translator.report.effort import load_weights

    fmt = format_for_path(Path(path))
    write_report(from_run(result, tree, default_rules(), load_weights()), fmt, Path(path))
