"""OpenCL device code: arguments of CUDA math functions get the parameter type of the overload clang chose.

Input: a FileContext with its clang AST and the device code ranges. Output: insertions in ctx.edits.
CUDA's `max(b.x, 0)` with a `char` b.x calls `max(int, int)` after the usual conversions; OpenCL C's `max` is
one builtin per gentype with both arguments of the same type, so mixed arguments are "ambiguous" (or pick
another type than CUDA did). Where an argument's own type differs from the parameter type of the declaration
clang resolved (a CUDA math function, rules family `math`), the argument gets that conversion written out:
`max((int)(b.x), 0)` (for min/max every argument then; elsewhere only integer -> floating, as the parsing
prelude declares the C library's double versions where CUDA has float overloads too). Only arithmetic
scalars: pointers and vectors stay. Macro expansions (the text is elsewhere) stay as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_SCALAR = {"BOOL": "bool", "CHAR_S": "char", "SCHAR": "char", "CHAR_U": "uchar", "UCHAR": "uchar",
           "SHORT": "short", "USHORT": "ushort", "INT": "int", "UINT": "uint", "LONG": "long", "LONGLONG": "long",
           "ULONG": "ulong", "ULONGLONG": "ulong", "FLOAT": "float", "DOUBLE": "double"}
_FLOATING = {"FLOAT", "DOUBLE"}
_MIXED = {"min", "max"}  # declared in the bundled prelude with CUDA's overloads


def math_argument_conversions(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    lo, hi = min(a for a, _ in ranges), max(b for _, b in ranges)
    templates = [(c.extent.start.offset, c.extent.end.offset)
                 for c in main_file_cursors_of(tu, main, (CursorKind.FUNCTION_TEMPLATE,))
                 if c.kind == CursorKind.FUNCTION_TEMPLATE and c.extent.start.file is not None
                 and c.extent.start.file.name == main]
    for cur in main_file_cursors_of(tu, main, (CursorKind.CALL_EXPR,)):
        if cur.kind != CursorKind.CALL_EXPR or not _is_math(ctx, cur, main):
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main:
            continue
        start = ext.start.offset
        if start < lo or start > hi or not any(a <= start < b for a, b in ranges):
            continue
        in_template = any(a <= start < b for a, b in templates)
        if cur.spelling in _MIXED and not in_template:
            continue  # typed library calls (stdlib.py) write min/max of concrete types in CUDA's result type
        params = _conversions(cur)
        args = list(cur.get_arguments())
        # min/max: once one argument converts, or in a template, all are written with the type: an instance's
        # substituted values (`min(16, BITS - 3)` with BITS = 10u -> 10) change the types the AST showed
        every = cur.spelling in _MIXED and (any(_before_conversion(a).type.get_canonical().kind.name != w
                                                for a, w in zip(args, params, strict=False))
                                            or in_template)
        for arg, want in zip(args, params, strict=False):
            to = _SCALAR.get(want)
            inner = _before_conversion(arg)
            have = inner.type.get_canonical().kind.name
            if to is None or have not in _SCALAR or (have == want and not every):
                continue
            if cur.spelling not in _MIXED and not (have not in _FLOATING and want in _FLOATING):
                continue  # only integer -> floating: the prelude's C declarations lack CUDA's float overloads
            a, b = inner.extent.start, inner.extent.end
            if a.file is None or a.file.name != main or b.file is None or b.file.name != main:
                continue
            if a.offset >= b.offset or not data[a.offset:b.offset].strip():
                continue  # a macro expansion: the text is not where the cursor says
            ctx.insert(a.offset, f"({to})(", "math argument conversion")
            ctx.insert(b.offset, ")", "math argument conversion")


def _conversions(cur) -> list[str]:  # type: ignore[no-untyped-def]
    """The type each argument converts to: the parameter's, except for CUDA's mixed min/max overloads
    (`unsigned min(int, unsigned)`, `double max(float, double)`), which compute in their result type."""
    params = [p.type.get_canonical().kind.name for p in cur.referenced.get_arguments()]
    result = cur.type.get_canonical().kind.name
    if cur.spelling in _MIXED and len(set(params)) > 1 and result in params:
        return [result] * len(params)
    return params


def _is_math(ctx: FileContext, cur, main: str) -> bool:  # type: ignore[no-untyped-def]
    """The call resolves to a declaration of the CUDA headers (not the file's own function) that the rules
    list as a math function."""
    rule = ctx.rules.get(cur.spelling)  # before the declaration's file, which costs more to ask
    if rule is None or rule.family != "math" or rule.kind != "function":
        return False
    ref = cur.referenced
    return not (ref is None or ref.location.file is None or ref.location.file.name == main)


def _before_conversion(arg):  # type: ignore[no-untyped-def]
    """The argument as written: through the implicit conversions (unexposed expressions) clang inserted."""
    from clang.cindex import CursorKind

    inner = arg
    while inner.kind == CursorKind.UNEXPOSED_EXPR:
        kids = list(inner.get_children())
        if len(kids) != 1:
            break
        inner = kids[0]
    return inner
