"""OpenCL device code: C++ direct-initialisation of scalars becomes C's copy-initialisation.

Input: a FileContext with its clang AST. Output: the variables found (for the scan of top-level constants)
and insertions in ctx.edits. `constexpr unsigned int N(16);` and `unsigned int x(blockIdx.x * 4);` are
variables initialised with parentheses; in OpenCL C (as in C) the same text declares a function, so the .cl
would not compile. Where clang says the declaration is a variable of arithmetic, enum or pointer type (a
record's constructor is another matter, its copy constructor excepted), ` = ` goes before the `(`:
`N = (16)`, the same value in C++ and C.
Only variables of device code and top-level ones (constants that may move to the .cl) are rewritten.
Assignments from braces (`v = {};`) become compound literals (`brace_assignments`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of
from translator.targets.opencl.halfconv import cl_half_types
from translator.targets.opencl.spelling import VECTOR_TYPE

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_KINDS = {"BOOL", "CHAR_S", "SCHAR", "CHAR_U", "UCHAR", "SHORT", "USHORT", "INT", "UINT", "LONG", "LONGLONG",
          "ULONG", "ULONGLONG", "FLOAT", "DOUBLE", "ENUM", "POINTER"}


@dataclass(frozen=True)
class DirectInit:
    name: int  # offset of the variable's name
    paren: int  # offset of the `(` after it
    top_level: bool


def direct_initialisations(ctx: FileContext) -> list[DirectInit]:
    tu = ctx.parsed.tu
    if tu is None:
        return []
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    out = []
    for cur in main_file_cursors_of(tu, main, (CursorKind.VAR_DECL,)):
        if cur.kind != CursorKind.VAR_DECL:
            continue
        loc = cur.location
        if loc.file is None or loc.file.name != main:
            continue
        name = cur.spelling.encode()
        at = loc.offset
        if not name or data[at:at + len(name)] != name:
            continue  # spelled by a macro
        k = at + len(name)
        while k < len(data) and data[k:k + 1] in (b" ", b"\t", b"\n", b"\r"):
            k += 1
        if data[k:k + 1] != b"(" or not any(True for _ in cur.get_children()):
            continue
        if cur.type.get_canonical().kind.name not in _KINDS and not _copied(cur):
            continue
        parent = cur.semantic_parent
        top = parent is not None and parent.kind in (CursorKind.TRANSLATION_UNIT, CursorKind.NAMESPACE)
        out.append(DirectInit(at, k, top))
    return out


def _copied(var) -> bool:  # type: ignore[no-untyped-def]
    """A record variable initialised by its copy constructor (`uchar4 p(table[i])`): the C struct copy."""
    from clang.cindex import CursorKind

    kids = [k for k in var.get_children() if k.kind == CursorKind.CALL_EXPR]
    if len(kids) != 1 or kids[0].referenced is None or kids[0].referenced.kind != CursorKind.CONSTRUCTOR:
        return False
    args = list(kids[0].get_arguments())
    want = var.type.get_canonical().get_declaration()
    return len(args) == 1 and args[0].type.get_canonical().get_declaration() == want


def copy_initialise(ctx: FileContext, found: list[DirectInit], ranges: list[tuple[int, int]]) -> None:
    for d in found:
        if d.top_level or any(a <= d.name < b for a, b in ranges):
            ctx.insert(d.paren, " = ", "copy initialisation")


def brace_assignments(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    """`v = {};` / `v = {a, b};` in device code (C++ list-assignment, `operator=` of a temporary built from the
    braces) -> C's compound literal `v = (T){0};` / `v = (T){a, b};` with T the assigned variable's type:
    OpenCL C has no braced expression outside an initialiser."""
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    from clang.cindex import CursorKind

    data = ctx.parsed.data
    main = str(ctx.parsed.path)
    for cur in main_file_cursors_of(tu, main, (CursorKind.BINARY_OPERATOR, CursorKind.CALL_EXPR)):
        if cur.kind == CursorKind.BINARY_OPERATOR or (cur.kind == CursorKind.CALL_EXPR
                                                      and cur.spelling == "operator="):
            kids = [k for k in cur.get_children() if k.spelling != "operator="]
        else:
            continue
        if len(kids) != 2 or cur.location.file is None or cur.location.file.name != main:
            continue
        lhs, rhs = kids
        a, b = rhs.extent.start.offset, rhs.extent.end.offset
        if not any(lo <= a and b <= hi for lo, hi in ranges) or data[a:a + 1] != b"{" or data[b - 1:b] != b"}":
            continue
        between = data[lhs.extent.end.offset:a].strip()
        spelled = lhs.type.spelling.replace("const ", "").replace("volatile ", "").strip()
        if between != b"=" or not spelled or "(" in spelled or "[" in spelled:
            continue
        cast = f"({_cl_type(ctx, spelled)})"
        if not data[a + 1:b - 1].strip():
            cl = _cl_type(ctx, spelled)
            zero = "(0)" if VECTOR_TYPE.fullmatch(cl) and not cl.startswith("cp_") else "{0}"  # a vector literal
            ctx.edits.append(Edit(a, b - a, cast + zero, origin="compound literal"))
        else:
            ctx.insert(a, cast, "compound literal")


def _cl_type(ctx: FileContext, spelled: str) -> str:
    """A CUDA type as clang spells it, in the .cl's words: each name with an OpenCL rename in rules/types
    (`float3` -> `cp_float3`, `__half2` -> `cp_half2`)."""
    def word(m: re.Match[str]) -> str:
        rule = ctx.rules.get(m.group(0))
        tr = rule.for_target("opencl") if rule is not None and rule.kind == "type" else None
        return tr.rename if tr is not None and tr.rename else m.group(0)

    return re.sub(r"[A-Za-z_]\w*", word, cl_half_types(spelled))
