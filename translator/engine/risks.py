"""Semantic-risk scanner: flags CUDA idioms that translate cleanly but can compute differently on other
hardware, chiefly the assumption that a warp is 32 lanes wide (AMD wavefronts are 64, SYCL sub-groups vary).

Input: a FileContext (device-function bodies from the token finder). Output: CP3001/CP3002 findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.sites import TokenView, find_kernels

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_FULL_MASKS = {"0xffffffff", "0xFFFFFFFF", "0xffffffffu", "0xFFFFFFFFu", "0xffffffffU", "0xFFFFFFFFU"}
_WARP_OPS = {("%", "32"), ("/", "32"), ("&", "31"), ("&", "0x1f"), (">>", "5")}


def device_bodies(view: TokenView) -> list[tuple[int, int]]:
    """Byte ranges of the bodies of __global__ and __device__ functions."""
    out = []
    for qual in ("__global__", "__device__"):
        for k in find_kernels(view, qual):
            if k.body is not None:
                out.append((k.body.offset, k.body.end))
    return sorted(set(out))


def scan_risks(ctx: FileContext) -> None:
    parsed = ctx.parsed
    toks = parsed.tokens
    if not toks:
        return
    view = TokenView(parsed.data, toks, _lines(ctx))
    bodies = device_bodies(view)
    if not bodies:
        return
    rewritten = {e.offset for e in ctx.edits if e.length > 0}  # literals a rule already rewrote (mask64)
    b = 0
    for i, t in enumerate(toks):
        while b < len(bodies) and t.offset >= bodies[b][1]:
            b += 1
        if b >= len(bodies):
            break
        if t.offset < bodies[b][0]:
            continue
        if t.kind != "literal":
            continue
        if t.text in _FULL_MASKS and t.offset not in rewritten:
            ctx.report("CP3002", view.span(t.offset, t.end), f"{t.text} as a lane mask")
        elif i > 0 and (toks[i - 1].text, t.text) in _WARP_OPS:
            ctx.report("CP3001", view.span(toks[i - 1].offset, t.end), f"'{toks[i - 1].text} {t.text}'")


def _lines(ctx: FileContext):  # type: ignore[no-untyped-def]
    from translator.frontend.lexer import LineIndex

    return LineIndex(ctx.parsed.data)
