"""OpenCL device code: explicit conversions from floating to integer types saturate, as in CUDA.

Input: a FileContext with its clang AST and the device code ranges. Output: build Edits in ctx.edits.
CUDA compiles `(int)f` to a saturating conversion (cvt.rzi: out-of-range values clamp, NaN gives 0). In OpenCL
C, as in C, an out-of-range conversion is undefined, and optimising OpenCL compilers exploit it (PoCL's gave a
wrong count in real code that Oclgrind got right). `convert_<type>_sat_rtz(f)` is CUDA's conversion exactly,
so each explicit cast, functional cast or static_cast from float/double to an integer type becomes one.
Implicit conversions and casts the AST does not show (template bodies, macro expansions) stay as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_INTEGER = {"CHAR_S": "char", "SCHAR": "char", "CHAR_U": "uchar", "UCHAR": "uchar", "SHORT": "short",
            "USHORT": "ushort", "INT": "int", "UINT": "uint", "LONG": "long", "LONGLONG": "long",
            "ULONG": "ulong", "ULONGLONG": "ulong"}
_FLOATING = {"FLOAT", "DOUBLE"}


def saturating_conversions(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    casts = (CursorKind.CSTYLE_CAST_EXPR, CursorKind.CXX_FUNCTIONAL_CAST_EXPR, CursorKind.CXX_STATIC_CAST_EXPR)
    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    lo, hi = min(a for a, _ in ranges), max(b for _, b in ranges)
    for cur in main_file_cursors_of(tu, main, casts):
        if cur.kind not in casts:
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main or ext.end.file is None \
                or ext.end.file.name != main:
            continue
        start, end = ext.start.offset, ext.end.offset
        if start < lo or end > hi or not any(a <= start and end <= b for a, b in ranges):
            continue
        to = _INTEGER.get(cur.type.get_canonical().kind.name)
        operand = _operand(cur)
        if to is None or operand is None or operand.type.get_canonical().kind.name not in _FLOATING:
            continue
        op = operand.extent
        if op.start.file is None or op.start.file.name != main or not start < op.start.offset < op.end.offset <= end:
            continue
        if data[start:start + 1] not in (b"(", b"s") and cur.kind == CursorKind.CSTYLE_CAST_EXPR:
            continue  # spelled by a macro: the text is not where the cursor says
        a, b = op.start.offset, op.end.offset
        ctx.edits.append(Edit(start, end - start, origin="saturating conversion",
                              build=lambda render, a=a, b=b, to=to: f"convert_{to}_sat_rtz({render(a, b)})"))


def _operand(cast):  # type: ignore[no-untyped-def]
    """The converted expression: the cast's last child (the first may name the type), through parentheses and
    the implicit conversions clang records (e.g. float to double before a cast to long)."""
    from clang.cindex import CursorKind

    kids = [k for k in cast.get_children() if k.kind not in (CursorKind.TYPE_REF, CursorKind.TEMPLATE_REF,
                                                              CursorKind.NAMESPACE_REF)]
    if not kids:
        return None
    expr = kids[-1]
    # clang shows the conversion itself as an implicit cast (unexposed) of the cast's own type: look through it
    while expr.kind == CursorKind.UNEXPOSED_EXPR and expr.type.get_canonical().kind.name not in _FLOATING:
        inner = list(expr.get_children())
        if len(inner) != 1:
            return None
        expr = inner[0]
    return expr
