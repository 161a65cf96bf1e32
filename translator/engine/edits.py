"""Byte-range edits and their application.

An Edit replaces `length` bytes at `offset` with text. A templated edit (a whole call rewritten from its
arguments) computes its text from the already-translated text of ranges inside it, so edits nest: inner
edits are applied first and seen by the outer one. Partially overlapping edits are conflicts: the later
one is dropped and reported. Everything outside edits stays byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Render = Callable[[int, int], str]  # (offset, end) -> translated text of that range


@dataclass(frozen=True, slots=True)
class Edit:
    offset: int
    length: int
    text: str = ""
    build: Callable[[Render], str] | None = None  # for templated edits: text from rendered sub-ranges
    origin: str = ""  # rule name or emitter step, for the edit record
    exact: bool = True  # False: needs review (partial mapping, heuristic)
    priority: int = 0  # among edits at the same range, the highest priority wins

    @property
    def end(self) -> int:
        return self.offset + self.length


@dataclass
class _Node:
    edit: Edit
    children: list[_Node] = field(default_factory=list)


def _tree(edits: list[Edit]) -> tuple[list[_Node], list[Edit]]:
    """Nest edits by containment. Returns the roots and the edits dropped as conflicts.

    Insertions (length 0) at an edit's start go before it; an insertion at its end goes after it.
    Among edits with the same range the highest priority wins; partial overlaps drop the later edit.
    """
    ordered = sorted(edits, key=lambda e: (e.offset, e.length != 0, -e.length, -e.priority))
    roots: list[_Node] = []
    stack: list[_Node] = []
    dropped: list[Edit] = []
    for e in ordered:
        while stack and (stack[-1].edit.end <= e.offset or stack[-1].edit.length == 0):
            stack.pop()
        if not stack:
            node = _Node(e)
            roots.append(node)
            stack.append(node)
            continue
        top = stack[-1]
        same_range = top.edit.offset == e.offset and top.edit.length == e.length
        if e.end > top.edit.end or same_range or top.edit.build is None:
            dropped.append(e)  # partial overlap, duplicate range, or inside a plain replacement
            continue
        node = _Node(e)
        top.children.append(node)
        stack.append(node)
    return roots, dropped


def apply_edits(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit]]:
    """Apply edits to `data`. Returns the new bytes and the edits dropped because they conflicted."""
    roots, dropped = _tree(list(edits))

    def render(nodes: list[_Node], start: int, end: int) -> str:
        out: list[str] = []
        pos = start
        for node in nodes:
            e = node.edit
            if e.offset < start or e.end > end:
                continue
            out.append(data[pos : e.offset].decode("utf-8", "surrogateescape"))
            out.append(text_of(node))
            pos = e.end
        out.append(data[pos:end].decode("utf-8", "surrogateescape"))
        return "".join(out)

    def text_of(node: _Node) -> str:
        e = node.edit
        if e.build is None:
            return e.text
        return e.build(lambda s, t: render(node.children, s, t))

    result = render(roots, 0, len(data))
    return result.encode("utf-8", "surrogateescape"), dropped
