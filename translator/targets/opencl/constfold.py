"""OpenCL host side: integer template arguments of a launch that name constants.

Input: the argument as written (`NUM_THREADS`, `BLOCK_X * 2`), the host tokens before the launch and the file's
object-like macros. Output: the value as a decimal literal, or None. The .cl has one kernel per template
argument combination and the host stub names the kernel after the values, so `k<NUM_THREADS>` with a local
`constexpr int NUM_THREADS = 128;` (or `#define FLOAT16_EXP_BITS 5` in a header) must become `k<128>` on both
sides. Only integer arithmetic on literals is folded; anything else stays unknown (CP4008).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from translator.frontend.lexer import IDENT, Tok

_INT_WORDS = {"int", "unsigned", "signed", "long", "short", "char", "size_t", "uint32_t", "int32_t", "uint64_t",
              "int64_t", "uint16_t", "int16_t", "uint8_t", "int8_t", "uint", "bool"}
_SIZES = {"char": 1, "signed char": 1, "unsigned char": 1, "short": 2, "unsigned short": 2, "int": 4,
          "unsigned": 4, "unsigned int": 4, "long": 8, "unsigned long": 8, "long long": 8,
          "unsigned long long": 8, "float": 4, "double": 8, "size_t": 8, "int8_t": 1, "uint8_t": 1,
          "int16_t": 2, "uint16_t": 2, "int32_t": 4, "uint32_t": 4, "int64_t": 8, "uint64_t": 8, "bool": 1,
          "__half": 2, "half": 2, "__nv_bfloat16": 2, "cp_half": 2, "cp_bfloat16": 2}
_SIZEOF = re.compile(r"\bsizeof\s*\(\s*(" + "|".join(sorted((re.escape(k).replace("\\ ", r"\s+") for k in _SIZES),
                                                              key=len, reverse=True)) + r")\s*\)")
_SUFFIX = re.compile(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b")


def local_constants(toks: Sequence[Tok], end: int) -> dict[str, str]:
    """`const`/`constexpr` integer variables declared with an initialiser in the tokens before byte `end`
    (the nearest declaration of a name wins, as in the scope the launch sees)."""
    out: dict[str, str] = {}
    n = len(toks)
    i = 0
    while i < n and toks[i].offset < end:
        t = toks[i]
        if t.text in ("const", "constexpr") and t.directive < 0:
            j = i + 1
            while j < n and toks[j].text in _INT_WORDS | {"const", "constexpr", "static"}:
                j += 1
            if j > i + 1 and j + 1 < n and toks[j].kind == IDENT and toks[j + 1].text == "=":
                k = j + 2
                depth = 0
                while k < n and not (toks[k].text in (";", ",") and depth == 0):
                    depth += toks[k].text in "([{"
                    depth -= toks[k].text in ")]}"
                    k += 1
                if k < n and toks[k].offset < end:
                    out[toks[j].text] = " ".join(x.text for x in toks[j + 2:k])
                i = k
                continue
        i += 1
    return out


def fold(text: str, names: dict[str, str]) -> str | None:
    expr = text
    for _ in range(8):  # names defined through other names, to a fixed depth
        new = re.sub(r"[A-Za-z_]\w*", lambda m: names.get(m.group(0), m.group(0)), expr)
        if new == expr:
            break
        expr = new
    expr = _SIZEOF.sub(lambda m: str(_SIZES[" ".join(m.group(1).split())]), _SUFFIX.sub(r"\1", expr))
    value = _evaluate(_ternary(expr))
    return None if value is None or isinstance(value, bool) else str(value)


def _ternary(expr: str) -> str:
    """C's `c ? a : b` (at the top level and inside parentheses, as constants defined through other
    conditional constants give) and `&&`/`||`/`!` in Python spelling."""
    expr = expr.replace("&&", " and ").replace("||", " or ")
    return _conditional(re.sub(r"!(?!=)", " not ", expr))


def _conditional(expr: str) -> str:
    parts: list[str] = []
    depth, start, last = 0, -1, 0
    for k, ch in enumerate(expr):
        if ch == "(":
            depth += 1
            if depth == 1:
                start = k
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                parts += [expr[last:start], "(", _conditional(expr[start + 1:k]), ")"]
                last = k + 1
    expr = "".join(parts) + expr[last:]
    depth, q = 0, -1
    for k, ch in enumerate(expr):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "?" and depth == 0:
            q = k
            break
    if q < 0:
        return expr
    c = expr.find(":", q)
    if c < 0:
        return expr
    return f"({expr[q + 1:c]}) if ({expr[:q]}) else ({_conditional(expr[c + 1:])})"


def _evaluate(expr: str) -> int | None:
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError:
        return None
    try:
        return _node(tree.body)
    except (ValueError, ZeroDivisionError, TypeError):
        return None


def _node(node: ast.AST) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.IfExp):
        return _node(node.body) if _node(node.test) else _node(node.orelse)
    if isinstance(node, ast.BoolOp):
        vals = [_node(v) for v in node.values]
        return int(all(vals)) if isinstance(node.op, ast.And) else int(any(vals))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return int(not _node(node.operand))
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        a, b = _node(node.left), _node(node.comparators[0])
        cmp = {ast.Eq: a == b, ast.NotEq: a != b, ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b, ast.GtE: a >= b}
        if type(node.ops[0]) in cmp:
            return int(cmp[type(node.ops[0])])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)):
        v = _node(node.operand)
        return -v if isinstance(node.op, ast.USub) else v if isinstance(node.op, ast.UAdd) else ~v
    if isinstance(node, ast.BinOp):
        a, b = _node(node.left), _node(node.right)
        ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
               ast.Div: lambda: int(a / b) if abs(a) < 2**52 else a // b,  # C: toward zero
               ast.Mod: lambda: a - b * int(a / b), ast.LShift: lambda: a << b, ast.RShift: lambda: a >> b,
               ast.BitAnd: lambda: a & b, ast.BitOr: lambda: a | b, ast.BitXor: lambda: a ^ b}
        op = ops.get(type(node.op))
        if op is not None:
            return op()
    raise ValueError("not integer arithmetic")
