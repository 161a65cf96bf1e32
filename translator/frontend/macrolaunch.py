"""Front end, launches written in a `#define` whose parameter is the kernel (`#define RUN(k, n) k<<<g, b>>>(d, n)`):
the kernels each expansion launches, as clang resolved them at the macro's use sites (`RUN(fill, n)`: the
kernel call clang builds there refers to `fill`). Input: the file's tokens, a launch's offset and the clang TU.
Output: the macro's parameter that names the kernel and one MacroKernel per distinct kernel (and specialization).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from translator.frontend.clang import main_file_cursors_of


@dataclass(frozen=True, slots=True)
class MacroKernel:
    name: str  # the kernel's unqualified name
    offset: int  # of the kernel template's / function's name in the main file (-1: declared in another file)
    qualified: bool  # declared inside a namespace or class: token pasting cannot name its stub
    template_args: tuple[str, ...] | None  # canonical types and integer values of the specialization; None: none
    uses: tuple[int, ...]  # offsets of the uses of the macro that launch it
    dependent: bool = False  # a template launched from a host template: its arguments are known per instance


def kernel_parameter(tokens: list, offset: int) -> tuple[str, str] | None:
    """(macro name, parameter name) when the launch at `offset` sits in a function-like `#define` body and its
    callee's first word is one of the macro's parameters."""
    i = next((k for k, t in enumerate(tokens) if t.offset == offset), None)
    if i is None or tokens[i].directive < 0:
        return None
    d = tokens[i].directive
    j = i
    while j > 0 and tokens[j - 1].directive == d:
        j -= 1
    head = [t.text for t in tokens[j:j + 3]]
    if head[:2] != ["#", "define"] or len(head) < 3 or j + 3 >= len(tokens) or tokens[j + 3].text != "(" \
            or tokens[j + 3].offset != tokens[j + 2].end:
        return None
    params = []
    k = j + 4
    while k < len(tokens) and tokens[k].directive == d and tokens[k].text != ")":
        if tokens[k].text != ",":
            params.append(tokens[k].text)
        k += 1
    word = tokens[i].text
    return (head[2], word) if word in params else None


def unpastable_uses(tokens: list, macro: str, param: str) -> list[int]:
    """Offsets of the uses of `macro` whose argument for `param` does not start with an identifier (`RUN((k<a, b>),
    n)`): `cp_launch_ ## (` is no token."""
    defn = next((k for k, t in enumerate(tokens) if t.text == macro and t.directive >= 0 and k > 1
                 and tokens[k - 1].text == "define"), None)
    if defn is None:
        return []
    names = []
    k = defn + 2
    while k < len(tokens) and tokens[k].directive == tokens[defn].directive and tokens[k].text != ")":
        if tokens[k].text != ",":
            names.append(tokens[k].text)
        k += 1
    index = names.index(param) if param in names else -1
    bad = []
    at = {t.offset: u for u, t in enumerate(tokens)}
    for offset in macro_uses(tokens, macro):
        u = at[offset]
        t = tokens[u]
        arg, depth, first = 0, 0, None
        for x in tokens[u + 2:]:
            if depth == 0 and x.text == ")":
                break
            if depth == 0 and x.text == ",":
                arg += 1
                continue
            if arg == index and first is None:
                first = x
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(x.text, 0)
        if first is None or first.kind != "ident":
            bad.append(t.offset)
    return bad


def macro_kernels(tu, main: str, tokens: list, macro: str) -> list[MacroKernel]:  # type: ignore[no-untyped-def]
    """The kernels launched by the expansions of `macro` in the main file: clang's kernel calls whose extent starts
    at a use of the macro (libclang reports a macro-expanded expression at its expansion)."""
    from clang.cindex import CursorKind

    if tu is None:
        return []
    uses = {t.offset for t in tokens if t.text == macro and t.directive < 0}
    out: list[MacroKernel] = []
    for c in main_file_cursors_of(tu, main, (CursorKind.CALL_EXPR,)):
        if c.kind != CursorKind.CALL_EXPR:
            continue
        start = c.extent.start
        if start.file is None or start.file.name != main or start.offset not in uses:
            continue
        ref = c.referenced
        dependent = ref is None
        if dependent:
            ref = _dependent_callee(c)
        if ref is None or not any(k.kind == CursorKind.CUDAGLOBAL_ATTR for k in ref.get_children()):
            continue
        n = ref.get_num_template_arguments()
        targs = _template_args(ref, n) if n > 0 else None
        decl = ref.canonical
        tmpl = _primary_template(ref)
        where = tmpl if tmpl is not None else decl
        loc = where.location
        parent = where.semantic_parent
        mk = MacroKernel(ref.spelling, loc.offset if loc.file is not None and loc.file.name == main else -1,
                         parent is not None and parent.kind != CursorKind.TRANSLATION_UNIT, targs, (start.offset,),
                         dependent)
        same = next((i for i, m in enumerate(out) if (m.name, m.offset, m.template_args)
                     == (mk.name, mk.offset, mk.template_args)), None)
        if same is None:
            out.append(mk)
        elif start.offset not in out[same].uses:
            out[same] = replace(mk, uses=(*out[same].uses, start.offset))
    return out


def macro_uses(tokens: list, macro: str) -> list[int]:
    """Offsets of the uses of a function-like macro outside preprocessor directives."""
    return [t.offset for u, t in enumerate(tokens) if t.text == macro and t.directive < 0
            and u + 1 < len(tokens) and tokens[u + 1].text == "("]


def _dependent_callee(call):  # type: ignore[no-untyped-def]
    """The one function template a dependent call (inside a host template) names: `add<T, 64>` there is an
    overload set of one template until the host template is instantiated."""
    from clang.cindex import CursorKind, conf

    kids = list(call.get_children())
    if not kids or kids[0].kind != CursorKind.DECL_REF_EXPR:
        return None
    ovl = next((k for k in kids[0].get_children() if k.kind == CursorKind.OVERLOADED_DECL_REF), None)
    if ovl is None or conf.lib.clang_getNumOverloadedDecls(ovl) != 1:
        return None
    decl = conf.lib.clang_getOverloadedDecl(ovl, 0)
    return decl if decl.kind == CursorKind.FUNCTION_TEMPLATE else None


def _primary_template(ref):  # type: ignore[no-untyped-def]
    from clang.cindex import conf

    try:
        tmpl = conf.lib.clang_getSpecializedCursorTemplate(ref)
    except AttributeError:
        return None
    return tmpl if tmpl is not None and tmpl.kind.is_declaration() else None


def _template_args(ref, count: int) -> tuple[str, ...] | None:  # type: ignore[no-untyped-def]
    from clang.cindex import TemplateArgumentKind

    out = []
    for i in range(count):
        kind = ref.get_template_argument_kind(i)
        if kind == TemplateArgumentKind.TYPE:
            out.append(ref.get_template_argument_type(i).get_canonical().spelling)
        elif kind == TemplateArgumentKind.INTEGRAL:
            out.append(str(ref.get_template_argument_value(i)))
        else:
            return None
    return tuple(out)
