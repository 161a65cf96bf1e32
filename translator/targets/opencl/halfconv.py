"""OpenCL device code: CUDA's half/bfloat16 operators and implicit conversions become explicit calls.

Input: a FileContext with its clang AST and the device code ranges. Output: insertions in ctx.edits.
In CUDA `a + b` on two __half values converts both to float through `operator float()`, and `__half h = f`
converts back through a constructor; `a + b` on two __half is cuda_fp16.hpp's operator+, i.e. __hadd. The
.cl prelude's cp_half is a struct (no cl_khr_fp16 here), so the AST's operator calls and user-defined
conversions are written out: `cp_hadd(a, b)`, `cp_f(a) * 2.0f`, `cp_float2half(f)`. What the AST
does not show (template bodies, explicit functional casts) stays as written and fails to compile in
OpenCL C rather than computing on the 16 storage bits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext

# CUDA storage type -> the prelude's float-to-type conversion (round to nearest even, as the constructor)
_FROM_FLOAT = {"__half": "cp_float2half", "__nv_bfloat16": "cp_float2bfloat16"}
# The OpenCL spellings of rules/math/half.yaml and bfloat16.yaml, for template arguments substituted into a
# kernel (`k<half2><<<...>>>`): the host spelling must not reach the .cl, where half2 is a cl_khr_fp16 type.
# tests/targets/opencl/test_half.py checks this table against the rules.
CL_TYPES = {"__half": "cp_half", "half": "cp_half", "nv_half": "cp_half", "__half2": "cp_half2", "half2": "cp_half2",
            "nv_half2": "cp_half2", "__nv_bfloat16": "cp_bfloat16", "nv_bfloat16": "cp_bfloat16",
            "__nv_bfloat162": "cp_bfloat162", "nv_bfloat162": "cp_bfloat162"}
_HALF_TYPES = {"__half", "__half2", "__nv_bfloat16", "__nv_bfloat162"}
# cuda_fp16.hpp / cuda_bf16.hpp: each operator is one intrinsic (the same for bfloat16; half2 uses the "2" forms)
_BINARY = {"+": "hadd", "-": "hsub", "*": "hmul", "/": "hdiv", "==": "heq", "!=": "hneu", "<": "hlt",
           "<=": "hle", ">": "hgt", ">=": "hge"}
_BINARY2 = {"+": "hadd2", "-": "hsub2", "*": "hmul2", "/": "h2div", "==": "hbeq2", "!=": "hbneu2", "<": "hblt2",
            "<=": "hble2", ">": "hbgt2", ">=": "hbge2"}
_SIDE_EFFECTS = re.compile(r"\+\+|--|[^=!<>]=[^=]|\(")
_CL_TYPE_RE = re.compile(r"\b(" + "|".join(sorted(CL_TYPES, key=len, reverse=True)) + r")\b")


def cl_half_types(text: str) -> str:
    """A type as written on the host (a template argument) with CUDA's half/bfloat16 names in .cl spelling."""
    return _CL_TYPE_RE.sub(lambda m: CL_TYPES[m.group(1)], text)


def explicit_half_conversions(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    seen: set[tuple[int, int, str]] = set()
    var_names: set[int] = set()  # offsets of the names of declared variables: `half h(f)` starts its constructor
    cursors = main_file_cursors_of(tu, main, (CursorKind.VAR_DECL, CursorKind.CALL_EXPR))
    for cur in cursors:
        if cur.kind == CursorKind.VAR_DECL and cur.location.file is not None and cur.location.file.name == main:
            var_names.add(cur.location.offset)
        if cur.kind != CursorKind.CALL_EXPR:
            continue
        ref = cur.referenced
        if ref is None or ref.semantic_parent is None or (ref.semantic_parent.spelling not in _FROM_FLOAT
                                                          and not _is_half_operator(ref)):
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main or ext.end.file is None \
                or ext.end.file.name != main:
            continue
        start, end = ext.start.offset, ext.end.offset
        if not any(a <= start and end <= b for a, b in ranges):
            continue
        if ref.kind == CursorKind.FUNCTION_DECL and ref.spelling.startswith("operator"):
            _operator(ctx, cur, ref.spelling[len("operator"):], start, end)
            continue
        if ref.kind == CursorKind.CONVERSION_FUNCTION and ref.spelling == "operator float":
            wrap = "cp_f("
        elif ref.kind == CursorKind.CONSTRUCTOR:
            args = list(cur.get_arguments())
            arg = args[0].type.get_canonical().get_declaration() if len(args) == 1 else None
            copy = arg is not None and arg.spelling in _FROM_FLOAT
            if len(args) == 1 and start in var_names:
                _direct_init(ctx, start, end, args[0], "" if copy else _FROM_FLOAT[ref.semantic_parent.spelling])
                continue
            if len(args) != 1 or (args[0].extent.start.offset, args[0].extent.end.offset) != (start, end):
                continue  # an explicit `__half(x)`: left to fail loudly
            if copy:
                continue  # a copy, no conversion
            wrap = _FROM_FLOAT[ref.semantic_parent.spelling] + "("
        else:
            continue
        if not data[start:end].strip() or (start, end, wrap) in seen:
            continue
        seen.add((start, end, wrap))
        ctx.insert(start, wrap, "half conversion")
        ctx.insert(end, ")", "half conversion")


def _direct_init(ctx: FileContext, start: int, end: int, arg, convert: str) -> None:  # type: ignore[no-untyped-def]
    """`__half h(f);` / `__half h{f};` (the constructor's extent starts at the variable's name) ->
    `h = cp_float2half(f)`; a copy `__half g(h)` -> `g = (h)`. OpenCL C has no direct-initialisation."""
    data = ctx.parsed.data
    a, b = arg.extent.start.offset, arg.extent.end.offset
    m = re.match(rb"[A-Za-z_]\w*\s*[({]", data[start:a + 1])
    if m is None or data[end - 1:end] not in (b")", b"}") or not start < a <= b < end:
        return
    name_end = start + len(m.group(0).rstrip(b"({").rstrip())
    _replace(ctx, name_end, a, f" = {convert}(")
    _replace(ctx, b, end, ")")


def _is_half_operator(ref) -> bool:  # type: ignore[no-untyped-def]
    if not ref.spelling.startswith("operator"):
        return False
    args = list(ref.get_arguments())
    decl = args[0].type.get_pointee().get_declaration() if args else None
    if decl is None or not decl.spelling:
        decl = args[0].type.get_canonical().get_declaration() if args else None
    return decl is not None and decl.spelling in _HALF_TYPES


def _operator(ctx: FileContext, cur, op: str, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """`a + b` -> `cp_hadd(a, b)`; `-a` -> `cp_hneg(a)`; `a += b` -> `a = cp_hadd(a, b)` when `a` has no side
    effects (otherwise it stays and fails to compile)."""
    args = list(cur.get_arguments())
    data = ctx.parsed.data
    pair = "2" if _half_type_of(args[0]) in ("__half2", "__nv_bfloat162") else ""
    if len(args) == 1:
        if op == "-":
            ctx.insert(start, f"cp_hneg{pair}(", "half operator")
            _replace(ctx, start, args[0].extent.start.offset, "")
            ctx.insert(end, ")", "half operator")
        return
    if len(args) != 2:
        return
    lhs_end, rhs_start = args[0].extent.end.offset, args[1].extent.start.offset
    between = data[lhs_end:rhs_start].decode("utf-8", "replace").strip()
    compound = between.endswith("=") and between[:-1] in _BINARY and between not in _BINARY
    base = between[:-1] if compound else between
    table = _BINARY2 if pair else _BINARY
    if base not in table:
        return
    name = "cp_" + table[base]
    if compound:
        lhs = data[start:lhs_end].decode("utf-8", "replace")
        if _SIDE_EFFECTS.search(lhs):
            return
        _replace(ctx, lhs_end, rhs_start, f" = {name}({lhs}, ")
    else:
        ctx.insert(start, name + "(", "half operator")
        _replace(ctx, lhs_end, rhs_start, ", ")
    ctx.insert(end, ")", "half operator")


def _half_type_of(arg) -> str:  # type: ignore[no-untyped-def]
    decl = arg.type.get_canonical().get_declaration()
    return decl.spelling if decl is not None else ""


def _replace(ctx: FileContext, start: int, end: int, text: str) -> None:
    ctx.edits.append(Edit(start, end - start, text, origin="half operator"))
