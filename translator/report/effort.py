"""Report stage, effort model: person-hours from counts of outcomes and findings, with the weights read from a
data file (effort.yaml beside this module, or the user's own) so that every estimate can be printed with them.

Input: the weights file; counts of files, kernels, API-use outcomes and finding codes. Output: EffortWeights and
an Effort (total hours and one line per weighted term: what, how many, weight, hours).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from translator.model import Outcome
from translator.project.tree import InputError
from translator.resources import effort_weights_file

DEFAULT_WEIGHTS = effort_weights_file()


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """The portability score's thresholds (percent): predicted to work at or above `threshold`; a failed
    verification caps the score at `failed_cap`, an error-severity diagnostic at `error_cap`."""

    threshold: float = 95.0
    failed_cap: float = 90.0
    error_cap: float = 90.0

    def as_dict(self) -> dict[str, float]:
        return {"threshold": self.threshold, "failed_cap": self.failed_cap, "error_cap": self.error_cap}


@dataclass(frozen=True, slots=True)
class EffortWeights:
    per_file: float
    per_kernel: float
    outcomes: dict[str, float]
    findings: dict[str, float]
    source: str  # the file the weights came from, as shown to the reader
    score: ScoreWeights = ScoreWeights()

    def as_dict(self) -> dict:
        return {"source": self.source, "per_file": self.per_file, "per_kernel": self.per_kernel,
                "outcomes": dict(self.outcomes), "findings": dict(self.findings), "score": self.score.as_dict()}


@dataclass(frozen=True, slots=True)
class EffortTerm:
    item: str  # "per_file", "per_kernel", "outcome:manual", "finding:CP3004"
    count: int
    weight: float
    hours: float


@dataclass(frozen=True, slots=True)
class Effort:
    hours: float
    terms: tuple[EffortTerm, ...]


def load_weights(path: Path | None = None) -> EffortWeights:
    """Read and check a weights file. A malformed one is a one-line InputError naming the file."""
    path = path or DEFAULT_WEIGHTS
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the effort weights ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError(f"{path}:{line}: effort weights are not valid YAML") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}:1: effort weights must be a mapping (see {DEFAULT_WEIGHTS.name})")

    def number(value: object, what: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InputError(f"{path}: effort weight {what} must be a number >= 0, not {value!r}")
        return float(value)

    outcomes_raw = raw.get("outcomes") or {}
    findings_raw = raw.get("findings") or {}
    score_raw = raw.get("score") or {}
    if not isinstance(outcomes_raw, dict) or not isinstance(findings_raw, dict) or not isinstance(score_raw, dict):
        raise InputError(f"{path}: 'outcomes', 'findings' and 'score' must be mappings")
    default = ScoreWeights()
    unknown_score = set(score_raw) - set(default.as_dict())
    if unknown_score:
        raise InputError(f"{path}: unknown score setting {sorted(unknown_score)[0]!r}; use threshold, failed_cap, "
                         "error_cap")
    score = ScoreWeights(**{k: number(score_raw.get(k, v), f"score.{k}") for k, v in default.as_dict().items()})
    if max(score.failed_cap, score.error_cap) >= score.threshold:
        raise InputError(f"{path}: score caps must lie below score.threshold ({score.threshold:g}), or a file that "
                         "does not compile could still be predicted to work")
    known = {o.value for o in Outcome}
    unknown = set(outcomes_raw) - known
    if unknown:
        raise InputError(f"{path}: unknown outcome {sorted(unknown)[0]!r}; use {', '.join(sorted(known))}")
    outcomes = {o.value: number(outcomes_raw.get(o.value, 0.0), f"outcomes.{o.value}") for o in Outcome}
    findings = {str(code): number(w, f"findings.{code}") for code, w in findings_raw.items()}
    shown = "built-in effort.yaml" if path == DEFAULT_WEIGHTS else str(path)
    return EffortWeights(per_file=number(raw.get("per_file", 0.0), "per_file"),
                         per_kernel=number(raw.get("per_kernel", 0.0), "per_kernel"),
                         outcomes=outcomes, findings=findings, source=shown, score=score)


def estimate(weights: EffortWeights, files: int, kernels: int, outcomes: Counter[str],
             codes: Counter[str]) -> Effort:
    """Sum count x weight over every term; terms with a zero count are left out of the breakdown."""
    terms = [EffortTerm("per_file", files, weights.per_file, files * weights.per_file),
             EffortTerm("per_kernel", kernels, weights.per_kernel, kernels * weights.per_kernel)]
    for outcome, w in weights.outcomes.items():
        terms.append(EffortTerm(f"outcome:{outcome}", outcomes.get(outcome, 0), w, outcomes.get(outcome, 0) * w))
    for code, w in sorted(weights.findings.items()):
        terms.append(EffortTerm(f"finding:{code}", codes.get(code, 0), w, codes.get(code, 0) * w))
    kept = tuple(t for t in terms if t.count)
    return Effort(hours=round(sum(t.hours for t in kept), 2), terms=kept)
