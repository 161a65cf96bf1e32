"""Report stage, SARIF 2.1.0 format: every finding as a result at its file:line, so code-scanning tools show it
in place. Rules are cudaport's diagnostic codes with the title and explanation from the catalogue.

Input: a Report. Output: a SARIF log (one run per available target; each result names its target).
Severity maps to SARIF levels note/warning/error; file URIs are relative to the %SRCROOT% base id.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from translator.engine.diagnostics import CATALOGUE
from translator.report.model import Report, TargetReport

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _rules(codes: list[str]) -> list[dict]:
    out = []
    for code in codes:
        diag = CATALOGUE[code]
        out.append({
            "id": code,
            "name": code,
            "shortDescription": {"text": diag.title},
            "fullDescription": {"text": diag.explanation},
            "help": {"text": f"{diag.title}. {diag.explanation} (run `cudaport explain {code}`)"},
            "defaultConfiguration": {"level": diag.severity.value},
        })
    return out


def _run(report: Report, t: TargetReport) -> dict:
    codes = sorted({f.code for f in t.findings if f.code in CATALOGUE})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for f in t.findings:
        if f.code not in index:
            continue
        uri = PurePosixPath(f.file).as_posix()
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity,
            "message": {"text": f"[{t.target}] {f.message}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.col},
            }}],
            "properties": {"target": t.target, **({"api": f.api} if f.api else {}),
                           **({"translated": f.translated, "lineMapping": f.mapping} if f.translated else {})},
        })
    return {
        "tool": {"driver": {"name": "cudaport", "version": report.tool_version, "rules": _rules(codes)}},
        "automationDetails": {"id": f"cudaport/{t.target}/"},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
        "results": results,
        "properties": {"target": t.target, "portabilityScore": t.score, "ruleScore": t.rule_score,
                       "scoreBasis": t.score_basis, "predictedToWork": t.predicted_to_work,
                       "verification": t.verification.as_dict() if t.verification else None,
                       "effortHours": t.effort.hours if t.effort else 0.0},
    }


def to_dict(report: Report) -> dict:
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [_run(report, t) for t in report.available]}


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"
