"""Front end, typed model of library calls: the calls of the main file that clang resolved to a C library, C++
standard library or CUDA overload (`abs`, `min`/`max`, `std::min`, `std::swap`, `std::numeric_limits<T>::max()`),
with the types clang gives each argument before its implicit conversions and the parameter types of the overload
it chose. Input: a clang TU, the main file's name, bytes and tokens. Output: LibraryCall records; the targets
decide what each becomes (OpenCL C has no overloading of these by C++ rules, SYCL's builtins are typed).
"""

from __future__ import annotations

from dataclasses import dataclass

from translator.frontend.clang import main_file_cursors_of

# C library, CUDA and <algorithm>/<cmath> functions whose overload the targets care about
CALL_NAMES = frozenset("abs labs llabs fabs fabsf min max umin umax llmin llmax ullmin ullmax fmin fmax fminf fmaxf "
                       "swap".split())
LIMITS_MEMBERS = frozenset("max min lowest epsilon infinity quiet_NaN signaling_NaN denorm_min round_error".split())


@dataclass(frozen=True, slots=True)
class CallArg:
    start: int
    end: int
    type: str  # canonical spelling before clang's implicit conversions; '' when dependent or unknown


@dataclass(frozen=True, slots=True)
class LibraryCall:
    """One call. `scope` is 'std' for std:: names, 'std::numeric_limits' for its members, '' for global ones.
    `params` are the canonical parameter types of the declaration clang chose (cv and references dropped), empty
    when the call is unresolved (dependent inside a template, or no viable overload on the host side)."""

    name: str
    scope: str
    start: int
    end: int
    name_start: int
    name_end: int
    callee_end: int  # end of the callee expression: `std::min<int>` ends after `>`
    args: tuple[CallArg, ...]
    params: tuple[str, ...]
    result: str
    limits_type: tuple[int, int] | None = None  # numeric_limits<T>: the source range of T
    statement: bool = False  # the call is a whole expression statement (its value is not used)


def _strip(cur):  # type: ignore[no-untyped-def]
    """The expression under clang's implicit conversions (written parentheses stay: they are the text)."""
    from clang.cindex import CursorKind

    while cur.kind == CursorKind.UNEXPOSED_EXPR:
        kids = list(cur.get_children())
        if len(kids) != 1:
            break
        cur = kids[0]
    return cur


def _type_of(cur) -> str:  # type: ignore[no-untyped-def]
    from clang.cindex import TypeKind

    t = cur.type.get_canonical()
    if t.kind in (TypeKind.INVALID, TypeKind.DEPENDENT, TypeKind.UNEXPOSED) or "type-parameter" in t.spelling:
        return ""
    return _plain(t.spelling)


def _plain(spelling: str) -> str:
    words = [w for w in spelling.replace("&", " ").split() if w not in ("const", "volatile")]
    return " ".join(words)


def _in_main(cur, main: str, data: bytes) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    ext = cur.extent
    first, last = ext.start, ext.end  # each .start/.end is a new location that asks libclang again
    if first.file is None or last.file is None or first.file.name != main or last.file.name != main:
        return None
    start, end = first.offset, last.offset
    if not 0 <= start < end <= len(data):
        return None
    return start, end


def _library_decl(ref, main: str) -> str | None:  # type: ignore[no-untyped-def]
    """'std', 'std::numeric_limits' or '' when `ref` is declared outside the main file at global scope, in std or
    as a member of std::numeric_limits; None for the user's own functions and anything else."""
    from clang.cindex import CursorKind

    if ref is None or ref.location.file is None or ref.location.file.name == main:
        return None
    parent = ref.semantic_parent
    while parent is not None and parent.kind in (CursorKind.UNEXPOSED_DECL, CursorKind.LINKAGE_SPEC):
        parent = parent.semantic_parent  # extern "C" { ... } of the C library headers
    if parent is None or parent.kind == CursorKind.TRANSLATION_UNIT:
        return ""
    if parent.kind == CursorKind.NAMESPACE and parent.spelling == "std":
        return "std"
    if parent.kind in (CursorKind.STRUCT_DECL, CursorKind.CLASS_DECL, CursorKind.CLASS_TEMPLATE) \
            and parent.spelling == "numeric_limits":
        return "std::numeric_limits"
    inline_std = parent.semantic_parent  # libstdc++'s std::__1-style inline namespaces
    if parent.kind == CursorKind.NAMESPACE and inline_std is not None and inline_std.spelling == "std":
        return "std"
    return None


def _name_token(tokens: list, start: int, end: int, name: str) -> tuple[int, int] | None:
    """The last token spelling `name` in [start, end): the unqualified name of a callee `std::min<int>`."""
    best = None
    for t in tokens:
        if t.offset >= end:
            break
        if t.offset >= start and t.text == name:
            best = (t.offset, t.end)
    return best


def _call(cur, main: str, data: bytes, tokens: list, statements: _Statements):  # type: ignore[no-untyped-def]
    """A LibraryCall for a CALL_EXPR (resolved) or an unresolved call of an overload set of library names."""
    from clang.cindex import CursorKind

    if cur.kind == CursorKind.CALL_EXPR:  # a resolved call of any other function: no file lookups (they cost)
        ref = cur.referenced
        if ref is not None and ref.spelling not in CALL_NAMES and ref.spelling not in LIMITS_MEMBERS:
            return None
    kids = list(cur.get_children())
    if not kids:
        return None
    callee = _strip(kids[0]) if kids[0].kind == CursorKind.UNEXPOSED_EXPR else kids[0]
    if callee.kind != CursorKind.DECL_REF_EXPR:
        return None
    if cur.kind != CursorKind.CALL_EXPR and not _has_overload_ref(callee):
        return None  # what _overload_set would say below, before the file lookups (most are implicit conversions)
    where = _in_main(cur, main, data)
    if where is None:
        return None
    callee_at = _in_main(callee, main, data)
    if callee_at is None:
        return None
    ref = cur.referenced if cur.kind == CursorKind.CALL_EXPR else None
    scope = _library_decl(ref, main) if ref is not None else None
    params: tuple[str, ...] = ()
    result = ""
    if ref is not None and scope is not None:
        name = ref.spelling
        params = tuple(_plain(a.type.get_canonical().spelling) for a in ref.get_arguments())
        result = _type_of(cur)
    elif ref is None:
        limits = _dependent_limits(callee, main, data, tokens, where) if cur.kind == CursorKind.CALL_EXPR else None
        if limits is not None:
            return limits
        scope, name = _overload_set(callee, main)
        if scope is None:
            return None
    else:
        return None
    if name not in CALL_NAMES and scope != "std::numeric_limits":
        return None
    if scope == "std::numeric_limits":
        return _limits(cur, callee, name, result, where, tokens, main, data, ref)
    tok = _name_token(tokens, *callee_at, name)
    if tok is None:
        return None
    args = []
    for a in kids[1:]:
        at = _in_main(a, main, data)
        if at is None:
            return None  # an argument spelled by a macro: no source text to rewrite
        args.append(CallArg(*at, _type_of(_strip(a))))
    return LibraryCall(name, scope, *where, *tok, callee_at[1], tuple(args), params, result,
                       statement=where[0] in statements)


def _has_overload_ref(callee) -> bool:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    return any(k.kind == CursorKind.OVERLOADED_DECL_REF for k in callee.get_children())


def _overload_set(callee, main: str) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    """(scope, name) of an unresolved callee naming library functions only (`std::swap` clang could not bind in
    device code); (None, '') otherwise."""
    from clang.cindex import CursorKind, conf

    for k in callee.get_children():
        if k.kind != CursorKind.OVERLOADED_DECL_REF:
            continue
        n = conf.lib.clang_getNumOverloadedDecls(k)
        scopes = {_library_decl(conf.lib.clang_getOverloadedDecl(k, i), main) for i in range(n)}
        if n and len(scopes) == 1 and None not in scopes:
            return scopes.pop(), k.spelling
    return None, ""


def _dependent_limits(callee, main: str, data: bytes, tokens: list, where):  # type: ignore[no-untyped-def]
    """`std::numeric_limits<T>::max()` in a template: clang names the class template and T, not the member."""
    from clang.cindex import CursorKind

    kids = list(callee.get_children())
    tmpl = next((k for k in kids if k.kind == CursorKind.TEMPLATE_REF), None)
    if tmpl is None or tmpl.spelling != "numeric_limits" or _library_decl(tmpl.referenced, main) != "std":
        return None
    at = _in_main(callee, main, data)
    if at is None:
        return None
    last = [t for t in tokens if at[0] <= t.offset < at[1]]
    if not last or last[-1].text not in LIMITS_MEMBERS:
        return None
    name = last[-1].text
    targ = _template_arg_range(tokens, at)
    return LibraryCall(name, "std::numeric_limits", *where, last[-1].offset, last[-1].end, at[1], (), (), "",
                       limits_type=targ)


def _template_arg_range(tokens: list, at: tuple[int, int]) -> tuple[int, int] | None:
    """The text between `numeric_limits<` and its `>` inside [at)."""
    toks = [t for t in tokens if at[0] <= t.offset < at[1]]
    for i, t in enumerate(toks):
        if t.text == "numeric_limits" and i + 1 < len(toks) and toks[i + 1].text == "<":
            depth = 0
            for j in range(i + 1, len(toks)):
                depth += {"<": 1, ">": -1, ">>": -2}.get(toks[j].text, 0)
                if depth <= 0:
                    return (toks[i + 1].end, toks[j].offset) if j > i + 2 else None
    return None


def _limits(cur, callee, name, result, where, tokens, main, data, ref):  # type: ignore[no-untyped-def]
    at = _in_main(callee, main, data)
    if at is None or name not in LIMITS_MEMBERS:
        return None
    tok = _name_token(tokens, *at, name)
    if tok is None:
        return None
    return LibraryCall(name, "std::numeric_limits", *where, *tok, at[1], (), (), result,
                       limits_type=_template_arg_range(tokens, at))


class _Statements:
    """The start offsets of the calls that are a whole statement of a block, found when first asked (most files
    have no library call, and listing every block's statements cost more than finding the calls)."""

    def __init__(self, tu, main: str) -> None:  # type: ignore[no-untyped-def]
        self.tu, self.main, self.offsets = tu, main, None

    def __contains__(self, at: int) -> bool:
        if self.offsets is None:
            from clang.cindex import CursorKind

            self.offsets = set()
            for cur in main_file_cursors_of(self.tu, self.main, (CursorKind.COMPOUND_STMT,)):
                if cur.kind == CursorKind.COMPOUND_STMT:
                    for k in cur.get_children():
                        if k.kind in (CursorKind.CALL_EXPR, CursorKind.UNEXPOSED_EXPR):
                            self.offsets.add(k.extent.start.offset)
        return at in self.offsets


def library_calls(tu, main: str, data: bytes, tokens: list) -> list[LibraryCall]:  # type: ignore[no-untyped-def]
    """Every library call of the main file, in source order (outer calls before the calls in their arguments)."""
    from clang.cindex import CursorKind

    statements = _Statements(tu, main)
    out = []
    seen = set()
    # an unresolved call (UNEXPOSED_EXPR) is one only through an overloaded reference (its callee's child) naming
    # a library function or a numeric_limits member: without one in the file, _call says None to each of them
    names = CALL_NAMES | LIMITS_MEMBERS
    unresolved = any(c.spelling in names for c in main_file_cursors_of(tu, main, (CursorKind.OVERLOADED_DECL_REF,)))
    kinds = (CursorKind.CALL_EXPR, CursorKind.UNEXPOSED_EXPR) if unresolved else (CursorKind.CALL_EXPR,)
    for cur in main_file_cursors_of(tu, main, kinds):
        if cur.kind not in (CursorKind.CALL_EXPR, CursorKind.UNEXPOSED_EXPR):
            continue
        call = _call(cur, main, data, tokens, statements)
        if call is not None and (call.start, call.end) not in seen:
            seen.add((call.start, call.end))
            out.append(call)
    return out
