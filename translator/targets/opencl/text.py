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
        self.toks = [t for t in lex(self.data)[0] if t.kind != COMMENT]

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


__all__ = ["IDENT", "KEYWORD", "PUNCT", "Rewriter", "sub_idents"]
