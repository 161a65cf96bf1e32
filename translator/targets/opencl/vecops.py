"""OpenCL target: free operator functions on CUDA vector types (`__device__ float4 operator+(float4 a, float4 b)`,
the helper_math.h style). OpenCL C has these operators built in for its vector types and no program may define
them, so the `.cl` uses the built-in ones. That is right only where the user's operator is the component-wise
operation the built-in one performs, so each operator that device code calls (clang resolves the calls) is
checked from its tokens:
- `T operator OP(A a, B b) { return make_T(a.x OP b.x, a.y OP b.y, ...); }`, with a scalar operand written bare
  (`s OP a.x`), the components in order and as many as T has;
- `T operator-(T a) { return make_T(-a.x, ...); }`;
- `void operator OP=(T& a, B b) { a.x OP= b.x; ...; }` (also returning `T&` with a final `return a;`).
Operators of the project headers the file includes are checked the same way when the file's device code calls
them (calls inside a header's own device functions are not followed). Verified operators are a note (CP4052);
any other operator device code calls on a vector type (a dot product
written as `*`, a comparison returning bool, a 3-component type, which is a packed struct here) is CP4051, an
error at the operator, since the built-in one would compute something else. Operators device code never calls
stay in the host code untouched.
Input: the file's context and tokens, the ranges of device code. Output: findings only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.engine.context import FileContext
from translator.frontend.lexer import PUNCT
from translator.frontend.sites import TokenView
from translator.model import Span
from translator.targets.opencl.scan import class_ranges

VECTOR = re.compile(r"(?:u?char|u?short|u?int|u?long|(?:u)?longlong|float|double)([1-4])")
_COMPONENTS = "xyzw"
_BINARY = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"}
_QUALIFIERS = {"__device__", "__host__", "__forceinline__", "inline", "static", "__inline__", "constexpr"}


@dataclass(frozen=True)
class VectorOperator:
    op: str
    ret: str  # the return type's spelling
    params: tuple[tuple[str, str], ...]  # (type words, name)
    body: tuple[str, ...]  # the tokens between the braces
    span: Span  # from `operator` to the body's `}`
    at: int  # offset of the `operator` token


def check_vector_operators(ctx: FileContext, view: TokenView, device_ranges: list[tuple[int, int]],
                           headers: Sequence[tuple[Path, str, TokenView]] = ()) -> None:
    """The file's own operators, and those of the project headers it includes (`headers`: path, display name,
    tokens) that its device code calls; without clang, every device operator of the file itself."""
    called = _called_from_device(ctx, device_ranges)
    for op in _operators(view):
        if called is None or (str(ctx.parsed.path), op.at) in called:
            _report(ctx, op, op.span, "")
    if called is None:
        return
    for path, name, hview in headers:
        for op in _operators(hview):
            if (str(path), op.at) in called:
                _report(ctx, op, None, f" (in {name}:{op.span.line})")


def _report(ctx: FileContext, op: VectorOperator, span: Span | None, where: str) -> None:
    why = _mismatch(op)
    sig = f"operator{op.op}({', '.join(t for t, _n in op.params)})"
    if why is None:
        ctx.report("CP4052", span, sig + where, inline=False)
    else:
        ctx.report("CP4051", span, f"{sig}: {why}{where}", inline=span is not None)


def _operators(view: TokenView) -> list[VectorOperator]:
    """Free `operator` definitions at file or namespace scope with a `__device__` qualifier and a CUDA vector
    type among their return and parameter types."""
    toks = view.toks
    out = []
    depth_class = class_ranges(view)  # member operators belong to their class (cxxonly.py)
    for i, t in enumerate(toks):
        if t.text != "operator" or t.directive >= 0 or any(a < t.offset < b for a, b in depth_class):
            continue
        j = i + 1
        op = ""
        while j < len(toks) and toks[j].text != "(" and toks[j].kind == PUNCT:
            op += toks[j].text
            j += 1
        if not op or j >= len(toks) or toks[j].text != "(":
            continue
        k = i - 1
        head: list[str] = []
        while k >= 0 and toks[k].text not in (";", "}", "{") and toks[k].directive < 0:
            head.insert(0, toks[k].text)
            k -= 1
        if "__device__" not in head:
            continue
        ret = " ".join(w for w in head if w not in _QUALIFIERS)
        close = view.match_close(j)
        if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "{":
            continue
        end = view.match_close(close + 1)
        if end < 0:
            continue
        params = tuple(_param(view.text(a)) for a in view.split_args(j, close))
        words = ret.split() + [w for t, _n in params for w in t.split()]
        if not any(VECTOR.fullmatch(w) for w in words):
            continue
        body = tuple(x.text for x in toks[close + 2:end])
        out.append(VectorOperator(op, ret, params, body, view.tok_span(i, end), t.offset))
    return out


def _param(text: str) -> tuple[str, str]:
    words = re.findall(r"[A-Za-z_]\w*|&|\*", text)
    name = words[-1] if words and words[-1] not in ("&", "*") else ""
    return " ".join(w for w in words[:-1] if w != "const"), name


def _called_from_device(ctx: FileContext, device_ranges: list[tuple[int, int]]) -> set[tuple[str, int]] | None:
    """(file, offset) of the operator functions clang resolved calls to inside the file's device code; None
    without clang."""
    tu = ctx.parsed.tu
    if tu is None:
        return None
    from clang.cindex import CursorKind

    from translator.frontend.clang import main_file_cursors_of

    main = str(ctx.parsed.path)
    out: set[tuple[str, int]] = set()
    for cur in main_file_cursors_of(tu, main, (CursorKind.CALL_EXPR,)):
        if cur.kind != CursorKind.CALL_EXPR or not cur.spelling.startswith("operator"):
            continue
        at = cur.location.offset
        if not any(a <= at < b for a, b in device_ranges):
            continue
        ref = cur.referenced
        if ref is not None and ref.location.file is not None:
            out.add((ref.location.file.name, ref.location.offset))
    return out


def _width(type_words: str) -> int:
    m = next((VECTOR.fullmatch(w) for w in type_words.split() if VECTOR.fullmatch(w)), None)
    return int(m.group(1)) if m else 0


def _term(param: tuple[str, str], c: str) -> list[str]:
    return [param[1], ".", c] if _width(param[0]) else [param[1]]


def _strip_parens(toks: list[str]) -> list[str]:
    while len(toks) >= 2 and toks[0] == "(" and toks[-1] == ")":
        toks = toks[1:-1]
    return toks


def _components(body: list[str], ret: str) -> list[list[str]] | None:
    """The argument token lists of `return make_T(...)` / `return T{...}` / `return {...}`, the body's only
    statement; None for any other body."""
    if len(body) < 4 or body[0] != "return" or body[-1] != ";":
        return None
    expr = body[1:-1]
    if expr[0] == f"make_{ret}" and expr[1] == "(" and expr[-1] == ")":
        inner = expr[2:-1]
    elif expr[0] == "{" and expr[-1] == "}":
        inner = expr[1:-1]
    elif expr[0] == ret and expr[1] == "{" and expr[-1] == "}":
        inner = expr[2:-1]
    else:
        return None
    parts: list[list[str]] = [[]]
    depth = 0
    for x in inner:
        if x in ("(", "[", "{"):
            depth += 1
        elif x in (")", "]", "}"):
            depth -= 1
        if x == "," and depth == 0:
            parts.append([])
        else:
            parts[-1].append(x)
    return [_strip_parens(p) for p in parts]


def _mismatch(op: VectorOperator) -> str | None:
    """None when the operator is the component-wise one OpenCL builds in; otherwise why not."""
    ret_w = _width(op.ret)
    widths = [_width(t) for t, _n in op.params]
    n = max([ret_w, *widths])
    if n in (1, 3):
        return f"OpenCL has no built-in operators for {n}-component vectors (a struct here)"
    if any(w and w != n for w in [ret_w, *widths]):
        return "operands of different widths"
    body = list(op.body)
    if op.op.endswith("=") and op.op[:-1] in _BINARY and len(op.params) == 2:
        a, b = op.params
        if "&" not in a[0].split() or not widths[0]:
            return "the left operand is not a vector taken by reference"
        want: list[str] = []
        for c in _COMPONENTS[:n]:
            want += [*_term(a, c), op.op, *_term(b, c), ";"]
        if body == want or body == [*want, "return", a[1], ";"]:
            return None
        return "not the component-wise compound assignment"
    if op.op in _BINARY and len(op.params) == 2 or op.op == "-" and len(op.params) == 1:
        if not ret_w:
            return "its result is not a vector (OpenCL's operator gives a vector)"
        parts = _components(body, op.ret.split()[-1])
        if parts is None or len(parts) != n:
            return "its body is not one `return make_T(...)` with a component each"
        for c, got in zip(_COMPONENTS[:n], parts, strict=True):
            if len(op.params) == 1:
                expect = ["-", *_term(op.params[0], c)]
            else:
                expect = [*_term(op.params[0], c), op.op, *_term(op.params[1], c)]
            if got != expect:
                return f"component {c} is `{' '.join(got)}`, not `{' '.join(expect)}`"
        return None
    return f"operator{op.op} has no component-wise counterpart in OpenCL C"

