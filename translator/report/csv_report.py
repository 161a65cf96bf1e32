"""Report stage, CSV format: one row per CUDA API use per target, for spreadsheets and ad-hoc queries.

Input: a Report. Output: CSV text with a header row; targets not available in this build have no rows.
"""

from __future__ import annotations

import csv
import io

from translator.diagnostics import CATALOGUE
from translator.report.model import OUTCOME_LABELS, Report

COLUMNS = ("target", "file", "line", "col", "api", "group", "family", "kind", "outcome", "outcome_label", "code",
           "code_title")


def render(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in report.available:
        for u in t.uses:
            title = CATALOGUE[u.code].title if u.code in CATALOGUE else ""
            writer.writerow((t.target, u.file, u.line, u.col, u.api, u.group, u.family, u.kind, u.outcome.value,
                             OUTCOME_LABELS[u.outcome], u.code or "", title))
    return buf.getvalue()
