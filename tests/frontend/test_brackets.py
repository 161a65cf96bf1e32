"""The one token toolkit (translator/frontend/brackets.py): bracket and template-angle matching and the
top-level argument split, as the site finder, the OpenCL Rewriter and the targets' template parsing use it."""

from __future__ import annotations

import pytest

from translator.frontend.brackets import angle_close, angle_open, match_close, match_open, split_args, split_text
from translator.frontend.lexer import COMMENT, lex
from translator.targets.opencl.text import Rewriter


def _toks(text: str):  # type: ignore[no-untyped-def]
    return [t for t in lex(text.encode())[0] if t.kind != COMMENT]


@pytest.mark.parametrize(("text", "pieces"), [
    ("a, b", ["a", "b"]),
    ("p->x, y", ["p->x", "y"]),  # `->` is no closing bracket (the old character splitter did not split here)
    ("a < b, c", ["a < b", "c"]),  # a comparison opens nothing
    ("n >> 1, m >= 2", ["n >> 1", "m >= 2"]),
    ("Vec<T, 3>, N", ["Vec<T, 3>", "N"]),  # commas of a template argument list do not split
    ('f(a, b), "x,y", \',\'', ["f(a, b)", '"x,y"', "','"]),  # nor those inside brackets or literals
    ("a, /* b, c */ d", ["a", "d"]),  # a comment neither splits nor belongs to a piece
    ("  ", []),
])
def test_split_text_splits_at_top_level_commas_only(text: str, pieces: list[str]) -> None:
    assert split_text(text) == pieces


def test_split_args_gives_token_ranges_between_brackets() -> None:
    toks = _toks("k(x[i, j], g<float, 4>(y), z)")
    ranges = split_args(toks, 1, match_close(toks, 1))
    assert [" ".join(t.text for t in toks[a:b + 1]) for a, b in ranges] == [
        "x [ i , j ]", "g < float , 4 > ( y )", "z"]
    assert split_args(_toks("f()"), 1, 2) == []


def test_rewriter_splits_like_the_site_finder() -> None:
    rw = Rewriter("f(Vec<int, 2>(x), y)")
    assert [rw.tok_text(a, b) for a, b in rw.split(1, rw.match(1))] == ["Vec<int, 2>(x)", "y"]


@pytest.mark.parametrize(("text", "closes_at"), [
    ("A<int>", 3),
    ("A<B<int>>", 5),  # `>>` closes both
    ("A<(x > y)>", 7),  # a bracketed group is skipped whole
    ("a < b && c > d", -1),  # `&&`: a comparison
    ("a < b; c > d", -1),
    ("A<B<int>>>", 5),
])
def test_angle_close(text: str, closes_at: int) -> None:
    assert angle_close(_toks(text), 1) == closes_at


def test_match_close_finds_the_partner_or_minus_one() -> None:
    toks = _toks("{ a(b[c]) } (")
    assert match_close(toks, 0) == 8 and match_close(toks, 2) == 7 and match_close(toks, 9) == -1


def test_match_open_is_the_backward_match_close() -> None:
    toks = _toks("(*fn[a(1)])(x); y)")
    close = match_close(toks, 0)
    assert toks[close].text == ")" and match_open(toks, close) == 0
    inner = [i for i, t in enumerate(toks) if t.text == "]"][0]
    assert toks[match_open(toks, inner)].text == "[" and match_open(toks, len(toks) - 1) == -1


def test_angle_open_walks_back_over_a_template_list_and_stops_at_a_statement() -> None:
    toks = _toks("x; k<A<int>, B<2>>")
    assert angle_open(toks, len(toks) - 1) == 3  # the `<` after k, through the `>>`
    assert angle_open(_toks("a; b > c"), 3) == -1  # `;` first: a comparison, not a template list
