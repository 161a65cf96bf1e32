"""The launch finder takes the whole postfix expression before `<<<` as the callee: an element of a table of
kernels, a member of a struct, a pointer reached through `->` or `this->`, a call returning a kernel pointer and a
parenthesised pointer. Before, only `ns::name<targs>` and `(...)` were callees, so `table[t]<<<...>>>` was no launch
at all and stayed untranslated with no diagnostic."""

from __future__ import annotations

import pytest

from translator.frontend.lexer import lex
from translator.frontend.sites import TokenView, find_launches


def _callees(src: str) -> list[str]:
    data = src.encode()
    toks, _ = lex(data)
    return [launch.kernel for launch in find_launches(TokenView.build(data, toks))]


@pytest.mark.parametrize("callee", [
    "table[t]", "grid[i][j]", "ops.k", "ops.table[2]", "p->k", "this->k", "s.inner->k", "pick(i)",
    "(*fn)", "ns::k<float, 4>", "::k", "k",
])
def test_postfix_callee_is_taken_whole(callee: str) -> None:
    assert _callees(f"void f() {{ x = 1; {callee}<<<g, b>>>(a, n); }}") == [callee]


def test_a_keyword_or_a_condition_before_the_callee_is_not_part_of_it() -> None:
    assert _callees("void f() { if (c) (*fn)<<<1, 2>>>(a); else k<<<1, 2>>>(a); }") == ["(*fn)", "k"]
    assert _callees("void f() { return table[0]<<<1, 2>>>(a); }") == ["table[0]"]
