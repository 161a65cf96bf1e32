"""Which calls are whole statements whose value nobody reads (frontend/statement.py): those may become the
target's direct call; every other use keeps a form that returns the CUDA error code."""

from __future__ import annotations

import pytest

from translator.frontend.lexer import lex
from translator.frontend.statement import discarded_call
from translator.model import Span


def _discarded(code: str, call: str = "f(a, b)") -> bool:
    data = code.encode()
    start = data.index(call.encode())
    tokens = [t for t in lex(data)[0] if t.kind != "comment"]
    return discarded_call(tokens, Span(start, len(call), 1, start + 1))


@pytest.mark.parametrize("code", [
    "void g() { f(a, b); }",
    "void g() { x(); f(a, b); }",
    "void g() { if (c) f(a, b); }",
    "void g() { if (c) {} else f(a, b); }",
    "void g() { for (int i = 0; i < n; ++i) f(a, b); }",
    "void g() { (void)f(a, b); }",
    "void g() { while (k(c)) f(a, b); }",
    "void g() {\n#if A\n  f(a, b);\n#endif\n}",
    "void g() {\n#ifdef DEBUG\n  p();\n#endif\n  f(a, b);\n}",
])
def test_statements_whose_value_is_discarded(code: str) -> None:
    assert _discarded(code)


@pytest.mark.parametrize("code", [
    "void g() { CHECK(f(a, b)); }",
    "void g() { e = f(a, b); }",
    "void g() { if (f(a, b) != 0) return; }",
    "void g() { return f(a, b); }",
    "void g() { int e = f(a, b); }",
    "void g() { e = c ? x : f(a, b); }",
    "void g() { x, f(a, b); }",
    "void g() { (int)f(a, b); }",
    "void g() { f(a, b) + 1; }",
    "#define CALL f(a, b);\n",
    "void g() {\n#define CALL f(a, b);\n}",
    "void g() { e =\n#if A\n  f(a, b);\n#endif\n}",
])
def test_uses_of_the_value_or_unprovable_places(code: str) -> None:
    assert not _discarded(code)
