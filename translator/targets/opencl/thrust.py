"""OpenCL target: thrust in host code is kept as written and compiled against the shim's cudaport_thrust.h (device
vectors on the shim's memory, algorithms run on copies in host memory). Each `thrust::NAME` (also
`thrust::cuda::par`, `thrust::random::...`) is looked up as its own rule entry (rules/libs/thrust/, keyed
`thrust::NAME`): a name with an OpenCL shim mapping is counted as a shim use; any other name, and every thrust use
inside a kernel or device function (OpenCL C has no thrust), gets CP2008 at the use.

Input: the site of a `thrust` token and the file context. Output: no edits; uses and findings.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from translator.frontend.lexer import IDENT, KEYWORD
from translator.frontend.sites import TokenView, find_kernels
from translator.model import Outcome

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite


def _qualified(toks, i: int) -> list[str]:  # type: ignore[no-untyped-def]
    """`thrust::a::b` at token i as ["thrust::a::b", "thrust::a"] (longest first); [] when no `::` follows."""
    parts = ["thrust"]
    j = i + 1
    while j + 1 < len(toks) and toks[j].text == "::" and toks[j + 1].kind in (IDENT, KEYWORD):
        parts.append(toks[j + 1].text)
        j += 2
    return ["::".join(parts[:k]) for k in range(len(parts), 1, -1)]


_DEVICE_BODIES: dict[str, object] = {"ctx": None, "bodies": []}  # per file: (start, end, name) of device bodies


def in_device_code(ctx: FileContext, offset: int) -> str | None:
    """The kernel or __device__ function (not __host__ __device__) whose body holds offset, if any."""
    if _DEVICE_BODIES["ctx"] is not ctx:
        view = TokenView.build(ctx.parsed.data, ctx.parsed.tokens)
        found = [*ctx.parsed.kernels, *find_kernels(view, "__device__")]
        _DEVICE_BODIES["ctx"] = ctx
        _DEVICE_BODIES["bodies"] = [(k.body.offset, k.body.end, k.name) for k in found
                                    if k.body is not None and "__host__" not in k.qualifiers]
    bodies: list[tuple[int, int, str]] = _DEVICE_BODIES["bodies"]  # type: ignore[assignment]
    return next((name for a, b, name in bodies if a <= offset < b), None)


def rewrite_thrust(site: NameSite, ctx: FileContext) -> bool:
    """Checks one `thrust::...` use against the rules; always handled (the use is kept or reported)."""
    toks = ctx.parsed.tokens
    i = bisect.bisect_left([t.offset for t in toks], site.span.offset)
    if i >= len(toks) or toks[i].offset != site.span.offset:
        return True
    qualified_by_other = i > 1 and toks[i - 1].text == "::" and toks[i - 2].kind == IDENT
    if i > 0 and (toks[i - 1].text == "namespace" or qualified_by_other):
        return True  # `using namespace thrust;`, or some other library's `x::thrust`
    names = _qualified(toks, i)
    if not names:
        return True
    rule = next((r for r in map(ctx.rules.get, names) if r is not None), None)
    mapping = rule.for_target("opencl") if rule is not None else None
    where = in_device_code(ctx, site.span.offset)
    if where is not None:
        ctx.report("CP2008", site.span, f"thrust {names[-1]} in device code ({where}) has no OpenCL mapping (thrust "
                   "maps on OpenCL only in host code)", api=names[-1], family="libs/thrust")
        return True
    if rule is None or mapping is None or mapping.status == "unsupported":
        reason = mapping.reason if mapping is not None and mapping.reason else "not in cudaport's OpenCL thrust"
        ctx.report("CP2008", site.span, f"thrust {names[0]}: {reason}", api=names[0], family="libs/thrust")
        return True
    ctx.use(rule, site.span, Outcome.SHIM, mapping.code or "CP2004")
    return True
