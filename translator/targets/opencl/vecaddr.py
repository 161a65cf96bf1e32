"""OpenCL device code: the address of one component of a CUDA vector (`&v.x`, `&p->y`) as a pointer into it.

Input: a FileContext with its clang AST and the device code ranges. Output: edits in ctx.edits.
CUDA's `float4` is a struct, so `reinterpret_cast<__half2*>(&a8.x)` takes the address of its first member; in
OpenCL C `float4` is a vector and `&a8.x` is an error ("address of vector element requested"). Where clang
says the operand of `&` is a member of a 2- or 4-component CUDA vector, `&E.c` becomes
`CP_VEC_ELEM_ADDR(&E, c)` and `&E->c` becomes `CP_VEC_ELEM_ADDR(E, c)`: the vector's address cast to a
pointer to its component type (with the vector's address space and qualifiers, through `__typeof__`) plus the
component's index. 1- and 3-component vectors are structs in the .cl (`cp_float3`) and need nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.core import FileContext

# CUDA vector structs that are OpenCL vector types in the .cl
_VECTOR = re.compile(r"(?:u?char|u?short|u?int|u?long|u?longlong|float|double)[24]")
_INDEX = {"x": 0, "y": 1, "z": 2, "w": 3}

# prelude text (prelude.py): the component pointer keeps the vector's address space (typeof of the component)
PRELUDE_VEC_ADDR = r"""/* `&v.x` of a CUDA vector: OpenCL C takes no address of a vector component */
#define CP_VEC_IDX_x 0
#define CP_VEC_IDX_y 1
#define CP_VEC_IDX_z 2
#define CP_VEC_IDX_w 3
#define CP_VEC_ELEM_ADDR(pv, c) ((__typeof__((*(pv)).c)*)(pv) + CP_VEC_IDX_##c)
"""


def vector_component_addresses(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    for cur in main_file_cursors_of(tu, main, (CursorKind.UNARY_OPERATOR,)):
        if cur.kind != CursorKind.UNARY_OPERATOR:
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main or ext.end.file is None \
                or ext.end.file.name != main:
            continue
        start, end = ext.start.offset, ext.end.offset
        if data[start:start + 1] != b"&" or data[start:start + 2] == b"&&" \
                or not any(a <= start and end <= b for a, b in ranges):
            continue
        kids = list(cur.get_children())
        member = kids[0] if len(kids) == 1 else None
        if member is None or member.kind != CursorKind.MEMBER_REF_EXPR or member.spelling not in _INDEX:
            continue
        base = next(iter(member.get_children()), None)
        if base is None or not _is_vector(base.type):
            continue
        _rewrite(ctx, start, end, base.extent.end.offset, member.spelling)


def _is_vector(t) -> bool:  # type: ignore[no-untyped-def]
    """Whether a member's base expression (a value or, for `->`, a pointer) has a 2/4-component CUDA vector
    type."""
    canon = t.get_canonical()
    if canon.kind.name == "POINTER":
        canon = canon.get_pointee().get_canonical()
    decl = canon.get_declaration()
    return decl is not None and bool(_VECTOR.fullmatch(decl.spelling or ""))


def _rewrite(ctx: FileContext, start: int, end: int, base_end: int, comp: str) -> None:
    """`&E.c` / `&E->c` spanning [start, end) with E ending at base_end; the text between E and c must be
    the member operator alone (no macro spelling it)."""
    data = ctx.parsed.data
    between = data[base_end:end - len(comp)]
    if data[end - len(comp):end].decode() != comp or between.strip() not in (b".", b"->"):
        return
    arrow = between.strip() == b"->"
    if arrow:
        ctx.edits.append(Edit(start, 1, "CP_VEC_ELEM_ADDR(", origin="vector component address"))
    else:
        ctx.insert(start, "CP_VEC_ELEM_ADDR(", "vector component address")
    ctx.edits.append(Edit(base_end, end - len(comp) - base_end, ", ", origin="vector component address"))
    ctx.insert(end, ")", "vector component address")
