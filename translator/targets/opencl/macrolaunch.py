"""OpenCL host side: a launch in a function-like macro whose kernel is a parameter of the macro

    #define DISPATCH(Func, T, grid, stream, ...) Func<T, 1, 128><<<grid, dim3(1, 128), 0, stream>>>(__VA_ARGS__);
    DISPATCH(ChannelSumNCHW, scalar_t, C, 0, N, C, HxW, X, sum, sumsq);

The macro body's launch becomes `cp_launch_##Func<T, 1, 128>(grid, dim3(1, 128), 0, stream, __VA_ARGS__)` (the
preprocessor pastes the stub's name), and each invocation of the macro in the file gives the kernel instance it
names, with the template arguments the invocation's arguments spell. Input: the file's tokens and the launch.
Output: the macro parameter naming the kernel and, per invocation, the parameter -> argument text bindings; None
when the launch is not in such a macro.
"""

from __future__ import annotations

from translator.frontend.lexer import IDENT
from translator.frontend.sites import TokenView
from translator.model import KernelLaunch


def macro_kernel_parameter(view: TokenView, launch: KernelLaunch) -> tuple[str, list[dict[str, str]]] | None:
    toks = view.toks
    at = next((i for i, t in enumerate(toks) if t.offset == launch.callee.offset), -1)
    if at < 0 or toks[at].directive < 0:
        return None
    d = toks[at].directive
    first = next(i for i, t in enumerate(toks) if t.directive == d)
    if first + 3 >= len(toks) or toks[first + 1].text != "define" or toks[first + 3].text != "(" \
            or toks[first + 3].offset != toks[first + 2].end:
        return None
    name = toks[first + 2].text
    close = view.match_close(first + 3)
    if close < 0:
        return None
    params = [view.text(s) for s in view.split_args(first + 3, close)]
    callee = toks[at].text
    if callee not in params:
        return None
    bindings = []
    for i, t in enumerate(toks):
        if t.text != name or t.kind != IDENT or t.directive >= 0 or i + 1 >= len(toks) or toks[i + 1].text != "(":
            continue
        end = view.match_close(i + 1)
        if end < 0:
            continue
        args = [view.text(s) for s in view.split_args(i + 1, end)]
        bindings.append({p: a for p, a in zip(params, args, strict=False) if p != "..."})
    return callee, bindings


def pasted_launch(launch: KernelLaunch, render) -> str:  # type: ignore[no-untyped-def]
    """`Func<T><<<g, b, s, q>>>(args)` in the macro body -> `cp_launch_##Func<T>(g, b, s, q, args)`."""
    callee = render(launch.callee.offset, launch.callee.end)
    head, targs = (callee[:callee.index("<")], callee[callee.index("<"):]) if "<" in callee else (callee, "")
    parts = [render(launch.grid.offset, launch.grid.end), render(launch.block.offset, launch.block.end),
             render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
             render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    parts += [render(a.offset, a.end) for a in launch.args]
    return f"cp_launch_##{head.strip()}{targs}({', '.join(parts)})"
