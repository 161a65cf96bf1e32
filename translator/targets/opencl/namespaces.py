"""OpenCL device code: device functions of one name in different namespaces stay apart in the flat .cl.

Input: a FileContext with its clang AST and the DeviceScan. Output: the scan with those functions renamed
(`a::scale` -> `a__scale`), an Edit at each definition's name and at each call clang resolved to one of them.
OpenCL C has no namespaces; the .cl used to hold two `scale(float)` (a redefinition), and with different
signatures the overloadable functions bound each call by argument types instead of by C++ name lookup: a
wrong result from a program that built. A function whose name no other device function shares keeps it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace as dc_replace
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.targets.opencl.scan import DeviceScan


def qualified_cl_name(namespaces: list[str], name: str) -> str:
    """The .cl name of `ns1::ns2::name` (anonymous namespaces spelled `anon`)."""
    return "__".join([n or "anon" for n in namespaces] + [name])


def separate_namespaces(ctx: FileContext, scan: DeviceScan) -> DeviceScan:
    """Device functions renamed here; kernels keep their name (their stubs are C++, in their namespaces) and get
    a qualified .cl name (DevFunc.cl_name) that their stubs launch."""
    tu = ctx.parsed.tu
    kernels = Counter(f.name for f in scan.funcs if f.kind == "kernel")
    scan = dc_replace(scan, funcs=[dc_replace(f, cl_name=qualified_cl_name(scan.qualifier(f.start), f.name))
                                   if f.kind == "kernel" and kernels[f.name] > 1 and scan.qualifier(f.start) else f
                                   for f in scan.funcs])
    counts = Counter(f.name for f in scan.funcs if f.kind != "kernel")
    clashing = [f for f in scan.funcs if f.kind != "kernel" and counts[f.name] > 1 and scan.qualifier(f.start)]
    if tu is None or not clashing:
        return scan
    renamed = {f.kdef.name_span.offset: qualified_cl_name(scan.qualifier(f.start), f.name) for f in clashing}
    ranges = scan.ranges()
    for f in clashing:
        span = f.kdef.name_span
        ctx.edits.append(Edit(span.offset, span.length, renamed[span.offset], origin="opencl namespace", priority=5))
    _rename_calls(ctx, renamed, ranges)
    funcs = [dc_replace(f, name=renamed[f.kdef.name_span.offset]) if f in clashing else f for f in scan.funcs]
    return dc_replace(scan, funcs=funcs)


def _rename_calls(ctx: FileContext, renamed: dict[int, str], ranges: list[tuple[int, int]]) -> None:
    """The name token of every reference in device code that clang resolved to a renamed function (its
    definition's name offset), unresolved calls in templates included when every candidate is one function."""
    from clang.cindex import CursorKind, conf

    parsed = ctx.parsed
    main = str(parsed.path)
    data = parsed.data
    for cur in main_file_cursors_of(parsed.tu, main, (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF)):
        if cur.kind not in (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF):
            continue
        loc = cur.location
        if loc.file is None or loc.file.name != main or not any(a <= loc.offset < b for a, b in ranges):
            continue
        if cur.kind == CursorKind.OVERLOADED_DECL_REF:
            decls = [conf.lib.clang_getOverloadedDecl(cur, i) for i in range(conf.lib.clang_getNumOverloadedDecls(cur))]
        else:
            decls = [cur.referenced] if cur.referenced is not None else []
        names = {renamed.get(resolved_offset(d, main)) for d in decls}
        if len(names) != 1 or None in names:
            continue
        new = names.pop()
        name = cur.spelling
        at = loc.offset
        if data[at:at + len(name)].decode("utf-8", "surrogateescape") != name:
            continue  # spelled by a macro
        ctx.edits.append(Edit(at, len(name), new, origin="opencl namespace", priority=5))


def resolved_offset(decl, main: str) -> int:  # type: ignore[no-untyped-def]
    """Offset of the name of `decl`'s definition (or of its template's) in the main file, -1 elsewhere."""
    from clang.cindex import conf

    if decl is None:
        return -1
    tmpl = conf.lib.clang_getSpecializedCursorTemplate(decl)
    if tmpl is not None and tmpl.kind.is_declaration():
        decl = tmpl
    d = decl.get_definition() or decl
    loc = d.location
    return loc.offset if loc.file is not None and loc.file.name == main else -1
