"""Front end, a token-level pre-check: can this file declare a CUDA name itself?

tree-sitter is parsed only to find the user's own declarations of CUDA names (a function called cudaMalloc,
a local `int warpSize`). Most files declare none, and their tokens show it: a declared name follows a type
(`int warpSize`, `T *blockDim`, `} float4;`, `struct dim3`), while a use follows an operator, a bracket or a
statement start. When no CUDA name stands where a declarator could, the parse can be skipped with the same
result. Conservative by construction: any doubt (an enum body, `a > warpSize`) says "maybe".
Input: the file's tokens and the CUDA-name predicate. Output: True when a parse is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from translator.frontend.lexer import IDENT, KEYWORD, Tok

_TYPE_WORDS = frozenset({"void", "bool", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
                         "auto", "wchar_t", "char8_t", "char16_t", "char32_t"})
_INTRODUCERS = frozenset({"struct", "class", "enum", "union", "typedef", "using", "namespace", "~", "::"})
_AFTER_BODY = frozenset({";", ",", "=", "[", "{"})
_AFTER_LIST = frozenset({";", "=", "[", ","})
_MEMBER = frozenset({".", "->"})


def _type_end(toks: Sequence[Tok], j: int) -> bool:
    """Whether token j can end a type: a type keyword, a name not reached through `.`/`->`, or `>`."""
    t = toks[j]
    if t.kind == KEYWORD:
        return t.text in _TYPE_WORDS
    if t.kind == IDENT:
        return j == 0 or toks[j - 1].text not in _MEMBER
    return t.text == ">"


def may_declare_cuda_name(toks: Sequence[Tok], is_cuda_name: Callable[[str], bool],
                          qualifiers: frozenset[str] = frozenset()) -> bool:
    """True unless every CUDA name in the file stands where no declarator can. `qualifiers` are CUDA names
    that are declaration specifiers (__global__, __shared__: never declared by users)."""
    if any(t.kind == KEYWORD and t.text == "enum" for t in toks):
        return True  # enumerators are declared after `{` or `,`, like ordinary uses
    n = len(toks)
    parens = 0  # open ( ... ): a comma there separates arguments or parameters, not declarators
    for i, t in enumerate(toks):
        if t.directive < 0 and t.text in ("(", ")"):
            parens += 1 if t.text == "(" else -1
        if t.kind != IDENT or t.directive >= 0 or t.text in qualifiers or not is_cuda_name(t.text):
            continue
        if i == 0:
            return True
        nxt = toks[i + 1].text if i + 1 < n else ""
        if nxt in _MEMBER:
            continue  # blockIdx.x, p->field: a use
        prev = toks[i - 1]
        if prev.text in _INTRODUCERS:
            return True
        if _type_end(toks, i - 1) and not (prev.kind == IDENT and prev.text in qualifiers):
            return True
        if prev.text == "}" and nxt in _AFTER_BODY:
            return True  # typedef struct {...} float4;
        if prev.text == "," and nxt in _AFTER_LIST and parens <= 0:
            return True  # int a, warpSize = 32;
        if prev.text in ("*", "&", "&&"):
            j = i - 1
            while j >= 0 and toks[j].text in ("*", "&", "&&", "const", "volatile", "__restrict__"):
                j -= 1
            if j < 0 or toks[j].text == "," or _type_end(toks, j) and _starts_declaration(toks, j):
                return True
    return False


_NOT_BEFORE_TYPE = frozenset({"return", "case", "sizeof", "else", "do", "throw", "new", "delete", "co_return",
                              "co_yield", "co_await"})
_BOUNDARIES = frozenset({";", "{", "}", "(", ",", ":", "::", "<", ">"})


def _starts_declaration(toks: Sequence[Tok], j: int) -> bool:
    """Whether the type ending at token j stands where a declaration can start: after a statement boundary, a
    bracket, a specifier or the file start; not after an operator (`x = a * warpSize` is a product)."""
    if j == 0:
        return True
    k = toks[j - 1]
    if k.kind in (IDENT, KEYWORD):
        return k.text not in _NOT_BEFORE_TYPE
    return k.text in _BOUNDARIES
