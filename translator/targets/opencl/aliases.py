"""OpenCL host side: a launch through a local alias of a kernel (`auto k = kern<int, 256>; k<<<g, b>>>(...)`).

The kernel moves to the .cl and its host name becomes a launch stub, so the alias cannot hold it. When the alias is
declared once in the launch's function with a kernel (optionally `&`, with template arguments) and only launched,
the launch is the kernel's own launch (`kern<int, 256><<<g, b>>>(...)`) and the declaration is removed.
Input: the file's tokens, the launch and the names of the kernels the .cl gets. Output: the launch as the kernel's,
the kernel's name and the declaration's span; None for any other shape (the caller's CP4005 stands).
"""

from __future__ import annotations

from dataclasses import replace

from translator.frontend.lexer import IDENT, KEYWORD
from translator.frontend.sites import TokenView
from translator.model import KernelLaunch, Span

_STATEMENT_WORDS = frozenset({"else", "return", "do", "case", "goto", "throw", "co_return", "default"})


def kernel_alias(view: TokenView, launch: KernelLaunch, kernels: set[str]) -> tuple[KernelLaunch, str, Span] | None:
    toks = view.toks
    alias = launch.kernel.strip()
    if not alias.isidentifier():
        return None
    at = next((i for i, t in enumerate(toks) if t.offset == launch.callee.offset), -1)
    if at < 0:
        return None
    decl = _declaration(view, at, alias)
    if decl is None:
        return None
    start, eq, semi = decl
    k = eq + 1
    if toks[k].text == "&":
        k += 1
    if k >= semi or toks[k].kind != IDENT or toks[k].text not in kernels:
        return None
    kernel = toks[k].text
    end = semi - 1
    if k < end and not (toks[k + 1].text == "<" and view.angle_close(k + 1) == end):
        return None
    if _other_uses(view, alias, semi, at):
        return None
    callee = view.tok_span(k, end)
    new = replace(launch, kernel=view.text(callee), callee=callee)
    return new, kernel, view.tok_span(start, semi)


def _declaration(view: TokenView, at: int, alias: str) -> tuple[int, int, int] | None:
    """(first token, `=`, `;`) of the nearest `auto alias = ...;` / `T alias = ...;` before token `at` in the same
    function (not crossing the function's opening brace at depth 0)."""
    toks = view.toks
    depth = 0
    for i in range(at - 1, -1, -1):
        t = toks[i].text
        if t == "}":
            depth += 1
        elif t == "{":
            if depth == 0 and i > 0 and toks[i - 1].text == ")":
                return None  # reached the function's body start
            depth = max(0, depth - 1)
        elif depth == 0 and t == alias and toks[i].kind == IDENT and i + 1 < len(toks) and toks[i + 1].text == "=":
            before = toks[i - 1] if i else None
            if before is None or before.text in _STATEMENT_WORDS or not (
                    before.kind in (IDENT, KEYWORD) or before.text in ("*", "&", ">")):
                return None  # an assignment (`else a = k;`, `) a = k;`), not a declaration
            start = i
            while start > 0 and toks[start - 1].text not in (";", "{", "}", ")") and toks[start - 1].directive < 0:
                start -= 1
            if any(t.text in _STATEMENT_WORDS for t in toks[start:i]):
                return None
            semi = i + 1
            while semi < len(toks) and toks[semi].text != ";":
                semi += 1
            return (start, i + 1, semi) if semi < len(toks) else None
    return None


def _other_uses(view: TokenView, alias: str, after: int, launch_at: int) -> bool:
    """Whether the alias is named after its declaration other than as the callee of a launch (`alias<<<`)."""
    toks = view.toks
    depth = 0
    for i in range(after + 1, len(toks)):
        t = toks[i]
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
            if depth < 0:
                return False  # the declaring block ends
        elif t.text == alias and t.kind == IDENT and i != launch_at:
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].text if i + 2 < len(toks) else ""
            if not (nxt == "<<" and nxt2 == "<") and nxt != "<<<":
                return True
    return False


def kernels_as_values(view: TokenView, kernels: list, device: list[tuple[int, int]]) -> set[str]:  # type: ignore[type-arg]
    """Names of kernels the host code uses as values (`k = &kern;`, `f(kern)`), not only launched or declared."""
    toks = view.toks
    names = {f.name: f for f in kernels}
    out: set[str] = set()
    for i, t in enumerate(toks):
        f = names.get(t.text)
        if f is None or t.kind != IDENT or t.directive >= 0 or f.start <= t.offset < f.end:
            continue
        if any(a <= t.offset < b for a, b in device):
            continue
        prev = toks[i - 1].text if i else ""
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if prev in (".", "->", "::") or nxt in ("(", "<<", "<<<", "<"):
            continue
        out.add(t.text)
    return out


def function_pointer(view: TokenView, name: str, before: int) -> bool:
    """Whether `name` is declared as a function pointer (`void (*name)(...)`) before byte `before` (a variable of
    a typedef'd function pointer type is not recognised: its launch stays CP4005)."""
    toks = view.toks
    for i in range(2, len(toks) - 1):
        if toks[i].offset >= before:
            break
        if toks[i].text == name and toks[i - 1].text == "*" and toks[i - 2].text == "(" and toks[i + 1].text == ")":
            return True
    return False


def holds_function_pointer(tu, main: str, callee: Span) -> bool:  # type: ignore[no-untyped-def]
    """Whether clang's model names, inside the launch's callee expression, a variable, member or function whose
    type is (an array of) pointers to functions, or a function returning one: `table[t]`, `ops.k`, `pick(i)`."""
    if tu is None:
        return False
    from clang.cindex import CursorKind, TypeKind

    from translator.frontend.clang import main_file_cursors_of

    kinds = (CursorKind.DECL_REF_EXPR, CursorKind.MEMBER_REF_EXPR)
    for cur in main_file_cursors_of(tu, main, kinds):
        if cur.kind not in kinds or not callee.offset <= cur.extent.start.offset < callee.end:
            continue
        ref = cur.referenced
        if ref is None:
            continue
        t = ref.type.get_canonical()
        if t.kind in (TypeKind.FUNCTIONPROTO, TypeKind.FUNCTIONNOPROTO):
            t = t.get_result().get_canonical()
        while t.kind in (TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY, TypeKind.VARIABLEARRAY):
            t = t.get_array_element_type().get_canonical()
        if t.kind == TypeKind.POINTER and t.get_pointee().get_canonical().kind in (TypeKind.FUNCTIONPROTO,
                                                                                    TypeKind.FUNCTIONNOPROTO):
            return True
    return False
