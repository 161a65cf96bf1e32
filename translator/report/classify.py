"""Report stage, classification: puts each CUDA API use in one of the issue's groups (runtime, driver, device
functions, math, atomics, warp, libraries, types, headers) and recognises constructs that carry semantic risk.

Input: rule family/section and API names (from ApiUse and the RuleSet), diagnostic codes of Findings.
Output: group names and risk-category ids; pure functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from translator.engine import tables

GROUPS = ("runtime", "driver", "device functions", "math", "atomics", "warp", "libraries", "types", "headers",
          "other")


def group_of(family: str, section: str | None) -> str:
    """The report group of a rule: library types stay with their library, CUDA's own types are 'types'."""
    if family == "headers":
        return "headers"
    if family.startswith("libs/"):
        return "libraries"
    if family == "types" or (family in ("runtime", "driver") and section == "types"):
        return "types"
    if family in ("runtime", "driver", "math"):
        return family
    if family == "device":
        return {"atomics": "atomics", "warp": "warp"}.get(section or "", "device functions")
    return "other"


@functools.cache
def _risk_names(category: str) -> tuple[str, ...]:
    """CUDA names (and prefixes of their variants) of a risk category: rules/tables/report_risk_names.yaml."""
    return tuple(tables.mapping("report_risk_names").get(category, ()))


@dataclass(frozen=True, slots=True)
class RiskCategory:
    id: str
    label: str
    codes: tuple[str, ...]  # CP3xxx codes that report this construct


RISK_CATEGORIES = (
    RiskCategory("warp-size", "warp size 32 assumed (lane masks, % 32, warp functions)",
                 ("CP3001", "CP3002", "CP3008", "CP3011")),
    RiskCategory("inline-asm", "inline PTX assembly", ("CP3004",)),
    RiskCategory("texture", "textures and surfaces", ("CP3005",)),
    RiskCategory("cooperative-groups", "cooperative groups, grid-wide sync", ("CP3007",)),
    RiskCategory("dynamic-parallelism", "dynamic parallelism (launches from device code)", ("CP3006",)),
    RiskCategory("managed-memory", "unified / managed memory, __managed__", ("CP3009",)),
    RiskCategory("pitched-2d", f"pitched 2D/3D layouts ({', '.join(_risk_names('pitched-2d')[:2])}, ...)", ("CP3010",)),
    RiskCategory("fast-math", "fast-math intrinsics with different precision", ("CP3003",)),
    RiskCategory("other", "other semantic risks (CP3xxx codes added after this report's categories)", ()),
)
_BY_CODE = {code: c.id for c in RISK_CATEGORIES for code in c.codes}

_TEXTURE = re.compile(r"Texture|Surface|TEXTURE|SURFACE|^(tex|surf)(1D|2D|3D|Cubemap)|^texture$")
_COOPERATIVE = re.compile(r"[Cc]ooperative|COOPERATIVE|^cooperative_groups")
_DEVRUNTIME = re.compile(r"DevRuntime|DEV_RUNTIME")
_MANAGED = re.compile(r"Managed|MANAGED|^__managed__$")
# CUDA's fast single-precision intrinsics: __expf, __sinf, __fdividef, ... (not the _rn/_rz rounding variants)
_FAST_MATH = re.compile(r"^__[a-z0-9]+f$")


def risk_of_code(code: str | None) -> str | None:
    """The risk category of a diagnostic code; every CP3xxx code has one, so no semantic risk is dropped."""
    if code is None:
        return None
    return _BY_CODE.get(code) or ("other" if code.startswith("CP3") else None)


def risk_of_api(name: str, family: str, section: str | None) -> str | None:
    """The risk category a CUDA API belongs to by what it is, whatever the target did with it."""
    if section in ("texture", "surface") or _TEXTURE.search(name):
        return "texture"
    if _COOPERATIVE.search(name):
        return "cooperative-groups"
    if _DEVRUNTIME.search(name):
        return "dynamic-parallelism"
    if section == "unified" or _MANAGED.search(name) or name.startswith(_risk_names("managed-memory")):
        return "managed-memory"
    if name.startswith(_risk_names("pitched-2d")):
        return "pitched-2d"
    if family == "math" and section == "intrinsics" and _FAST_MATH.match(name):
        return "fast-math"
    if family == "device" and section == "warp":
        return "warp-size"
    return None
