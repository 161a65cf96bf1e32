"""SYCL target: kernels used as values (`void (*k)(float*, int) = &scale;`, `auto k = fill<int, 256>;`,
`k == &scale`, `run(scale)`). A translated kernel takes the nd_item and its local memory as extra parameters,
which no host pointer can pass, so each such kernel gets a host launcher right after its definition,
`scale_cudaport_launch(const cpsycl::launch_config&, <the kernel's parameters>)`, which submits the
parallel_for (with the kernel's local accessors and sub-group size) on the configuration's queue. The value
uses name the launcher instead, the function-pointer declarators that hold them (variables, parameters, fields,
typedefs and aliases whose type points to such a kernel's function type) get the configuration as their first
parameter, and a launch through such a pointer, `k<<<grid, block, shmem, stream>>>(args)`, becomes
`k(cpsycl::launch_config(grid, block, shmem, stream), args)`.

What a name refers to and what type a declaration has come from clang. A kernel that gets no launcher (defined
in another file, an explicit specialisation, a variadic template, unnamed or defaulted parameters, used before
its definition) is CP4514 at each value use, and so is every `&kernel` of a file clang could not parse (CP1001,
the tree-sitter fallback). Kernels passed to runtime calls (`cudaFuncGetAttributes(&a, scale)`) are the rules'
business and are left alone. Input: the file's analysis and clang TU; output: edits and findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of
from translator.frontend.lexer import IDENT
from translator.targets.sycl.analysis import DeviceFunction, FileAnalysis, byte_span, tok_index

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import KernelLaunch

LAUNCHER_SUFFIX = "_cudaport_launch"
CONFIG_TYPE = "const cpsycl::launch_config&"
_CONFIG = "cudaport_cfg"

# Tokens before a unary `&`: the address of the kernel is the value of an assignment, comparison or argument.
_BEFORE_ADDRESS = {"=", "==", "!=", "(", ",", "return", "?", ":", "{"}


@dataclass
class KernelValues:
    launchers: dict[str, DeviceFunction] = field(default_factory=dict)  # kernels that get a host launcher
    pointer_refs: set[int] = field(default_factory=set)  # offsets of names of variables that hold a launcher


def _kernel_references(ctx: FileContext) -> dict[int, str] | None:
    """Offset of each main-file expression that clang resolves to a __global__ function -> the canonical
    spelling of its function type; None without clang."""
    tu = ctx.parsed.tu
    if tu is None:
        return None
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    main = str(ctx.parsed.path)
    out: dict[int, str] = {}
    for cur in main_file_cursors_of(tu, main, (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF)):
        if cur.kind not in (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF) \
                or cur.location.file is None or cur.location.file.name != main:
            continue
        ref = cur.referenced
        if ref is not None and ref.kind in (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE) \
                and any(c.kind == CursorKind.CUDAGLOBAL_ATTR for c in ref.get_children()):
            out[cur.location.offset] = cur.type.get_canonical().spelling
    return out


def _in_api_call(ctx: FileContext, toks, k: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether token k is inside the argument list of a call of a name the rules know (a CUDA API)."""
    depth = 0
    for j in range(k - 1, max(k - 400, 0), -1):
        text = toks[j].text
        if text in (")", "]", "}"):
            depth += 1
        elif text in ("(", "[", "{"):
            if depth == 0:
                if text != "(" or j == 0:
                    return False
                name = toks[j - 1]
                if name.kind == IDENT and ctx.rules.get(name.text) is not None:
                    return True
                if name.kind != IDENT:
                    return False
            else:
                depth -= 1
        elif text == ";":
            return False
    return False


def _value_uses(ctx: FileContext, an: FileAnalysis, refs: dict[int, str] | None) -> list[tuple[int, bool]]:
    """(token index, taken with `&`) of each use of a kernel as a value."""
    toks = an.view.toks
    kernels = {name for name, fs in an.funcs.items() if any(f.kernel for f in fs)}
    out = []
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.directive >= 0 or k == 0:
            continue
        if (t.offset not in refs) if refs is not None else (t.text not in kernels):
            continue
        prev = toks[k - 1].text
        address = prev == "&" and (k < 2 or toks[k - 2].text in _BEFORE_ADDRESS)
        if refs is None:
            if address:
                out.append((k, True))
            continue
        j = k + 1
        if j < len(toks) and toks[j].text == "<":
            close = an.view.angle_close(j)
            j = close + 1 if close > 0 else j
        nxt = toks[j].text if j < len(toks) else ""
        if nxt in ("(", "<<") or prev in (".", "->") or _in_api_call(ctx, toks, k):
            continue  # a launch or call, a member of something else, or a runtime call's argument
        out.append((k, address))
    return out


def _launchable(ctx: FileContext, an: FileAnalysis, name: str, first_use: int) -> DeviceFunction | None:
    """The kernel's definition when a host launcher can be written after it."""
    defs = [f for f in an.funcs.get(name, ()) if f.kernel and f.fdef.body is not None and not f.member]
    if len(defs) != 1:
        return None
    f = defs[0]
    fdef = f.fdef
    if fdef.span.end > first_use or any(not p.name for p in fdef.params):
        return None
    if f.extra_at is not None and f.extra_at < len(fdef.params):
        return None  # defaulted parameters: the nd_item went before them
    head = _template_head(ctx, an, f)
    if head is None or "..." in head or (head and not fdef.template_params):
        return None  # unreadable, variadic, or an explicit specialisation
    return f


def _template_head(ctx: FileContext, an: FileAnalysis, f: DeviceFunction) -> str | None:
    """`template <typename T, int N>` of the kernel ("" for a plain function), None when unreadable."""
    view = an.view
    i = tok_index(view, f.fdef.span.offset)
    if i >= len(view.toks) or view.toks[i].text != "template":
        return ""
    close = view.angle_close(i + 1)
    if close < 0:
        return None
    return ctx.parsed.data[view.toks[i].offset:view.toks[close].end].decode("utf-8", "surrogateescape")


def kernel_values(ctx: FileContext, an: FileAnalysis) -> KernelValues:
    """The kernels used as values and how they are rewritten (cached on the context): launcher names at the
    uses, CP4514 where no launcher can be written, the configuration parameter in the pointer declarators."""
    cached = getattr(ctx, "_sycl_kernel_values", None)
    if cached is not None:
        return cached
    kv = KernelValues()
    ctx._sycl_kernel_values = kv  # type: ignore[attr-defined]
    if not any(f.kernel for fs in an.funcs.values() for f in fs):
        return kv
    refs = _kernel_references(ctx)
    uses = _value_uses(ctx, an, refs)
    toks = an.view.toks
    first: dict[str, int] = {}
    for k, _address in uses:
        first.setdefault(toks[k].text, toks[k].offset)
    types: set[str] = set()
    for k, address in uses:
        t = toks[k]
        f = _launchable(ctx, an, t.text, first[t.text]) if refs is not None else None
        if f is None:
            start = toks[k - 1].offset if address else t.offset
            ctx.report("CP4514", byte_span(ctx, start, t.end), t.text)
            continue
        kv.launchers[t.text] = f
        types.add(refs[t.offset])  # type: ignore[index]
        ctx.insert(t.end, LAUNCHER_SUFFIX, "kernel launcher")
    for f in {id(f): f for f in kv.launchers.values()}.values():
        _emit_launcher(ctx, an, f)
    if types:
        _pointer_declarations(ctx, an, types, kv)
    return kv


def flag_kernel_values(ctx: FileContext, an: FileAnalysis) -> None:
    kernel_values(ctx, an)


def _pointer_declarations(ctx: FileContext, an: FileAnalysis, types: set[str], kv: KernelValues) -> None:
    """Declarations whose type points to (or is an array of pointers to) a launcher's kernel type: their
    declarator gets the configuration parameter, and the uses of the variables are recorded for the launches."""
    from clang.cindex import CursorKind, TypeKind

    tu = ctx.parsed.tu
    main = str(ctx.parsed.path)
    decl_kinds = (CursorKind.VAR_DECL, CursorKind.PARM_DECL, CursorKind.FIELD_DECL, CursorKind.TYPEDEF_DECL,
                  CursorKind.TYPE_ALIAS_DECL)
    holders: set[tuple[str, int]] = set()
    for cur in main_file_cursors_of(tu, main, decl_kinds):
        if cur.kind not in decl_kinds or cur.location.file is None or cur.location.file.name != main:
            continue
        t = cur.underlying_typedef_type if cur.kind in (CursorKind.TYPEDEF_DECL, CursorKind.TYPE_ALIAS_DECL) \
            else cur.type
        t = t.get_canonical()
        while t.kind in (TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY):
            t = t.get_array_element_type().get_canonical()
        if t.kind != TypeKind.POINTER or t.get_pointee().get_canonical().spelling not in types:
            continue
        holders.add((main, cur.location.offset))
        _add_config_parameter(ctx, an, cur)
    # functions returning a kernel pointer through a typedef the loop above rewrote: `kfn pick(int)`
    for cur in main_file_cursors_of(tu, main, (CursorKind.FUNCTION_DECL,)):
        if cur.kind != CursorKind.FUNCTION_DECL or cur.location.file is None or cur.location.file.name != main:
            continue
        r = cur.result_type
        if r.kind == TypeKind.ELABORATED or r.get_declaration().kind == CursorKind.TYPEDEF_DECL:
            t = r.get_canonical()
            if t.kind == TypeKind.POINTER and t.get_pointee().get_canonical().spelling in types:
                holders.add((main, cur.location.offset))
    ref_kinds = (CursorKind.DECL_REF_EXPR, CursorKind.MEMBER_REF_EXPR)
    for cur in main_file_cursors_of(tu, main, ref_kinds):
        ref = cur.referenced
        if cur.kind in ref_kinds and ref is not None and ref.location.file is not None \
                and (ref.location.file.name, ref.location.offset) in holders:
            kv.pointer_refs.add(cur.location.offset)


def _add_config_parameter(ctx: FileContext, an: FileAnalysis, cur) -> None:  # type: ignore[no-untyped-def]
    """`void (*k)(float*, int)` -> `void (*k)(const cpsycl::launch_config&, float*, int)`; a declaration whose
    type is spelled through a typedef has no declarator of its own and is left to the typedef's."""
    view = an.view
    toks = view.toks
    start, end = tok_index(view, cur.extent.start.offset), tok_index(view, cur.extent.end.offset)
    for i in range(start, min(end, len(toks) - 1)):
        if toks[i].text != "(" or toks[i + 1].text != "*":
            continue
        close = view.match_close(i)
        if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "(":
            continue
        params = close + 1
        after = toks[params + 1].text if params + 1 < len(toks) else ")"
        if after == "void" and params + 2 < len(toks) and toks[params + 2].text == ")":
            ctx.replace(view.tok_span(params + 1, params + 1), CONFIG_TYPE, "kernel launcher type")
        else:
            ctx.insert(toks[params].end, CONFIG_TYPE + ("" if after == ")" else ", "), "kernel launcher type")
        return


def _emit_launcher(ctx: FileContext, an: FileAnalysis, f: DeviceFunction) -> None:
    """The host launcher after the kernel's definition: one edit over the definition, so the parameters are
    written as translated."""
    fdef = f.fdef
    head = _template_head(ctx, an, f) or ""
    view = an.view
    data = ctx.parsed.data
    targs = f"<{', '.join(fdef.template_params)}>" if fdef.template_params else ""
    accessors, passes = [], []
    dynamic = False
    for s in f.shared:
        if s.extern:
            if not dynamic:
                accessors.append("sycl::local_accessor<std::byte, 1> dynamic_shared("
                                 f"sycl::range<1>({_CONFIG}.shared_bytes), cgh);")
                dynamic = True
            passes.append(f"cpsycl::local_ptr<{s.elem_type}>(dynamic_shared)")
        else:
            accessors.append(f"sycl::local_accessor<{s.elem_type}{s.dims}, 0> {s.name}(cgh);")
            passes.append(s.name)
    attr = " [[sycl::reqd_sub_group_size(32)]]" if f.uses_warp else ""
    names_at = []
    for p in fdef.params:
        i, j = tok_index(view, p.span.offset), tok_index(view, p.span.end)
        at = next((view.toks[m].offset for m in range(j - 1, i - 1, -1) if view.toks[m].text == p.name), None)
        names_at.append((p, at if at is not None else p.span.offset))

    def build(render) -> str:  # type: ignore[no-untyped-def]
        params = [CONFIG_TYPE + " " + _CONFIG]
        for p, at in names_at:
            params.append(render(p.span.offset, at) + data[at:p.span.end].decode("utf-8", "surrogateescape"))
        args = ", ".join([p.name for p in fdef.params] + ["item"] + passes)
        lines = [f"{head}\n" if head else "", f"static void {fdef.name}{LAUNCHER_SUFFIX}({', '.join(params)}) {{\n",
                 f"  {_CONFIG}.queue().submit([&](sycl::handler& cgh) {{\n"]
        lines += [f"    {a}\n" for a in accessors]
        lines += [f"    cgh.parallel_for({_CONFIG}.range(), [=](sycl::nd_item<3> item){attr} {{\n",
                  f"      {fdef.name}{targs}({args});\n", "    });\n", "  });\n", "}"]
        return render(fdef.span.offset, fdef.span.end) + "\n\n" + "".join(lines)

    ctx.edits.append(Edit(fdef.span.offset, fdef.span.length, origin="kernel launcher", build=build))


def pointer_launch(ctx: FileContext, an: FileAnalysis, launch: KernelLaunch) -> bool:
    """`k<<<grid, block, shmem, stream>>>(args)` through a variable that holds a kernel launcher becomes
    `k(cpsycl::launch_config(grid, block, shmem, stream), args)`. False when the callee is no such variable."""
    kv = kernel_values(ctx, an)
    callee = launch.callee
    if not any(callee.offset <= o < callee.end for o in kv.pointer_refs):
        return False
    grid, block, shmem, stream = launch.grid, launch.block, launch.shmem, launch.stream

    def build(render) -> str:  # type: ignore[no-untyped-def]
        cfg = [render(grid.offset, grid.end), render(block.offset, block.end)]
        if shmem or stream:
            cfg.append(render(shmem.offset, shmem.end) if shmem else "0")
        if stream:
            cfg.append(render(stream.offset, stream.end))
        args = [f"cpsycl::launch_config({', '.join(cfg)})"] + [render(a.offset, a.end) for a in launch.args]
        return f"{render(callee.offset, callee.end)}({', '.join(args)})"

    ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="kernel launch", build=build))
    return True
