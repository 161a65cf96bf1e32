"""SYCL target, kernel launches: `k<<<grid, block, shmem, stream>>>(args)` becomes a `parallel_for` over a
`cpsycl::nd_range` on the stream's queue, inside a command group that makes the kernel's `local_accessor`s
when it has __shared__ memory. Input: a KernelLaunch, the FileAnalysis and its FileContext; output: one
templated Edit and CP4509/CP4510 Findings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.brackets import split_text
from translator.frontend.macrolaunch import kernel_parameter
from translator.model import KernelLaunch
from translator.targets.sycl.analysis import DeviceFunction, FileAnalysis, tok_index
from translator.targets.sycl.kernelrefs import pointer_launch
from translator.targets.sycl.macrolaunch import macro_kernel

if TYPE_CHECKING:
    from translator.engine.context import FileContext


def rewrite_launch(ctx: FileContext, an: FileAnalysis, launch: KernelLaunch) -> None:
    if pointer_launch(ctx, an, launch):
        return
    callee = ctx.text(launch.callee)
    name = re.sub(r"<.*$", "", callee, flags=re.DOTALL).split("::")[-1].strip()
    defs = [f for f in an.funcs.get(name, ()) if f.kernel]
    if not any(d.fdef.body is not None for d in defs):
        # defined in an included project header: its __shared__ variables are made here all the same
        from translator.targets.sycl.headers import header_analyses

        defs += [f for h in header_analyses(ctx) for f in h.funcs.get(name, ()) if f.kernel]
    f = next((d for d in defs if d.fdef.body is not None), defs[0] if defs else None)
    if f is None and kernel_parameter(ctx.parsed.tokens, launch.callee.offset) is not None:
        f = macro_kernel(ctx, an, launch)  # `#define RUN(k) k<<<...>>>(...)`: the kernels its uses launch
    elif f is None:
        ctx.report("CP4509", launch.span, callee)
    shared = f.shared if f else []
    warp = bool(f and f.uses_warp)
    subst = _template_map(f, callee) if f else {}
    accessors: list[str] = []
    passes: list[str] = []
    dynamic = False
    for s in shared:
        elem = _substitute(s.elem_type, subst)
        if f and any(re.search(rf"\b{re.escape(p)}\b", elem + s.dims) for p in f.fdef.template_params
                     if p not in subst):
            ctx.report("CP4510", launch.span, f"{s.name} of {name}")
        if s.extern:
            if not dynamic:
                size = ctx.text(launch.shmem) if launch.shmem else "0"
                accessors.append(f"sycl::local_accessor<std::byte, 1> dynamic_shared(sycl::range<1>({size}), cgh);")
                dynamic = True
            passes.append(f"cpsycl::local_ptr<{elem}>(dynamic_shared)")
        else:
            dims = _substitute(s.dims, subst)
            accessors.append(f"sycl::local_accessor<{elem}{dims}, 0> {s.name}(cgh);")
            passes.append(s.name)
    indent = _indent(ctx, launch.span.offset)
    k = tok_index(an.view, launch.span.offset)
    in_macro = k < len(an.view.toks) and an.view.toks[k].directive >= 0
    stream = launch.stream
    grid, block = launch.grid, launch.block

    def build(render, ln=launch) -> str:  # type: ignore[no-untyped-def]
        stream_text = render(stream.offset, stream.end).strip() if stream else "0"
        queue = "cpsycl::default_queue()" if stream_text in ("0", "nullptr", "NULL") else \
            f"cpsycl::queue_of({stream_text})"
        rng = f"cpsycl::nd_range({render(grid.offset, grid.end)}, {render(block.offset, block.end)})"
        args = [render(a.offset, a.end) for a in ln.args]
        at = f.extra_at if f is not None and f.extra_at is not None and f.extra_at < len(args) else len(args)
        args[at:at] = ["item"] + passes  # before the defaulted parameters, where the signature put them
        call = f"{render(ln.callee.offset, ln.callee.end)}({', '.join(args)});"
        attr = " [[sycl::reqd_sub_group_size(32)]]" if warp else ""
        lam = f"[=](sycl::nd_item<3> item){attr} {{"
        if not accessors:
            return _continued(f"{queue}.parallel_for({rng}, {lam}\n{indent}    {call}\n{indent}}})", in_macro)
        inner = indent + "    "
        lines = [f"{queue}.submit([&](sycl::handler& cgh) {{"]
        lines += [inner + a for a in accessors]
        lines += [f"{inner}cgh.parallel_for({rng}, {lam}", f"{inner}    {call}", f"{inner}}});", f"{indent}}})"]
        return _continued("\n".join(lines), in_macro)

    ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="kernel launch", build=build))


def _continued(text: str, in_macro: bool) -> str:
    """A launch inside a #define body stays in it: every new line break gets its backslash."""
    return re.sub(r"(?<!\\)\n", " \\\n", text) if in_macro else text


def _template_map(f: DeviceFunction, callee: str) -> dict[str, str]:
    params = f.fdef.template_params
    m = re.search(r"<(.*)>\s*$", callee, re.DOTALL)
    if not params or not m:
        return {}
    return dict(zip(params, split_text(m.group(1)), strict=False))


def _substitute(text: str, subst: dict[str, str]) -> str:
    for p, a in subst.items():
        if p != a:
            text = re.sub(rf"\b{re.escape(p)}\b", a, text)
    return text


def _indent(ctx: FileContext, offset: int) -> str:
    data = ctx.parsed.data
    ls = data.rfind(b"\n", 0, offset) + 1
    line = data[ls:offset].decode("utf-8", "surrogateescape")
    return line[: len(line) - len(line.lstrip())]
