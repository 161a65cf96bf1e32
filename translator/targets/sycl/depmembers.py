"""SYCL target: `.x`/`.y`/`.z`/`.w` on an expression whose type is a template parameter (`p[i].x` in
`template <class T> __global__ void k(T* p)`, `(*(T*)a).x` in a host comparator). sycl::vec's components are
member functions, so CUDA's `.x` must become `.x()`; in the template clang cannot say what `.x` is (the base
is dependent), so the decision comes from the template's instantiations in this file: when every one binds
that parameter to a CUDA vector type, the access gets `()`. Where the file's own uses do not name a concrete
type (a kernel launched from a host template, a .cu another source includes textually), the function
template's specializations come from clang's AST of the unit (frontend.specializations), then of the sources
that include this one. A template with no instantiation found, or one instantiated with both vector and
non-vector types, is left as written (the SYCL compiler then names the line). Input: the file's clang TU.
Output: insertions through ctx.insert.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors
from translator.frontend.includes import input_root
from translator.frontend.specializations import specializations
from translator.targets.opencl.includers import includers

if TYPE_CHECKING:
    from translator.engine.context import FileContext

VECTOR_TYPE = re.compile(r"(u?char|u?short|u?int|u?long|u?longlong|float|double)[234]|__half2|__nv_bfloat162")
_COMPONENTS = ("x", "y", "z", "w")


def _bare(spelling: str) -> str:
    words = [w for w in spelling.replace("&", " ").split() if w not in ("const", "volatile", "struct")]
    return " ".join(words)


def _param_of(expr, params: set[str]) -> str | None:  # type: ignore[no-untyped-def]
    """The template parameter naming the type of `expr`, looking through parentheses and `*` of a `P*`."""
    from clang.cindex import CursorKind

    for _ in range(8):
        t = _bare(expr.type.spelling)
        if t in params:
            return t
        kids = list(expr.get_children())
        if expr.kind == CursorKind.PAREN_EXPR and len(kids) == 1:
            expr = kids[0]
            continue
        # `*p` in a template is an unresolved operator call: its operand is the last child
        toks = [tok.spelling for tok in expr.get_tokens()]
        operands = [k for k in kids if k.type.spelling != "<overloaded function type>"]
        if expr.kind in (CursorKind.CALL_EXPR, CursorKind.UNARY_OPERATOR) and toks[:1] == ["*"] \
                and len(operands) == 1:
            inner = _bare(operands[0].type.spelling)
            if inner.endswith("*") and inner[:-1].strip() in params:
                return inner[:-1].strip()
            expr = operands[0]
            continue
        return None
    return None


def _template_params(template) -> list[str]:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    return [c.spelling for c in template.get_children() if c.kind == CursorKind.TEMPLATE_TYPE_PARAMETER]


_PARAM_KINDS = ("TEMPLATE_TYPE_PARAMETER", "TEMPLATE_NON_TYPE_PARAMETER", "TEMPLATE_TEMPLATE_PARAMETER")


def _clang_instantiations(ctx: FileContext, template, params: list[str]) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The type arguments of the function template's specializations clang made for this unit or, for a .cu
    another source includes textually, for that source's unit."""
    from clang.cindex import CursorKind

    parsed = ctx.parsed
    if template.kind != CursorKind.FUNCTION_TEMPLATE or not parsed.compiler_args:
        return []
    names = [c.spelling for c in template.get_children() if c.kind.name in _PARAM_KINDS]
    units = [(parsed.path, parsed.data)]
    if ctx.rel.suffix == ".cu" and parsed.path.is_absolute():
        units += includers(parsed.path, input_root(parsed.path, ctx.rel))
    for src, data in units:
        lists = specializations(src, data, parsed.compiler_args, template.spelling, len(names))
        if lists:
            return [{n: _bare(a) for n, a in zip(names, al, strict=True) if n in params} for al in lists]
    return []


def _instantiations(cursors: list, template, params: list[str]) -> list[dict[str, str]]:  # type: ignore[type-arg]
    """Type arguments of each use of `template` in the file that names or deduces a specialization."""
    from clang.cindex import CursorKind, TypeKind

    loc = template.location
    out: list[dict[str, str]] = []
    for c in cursors:
        if c.kind not in (CursorKind.CALL_EXPR, CursorKind.DECL_REF_EXPR):
            continue
        ref = c.referenced
        if ref is None or ref == template or ref.location.file is None or ref.location.file.name != loc.file.name \
                or ref.location.offset != loc.offset:
            continue
        n = ref.get_num_template_arguments()
        if n < len(params):
            continue
        args = {}
        for i, name in enumerate(params):
            t = ref.get_template_argument_type(i)
            if t.kind == TypeKind.INVALID:
                break
            args[name] = _bare(t.get_canonical().spelling if not VECTOR_TYPE.fullmatch(_bare(t.spelling))
                               else t.spelling)
        else:
            if args not in out:
                out.append(args)
    return out


def dependent_vector_members(ctx: FileContext, seen: set[int]) -> None:
    """Adds `()` after `.x` (y, z, w) whose base's type is a template parameter every instantiation in this file
    binds to a CUDA vector type. `seen`: member-token offsets already rewritten (shared with the caller)."""
    tu = ctx.parsed.tu
    if tu is None:
        return
    from clang.cindex import CursorKind

    main = str(ctx.parsed.path)
    data = ctx.parsed.data
    cursors = main_file_cursors(tu, main)
    templates = [c for c in cursors if c.kind in (CursorKind.FUNCTION_TEMPLATE, CursorKind.CLASS_TEMPLATE)]
    for template in templates:
        params = _template_params(template)
        if not params:
            continue
        insts = None
        for cur in template.walk_preorder():
            if cur.kind != CursorKind.MEMBER_REF_EXPR or cur.referenced is not None:
                continue
            end = cur.extent.end
            if end.file is None or end.file.name != main:
                continue
            name = data[end.offset - 1:end.offset].decode("latin-1")
            arrow = data[end.offset - 3:end.offset - 1] == b"->"
            if name not in _COMPONENTS or not (arrow or data[end.offset - 2:end.offset - 1] == b".") \
                    or end.offset - 1 in seen:
                continue
            kids = list(cur.get_children())
            if not kids:
                continue
            if arrow:  # `p->x` with p a `P*`
                base = _bare(kids[0].type.spelling)
                param = base[:-1].strip() if base.endswith("*") and base[:-1].strip() in params else None
            else:
                param = _param_of(kids[0], set(params))
            if param is None:
                continue
            if insts is None:
                insts = _instantiations(cursors, template, params)
                if not (insts and all(VECTOR_TYPE.fullmatch(i.get(param, "")) for i in insts)):
                    insts = _clang_instantiations(ctx, template, params) or insts
            if insts and all(VECTOR_TYPE.fullmatch(i.get(param, "")) for i in insts):
                seen.add(end.offset - 1)
                ctx.insert(end.offset, "()", "vector member")
