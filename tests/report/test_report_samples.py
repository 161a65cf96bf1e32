"""The sample report committed in reports/ is what `bash reports/regenerate.sh` makes from examples/heat2d today."""

from __future__ import annotations

from pathlib import Path

from translator.api import default_rules
from translator.project.tree import discover
from translator.report import html_report, markdown_report
from translator.report.build import analyse
from translator.report.effort import load_weights

REPO = Path(__file__).resolve().parents[2]


def test_committed_sample_reports_are_up_to_date() -> None:
    report = analyse(discover(REPO / "examples" / "heat2d"), ["hip", "sycl", "opencl"], default_rules(),
                     load_weights(), source="examples/heat2d")
    stale = "reports/ is stale: run `bash reports/regenerate.sh` and commit the result"
    assert (REPO / "reports" / "example-report.md").read_text() == markdown_report.render(report), stale
    html = html_report.render(report, link_base=REPO / "reports")
    assert (REPO / "reports" / "example-report.html").read_text() == html, stale
    assert (REPO / "reports" / "example-report.png").is_file()
