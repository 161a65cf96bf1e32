"""Size expressions of case files: a small, safe subset of Python (integers, size names, + - * // % << >>,
unary minus, comparisons for constraints, cdiv/min/max/log2/pow2ceil). Evaluated in Python for shapes and
translated to C++ for the generated harness, so both sides compute the same launch configuration.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

FUNCS = {"cdiv", "min", "max", "log2", "pow2ceil"}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "/", ast.Mod: "%", ast.LShift: "<<",
        ast.RShift: ">>", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}
_CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


class ExprError(ValueError):
    """An expression outside the supported subset, or naming an unknown size."""


def parse(text: str | int | float) -> ast.expr:
    if isinstance(text, bool):
        raise ExprError(f"{text!r}: expected a number or an expression")
    if isinstance(text, int | float):
        return ast.Constant(text)
    try:
        node = ast.parse(str(text), mode="eval").body
    except SyntaxError as exc:
        raise ExprError(f"{text!r}: not an expression ({exc.msg})") from None
    _check(node, str(text))
    return node


def _check(node: ast.AST, src: str) -> None:
    ok = (ast.Constant, ast.Name, ast.BinOp, ast.UnaryOp, ast.Call, ast.Load, ast.Compare, ast.BoolOp,
          ast.And, ast.Or, ast.USub, ast.Not, *_BIN, *_CMP)
    for sub in ast.walk(node):
        if not isinstance(sub, ok):
            raise ExprError(f"{src!r}: {type(sub).__name__} is not allowed (use integers, size names, "
                            f"+ - * // % << >>, comparisons, {', '.join(sorted(FUNCS))})")
        if isinstance(sub, ast.Call) and not (isinstance(sub.func, ast.Name) and sub.func.id in FUNCS):
            raise ExprError(f"{src!r}: unknown function (known: {', '.join(sorted(FUNCS))})")
        if isinstance(sub, ast.Constant) and (isinstance(sub.value, bool) or not isinstance(sub.value, int | float)):
            raise ExprError(f"{src!r}: constant {sub.value!r} is not a number")


def names(text: str | int | float) -> set[str]:
    node = parse(text)
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called}


def evaluate(text: str | int | float, env: Mapping[str, int | float]) -> int | float:
    return _eval(parse(text), env, str(text))


def _eval(node: ast.expr, env: Mapping[str, int | float], src: str) -> int | float:  # noqa: C901
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise ExprError(f"{src!r}: unknown name {node.id!r} (known: {', '.join(sorted(env)) or 'none'})")
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env, src)
        return -v if isinstance(node.op, ast.USub) else int(not v)
    if isinstance(node, ast.BoolOp):
        vals = [_eval(v, env, src) for v in node.values]
        return int(all(vals)) if isinstance(node.op, ast.And) else int(any(vals))
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env, src)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, env, src)
            if not {ast.Eq: left == right, ast.NotEq: left != right, ast.Lt: left < right, ast.LtE: left <= right,
                    ast.Gt: left > right, ast.GtE: left >= right}[type(op)]:
                return 0
            left = right
        return 1
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env, src), _eval(node.right, env, src)
        op = type(node.op)
        if op in (ast.FloorDiv, ast.Mod) and b == 0:
            raise ExprError(f"{src!r}: division by zero")
        if op is ast.FloorDiv:  # C++ truncates: keep both sides identical for negative operands too
            return int(a / b) if isinstance(a, int) and isinstance(b, int) and (a < 0) != (b < 0) else a // b
        return {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b, ast.Mod: lambda: a % b,
                ast.LShift: lambda: a << b, ast.RShift: lambda: a >> b, ast.BitAnd: lambda: a & b,
                ast.BitOr: lambda: a | b, ast.BitXor: lambda: a ^ b}[op]()
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    args = [_eval(a, env, src) for a in node.args]
    fn = node.func.id
    if fn == "cdiv":
        return -(-args[0] // args[1]) if args[1] else 0
    if fn == "min":
        return min(args)
    if fn == "max":
        return max(args)
    if fn == "log2":
        return max(int(args[0]).bit_length() - 1, 0)
    return 1 << max(int(args[0]) - 1, 0).bit_length()  # pow2ceil


def to_cpp(text: str | int | float, rename: Mapping[str, str] | None = None) -> str:
    """C++ text of the expression over `long long` values (size names renamed through `rename`)."""
    return _cpp(parse(text), rename or {})


def _cpp(node: ast.expr, rename: Mapping[str, str]) -> str:
    if isinstance(node, ast.Constant):
        return f"{node.value}LL" if isinstance(node.value, int) else repr(float(node.value))
    if isinstance(node, ast.Name):
        return rename.get(node.id, node.id)
    if isinstance(node, ast.UnaryOp):
        return f"({'-' if isinstance(node.op, ast.USub) else '!'}{_cpp(node.operand, rename)})"
    if isinstance(node, ast.BoolOp):
        op = " && " if isinstance(node.op, ast.And) else " || "
        return "(" + op.join(_cpp(v, rename) for v in node.values) + ")"
    if isinstance(node, ast.Compare):
        parts, left = [], _cpp(node.left, rename)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _cpp(comp, rename)
            parts.append(f"({left} {_CMP[type(op)]} {right})")
            left = right
        return "(" + " && ".join(parts) + ")"
    if isinstance(node, ast.BinOp):
        return f"({_cpp(node.left, rename)} {_BIN[type(node.op)]} {_cpp(node.right, rename)})"
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    args = ", ".join(_cpp(a, rename) for a in node.args)
    return f"cp_{node.func.id}({args})"


CPP_HELPERS = """\
static inline long long cp_cdiv(long long a, long long b) { return b ? (a + b - 1) / b : 0; }
static inline long long cp_min(long long a, long long b) { return a < b ? a : b; }
static inline long long cp_max(long long a, long long b) { return a > b ? a : b; }
static inline long long cp_log2(long long a) { long long r = 0; while (a > 1) { a >>= 1; ++r; } return r; }
static inline long long cp_pow2ceil(long long a) { long long r = 1; while (r < a) r <<= 1; return r; }
"""
