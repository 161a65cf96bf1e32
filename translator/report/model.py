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
RULE_SCORE_DEFINITION = ("rule score = API uses translated without a person writing code (translated by a rule, "
                         "through the runtime shim, or translated with a review note) / all CUDA API uses, the "
                         "user's own names that shadow CUDA names excluded; in percent")
VERIFICATION_STATUSES = ("passed", "failed", "not-checked")


def score_definition(weights: EffortWeights) -> str:
    """The portability score's definition with the thresholds in use (they are weights: editable)."""
    s = weights.score
    return (f"portability score = the rule score, capped at {s.failed_cap:g} % for a file (and its target) whose "
            f"translation failed verification (--verify: it does not compile, link, or the device rejects a "
            f"kernel) and at {s.error_cap:g} % where the translator left an error-severity diagnostic (a "
            f"construct it could not translate); a target scored at least {s.threshold:g} % with no failed "
            f"verification is predicted to work. Without --verify the score is the rule-based estimate "
            f"(marked 'estimate'); with it, 'verified' when every file passed. {RULE_SCORE_DEFINITION}")


SCORE_DEFINITION = RULE_SCORE_DEFINITION  # kept for callers of the first report version


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
    translated: str | None = None  # verification errors: the translated file:line the compiler named
    translated_text: str | None = None  # that translated line
    mapping: str | None = None  # how the CUDA line was found: exact | nearest | unit


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
    verification: str | None = None  # passed | failed | not-checked; None without --verify
    verify_reason: str | None = None  # why not checked, or how many errors
    score: float | None = None  # this file's portability score (score_definition)
    errors: int = 0  # error-severity findings of the translator in this file


@dataclass(frozen=True)
class VerificationSummary:
    """What `--verify` did for one target: how it checked, and the per-file statuses counted."""

    method: str
    checked: int
    failed: int
    not_checked: int
    notes: tuple[str, ...] = ()
    translated_root: Path | None = None  # the checked translated tree, when kept (--verify-out)

    def as_dict(self) -> dict[str, int]:
        return {"checked": self.checked, "failed": self.failed, "not_checked": self.not_checked}


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
    verification: VerificationSummary | None = None  # None: not asked (--verify)
    score_cap: float | None = None  # the cap applied to the rule score, when one applies
    capped_by: str | None = None  # why: "failed verification" | "error diagnostics"
    threshold: float = 95.0  # predicted to work at or above (from the weights)
    estimate_cap: float | None = None  # the cap without verification (error diagnostics only)

    @property
    def estimate_score(self) -> float | None:
        """The score `cudaport report` gives without --verify (same analysis, verification ignored)."""
        return _capped(self.rule_score, self.estimate_cap)

    @property
    def estimate_predicted(self) -> bool:
        return self.estimate_cap is None and (self.estimate_score is None or self.estimate_score >= self.threshold)

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
    def rule_score(self) -> float | None:
        """Share of API uses translated, in percent (RULE_SCORE_DEFINITION); None when there is none to score."""
        return rule_score(self.uses)

    @property
    def score(self) -> float | None:
        """Portability score in percent (score_definition): the rule score, capped when verification failed or
        the translator left error diagnostics; None when there is nothing to score and nothing capped it."""
        return _capped(self.rule_score, self.score_cap)

    @property
    def score_basis(self) -> str:
        """verified (every file passed --verify), failed, partly verified, or estimate (not verified)."""
        v = self.verification
        if v is None or not v.checked:
            return "estimate"
        if v.failed:
            return "failed"
        return "verified" if not v.not_checked else "partly verified"

    @property
    def predicted_to_work(self) -> bool:
        """Score at or above the threshold and no failed verification: the report's prediction."""
        failed = self.verification is not None and self.verification.failed > 0
        return not failed and self.capped_by is None and (self.score is None or self.score >= self.threshold)

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


def _capped(score: float | None, cap: float | None) -> float | None:
    """A score under its cap: the cap alone when there is no score to cap, the score when there is no cap."""
    if cap is None:
        return score
    return cap if score is None else min(score, cap)


def rule_score(uses: tuple[UseRecord, ...] | list[UseRecord]) -> float | None:
    scored = [u for u in uses if u.outcome != Outcome.USER]
    if not scored:
        return None
    return round(100.0 * sum(1 for u in scored if u.outcome in TRANSLATED) / len(scored), 1)


@dataclass(frozen=True)
class Report:
    source: str  # the input as the user named it
    root: Path  # absolute directory the file paths are relative to (for links)
    weights: EffortWeights
    targets: tuple[TargetReport, ...]
    tool_version: str
    files_scanned: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    verified: bool = False  # --verify was asked

    @property
    def score_definition(self) -> str:
        return score_definition(self.weights)

    @property
    def available(self) -> tuple[TargetReport, ...]:
        return tuple(t for t in self.targets if t.available)

    @property
    def has_cuda(self) -> bool:
        return any(t.analysed for t in self.available)
