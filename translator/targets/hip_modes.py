"""HIP library modes: rule overlays the HIP target applies on request.

`--roc` targets the ROC libraries directly (cuBLAS -> rocBLAS, cuRAND -> rocRAND, cuSPARSE -> rocSPARSE,
cuSOLVER -> rocSOLVER) instead of the hip* wrappers; `--library-data-types` spells cudaDataType values as the
BLAS library's own enum (hipblasDatatype_t, or rocblas_datatype with --roc) instead of HIP's hipDataType.
Input: the base RuleSet and the chosen modes. Output: the RuleSet with rules/modes/<mode>/*.yaml laid over it;
in --roc mode a name of a ROC-governed family that the overlay does not map is unsupported (mixing a wrapper
call into rocBLAS code would pass a rocBLAS handle where a hipBLAS one is expected).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from translator.engine.ruleset import Rule, RuleSet, TargetRule, load_file, rule_files
from translator.resources import rules_dir

# Families --roc governs, with the ROC library and what to do instead.
ROC_FAMILIES = {
    "libs/cublas": ("rocBLAS", "translate without --roc to use hipBLAS"),
    "libs/curand": ("rocRAND", "translate without --roc to use hipRAND"),
    "libs/cusparse": ("rocSPARSE", "translate without --roc to use hipSPARSE"),
    "libs/cusolver": ("rocSOLVER", "translate without --roc to use hipSOLVER"),
    "libs/cufft": ("rocFFT", "rocFFT's plan and execution API has no call-for-call counterpart; translate without "
                   "--roc to use hipFFT"),
}
MODES = ("roc", "library-data-types")
_CACHE: dict[tuple[int, tuple[str, ...]], RuleSet] = {}


def overlay_dirs(modes: tuple[str, ...]) -> list[Path]:
    """rules/modes/<mode>/ for each mode, then rules/modes/<a>+<b>/ for the combination (most specific last)."""
    root = rules_dir() / "modes"
    names = list(modes)
    if len(modes) > 1:
        names.append("+".join(modes))
    return [root / n for n in names if (root / n).is_dir()]


def with_modes(base: RuleSet, modes: tuple[str, ...]) -> RuleSet:
    """The base rules with the modes' overlays applied (cached per base rule set and modes)."""
    if not modes:
        return base
    key = (id(base), modes)
    if key in _CACHE:
        return _CACHE[key]
    rs = RuleSet(rules=dict(base.rules), examples=list(base.examples), files=list(base.files))
    overlaid: set[str] = set()
    for folder in overlay_dirs(modes):
        for path in rule_files(folder):
            part = load_file(path)
            overlaid |= set(part.rules)
            rs.rules.update(part.rules)
            rs.files.append(str(path))
    if "roc" in modes:
        for name, rule in base.rules.items():
            if name not in overlaid and rule.family in ROC_FAMILIES:
                rs.rules[name] = _unmapped_in_roc(rule)
    _CACHE[key] = rs
    return rs


def _unmapped_in_roc(rule: Rule) -> Rule:
    hip = rule.for_target("hip")
    if hip is None or hip.status == "unsupported":
        return rule
    library, instead = ROC_FAMILIES[rule.family]
    wrapper = hip.rename or (hip.template or "").split("(", 1)[0] or "a wrapper call"
    reason = f"--roc: no {library} counterpart is mapped for this name (hip* mode has {wrapper}); {instead}"
    return replace(rule, targets={**rule.targets, "hip": TargetRule(status="unsupported", code="CP2001",
                                                                     reason=reason)})
