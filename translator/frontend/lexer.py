"""C/C++/CUDA lexer over bytes: splits a file into identifier, keyword, punctuation, literal and comment
tokens with exact byte offsets, marking preprocessor directives. Comments and string/char literals are
single tokens, so nothing inside them can ever be taken for a CUDA name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

_PUNCT = [
    b"...", b"<<=", b">>=", b"->*", b"<=>", b"::", b"->", b"++", b"--", b"<<", b">>", b"<=", b">=", b"==",
    b"!=", b"&&", b"||", b"+=", b"-=", b"*=", b"/=", b"%=", b"&=", b"|=", b"^=", b"##", b".*",
]
_TOKEN_RE = re.compile(
    rb"""
    (?P<ws>[ \t\f\v\r]+|\\\r?\n)
  | (?P<nl>\n)
  | (?P<lcomment>//(?:[^\n\\]|\\.|\\\n)*)
  | (?P<bcomment>/\*.*?(?:\*/|\Z))
  | (?P<raw>(?:u8|u|U|L)?R"(?P<delim>[^ ()\\\t\v\f\n]{0,16})\(.*?\)(?P=delim)")
  | (?P<string>(?:u8|u|U|L)?"(?:[^"\\\n]|\\.|\\\n)*"?)
  | (?P<char>(?:u8|u|U|L)?'(?:[^'\\\n]|\\.)*'?)
  | (?P<number>\.?[0-9](?:[eEpP][+-]|'[0-9A-Za-z_]|[0-9A-Za-z_.])*)
  | (?P<ident>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<punct>"""
    + b"|".join(re.escape(p) for p in _PUNCT)
    + rb"""|[^\sA-Za-z0-9_$])
    """,
    re.VERBOSE | re.DOTALL,
)

_HEADER_RE = re.compile(rb"[ \t]*(<[^>\n]*>|\"[^\"\n]*\")")
_DIRECTIVE_NAME_RE = re.compile(rb"[ \t]*([A-Za-z_]\w*)")

KEYWORDS = frozenset(
    """alignas alignof asm auto bool break case catch char char8_t char16_t char32_t class const consteval
    constexpr constinit const_cast continue co_await co_return co_yield decltype default delete do double
    dynamic_cast else enum explicit export extern false float for friend goto if inline int long mutable
    namespace new noexcept nullptr operator private protected public register reinterpret_cast requires
    return short signed sizeof static static_assert static_cast struct switch template this thread_local
    throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while""".split()
)

IDENT, KEYWORD, PUNCT, LITERAL, COMMENT = "ident", "keyword", "punct", "literal", "comment"


class Tok(NamedTuple):
    """One token. A named tuple, not a frozen dataclass: files have tens of thousands of tokens and a tuple
    is built three times faster (the lexer is a third of a HIP translation's time)."""

    kind: str
    text: str
    offset: int
    end: int
    directive: int  # index of the directive this token belongs to, or -1 outside directives


@dataclass(frozen=True, slots=True)
class Directive:
    name: str  # include, define, if, ...
    offset: int
    end: int  # end of the logical line (before the newline)


class LineIndex:
    """Maps byte offsets to 1-based line and column."""

    def __init__(self, data: bytes) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


_new_tok = tuple.__new__  # Tok(...) without the named tuple's Python-level __new__ frame


def lex(data: bytes) -> tuple[list[Tok], list[Directive]]:
    """Tokenise a whole file. Whitespace is dropped; every other byte belongs to exactly one token."""
    toks: list[Tok] = []
    append = toks.append
    directives: list[Directive] = []
    at_line_start = True
    in_directive = -1
    expect_header = False
    pos = 0
    n = len(data)
    match = _TOKEN_RE.match
    keywords = KEYWORDS
    while pos < n:
        if expect_header:
            # After `#include` the header name is one token: <a/b.h> or "a/b.h".
            m = _HEADER_RE.match(data, pos)
            expect_header = False
            if m:
                append(_new_tok(Tok, (LITERAL, m.group(1).decode("utf-8", "surrogateescape"), m.start(1), m.end(1),
                                      in_directive)))
                pos = m.end()
                continue
        m = match(data, pos)
        if m is None:  # unreachable: the last alternative takes any non-space byte
            pos += 1
            continue
        kind = m.lastgroup
        start = pos
        pos = end = m.end()
        if kind == "ws":
            continue
        if kind == "ident":
            text = data[start:end].decode("utf-8", "surrogateescape")
            append(_new_tok(Tok, (KEYWORD if text in keywords else IDENT, text, start, end, in_directive)))
            at_line_start = False
            continue
        if kind == "nl":
            if in_directive >= 0:
                d = directives[in_directive]
                directives[in_directive] = Directive(d.name, d.offset, start)
                in_directive = -1
            at_line_start = True
            continue
        if kind in ("raw", "delim"):
            kind = "string"
        text = data[start:end].decode("utf-8", "surrogateescape")
        if kind in ("lcomment", "bcomment"):
            append(_new_tok(Tok, (COMMENT, text, start, end, in_directive)))
            continue
        if kind == "punct" and text == "#" and at_line_start and in_directive < 0:
            nm = _DIRECTIVE_NAME_RE.match(data, end)
            name = nm.group(1).decode() if nm else ""
            directives.append(Directive(name, start, n))
            in_directive = len(directives) - 1
            append(_new_tok(Tok, (PUNCT, text, start, end, in_directive)))
            if nm:
                append(_new_tok(Tok, (IDENT, name, nm.start(1), nm.end(1), in_directive)))
                pos = nm.end()
                if name in ("include", "include_next", "import"):
                    expect_header = True
            at_line_start = False
            continue
        at_line_start = False
        append(_new_tok(Tok, (LITERAL if kind in ("string", "char", "number") else PUNCT, text, start, end,
                              in_directive)))
    if in_directive >= 0:
        d = directives[in_directive]
        directives[in_directive] = Directive(d.name, d.offset, n)
    return toks, directives


_SHARED: dict[bytes, tuple[list[Tok], list[Directive]]] = {}
_SHARED_MAX = 16


def lex_shared(data: bytes) -> tuple[list[Tok], list[Directive]]:
    """lex(data), the same lists for the same bytes while they are among the last files lexed here: a file is
    lexed for its includes, parsed, and its includes followed again (twice for OpenCL). The lists are shared:
    callers read them and never change them."""
    got = _SHARED.get(data)
    if got is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        got = _SHARED[data] = lex(data)
    return got
