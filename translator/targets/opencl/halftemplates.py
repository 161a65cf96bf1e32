"""OpenCL device code: template parameters that a function template computes on with C++ operators or conversions.

Input: a FileContext with its clang AST and the device code ranges. Output: per template (offset of its name),
the type parameters that appear as an operand of an operator (`acc += x[i]`), a cast (`static_cast<acc_t>(v)`)
or an implicit conversion (`float f = v;`) in its pattern.
In CUDA these are __half's operators and conversions from cuda_fp16.hpp. halfconv.py writes them out where
clang typed the expression, but a template's pattern has dependent types: the instance with T = __half reaches
the .cl as `a + b` on two cp_half structs, which OpenCL C rejects. Such an instance makes the program C++ for
OpenCL (ProgramBuilder._emit), whose prelude gives cp_half the constructors, `operator float` and operators
of cuda_fp16.hpp (prelude_half.py), so C++ overload resolution does what nvcc's does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors_of, preorder

if TYPE_CHECKING:
    from translator.engine.core import FileContext

_OPERATORS = {"BINARY_OPERATOR", "COMPOUND_ASSIGNMENT_OPERATOR", "UNARY_OPERATOR", "CSTYLE_CAST_EXPR",
              "CXX_STATIC_CAST_EXPR", "CXX_FUNCTIONAL_CAST_EXPR"}


def operated_type_params(ctx: FileContext, ranges: list[tuple[int, int]]) -> dict[int, frozenset[str]]:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return {}
    from clang.cindex import CursorKind

    main = str(ctx.parsed.path)
    out: dict[int, frozenset[str]] = {}
    for cur in main_file_cursors_of(tu, main, (CursorKind.FUNCTION_TEMPLATE,)):
        if cur.kind != CursorKind.FUNCTION_TEMPLATE or cur.location.file is None \
                or cur.location.file.name != main:
            continue
        at = cur.location.offset
        if not any(a <= at < b for a, b in ranges):
            continue
        params = {k.spelling for k in cur.get_children() if k.kind == CursorKind.TEMPLATE_TYPE_PARAMETER}
        found = _operated(cur, params, ctx.parsed.data) if params else set()
        if found:
            out[at] = frozenset(found)
    return out


def _operated(template, params: set[str], data: bytes) -> set[str]:  # type: ignore[no-untyped-def]
    """The params among the operand types of the pattern's operators, casts and converting initialisations."""
    found: set[str] = set()
    for node in preorder(template):
        kind = node.kind.name
        if kind in _OPERATORS and not _copy_or_address(node, data):
            found |= {p for k in node.get_children() if k.kind.is_expression()
                      and (p := _param(k.type.spelling, params))}
        elif kind == "CALL_EXPR" and _operator_call(node, data):  # `a + b` with operator overloads in scope
            found |= {p for k in node.get_children() if k.kind.is_expression()
                      and (p := _param(k.type.spelling, params))}
        elif kind == "VAR_DECL":  # (a cast to T from a number is halfcast.py's cp_to_half in OpenCL C)
            kids = [k for k in node.get_children() if k.kind.is_expression()]
            init = _param(kids[-1].type.spelling, params) if kids else None
            if init and _param(node.type.spelling, params) != init:
                found.add(init)
            elif kids and _param(node.type.spelling, params) and _converted(kids[-1].type, params):
                found.add(_param(node.type.spelling, params) or "")
    return found


def _copy_or_address(node, data: bytes) -> bool:  # type: ignore[no-untyped-def]
    """`a = b` of one type, `&x`, `*p`: no operator of the element type (the struct copy is C's too)."""
    kids = list(node.get_children())
    if node.kind.name == "UNARY_OPERATOR":
        return data[node.extent.start.offset:node.extent.start.offset + 1] in (b"&", b"*")
    if node.kind.name != "BINARY_OPERATOR" or len(kids) != 2:
        return False
    op = data[kids[0].extent.end.offset:kids[1].extent.start.offset].strip()
    if op != b"=":
        return False
    # `x = f(...)` of a dependent call, or of the same type: a copy; `h = 1.5f` (T from float) converts
    lhs, rhs = kids[0].type, kids[1].type
    return lhs.spelling.replace("const ", "") == rhs.spelling.replace("const ", "") or _dependent(rhs) \
        or _dependent(lhs)


def _operator_call(node, data: bytes) -> bool:  # type: ignore[no-untyped-def]
    """A dependent call of an overloaded operator: its callee reference is spelled with punctuation (`+`)."""
    for k in node.get_children():
        if k.kind.name == "DECL_REF_EXPR" and "overloaded" in k.type.spelling:
            text = data[k.extent.start.offset:k.extent.end.offset].strip()
            return bool(text) and not (text[:1].isalnum() or text[:1] == b"_")
    return False


def _dependent(t) -> bool:  # type: ignore[no-untyped-def]
    return t.kind.name in ("DEPENDENT", "UNEXPOSED") or "dependent" in t.spelling


def _converted(t, params: set[str]) -> bool:  # type: ignore[no-untyped-def]
    """An initialiser of a concrete arithmetic type (`T x = 0.5f;` converts it to T)."""
    return not _dependent(t) and not _param(t.spelling, params) and t.get_canonical().kind.name in (
        "INT", "UINT", "LONG", "ULONG", "LONGLONG", "ULONGLONG", "SHORT", "USHORT", "FLOAT", "DOUBLE", "BOOL",
        "CHAR_S", "SCHAR", "UCHAR")


def _param(spelling: str, params: set[str]) -> str | None:
    """The template parameter a type spelling names, ignoring cv-qualifiers and references."""
    words = [w for w in spelling.replace("&", " ").split() if w not in ("const", "volatile")]
    return words[0] if len(words) == 1 and words[0] in params else None
