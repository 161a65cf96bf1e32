"""OpenCL device code: C casts to CUDA's half/bfloat16 storage types in the generated program.

Input: the .cl text. Output: the text with `(cp_half)expr` as `cp_to_half(expr)` (and bfloat16 likewise).
Templates are instantiated by substituting type arguments into the kernel's text, so `(T)v` in a kernel
launched with T = __half becomes `(cp_half)v`, which OpenCL C rejects: cp_half is a struct. The prelude's
overloaded cp_to_half converts from every arithmetic type as CUDA's __half constructors do. The operand is
what a C cast applies to: unary operators, then a primary expression with its postfix operators.
"""

from __future__ import annotations

from translator.frontend.brackets import match_close
from translator.frontend.lexer import IDENT, lex

_CASTS = {"cp_half": "cp_to_half", "cp_bfloat16": "cp_to_bfloat16"}
_OPEN = {"(": ")", "[": "]"}


def storage_casts(text: str, start: int = 0) -> str:
    data = text.encode("utf-8", "surrogateescape")
    if not any(name.encode() in data[start:] for name in _CASTS):
        return text
    toks = lex(data)[0]
    edits: list[tuple[int, int, str, str]] = []  # (cast start, operand end, function, operand text)
    n = len(toks)
    i = 0
    while i + 3 < n:
        t = toks[i]
        if (t.offset >= start and t.text == "(" and toks[i + 1].text in _CASTS and toks[i + 2].text == ")"
                and (i == 0 or toks[i - 1].kind != IDENT or toks[i - 1].text in ("return", "case"))
                and toks[i + 3].text not in ("{", ")", ";", ",")):
            end = _operand_end(toks, i + 3)
            if end > i + 3:
                a, b = toks[i + 3].offset, toks[end - 1].end
                edits.append((t.offset, b, _CASTS[toks[i + 1].text], data[a:b].decode("utf-8", "surrogateescape")))
                i = end
                continue
        i += 1
    out = data.decode("utf-8", "surrogateescape")
    for a, b, fn, operand in reversed(edits):
        inner = storage_casts(operand)  # casts nested in the operand
        out = out[:_char(data, a)] + f"{fn}({inner})" + out[_char(data, b):]
    return out


def _char(data: bytes, offset: int) -> int:
    return len(data[:offset].decode("utf-8", "surrogateescape"))


def _operand_end(toks, i: int) -> int:  # type: ignore[no-untyped-def]
    """Index after the cast operand that starts at token i (-1 style: returns i when there is none)."""
    n = len(toks)
    while i < n and toks[i].text in ("-", "+", "!", "~", "*", "&", "++", "--"):
        i += 1
    if i >= n:
        return i
    t = toks[i]
    if t.text == "(":
        j = _close(toks, i)
        if j < 0:
            return i
        i = j + 1
        if i < n and toks[i - 1].text == ")" and _is_cast(toks, i - 1):
            return _operand_end(toks, i)  # a cast of a cast: `(cp_half)(float)x`
    elif t.kind == IDENT or t.text[:1].isdigit() or t.text[:1] == ".":
        i += 1
    else:
        return i
    while i < n:  # postfix: calls, subscripts, members
        if toks[i].text in _OPEN:
            j = _close(toks, i)
            if j < 0:
                break
            i = j + 1
        elif toks[i].text in (".", "->") and i + 1 < n and toks[i + 1].kind == IDENT:
            i += 2
        elif toks[i].text in ("++", "--"):
            i += 1
        else:
            break
    return i


def _is_cast(toks, close: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the parenthesis group ending at `close` is a cast to a builtin scalar type."""
    words = []
    k = close - 1
    while k >= 0 and toks[k].text != "(":
        words.append(toks[k].text)
        k -= 1
    return bool(words) and all(w in ("float", "double", "int", "uint", "long", "ulong", "short", "ushort", "char",
                                     "uchar", "unsigned", "signed", "bool", "*") for w in words)


def _close(toks, i: int) -> int:  # type: ignore[no-untyped-def]
    k = match_close(toks, i)  # the toolkit's matcher; a bracket of the other kind closing it is no match
    return k if k >= 0 and toks[k].text == _OPEN[toks[i].text] else -1
