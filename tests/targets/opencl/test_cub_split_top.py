"""cub.split_top, the [a, b) adapter the CUB and cooperative-groups rewrites use over brackets.split_args."""

from __future__ import annotations

from translator.frontend.brackets import match_close
from translator.frontend.lexer import COMMENT, lex
from translator.targets.opencl.cub import split_top


def _pieces(text: str) -> list[str]:
    toks = [t for t in lex(text.encode())[0] if t.kind != COMMENT]
    return [" ".join(t.text for t in toks[a:b]) for a, b in split_top(toks, 1, match_close(toks, 1))]


def test_template_argument_commas_do_not_split_and_a_trailing_empty_piece_is_dropped() -> None:
    assert _pieces("R(x, Op<int, 2>())") == ["x", "Op < int , 2 > ( )"]
    assert _pieces("R(a[i, j], {1, 2}, )") == ["a [ i , j ]", "{ 1 , 2 }"]
    assert _pieces("R()") == []
