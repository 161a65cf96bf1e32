"""Whether a call is a whole expression statement whose value nobody reads (`cudaMemcpy(d, h, n, k);`), from
the lexer tokens around the call's parsed range: what lets a rule emit the target's direct call (which may
return void) instead of a helper returning the CUDA error code. Conservative: anything it cannot prove (a
macro argument, an initializer, a condition, a directive nearby) is "used".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from translator.frontend.brackets import match_open
from translator.frontend.lexer import Tok
from translator.model import Span

_STATEMENT_START = frozenset({";", "{", "}"})
_STATEMENT_KEYWORDS = frozenset({"else", "do"})
_CONTROL = frozenset({"if", "for", "while", "switch"})


def discarded_call(tokens: Sequence[Tok], call: Span) -> bool:
    """True when `call` is preceded by the start of a statement and followed by `;`."""
    starts = [t.offset for t in tokens]  # tokens are in source order
    i = bisect_left(starts, call.offset)
    j = bisect_left(starts, call.end)
    if i >= len(tokens) or tokens[i].offset != call.offset or i == 0 or j >= len(tokens):
        return False
    if tokens[i].directive != -1 or tokens[j].directive != -1 or tokens[j].text != ";":
        return False
    k = i - 1
    while k >= 0 and tokens[k].directive != -1:  # `#endif` before the call: what precedes the conditional
        k -= 1
    if k < 0:
        return False
    prev = tokens[k]
    if prev.text in _STATEMENT_START or prev.text in _STATEMENT_KEYWORDS:
        return True
    if prev.text != ")":
        return False
    opening = _matching_open(tokens, k)
    if opening is None or opening == 0:
        return False
    inside = [t.text for t in tokens[opening + 1:k]]
    return tokens[opening - 1].text in _CONTROL or inside == ["void"]  # `if (c) call;` or `(void)call;`


def _matching_open(tokens: Sequence[Tok], close: int) -> int | None:
    """The `(` matching the `)` at close, within one statement: None when a brace or a token of a directive
    (other than a parenthesis) lies between (`;` may: `for (i = 0; i < n; ++i)`)."""
    k = match_open(tokens, close)
    if k < 0 or tokens[k].text != "(" or any(t.text in ("{", "}") or (t.directive != -1 and t.text not in ("(", ")"))
                    for t in tokens[k + 1:close]):
        return None
    return k
