"""Report stage, CSV format: one row per CUDA API use per target, for spreadsheets and ad-hoc queries, and with
--verify one row per verification error (kind `verification`, api empty, the code CP6xxx) and per file status
(kind `file-verification`, outcome = passed | failed | not-checked, code_title = the reason).

Input: a Report. Output: CSV text with a header row; targets not available in this build have no rows.
"""

from __future__ import annotations

import csv
import io

from translator.engine.diagnostics import CATALOGUE
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
        if t.verification is None:
            continue
        for f in t.files:
            writer.writerow((t.target, f.path, 0, 0, "", "", "", "file-verification", f.verification or "not-checked",
                             f"score {f.score:.1f}%" if f.score is not None else "score n/a", "",
                             f.verify_reason or ""))
        for e in t.findings:
            if e.code.startswith("CP6"):
                writer.writerow((t.target, e.file, e.line, e.col, "", "", "", "verification", "failed",
                                 e.message, e.code, CATALOGUE[e.code].title))
    return buf.getvalue()
