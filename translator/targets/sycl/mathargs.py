"""SYCL target, arguments of CUDA math functions: `rsqrtf(n)` with an int `n` is fine in CUDA (the parameter is
float) but sycl::rsqrt is a template over floating types, so an integer argument matches nothing (or several
overloads). Where clang says an argument's type is not the parameter's floating type, the argument gets an
explicit conversion to it: float for the single-precision functions, double for the double-precision ones.
Host calls of C library functions keep their spelling and overloads (keep_host_math);
CUDA-only ones (rsqrtf) are sycl:: calls on the host too and get the conversion. Input: a FileContext with a clang TU.
Output: insert Edits. Without a TU nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_PARAM = {"single": "float", "double": "double"}
_FLOATING = {"FLOAT": "float", "DOUBLE": "double"}


def _param_type(ctx: FileContext, name: str) -> str | None:
    rule = ctx.rules.get(name)
    if rule is None or rule.family != "math" or rule.kind != "function" or rule.section not in _PARAM:
        return None
    mapping = rule.for_target("sycl")
    if mapping is None or not mapping.rename or not mapping.rename.startswith("sycl::"):
        return None
    return _PARAM[rule.section]


def convert_math_arguments(ctx: FileContext) -> None:
    tu = ctx.parsed.tu
    if tu is None:
        return
    from clang.cindex import CursorKind, TypeKind  # the clang front end is installed whenever tu is set

    from translator.targets.sycl.analysis import analyse, body_at
    from translator.targets.sycl.hostmath import HOST_MATH

    an = analyse(ctx)
    main = str(ctx.parsed.path)
    data = ctx.parsed.data
    for cur in main_file_cursors_of(tu, main, (CursorKind.CALL_EXPR,)):
        if cur.kind != CursorKind.CALL_EXPR or cur.location.file is None or cur.location.file.name != main:
            continue
        if cur.spelling in HOST_MATH and body_at(an, cur.extent.start.offset) is None:
            continue  # host code keeps the C library's overloads (keep_host_math)
        want = _param_type(ctx, cur.spelling)
        if want is None:
            continue
        for arg in cur.get_arguments():
            inner = arg
            while inner.kind == CursorKind.UNEXPOSED_EXPR:  # the implicit conversion clang inserted
                kids = list(inner.get_children())
                if len(kids) != 1:
                    break
                inner = kids[0]
            if inner is arg:
                continue  # no conversion: already the parameter's type
            kind = inner.type.get_canonical().kind
            if _FLOATING.get(kind.name) == want or kind in (TypeKind.INVALID, TypeKind.DEPENDENT):
                continue
            ext = inner.extent
            if ext.start.file is None or ext.start.file.name != main or ext.end.file.name != main:
                continue
            start, end = ext.start.offset, ext.end.offset
            if start >= end or not data[start:end].strip():
                continue  # a macro expansion: the text is not where the cursor says
            ctx.insert(start, f"static_cast<{want}>(", "math argument conversion")
            ctx.insert(end, ")", "math argument conversion")
