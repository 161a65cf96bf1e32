"""Token-level site finder shared by every front end: CUDA names (with call arguments and builtin members),
#include headers, kernel definitions, <<<>>> launches, __shared__ declarations and inline asm.

Input: lexer tokens of one file. Output: model Sites with exact byte ranges. Working on tokens (not the
AST) keeps clang and the tree-sitter fallback in agreement and survives files that do not parse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translator.frontend.brackets import CLOSE as _CLOSE
from translator.frontend.brackets import OPEN as _OPEN
from translator.frontend.brackets import angle_close, angle_open, match_close, match_open, split_args
from translator.frontend.includes import header_name, include_tokens
from translator.frontend.lexer import COMMENT, IDENT, KEYWORD, PUNCT, Directive, LineIndex, Tok
from translator.model import AsmSite, IncludeSite, KernelDef, KernelLaunch, NameSite, Param, SharedDecl, Span


@dataclass
class TokenView:
    """The significant (non-comment) tokens of a file with helpers to build spans."""

    data: bytes
    toks: list[Tok]
    lines: LineIndex

    @classmethod
    def build(cls, data: bytes, toks: Sequence[Tok]) -> TokenView:
        return cls(data, [t for t in toks if t.kind != COMMENT], LineIndex(data))

    def span(self, start: int, end: int) -> Span:
        line, col = self.lines.line_col(start)
        return Span(start, end - start, line, col)

    def tok_span(self, i: int, j: int) -> Span:
        """Span from the start of token i to the end of token j (inclusive)."""
        return self.span(self.toks[i].offset, self.toks[j].end)

    def text(self, span: Span) -> str:
        return self.data[span.offset : span.end].decode("utf-8", "surrogateescape")

    def match_close(self, i: int) -> int:
        """Index of the bracket closing the one at i, or -1 when unbalanced."""
        return match_close(self.toks, i)

    def split_args(self, open_i: int, close_i: int) -> tuple[Span, ...]:
        """Top-level comma-separated pieces between two brackets, whitespace trimmed (brackets.split_args)."""
        return tuple(self.tok_span(a, b) for a, b in split_args(self.toks, open_i, close_i))

    def angle_close(self, i: int, limit: int = 64) -> int:
        """Index of the `>` closing a template argument list opened at i, or -1 (brackets.angle_close)."""
        return angle_close(self.toks, i, limit)


def find_names(view: TokenView, is_cuda_name: Callable[[str], bool]) -> list[NameSite]:
    """Every identifier token that names something in the rules, with call and member structure."""
    toks = view.toks
    sites: list[NameSite] = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.kind not in (IDENT, KEYWORD) or not is_cuda_name(t.text):
            continue
        if i > 0:
            prev = toks[i - 1]
            if prev.kind == PUNCT and prev.text in (".", "->"):
                continue  # a member of a user object: obj.cudaMalloc
            if prev.kind == PUNCT and prev.text == "::" and i > 1 and toks[i - 2].kind == IDENT \
                    and toks[i - 2].end == prev.offset and not is_cuda_name(toks[i - 2].text):
                continue  # qualified by a namespace that is not CUDA's: mylib::cudaMalloc
            if prev.kind == PUNCT and prev.text == "::" and i > 1 and toks[i - 2].text == ">":
                continue  # a member of a class template: std::numeric_limits<float>::max()
        if toks[i].directive >= 0 and i > 0 and toks[i - 1].text in ("define", "undef") \
                and toks[i - 1].directive == t.directive and i > 1 and toks[i - 2].text == "#":
            continue  # the macro's own name in #define X / #undef X is a declaration; #ifdef X is a use
        span = view.span(t.offset, t.end)
        call = None
        args: tuple[Span, ...] = ()
        targs = None
        member = None
        member_span = None
        j = i + 1
        if j < n and toks[j].text == "<" and toks[j].kind == PUNCT:
            k = view.angle_close(j)
            if k > 0 and k + 1 < n and toks[k + 1].text == "(":
                targs = view.tok_span(j, k)
                j = k + 1
        if j < n and toks[j].text == "(" and toks[j].kind == PUNCT:
            close = view.match_close(j)
            if close > 0:
                call = view.span(t.offset, toks[close].end)
                args = view.split_args(j, close)
            else:
                targs = None
        elif j + 1 < n and toks[j].text == "." and toks[j + 1].kind == IDENT:
            member = toks[j + 1].text
            member_span = view.span(t.offset, toks[j + 1].end)
        sites.append(NameSite(name=t.text, span=span, call=call, args=args, template_args=targs,
                              member=member, member_span=member_span, in_directive=t.directive >= 0))
    return sites


def find_includes(view: TokenView, directives: Sequence[Directive]) -> list[IncludeSite]:
    out = []
    toks = view.toks
    for i in include_tokens(toks):
        t = toks[i]
        d = directives[t.directive]
        header, angled = header_name(t)
        out.append(IncludeSite(header=header, angled=angled, span=view.span(t.offset, t.end),
                               directive=view.span(d.offset, d.end)))
    return out


def find_launches(view: TokenView) -> list[KernelLaunch]:
    """`callee<<<grid, block[, shmem[, stream]]>>>(args)`; `<<<` is `<<` followed directly by `<`."""
    toks = view.toks
    out = []
    n = len(toks)
    for i in range(1, n - 1):
        t = toks[i]
        if not (t.text == "<<" and t.kind == PUNCT and toks[i + 1].text == "<" and toks[i + 1].kind == PUNCT):
            continue  # `<< <` (spaced, as formatters leave it; nvcc accepts it) can only be a launch too
        callee_start = _callee_start(view, i - 1)
        if callee_start < 0:
            continue
        # find the closing >>> at bracket depth 0
        depth = 0
        close = -1
        for j in range(i + 2, n):
            tj = toks[j]
            if tj.kind != PUNCT:
                continue
            if tj.text in _OPEN:
                depth += 1
            elif tj.text in _CLOSE:
                depth -= 1
            elif depth == 0 and tj.text == ">>" and j + 1 < n and toks[j + 1].text in (">", ">=") \
                    and (toks[j + 1].offset == tj.end or toks[j + 1].text == ">"):
                close = j
                break
            elif depth == 0 and tj.text == ";":
                break
        if close < 0 or close + 2 >= n or toks[close + 2].text != "(":
            continue
        paren_close = view.match_close(close + 2)
        if paren_close < 0:
            continue
        config_args = view.split_args(i + 1, close)  # token i + 1 is the lone `<` of `<<<`
        if len(config_args) < 2:
            continue
        callee = view.tok_span(callee_start, i - 1)
        out.append(KernelLaunch(
            kernel=view.text(callee), span=view.tok_span(callee_start, paren_close), callee=callee,
            config=view.tok_span(i, close + 1), grid=config_args[0], block=config_args[1],
            shmem=config_args[2] if len(config_args) > 2 else None,
            stream=config_args[3] if len(config_args) > 3 else None,
            args=view.split_args(close + 2, paren_close),
        ))
    return out


def _callee_start(view: TokenView, j: int) -> int:
    """Walk back from the token before `<<<` over `ns::name<targs>`; -1 when it is not a callee."""
    toks = view.toks
    if j < 0:
        return -1
    if toks[j].text in (">", ">>"):
        k = angle_open(view.toks, j)
        if k < 0:
            return -1
        j = k - 1
        if j < 0:
            return -1
    return _postfix_start(toks, j)


def _postfix_start(toks: list, j: int) -> int:
    """The first token of the postfix expression ending at token j: `ns::name`, `(*fn)`, `table[t]`,
    `ops.kernels[i]`, `p->fn`; -1 when token j cannot end one."""
    if toks[j].text in (")", "]"):  # (*fn)<<<...>>>, (kernel)<<<...>>>, table[t]<<<...>>>
        start = match_open(toks, j)
        if start < 0:
            return -1
        if toks[j].text == ")":  # a call returning the kernel pointer, `pick(i)<<<...>>>`, or a parenthesis
            return _postfix_start(toks, start - 1) if start >= 1 and toks[start - 1].kind == IDENT else start
        return _postfix_start(toks, start - 1) if start >= 1 else -1
    if toks[j].kind != IDENT and toks[j].text != "this":
        return -1
    start = j
    while start >= 2 and toks[start - 1].text == "::" and toks[start - 2].kind == IDENT:
        start -= 2
    if start >= 1 and toks[start - 1].text == "::":
        start -= 1
    if start >= 2 and toks[start - 1].text in (".", "->"):  # a member of an object: `ops.kernels[i]`
        before = _postfix_start(toks, start - 2)
        if before >= 0:
            return before
    return start


def _param(view: TokenView, span: Span) -> Param:
    text = view.text(span)
    body = text.split("=", 1)[0].rstrip()
    # name: the last identifier that is not inside [] (arrays) and not a keyword
    stripped = body
    while stripped.endswith("]") and "[" in stripped:
        stripped = stripped[: stripped.rfind("[")].rstrip()
    name = ""
    k = len(stripped)
    while k > 0 and (stripped[k - 1].isalnum() or stripped[k - 1] == "_"):
        k -= 1
    candidate = stripped[k:]
    type_text = stripped[:k].rstrip()
    if candidate and not candidate[0].isdigit() and type_text and candidate not in (
            "int", "float", "double", "char", "long", "short", "unsigned", "signed", "bool", "void", "size_t"):
        name = candidate
    else:
        type_text = stripped
    return Param(name=name, type=type_text + body[len(stripped):], span=span)


_FUNC_SPECIFIERS = ("__global__", "__device__", "__host__", "__forceinline__", "__noinline__", "static", "inline",
                    "__inline__")


def qualifier_macros(view: TokenView) -> dict[str, tuple[str, ...]]:
    """Object-like macros of the file that expand to CUDA function qualifiers only (`#define ESS __host__
    __device__`, `#define DEVICE __device__`): name -> the qualifiers. A macro defined twice (under #if
    branches) counts when its other definitions are empty (`#else #define DEVICE` for compilers without CUDA)."""
    toks = view.toks
    out: dict[str, tuple[str, ...]] = {}
    bad: set[str] = set()
    for i, t in enumerate(toks):
        if t.text != "define" or t.directive < 0 or i == 0 or toks[i - 1].text != "#" or i + 1 >= len(toks):
            continue
        name = toks[i + 1]
        if name.directive != t.directive or name.kind != IDENT:
            continue
        body = []
        k = i + 2
        while k < len(toks) and toks[k].directive == t.directive:
            body.append(toks[k])
            k += 1
        words = tuple(b.text for b in body)
        function_like = bool(body) and body[0].text == "(" and body[0].offset == name.end
        ok = (not function_like and words and all(w in _FUNC_SPECIFIERS for w in words)
              and any(w in ("__global__", "__device__", "__host__") for w in words))
        if not words:
            continue
        if not ok or out.get(name.text, words) != words:
            bad.add(name.text)
        else:
            out[name.text] = words
    return {k: v for k, v in out.items() if k not in bad}


def find_kernels(view: TokenView, qualifier: str = "__global__",
                 macros: dict[str, tuple[str, ...]] | None = None, *, through_macros: bool = False
                 ) -> list[KernelDef]:
    """Function definitions (and declarations, body None) carrying `qualifier`, spelled out or through one of
    `macros` (qualifier_macros: `DI void f()` with `#define DI __device__ inline`); `through_macros` without
    `macros`: the file's own qualifier macros."""
    toks = view.toks
    out = []
    n = len(toks)
    macros = macros if macros is not None else (qualifier_macros(view) if through_macros else {})
    for i, t in enumerate(toks):
        if (t.text != qualifier and qualifier not in macros.get(t.text, ())) or t.kind != IDENT or t.directive >= 0:
            continue
        if i > 0 and toks[i - 1].text == "]" and toks[i - 1].directive < 0 and qualifier != "__global__":
            continue  # an extended lambda (`[=] __device__ (int i) {...}`), not a function
        # find the parameter list: first '(' at depth 0 not belonging to __launch_bounds__/__attribute__
        j = i + 1
        name_i = -1
        while j < n and toks[j].text not in (";", "{", "}"):
            if toks[j].text == "(":
                prev = toks[j - 1]
                if prev.text in ("__launch_bounds__", "__attribute__", "__declspec", "alignas", "__align__",
                                 "decltype"):  # `__host__ __device__ decltype(auto) f(...)`: a return type
                    j = view.match_close(j)
                    if j < 0:
                        break
                    j += 1
                    continue
                name_i = j - 1
                if prev.text in (">", ">>"):  # an explicit specialisation: `template <> void k<float>(...)`
                    m = angle_open(view.toks, j - 1)
                    name_i = m - 1 if m > i + 1 else -1
                break
            j += 1
        if name_i < 0 or toks[name_i].kind != IDENT or j >= n:
            continue
        close = view.match_close(j)
        if close < 0:
            continue
        k = close + 1
        while k < n and toks[k].text not in ("{", ";", "}"):
            k += 1
        body = None
        end_i = k
        if k < n and toks[k].text == "{":
            end_b = view.match_close(k)
            if end_b < 0:
                end_b = n - 1
            body = view.tok_span(k, end_b)
            end_i = end_b
        start_i, tparams = _template_prefix(view, i)
        qualifiers = tuple(q for tok in toks[start_i:name_i] for q in macros.get(tok.text, (tok.text,))
                           if q in _FUNC_SPECIFIERS[:-1])
        params = tuple(_param(view, s) for s in view.split_args(j, close))
        if len(params) == 1 and params[0].type.strip() == "void" and not params[0].name:
            params = ()
        out.append(KernelDef(name=toks[name_i].text, span=view.tok_span(start_i, end_i),
                             name_span=view.tok_span(name_i, name_i), params=params, body=body,
                             template_params=tparams, qualifiers=qualifiers))
    return out


def _template_prefix(view: TokenView, i: int) -> tuple[int, tuple[str, ...]]:
    """Start of the declaration that has the qualifier at token i, including `template <...>`."""
    toks = view.toks
    k = i
    while k > 0 and (toks[k - 1].kind in (IDENT, KEYWORD) and toks[k - 1].text not in ("return", "else")
                     or toks[k - 1].text in ("*", "&", "::")) and toks[k - 1].directive < 0:
        if toks[k - 1].text in ("template",):
            break
        k -= 1
    if k > 0 and toks[k - 1].text in (">", ">>"):
        m = angle_open(view.toks, k - 1)  # walk back over template <...>
        if m < 0:
            return k, ()
        if m >= 1 and toks[m - 1].text == "template":
            params = view.split_args(m, k - 1) if k - 1 > m else ()
            names = []
            for p in params:
                words = view.text(p).split("=")[0].split()
                if words:
                    names.append(words[-1].lstrip(".").strip())
            return m - 1, tuple(names)
    return k, ()


def find_shared(view: TokenView) -> list[SharedDecl]:
    toks = view.toks
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.text != "__shared__" or t.kind != IDENT or t.directive >= 0:
            continue
        start = i
        while start > 0 and toks[start - 1].text in ("extern", "static", "volatile", "const"):
            start -= 1
        j = i
        while j < n and toks[j].text not in (";", "{", "}"):
            if toks[j].text in ("(", "["):
                j = view.match_close(j)
                if j < 0:
                    break
            j += 1
        if j < 0 or j >= n or toks[j].text != ";":
            continue
        decl = [tok for tok in toks[i + 1 : j]]
        name = ""
        name_k = -1
        for k, tok in enumerate(decl):
            if tok.text in ("[", "="):
                break
            if tok.kind == IDENT:
                name, name_k = tok.text, k
        type_text = " ".join(tok.text for tok in decl[:name_k] if tok.text not in ("__align__",)) if name_k > 0 else ""
        out.append(SharedDecl(name=name, type=type_text, span=view.tok_span(start, j),
                              extern=any(tok.text == "extern" for tok in toks[start:i])))
    return out


def find_asm(view: TokenView) -> list[AsmSite]:
    toks = view.toks
    out = []
    for i, t in enumerate(toks):
        if t.text not in ("asm", "__asm__", "__asm") or t.directive >= 0:
            continue
        j = i + 1
        while j < len(toks) and toks[j].text in ("volatile", "__volatile__", "goto"):
            j += 1
        if j < len(toks) and toks[j].text == "(":
            close = view.match_close(j)
            if close > 0:
                out.append(AsmSite(span=view.tok_span(i, close)))
    return out
