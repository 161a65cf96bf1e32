"""The diagnostics catalogue (diagnostics.yaml): stable CPnnnn codes with a title, severity and explanation.

Feeds inline comments in translated code, `cudaport explain`, reports and SARIF rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from translator.model import Finding, Severity
from translator.resources import diagnostics_file


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    title: str
    severity: Severity
    explanation: str


def _load() -> dict[str, Diagnostic]:
    raw = yaml.safe_load(diagnostics_file().read_text(encoding="utf-8"))
    return {
        code: Diagnostic(code, d["title"], Severity(d["severity"]), " ".join(d["explanation"].split()))
        for code, d in raw.items()
    }


CATALOGUE: dict[str, Diagnostic] = _load()


def make_finding(code: str, path: str, line: int, col: int, detail: str = "", *, api: str | None = None,
                 family: str | None = None, offset: int | None = None,
                 severity: Severity | None = None) -> Finding:
    diag = CATALOGUE[code]
    message = diag.title + (f": {detail}" if detail else "")
    return Finding(code=code, message=message, path=path, line=line, col=col,
                   severity=severity or diag.severity, api=api, family=family, offset=offset)


def inline_comment(finding: Finding) -> str:
    """The comment placed in translated code at a finding's site. Never contains '*/'."""
    text = finding.message.replace("*/", "* /")
    return f"/* CUDAPORT {finding.code}: {text} */"
