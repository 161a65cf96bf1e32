"""Report stage, data model: what a migration report holds for one project, per target and per file.

Built by build.py from the runner's RunResult (FileResults with ApiUses and Findings); read by every format
module (terminal, JSON, CSV, Markdown, HTML, SARIF), so all formats show the same numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from translator.model import Outcome
from translator.report.effort import Effort, EffortWeights

# Outcomes in display order; USER (the user's own names) is shown but not part of the score.
OUTCOMES = (Outcome.AUTO, Outcome.SHIM, Outcome.REVIEW, Outcome.MANUAL, Outcome.UNSUPPORTED, Outcome.USER)
OUTCOME_LABELS = {
    Outcome.AUTO: "translated by a rule",
    Outcome.SHIM: "through the runtime shim",
    Outcome.REVIEW: "translated, review",
    Outcome.MANUAL: "needs manual work",
    Outcome.UNSUPPORTED: "unsupported on target",
    Outcome.USER: "user's own name",
}
TRANSLATED = (Outcome.AUTO, Outcome.SHIM, Outcome.REVIEW)
SCORE_DEFINITION = ("portability score = API uses translated without a person writing code (translated by a "
                    "rule, through the runtime shim, or translated with a review note) / all CUDA API uses, "
                    "the user's own names that shadow CUDA names excluded; in percent")


@dataclass(frozen=True, slots=True)
class UseRecord:
    """One CUDA API use on one target (one CSV row)."""

    file: str
    line: int
    col: int
    api: str
    group: str
    family: str
    kind: str
    outcome: Outcome
    code: str | None
    form: str = ""  # "helper" (through the target's helper library, e.g. cpsycl::) | "direct" | ""


@dataclass(frozen=True, slots=True)
class FindingRecord:
    file: str
    line: int
    col: int
    code: str
    severity: str
    message: str
    api: str | None


@dataclass(frozen=True, slots=True)
class RiskItem:
    """A construct with semantic risk: found by a CP3xxx finding (code set) or by the API's nature."""

    category: str
    code: str | None
    api: str | None
    detail: str
    file: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class UnportedApi:
    """An API left for a person on this target (unsupported, or no rule), with every place it is used."""

    api: str
    group: str
    outcome: Outcome
    code: str | None
    locations: tuple[str, ...]  # "file:line"

    @property
    def count(self) -> int:
        return len(self.locations)


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    status: str  # translated | partial | skipped
    lines: int
    cuda_lines: int  # distinct lines holding a CUDA API use or a kernel launch
    kernels: tuple[str, ...]
    launches: int
    outcomes: dict[str, int]
    findings: int
    effort: Effort
    reason: str | None = None  # why a file was skipped
    helper_uses: int = 0  # API uses rewritten into the target's helper library (SYCL: cpsycl::)
    direct_uses: int = 0  # API uses rewritten into the target's own calls where a helper form also exists


@dataclass(frozen=True)
class TargetReport:
    target: str
    available: bool
    reason: str | None = None  # why the target is not available in this build
    files: tuple[FileReport, ...] = ()
    uses: tuple[UseRecord, ...] = ()
    findings: tuple[FindingRecord, ...] = ()
    risks: tuple[RiskItem, ...] = ()
    unported: tuple[UnportedApi, ...] = ()
    effort: Effort | None = None
    not_cuda: int = 0  # files looked at and found to hold no CUDA (copied unchanged)

    @property
    def outcomes(self) -> Counter[str]:
        return Counter(u.outcome.value for u in self.uses)

    def groups(self) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {}
        for u in self.uses:
            out.setdefault(u.group, Counter())[u.outcome.value] += 1
        return out

    @property
    def scored_uses(self) -> int:
        return sum(1 for u in self.uses if u.outcome != Outcome.USER)

    @property
    def score(self) -> float | None:
        """Portability score in percent (SCORE_DEFINITION); None when there is no CUDA API use to score."""
        total = self.scored_uses
        if not total:
            return None
        return round(100.0 * sum(1 for u in self.uses if u.outcome in TRANSLATED) / total, 1)

    @property
    def analysed(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status != "skipped")

    @property
    def kernels(self) -> int:
        return sum(len(f.kernels) for f in self.files)

    @property
    def launches(self) -> int:
        return sum(f.launches for f in self.files)

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def cuda_lines(self) -> int:
        return sum(f.cuda_lines for f in self.files)

    def risk_counts(self) -> Counter[str]:
        return Counter(r.category for r in self.risks)

    def risk_codes(self) -> Counter[str]:
        return Counter(f.code for f in self.findings if f.code.startswith("CP3"))


@dataclass(frozen=True)
class Report:
    source: str  # the input as the user named it
    root: Path  # absolute directory the file paths are relative to (for links)
    weights: EffortWeights
    targets: tuple[TargetReport, ...]
    tool_version: str
    files_scanned: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def available(self) -> tuple[TargetReport, ...]:
        return tuple(t for t in self.targets if t.available)

    @property
    def has_cuda(self) -> bool:
        return any(t.analysed for t in self.available)
