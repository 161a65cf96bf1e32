"""OpenCL target, a launch in a `#define` whose parameter names the kernel (`#define RUN(k, n) k<<<g, b>>>(d, n)`):
the launch becomes `cp_launch_ ## k(g, b, 0, 0, d, n)`, so each expansion calls the stub of the kernel it names,
and the kernels (and template specializations) that clang resolved at the macro's use sites are built into the
program. Input: the launch, the file's kernels and clang's TU. Output: the instances to build, or why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.frontend.macrolaunch import MacroKernel, kernel_parameter, macro_kernels, macro_uses, unpastable_uses

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import KernelLaunch
    from translator.targets.opencl.scan import DevFunc


@dataclass(frozen=True)
class MacroLaunch:
    param: str  # the macro parameter the stub name is pasted with
    # kernels of this program each expansion may launch, with their template arguments; None for a template
    # launched from a host template (FileEmitter works its instances out from that template's calls)
    instances: list[tuple[DevFunc, dict[str, str] | None, MacroKernel]]
    error: str = ""  # why the launch cannot be translated ('' when it can)


def resolve_macro_launch(ctx: FileContext, launch: KernelLaunch, kernels: dict[str, DevFunc],
                         header_kernels: dict[str, DevFunc], external: set[str]) -> MacroLaunch | None:
    """None when the launch does not name its kernel through a macro parameter."""
    parsed = ctx.parsed
    found = kernel_parameter(parsed.tokens, launch.callee.offset)
    if found is None:
        return None
    macro, param = found
    bad = unpastable_uses(parsed.tokens, macro, param)
    if bad:
        line = parsed.data.count(b"\n", 0, bad[0]) + 1
        return MacroLaunch(param, [], f"{param}: the use of {macro} at line {line} does not name the kernel by a "
                           "plain or template name (the stub name is pasted from it); launch it outside the macro")
    resolved = macro_kernels(parsed.tu, str(parsed.path), parsed.tokens, macro)
    launched = {u for mk in resolved for u in mk.uses}
    missing = [u for u in macro_uses(parsed.tokens, macro) if u not in launched]
    if missing:
        line = parsed.data.count(b"\n", 0, missing[0]) + 1
        return MacroLaunch(param, [], f"{param}: clang resolved no kernel at the use of {macro} at line {line} (a "
                           "dependent launch in a template?); launch it outside the macro")
    if not resolved:
        return MacroLaunch(param, [], f"{param}: no use of {macro} launches a kernel clang could resolve")
    out: list[tuple[DevFunc, dict[str, str] | None, MacroKernel]] = []
    by_offset = {f.kdef.name_span.offset: f for f in kernels.values()}
    for mk in resolved:
        if mk.qualified:
            return MacroLaunch(param, [], f"{mk.name}: a kernel in a namespace or class launched through the "
                               f"macro parameter {param} (the stub name is pasted from it); launch it unqualified "
                               "or outside the macro")
        func = by_offset.get(mk.offset) if mk.offset >= 0 else header_kernels.get(mk.name)
        if func is None:
            if mk.name in external and mk.template_args is None:
                continue  # defined in another file: its stub links by name
            return MacroLaunch(param, [], f"{mk.name}: launched through {macro}, but not defined in this file "
                               "or its headers")
        if mk.dependent:
            out.append((func, None, mk))
            continue
        if func.tparams and (mk.template_args is None or len(mk.template_args) != len(func.tparams)):
            return MacroLaunch(param, [], f"{mk.name}: template arguments of its launch through {macro} unknown")
        subst = {tp.name: a for tp, a in zip(func.tparams, mk.template_args or (), strict=False)}
        out.append((func, subst, mk))
    return MacroLaunch(param, out)
