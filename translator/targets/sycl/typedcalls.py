"""SYCL target, library calls resolved by type in device code (frontend.stdcalls): `abs(x)` with a floating `x`
is CUDA's fabsf/fabs, but sycl::abs is defined for integer types only (a type-check error), so it becomes
sycl::fabs. Input: a FileContext with a clang TU and its FileAnalysis. Output: the rule pass's rename of those
calls replaced. Host code keeps the C library's overloads (hostmath.keep_host_math); without a TU nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.stdcalls import library_calls
from translator.targets.sycl.analysis import FileAnalysis, body_at

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_ABS = ("abs", "labs", "llabs")


def floating_abs(ctx: FileContext, an: FileAnalysis) -> None:
    parsed = ctx.parsed
    if parsed.tu is None:
        return
    for call in library_calls(parsed.tu, str(parsed.path), parsed.data, parsed.tokens):
        if call.name not in _ABS or call.scope not in ("", "std") or len(call.args) != 1 \
                or call.args[0].type not in ("float", "double") or body_at(an, call.start) is None:
            continue
        start = call.start if call.scope == "std" else call.name_start  # `std::abs` is replaced whole
        ctx.edits[:] = [e for e in ctx.edits if not (start <= e.offset and e.end <= call.name_end)]
        ctx.edits.append(Edit(start, call.name_end - start, "sycl::fabs", origin="sycl typed call", priority=5))
