"""SYCL target: a `__shared__` variable whose type is defined in its own declaration,
`__shared__ union { typename Load::TempStorage load; typename Scan::TempStorage scan; } ts;` (how CUB's
documentation shares one block of shared memory between primitives). The type is local to the function, so no
local_accessor made at the launch can name it: the type stays where it is, named, and the variable comes from
oneAPI's group_local_memory extension (CP4512), as other __shared__ variables whose type names a local typedef.
Input: FileContext and its FileAnalysis (function bodies). Output: two edits per declaration (head, tail).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.lexer import IDENT
from translator.targets.sycl.analysis import _GROUP_LOCAL, FileAnalysis, body_at, byte_span

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_QUALIFIERS = ("static", "volatile")


def rewrite_shared_aggregates(ctx: FileContext, an: FileAnalysis) -> None:
    toks = an.view.toks
    for i, t in enumerate(toks):
        if t.text != "__shared__" or t.kind != IDENT or t.directive >= 0 or i + 2 >= len(toks):
            continue
        if toks[i + 1].text not in ("struct", "union") or body_at(an, t.offset) is None:
            continue
        tag_at = i + 2 if toks[i + 2].kind == IDENT else -1
        brace = i + 3 if tag_at > 0 else i + 2
        if brace >= len(toks) or toks[brace].text != "{":
            continue
        close = an.view.match_close(brace)
        names = _declarators(toks, close) if close > 0 else None
        if names is None:
            ctx.report("CP4503", byte_span(ctx, t.offset, t.end), "a __shared__ struct/union declaring other than "
                       "plain variables")
            continue
        start = i
        while start > 0 and toks[start - 1].text in _QUALIFIERS:
            start -= 1
        tag = toks[tag_at].text if tag_at > 0 else f"cp_shared_{names[0]}_t"
        head = f"{toks[i + 1].text} {tag} {{"
        ctx.replace(byte_span(ctx, toks[start].offset, toks[brace].end), head, "__shared__ aggregate")
        semi = close + 2 * len(names)
        tail = "}; " + " ".join(_GROUP_LOCAL.format(name=n, type=tag) for n in names)
        ctx.replace(byte_span(ctx, toks[close].offset, toks[semi].end), tail, "__shared__ aggregate")
        ctx.report("CP4512", byte_span(ctx, t.offset, t.end), ", ".join(names), inline=False)


def _declarators(toks, close: int) -> list[str] | None:  # type: ignore[no-untyped-def]
    """`} a, b;` after the closing brace at `close`: the plain names declared, or None for any other shape
    (arrays, pointers, initialisers)."""
    names: list[str] = []
    k = close + 1
    while k + 1 < len(toks) and toks[k].kind == IDENT:
        names.append(toks[k].text)
        if toks[k + 1].text == ";":
            return names
        if toks[k + 1].text != ",":
            return None
        k += 2
    return None
