"""Small token-level text helpers for rewriting translated kernel text (OpenCL emitter).

Input: C/OpenCL C source text. Output: tokens with byte offsets (the project lexer) and a list-of-edits
rewriter; comments and string literals are never touched because edits are made on tokens only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.frontend.brackets import angle_close, match_close, split_args
from translator.frontend.lexer import COMMENT, IDENT, KEYWORD, PUNCT, Tok, lex

# Overlapping edits a Rewriter kept out (the first of two overlapping ones wins), described, until the OpenCL
# target reports them as CP2006 for the file it is translating (take_conflicts): never dropped in silence.
_CONFLICTS: list[str] = []

# The comment-free tokens of the texts Rewriters were made of lately: the emitter's passes build one Rewriter after
# another over the same kernel text, most of them changing nothing, and lexing it again each time was a large part
# of the OpenCL translation time. Tokens are tuples; each Rewriter gets its own list.
_LEXED: dict[bytes, tuple[Tok, ...]] = {}
_LEXED_MAX = 4096


def _tokens(data: bytes) -> list[Tok]:
    toks = _LEXED.get(data)
    if toks is None:
        if len(_LEXED) >= _LEXED_MAX:
            _LEXED.clear()
        toks = _LEXED[data] = tuple(t for t in lex(data)[0] if t.kind != COMMENT)
    return list(toks)


def take_conflicts() -> list[str]:
    """The conflicts recorded since the last call, cleared."""
    out = list(_CONFLICTS)
    _CONFLICTS.clear()
    return out


@dataclass
class Rewriter:
    text: str
    toks: list[Tok] = field(default_factory=list)
    data: bytes = b""
    edits: list[tuple[int, int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.data = self.text.encode("utf-8", "surrogateescape")
        self.toks = _tokens(self.data)

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text))

    def insert(self, at: int, text: str) -> None:
        self.edits.append((at, at, len(self.edits), text))

    def slice(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "surrogateescape")

    def tok_text(self, i: int, j: int) -> str:
        """Source text from token i to token j inclusive."""
        return self.slice(self.toks[i].offset, self.toks[j].end)

    def match(self, i: int) -> int:
        return match_close(self.toks, i)

    def angle(self, i: int) -> int:
        """Index of the `>` closing the template argument list opened at i, or -1 (brackets.angle_close)."""
        return angle_close(self.toks, i)

    def split(self, open_i: int, close_i: int) -> list[tuple[int, int]]:
        """Token index ranges (inclusive) of the top-level comma-separated pieces between two brackets; commas
        of a template argument list do not split (brackets.split_args)."""
        return split_args(self.toks, open_i, close_i)

    def result(self) -> str:
        out = []
        pos = 0
        kept: tuple[int, int, str] | None = None
        for start, end, _, text in sorted(self.edits, key=lambda e: (e[0], e[1] != e[0], e[2])):
            if start < pos:  # overlaps an earlier edit: keep the first, and say so (unless it is the same edit)
                if kept != (start, end, text):
                    _CONFLICTS.append(f"{self.slice(start, end)!r} -> {text!r} overlaps an earlier rewrite")
                continue
            out.append(self.data[pos:start].decode("utf-8", "surrogateescape"))
            out.append(text)
            pos, kept = end, (start, end, text)
        out.append(self.data[pos:].decode("utf-8", "surrogateescape"))
        return "".join(out)


def sub_idents(text: str, mapping: dict[str, str], *, skip_members: bool = True) -> str:
    if not mapping:
        return text
    rw = Rewriter(text)
    for k, t in enumerate(rw.toks):
        if t.kind in (IDENT, KEYWORD) and t.text in mapping:
            if skip_members and k and rw.toks[k - 1].text in (".", "->"):
                continue
            rw.replace(t.offset, t.end, mapping[t.text])
    return rw.result()


def c_static_asserts(text: str) -> str:
    """C++'s `static_assert(c)` / `static_assert(c, "why")` as C11's `_Static_assert(c, "why")`, which the
    OpenCL C compilers built on clang accept: the kernel's instance has its template arguments substituted, so
    the check still runs, once per instance, when the device compiles the program."""
    rw = Rewriter(text)
    for k, t in enumerate(rw.toks):
        if t.text != "static_assert" or k + 1 >= len(rw.toks) or rw.toks[k + 1].text != "(":
            continue
        close = rw.match(k + 1)
        if close < 0:
            continue
        rw.replace(t.offset, t.end, "_Static_assert")
        if len(rw.split(k + 1, close)) == 1:
            rw.insert(rw.toks[close].offset, ', ""')
    return rw.result()


def c_local_struct_names(text: str, names: set[str] | None = None) -> str:
    """A struct a function body defines (`struct U { float v[4]; }; U a;`) is named without `struct` in C++;
    in C the tag needs a typedef, added after the definition's `;`. `names` collects the struct names."""
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.text not in ("struct", "union") or (k and toks[k - 1].text == "typedef"):
            continue
        j = k + 1
        while j < len(toks) and toks[j].text == "__attribute__" and j + 1 < len(toks):
            j = rw.match(j + 1) + 1
        if j + 1 >= len(toks) or toks[j].kind != IDENT or toks[j + 1].text != "{":
            continue
        e = rw.match(j + 1) + 1
        while 0 < e < len(toks) and toks[e].text != ";":
            e += 1
        if 0 < e < len(toks):
            rw.insert(toks[e].end, f" typedef {t.text} {toks[j].text} {toks[j].text};")
            if names is not None:
                names.add(toks[j].text)
    return rw.result()


__all__ = ["IDENT", "KEYWORD", "PUNCT", "Rewriter", "c_local_struct_names", "c_static_asserts", "sub_idents"]
