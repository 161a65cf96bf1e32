"""OpenCL device code: `auto` declarations take the type clang deduced for them.

Input: a FileContext with its clang AST and the device code ranges. Output: Edits in ctx.edits that replace
the `auto` of `auto x = init;` (and `const auto`) with the deduced type's OpenCL spelling: builtin scalars by
their canonical kind (`size_t` arithmetic is `ulong`), CUDA vector and half types by their OpenCL rule, user
structs by name. The token pass in spaces.py spells only initialisers that are one cast, variable or literal;
this covers arithmetic and calls (`auto i = (size_t)blockIdx.x * w + threadIdx.x`), where a guessed type could
change the results. Left as written (and so CP4032 or the token pass): types that depend on a template
parameter, `auto*` and `auto&`, declarations in a function clang reported an error in (its types may be error
recovery's `int`), and anything spelled by a macro.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_SCALARS = {"BOOL": "bool", "CHAR_S": "char", "SCHAR": "char", "CHAR_U": "uchar", "UCHAR": "uchar",
            "SHORT": "short", "USHORT": "ushort", "INT": "int", "UINT": "uint", "LONG": "long",
            "LONGLONG": "long", "ULONG": "ulong", "ULONGLONG": "ulong", "FLOAT": "float", "DOUBLE": "double"}


def deduced_autos(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    bad = _ranges_with_errors(tu, main, ranges)
    for cur in main_file_cursors_of(tu, main, (CursorKind.VAR_DECL,)):
        if cur.kind != CursorKind.VAR_DECL:
            continue
        loc = cur.location
        if loc.file is None or loc.file.name != main:
            continue
        r = next((r for r in ranges if r[0] <= loc.offset < r[1]), None)
        if r is None or r in bad:
            continue
        at = _auto_before(data, cur.extent.start.offset, loc.offset)
        if at is None:
            continue
        spelled = _spell(cur.type, ctx)
        if spelled is not None:
            ctx.edits.append(Edit(at, 4, spelled, origin="opencl deduced auto"))


def _auto_before(data: bytes, start: int, name: int) -> int | None:
    """Offset of the `auto` a declaration from `start` to its name at `name` is written with, when the words
    in between are only `auto` and cv-qualifiers (no `*`/`&`: the token pass spells those)."""
    if not 0 <= start < name or name - start > 200:
        return None
    words = data[start:name].decode("utf-8", "replace").split()
    if words.count("auto") != 1 or any(w not in ("auto", "const", "volatile") for w in words):
        return None
    at = data.find(b"auto", start, name)
    return at if at >= 0 else None


def _spell(ctype, ctx: FileContext) -> str | None:  # type: ignore[no-untyped-def]
    """The OpenCL C spelling of a deduced, non-dependent type without its cv-qualifiers; None otherwise."""
    from clang.cindex import TypeKind

    canon = ctype.get_canonical()
    if canon.kind == TypeKind.POINTER:  # the declaration then gets its address space as a written one does
        pointee = canon.get_pointee()
        inner = _spell(pointee, ctx)
        if inner is None:
            return None
        return f"{'const ' if pointee.is_const_qualified() else ''}{inner}*"
    if canon.kind.name in _SCALARS:
        return _SCALARS[canon.kind.name]
    if canon.kind != TypeKind.RECORD:
        return None
    decl = canon.get_declaration()
    name = decl.spelling
    if not name or decl.semantic_parent is None or decl.semantic_parent.kind.name != "TRANSLATION_UNIT" \
            or canon.get_num_template_arguments() > 0:
        return None  # in a namespace or a class, or a class template: not one name in the .cl
    rule = ctx.rules.get(name)
    mapping = rule.for_target("opencl") if rule is not None else None
    if mapping is not None:
        if mapping.rename:
            return mapping.rename
        return name if mapping.status == "supported" and not (mapping.template or mapping.handler) else None
    if decl.location.file is None or _in_system(decl.location.file.name):
        return None  # a prelude or library struct with no OpenCL rule
    return name


def _in_system(path: str) -> bool:
    return "/prelude/" in path or path.startswith("/usr/")


def _ranges_with_errors(tu, main: str, ranges: list[tuple[int, int]]) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    out = set()
    for d in tu.diagnostics:
        loc = d.location
        if d.severity < 3 or loc.file is None or loc.file.name != main:
            continue
        out |= {r for r in ranges if r[0] <= loc.offset < r[1]}
    return out
