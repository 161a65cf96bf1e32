"""SYCL target, a launch in a `#define` whose parameter names the kernel (`#define RUN(k, n) k<<<g, b>>>(d, n)`):
the kernel is known only at the macro's uses, where clang resolved it (frontend.macrolaunch). The launch text
is one for every expansion, so the kernels launched through it must agree on what the command group makes for
them (local memory, sub-group size, where the nd_item goes). Input: the launch, the FileAnalysis, the TU.
Output: the DeviceFunction that stands for all of them, or a finding saying why there is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.macrolaunch import kernel_parameter, macro_kernels, macro_uses
from translator.targets.sycl.analysis import DeviceFunction, FileAnalysis

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import KernelLaunch


def _layout(f: DeviceFunction) -> tuple:
    return (tuple((s.name, s.elem_type, s.dims, s.extern) for s in f.shared), f.uses_warp, f.extra_at)


def macro_kernel(ctx: FileContext, an: FileAnalysis, launch: KernelLaunch) -> DeviceFunction | None:
    """The kernel definition standing for every kernel launched through the macro parameter; None (with a
    CP4509 finding when the launch is one through a macro parameter) when there is none."""
    parsed = ctx.parsed
    found = kernel_parameter(parsed.tokens, launch.callee.offset)
    if found is None or parsed.tu is None:
        return None
    macro, param = found
    funcs = []
    resolved = macro_kernels(parsed.tu, str(parsed.path), parsed.tokens, macro)
    launched = {u for mk in resolved for u in mk.uses}
    if any(u not in launched for u in macro_uses(parsed.tokens, macro)):
        ctx.report("CP4509", launch.span, f"{param}: clang resolved no kernel at some use of {macro}")
        return None
    for mk in resolved:
        defs = [f for f in an.funcs.get(mk.name, ()) if f.kernel and f.fdef.body is not None]
        match = [f for f in defs if f.fdef.name_span.offset == mk.offset] or defs
        if not match:
            ctx.report("CP4509", launch.span, f"{mk.name} (launched through {macro}) is not defined in this file")
            return None
        funcs.append(match[0])
    if not funcs:
        ctx.report("CP4509", launch.span, f"{param}: no use of {macro} launches a kernel clang could resolve")
        return None
    if len({_layout(f) for f in funcs}) > 1:
        names = ", ".join(sorted({f.fdef.name for f in funcs}))
        ctx.report("CP4550", launch.span, f"{names} through {macro}")
        return None
    return funcs[0]
