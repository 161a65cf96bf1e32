"""SYCL target, host code keeps host spellings: the math rules rename `sqrt`, `fabs`, `log2`, `max` to their
sycl:: builtins everywhere, which is right in device code but wrong on the host: sycl::sqrt has no integer
overload (`sqrt(size)` with a size_t), `sycl::log2(int)` and `sycl::pow(int, size_t)` are ambiguous, and a host
header that never includes the SYCL helper does not know `sycl` at all. Input: a FileContext after the rule
pass and its FileAnalysis; output: the rule edits of C library names outside device bodies removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.targets.sycl.analysis import FileAnalysis, body_at

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_C_MATH_BASE = (
    "acos asin atan atan2 cos sin tan acosh asinh atanh cosh sinh tanh exp exp2 expm1 frexp ldexp log log10 log1p "
    "log2 logb ilogb modf scalbn scalbln cbrt fabs hypot pow sqrt erf erfc lgamma tgamma ceil floor nearbyint rint "
    "lrint llrint round lround llround trunc fmod remainder remquo copysign nan nextafter nexttoward fdim fmax fmin "
    "fma").split()
# <math.h>/<cmath> (and <stdlib.h>'s abs): what host code calls, which the helper header and the C++ library
# declare on the host with the overloads (integer arguments included) that CUDA's host code relies on.
HOST_MATH = frozenset([n for b in _C_MATH_BASE for n in (b, b + "f", b + "l")] +
                      ["abs", "labs", "llabs", "isfinite", "isinf", "isnan", "signbit"])
# CUDA declares host overloads of max/min at global scope; the host spelling of those is std::max/std::min
# (same result for equal argument types; mixed types fail to compile rather than convert silently).
HOST_STD = {"max": "std::max", "min": "std::min"}


def keep_host_math(ctx: FileContext, an: FileAnalysis) -> None:
    """Undo the rule pass's sycl:: renames of C library math names in host code (outside every __global__ /
    __device__ body; macro bodies stay as the rules made them, they may expand in device code)."""
    host_sites = []
    for site in ctx.parsed.names:
        if site.name not in HOST_MATH and site.name not in HOST_STD:
            continue
        rule = ctx.rules.get(site.name)
        if rule is None or rule.kind != "function" or rule.family != "math" or site.in_directive \
                or site.call is None:
            continue
        if body_at(an, site.span.offset) is not None:
            continue
        host_sites.append(site)
    if not host_sites:
        return
    offsets = {s.span.offset for s in host_sites}
    ctx.edits[:] = [e for e in ctx.edits if not (e.offset in offsets and e.origin in HOST_MATH | HOST_STD.keys())]
    ctx.findings[:] = [f for f in ctx.findings if not (f.offset in offsets and f.api in HOST_MATH | HOST_STD.keys())]
    for site in host_sites:
        if site.name in HOST_STD:
            ctx.replace(site.span, HOST_STD[site.name], "host max/min")
            ctx.need_include("algorithm")
