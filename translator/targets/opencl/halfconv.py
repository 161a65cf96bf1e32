"""OpenCL device code: CUDA's implicit half/bfloat16 conversions become explicit calls.

Input: a FileContext with its clang AST and the device code ranges. Output: insertions in ctx.edits.
In CUDA `a + b` on two __half values converts both to float through `operator float()`, and `__half h = f`
converts back through a constructor. The .cl prelude's cp_half is a struct (no cl_khr_fp16 here), so the
AST's user-defined conversions are written out: `cp_f(a) + cp_f(b)`, `cp_float2half(f)`. What the AST
does not show (template bodies, explicit functional casts) stays as written and fails to compile in
OpenCL C rather than computing on the 16 storage bits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translator.engine import FileContext

# CUDA storage type -> the prelude's float-to-type conversion (round to nearest even, as the constructor)
_FROM_FLOAT = {"__half": "cp_float2half", "__nv_bfloat16": "cp_float2bfloat16"}
# The OpenCL spellings of rules/math/half.yaml and bfloat16.yaml, for template arguments substituted into a
# kernel (`k<half2><<<...>>>`): the host spelling must not reach the .cl, where half2 is a cl_khr_fp16 type.
# tests/targets/opencl/test_half.py checks this table against the rules.
CL_TYPES = {"__half": "cp_half", "half": "cp_half", "nv_half": "cp_half", "__half2": "cp_half2", "half2": "cp_half2",
            "nv_half2": "cp_half2", "__nv_bfloat16": "cp_bfloat16", "nv_bfloat16": "cp_bfloat16",
            "__nv_bfloat162": "cp_bfloat162", "nv_bfloat162": "cp_bfloat162"}
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
    for cur in tu.cursor.walk_preorder():
        if cur.kind != CursorKind.CALL_EXPR:
            continue
        ref = cur.referenced
        if ref is None or ref.semantic_parent is None or ref.semantic_parent.spelling not in _FROM_FLOAT:
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main or ext.end.file is None \
                or ext.end.file.name != main:
            continue
        start, end = ext.start.offset, ext.end.offset
        if not any(a <= start and end <= b for a, b in ranges):
            continue
        if ref.kind == CursorKind.CONVERSION_FUNCTION and ref.spelling == "operator float":
            wrap = "cp_f("
        elif ref.kind == CursorKind.CONSTRUCTOR:
            args = list(cur.get_arguments())
            if len(args) != 1 or (args[0].extent.start.offset, args[0].extent.end.offset) != (start, end):
                continue  # an explicit `__half(x)` or a declaration with parentheses: left to fail loudly
            arg = args[0].type.get_canonical().get_declaration()
            if arg is not None and arg.spelling in _FROM_FLOAT:
                continue  # a copy, no conversion
            wrap = _FROM_FLOAT[ref.semantic_parent.spelling] + "("
        else:
            continue
        if not data[start:end].strip() or (start, end, wrap) in seen:
            continue
        seen.add((start, end, wrap))
        ctx.insert(start, wrap, "half conversion")
        ctx.insert(end, ")", "half conversion")
