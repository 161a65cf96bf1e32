"""SYCL target, the program's own vector arithmetic: CUDA has no operators on float4/double2, so programs define
`operator+(double4, double4)` as `make_double4(a.x + b.x, ...)`. sycl::vec already has those element-wise
operators, and a second definition makes every use ambiguous. A definition whose body is exactly the
element-wise form is removed; any other body (a dot product, a different component order) is left alone.
Input: a FileContext after the rule pass and its FileAnalysis; output: Edits removing those definitions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.targets.sycl.analysis import FileAnalysis, byte_span

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_VEC = re.compile(r"(?:u?char|u?short|u?int|u?long|u?longlong|float|double)([234])")
_SCALARS = {"char", "short", "int", "long", "float", "double", "unsigned", "unsigned int", "size_t"}
_OPS = ("+", "-", "*", "/")
_STOP = (";", "}", "{")


def _operand(param: str) -> tuple[str, str] | None:
    """(type, name) of `const double4& a` / `double s`; None when not `[const] TYPE[&] NAME`."""
    m = re.fullmatch(r"\s*(?:const\s+)?([A-Za-z_][\w ]*?)\s*&?\s*([A-Za-z_]\w*)\s*", param)
    return (m.group(1), m.group(2)) if m else None


def _elementwise(op: str, vec: str, operands: list[tuple[str, str]], body: str) -> bool:
    n = int(_VEC.fullmatch(vec).group(1))  # type: ignore[union-attr]
    parts = []
    for c in "xyzw"[:n]:
        terms = [f"{name}.{c}" if _VEC.fullmatch(t) else name for t, name in operands]
        parts.append(re.escape(terms[0]) + r"\s*" + re.escape(op) + r"\s*" + re.escape(terms[1]))
    pattern = r"\{\s*return\s+make_" + vec + r"\s*\(\s*" + r"\s*,\s*".join(parts) + r"\s*\)\s*;\s*\}"
    return re.fullmatch(pattern, body) is not None


def drop_elementwise_operators(ctx: FileContext, an: FileAnalysis) -> None:
    view = an.view
    toks = view.toks
    for i, t in enumerate(toks[:-2]):
        if t.text != "operator" or t.directive >= 0 or toks[i + 1].text not in _OPS or toks[i + 2].text != "(":
            continue
        close = view.match_close(i + 2)
        if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "{":
            continue
        end = view.match_close(close + 1)
        if end < 0:
            continue
        params = [_operand(view.text(s)) for s in view.split_args(i + 2, close)]
        if len(params) != 2 or None in params:
            continue
        operands = [p for p in params if p is not None]
        vecs = {ty for ty, _ in operands if _VEC.fullmatch(ty)}
        if len(vecs) != 1 or any(not _VEC.fullmatch(ty) and ty not in _SCALARS for ty, _ in operands):
            continue
        vec = vecs.pop()
        body = ctx.text(view.tok_span(close + 1, end))
        if not _elementwise(toks[i + 1].text, vec, operands, body):
            continue
        start = i
        while start > 0 and toks[start - 1].text not in _STOP and toks[start - 1].directive < 0:
            start -= 1
        span = byte_span(ctx, toks[start].offset, toks[end].end)
        note = f"/* cudaport: element-wise operator{toks[i + 1].text} on {vec} removed: sycl::vec defines it */"
        ctx.edits.append(Edit(span.offset, span.length, origin="vector operator", build=lambda _r, n=note: n))
