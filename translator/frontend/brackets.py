"""Front-end token toolkit: the one bracket matcher (forward and backward), template-angle matcher (forward and
backward) and top-level argument splitter,
for the site finder and every target (the OpenCL Rewriter and the targets' template-argument parsing too).

Input: lexer tokens (comments removed) and the index of an opening bracket, or a piece of source text.
Output: token indices, inclusive token ranges, or stripped argument texts. Working on tokens means `->`, `>>`
and `>=` are never taken for brackets, and nothing inside a string or character literal splits.
"""

from __future__ import annotations

from collections.abc import Sequence

from translator.frontend.lexer import COMMENT, IDENT, PUNCT, Tok, lex

OPEN = {"(": ")", "[": "]", "{": "}"}
CLOSE = {")", "]", "}"}


def match_close(toks: Sequence[Tok], i: int) -> int:
    """Index of the token closing the bracket at toks[i] ((, [ or {), or -1 when unbalanced."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind != PUNCT:
            continue
        if t.text in OPEN:
            depth += 1
        elif t.text in CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return -1


def match_open(toks: Sequence[Tok], i: int) -> int:
    """Index of the token opening the bracket that toks[i] (`)`, `]` or `}`) closes, or -1 when unbalanced: the
    backward counterpart of match_close."""
    depth = 0
    for j in range(i, -1, -1):
        t = toks[j]
        if t.kind != PUNCT:
            continue
        if t.text in CLOSE:
            depth += 1
        elif t.text in OPEN:
            depth -= 1
            if depth == 0:
                return j
    return -1


def angle_open(toks: Sequence[Tok], j: int) -> int:
    """Index of the `<` that opens the angle-bracket list closing at token j (`>` or `>>`), or -1 when a
    statement boundary (`;`, `{`, `}`) comes first: the backward counterpart of angle_close."""
    depth = 0
    for k in range(j, -1, -1):
        tx = toks[k].text
        if tx == ">":
            depth += 1
        elif tx == ">>":
            depth += 2
        elif tx == "<":
            depth -= 1
            if depth == 0:
                return k
        elif tx in (";", "{", "}"):
            return -1
    return -1


def angle_close(toks: Sequence[Tok], i: int, limit: int = 64) -> int:
    """Index of the `>` (or `>>`) closing a template argument list opened by the `<` at i, or -1 (then it was
    a comparison). Bracketed groups inside are skipped whole (`A<(x > y)>`); a statement end, a closing
    bracket of the enclosing group, or `&&`/`||` mean it was a comparison. At most `limit` tokens are read."""
    depth = 0
    j = i
    end = min(len(toks), i + limit)
    while j < end:
        t = toks[j]
        if t.kind == PUNCT:
            if t.text == "<":
                depth += 1
            elif t.text == ">":
                depth -= 1
                if depth == 0:
                    return j
            elif t.text == ">>":
                depth -= 2
                if depth <= 0:
                    return j if depth == 0 else -1
            elif t.text in OPEN:
                j = match_close(toks, j)
                if j < 0:
                    return -1
            elif t.text in (";", "}", "&&", "||"):
                return -1
        j += 1
    return -1


def template_list_end(toks: Sequence[Tok], i: int, limit: int) -> int:
    """Index of the `>` closing a template argument list opened by the `<` at i (before token `limit`), or -1.
    It must follow a name and be followed by what can follow a template-id (`,` `)` `(` `::` `*` `&` or a
    declarator), so `f(a < b, c > 1)` stays two comparisons."""
    if i == 0 or toks[i - 1].kind != IDENT:
        return -1
    k = angle_close(toks, i)
    if k < 0 or k >= limit or toks[k].text not in (">", ">>"):
        return -1
    after = toks[k + 1]
    if after.text in (",", ")", "(", "::", "*", "&") or after.kind == IDENT:
        return k
    return -1


def split_args(toks: Sequence[Tok], open_i: int, close_i: int) -> list[tuple[int, int]]:
    """Inclusive token ranges of the top-level comma-separated pieces between two brackets (an empty piece is
    (start, start - 1)). Commas inside brackets or inside a template argument list (`kernel<float, 4>`,
    `Vec<T, 3> v`) do not split."""
    if close_i == open_i + 1:
        return []
    out: list[tuple[int, int]] = []
    depth = 0
    start = open_i + 1
    j = open_i + 1
    while j < close_i:
        t = toks[j]
        if t.kind == PUNCT:
            if t.text == "<" and depth == 0 and (k := template_list_end(toks, j, close_i)) > j:
                j = k
            elif t.text in OPEN:
                depth += 1
            elif t.text in CLOSE:
                depth -= 1
            elif t.text == "," and depth == 0:
                out.append((start, j - 1))
                start = j + 1
        j += 1
    out.append((start, close_i - 1))
    return out


def split_text(text: str) -> list[str]:
    """The top-level comma-separated pieces of a piece of source (the inside of `<...>` or `(...)`), stripped,
    by the same rules as split_args; [] for blank text."""
    if not text.strip():
        return []
    data = f"({text}\n)".encode("utf-8", "surrogateescape")
    toks = [t for t in lex(data)[0] if t.kind != COMMENT]
    pieces = []
    for a, b in split_args(toks, 0, len(toks) - 1):
        piece = data[toks[a].offset : toks[b].end] if b >= a else b""
        pieces.append(piece.decode("utf-8", "surrogateescape").strip())
    return pieces
