"""Report stage, JSON format: the Report as a document of schema `cudaport-report` version 2, described by the
JSON Schema schema/report-2.json shipped beside this module (tests validate every document against it).

Input: a Report. Output: a dict (to_dict) or JSON text (render). Bump SCHEMA_VERSION and add report-N.json
for any change that removes or renames a field; adding optional fields keeps version 1.
"""

from __future__ import annotations

import json

from translator.report.classify import RISK_CATEGORIES
from translator.report.effort import Effort
from translator.report.model import OUTCOMES, Report, TargetReport
from translator.resources import report_schema_file

SCHEMA_VERSION = 2
SCHEMA_PATH = report_schema_file(SCHEMA_VERSION)


def _effort(effort: Effort | None) -> dict | None:
    if effort is None:
        return None
    return {"hours": effort.hours,
            "terms": [{"item": t.item, "count": t.count, "weight": t.weight, "hours": round(t.hours, 2)}
                      for t in effort.terms]}


def _outcomes(counts: dict[str, int]) -> dict[str, int]:
    return {o.value: counts.get(o.value, 0) for o in OUTCOMES}


def _target(t: TargetReport) -> dict:
    if not t.available:
        return {"target": t.target, "available": False, "reason": t.reason}
    return {
        "target": t.target,
        "available": True,
        "summary": {
            "files": len(t.analysed), "skipped": len(t.files) - len(t.analysed), "not_cuda": t.not_cuda,
            "lines": t.lines, "cuda_lines": t.cuda_lines, "kernels": t.kernels, "launches": t.launches,
            "api_uses": len(t.uses), "scored_uses": t.scored_uses, "outcomes": _outcomes(t.outcomes),
            "score": t.score, "rule_score": t.rule_score, "score_basis": t.score_basis,
            "predicted_to_work": t.predicted_to_work, "capped_by": t.capped_by,
            "estimate": {"score": t.estimate_score, "predicted_to_work": t.estimate_predicted},
            "effort_hours": t.effort.hours if t.effort else 0.0,
            "verification": None if t.verification is None else {
                **t.verification.as_dict(), "method": t.verification.method, "notes": list(t.verification.notes)},
        },
        "groups": {g: _outcomes(c) for g, c in sorted(t.groups().items())},
        "files": [{"path": f.path, "status": f.status, "reason": f.reason, "lines": f.lines,
                   "cuda_lines": f.cuda_lines, "kernels": list(f.kernels), "launches": f.launches,
                   "outcomes": _outcomes(f.outcomes), "findings": f.findings, "effort_hours": f.effort.hours,
                   "verification": f.verification, "verify_reason": f.verify_reason, "score": f.score,
                   "helper_uses": f.helper_uses, "direct_uses": f.direct_uses}
                  for f in t.files],
        "uses": [{"file": u.file, "line": u.line, "col": u.col, "api": u.api, "group": u.group, "family": u.family,
                  "kind": u.kind, "outcome": u.outcome.value, "code": u.code} for u in t.uses],
        "findings": [{"file": f.file, "line": f.line, "col": f.col, "code": f.code, "severity": f.severity,
                      "message": f.message, "api": f.api, "translated": f.translated,
                      "translated_text": f.translated_text, "mapping": f.mapping} for f in t.findings],
        "unported": [{"api": a.api, "group": a.group, "outcome": a.outcome.value, "code": a.code, "count": a.count,
                      "locations": list(a.locations)} for a in t.unported],
        "risks": {
            "by_code": dict(sorted(t.risk_codes().items())),
            "by_category": {c.id: t.risk_counts().get(c.id, 0) for c in RISK_CATEGORIES},
            "items": [{"category": r.category, "code": r.code, "api": r.api, "detail": r.detail, "file": r.file,
                       "line": r.line, "col": r.col} for r in t.risks],
        },
        "effort": _effort(t.effort),
    }


def to_dict(report: Report) -> dict:
    return {
        "schema": "cudaport-report",
        "version": SCHEMA_VERSION,
        "tool": {"name": "cudaport", "version": report.tool_version},
        "source": {"path": report.source, "files_scanned": report.files_scanned, "has_cuda": report.has_cuda},
        "verified": report.verified,
        "score_definition": report.score_definition,
        "risk_categories": {c.id: {"label": c.label, "codes": list(c.codes)} for c in RISK_CATEGORIES},
        "effort_model": report.weights.as_dict(),
        "targets": [_target(t) for t in report.targets],
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2) + "\n"
