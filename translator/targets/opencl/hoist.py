"""Warp-call hoisting for the OpenCL target (runs on the finished .cl function texts, before the CP4001 check).

Input: the emitted kernel and device-function texts of one program. Output: the same texts with the outermost
thread-dependent `if (C) ...` that guards warp calls rewritten as predicated code, so that every work-item of the
group reaches the emulation's barriers, plus `<f>_cp_pred` clones of void device functions called that way.
The rule (what is hoisted and what keeps CP4001) is documented in README.md, "Warp calls under a branch".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from translator.targets.opencl.text import IDENT, PUNCT, Rewriter

WARP_BUILTINS = {"cp_shfl", "cp_shfl_up", "cp_shfl_down", "cp_shfl_xor", "cp_ballot", "cp_any", "cp_all",
                 "cp_reduce_add", "cp_reduce_min", "cp_reduce_max", "cp_reduce_and", "cp_reduce_or",
                 "cp_reduce_xor"}
_VOTE_TYPES = {"cp_ballot": "uint", "cp_any": "int", "cp_all": "int"}
# functions without side effects that are defined for every argument value
PURE_BUILTINS = {"get_local_id", "get_local_size", "get_group_id", "get_num_groups", "get_global_id",
                 "get_global_size", "get_global_offset", "get_work_dim", "cp_lid", "cp_gsize", "cp_activemask",
                 "min", "max", "abs", "fabs", "fmin", "fmax", "fma", "mad", "mul24", "mad24", "clz", "popcount",
                 "rotate", "select", "convert_int", "convert_uint", "convert_float", "as_int", "as_uint",
                 "as_float", "sizeof"}
SCALAR_TYPES = {"char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "bool",
                "size_t", "unsigned", "signed", "half"}
_ASSIGN_OPS = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}
_KEYWORDS_NOT_CALLS = {"if", "for", "while", "switch", "return", "sizeof", "do"}
_JUMPS = {"return", "break", "continue", "goto", "case", "default"}
_DECL_START = SCALAR_TYPES | {"const", "volatile", "struct", "union", "enum", "static", "register", "typedef",
                              "__local", "__global", "__constant", "__private", "local", "global", "constant",
                              "private"}


@dataclass
class FuncText:
    """One emitted function: its text, name, return type, whether it is a kernel, parameter names."""
    text: str
    name: str
    ret: str
    kernel: bool
    params: list[str] = field(default_factory=list)


def parse_func(text: str) -> FuncText | None:
    rw = Rewriter(text)
    toks = rw.toks
    k = 0
    while k < len(toks):
        if toks[k].text == "__attribute__" and k + 1 < len(toks) and toks[k + 1].text == "(":
            k = rw.match(k + 1) + 1
            continue
        if toks[k].kind == IDENT and k + 1 < len(toks) and toks[k + 1].text == "(":
            break
        k += 1
    if k >= len(toks) - 1:
        return None
    close = rw.match(k + 1)
    if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "{":
        return None
    head = [t.text for t in toks[:k] if t.text not in ("static", "inline", "CP_OVL", "__kernel")]
    params = []
    for a, b in rw.split(k + 1, close):
        names = [t.text for t in toks[a:b + 1] if t.kind == IDENT and t.text not in ("CP_OFF",)]
        piece = [t for t in toks[a:b + 1]]
        # `T name CP_OFF(name)` / `T name`: the parameter name is the last identifier before any `(`
        cut = next((i for i, t in enumerate(piece) if t.text == "("), len(piece))
        idents = [t.text for t in piece[:cut] if t.kind == IDENT]
        if idents or names:
            params.append((idents or names)[-1])
    return FuncText(text, toks[k].text, " ".join(head), "__kernel" in text[:toks[k].offset], params)


class Program:
    """The device functions of one program, for the purity and predicability questions the rewrite asks."""

    def __init__(self, texts: list[str]) -> None:
        self.funcs: dict[str, list[FuncText]] = {}
        for t in texts:
            f = parse_func(t)
            if f and not f.kernel:
                self.funcs.setdefault(f.name, []).append(f)
        self._pure: dict[str, bool] = {}
        self.pred_wanted: set[str] = set()

    def ret_type(self, name: str) -> str:
        rets = {f.ret for f in self.funcs.get(name, [])}
        return rets.pop() if len(rets) == 1 else ""

    def warp_pure(self, name: str) -> bool:
        """Calls warp functions and does arithmetic on its parameters and locals only: no memory access, no other
        side effects, no division by a non-constant, no loop whose condition depends on a parameter."""
        if name in WARP_BUILTINS:
            return True
        if name in self._pure:
            return self._pure[name]
        self._pure[name] = False  # recursion is not pure
        funcs = self.funcs.get(name)
        ok = bool(funcs) and all(_pure_body(f, self) for f in funcs)
        self._pure[name] = ok
        return ok

    def predicable_void(self, name: str) -> bool:
        funcs = self.funcs.get(name)
        if not funcs or any(f.ret != "void" for f in funcs):
            return False
        for f in funcs:
            rw = Rewriter(f.text)
            o = _body_open(rw)
            if _predicate_block(rw, o, rw.match(o), "cp_p", self, clone=True) is None:
                return False
        return True

    def clones(self) -> list[tuple[str, str]]:
        """(prototype, definition) of each `<f>_cp_pred` asked for: f's body predicated on a leading `cp_p`."""
        out = []
        for name in sorted(self.pred_wanted):
            for f in self.funcs[name]:
                rw = Rewriter(f.text)
                o = _body_open(rw)
                body = _predicate_block(rw, o, rw.match(o), "cp_p", self, clone=True)
                assert body is not None
                k = next(i for i, t in enumerate(rw.toks) if t.text == name and rw.toks[i + 1].text == "(")
                head = rw.slice(0, rw.toks[k].end) + "_cp_pred("
                rest = rw.slice(rw.toks[k + 1].end, rw.toks[o].offset).rstrip()
                head += "int cp_p" + ("" if rest.startswith(")") else ", ") + rest
                out.append((head + ";", head + " " + body + "\n"))
        return out


def _body_open(rw: Rewriter) -> int:
    toks = rw.toks
    k = next(i for i, t in enumerate(toks) if t.kind == IDENT and i + 1 < len(toks) and toks[i + 1].text == "("
             and t.text != "__attribute__")
    return rw.match(k + 1) + 1


def _pure_body(f: FuncText, prog: Program) -> bool:
    rw = Rewriter(f.text)
    toks = rw.toks
    o = _body_open(rw)
    end = rw.match(o)
    body = toks[o:end + 1]
    if not _pure_tokens(body, prog, allow_decls=True):
        return False
    tainted = set(f.params)
    for _ in range(3):
        for i, t in enumerate(body[:-1]):
            if t.kind == IDENT and body[i + 1].text in _ASSIGN_OPS:
                j = i + 2
                while j < len(body) and body[j].text not in (";", ")"):
                    j += 1
                if {x.text for x in body[i + 2:j] if x.kind == IDENT} & tainted:
                    tainted.add(t.text)
    for i, t in enumerate(body):
        if t.text in ("for", "while") and i + 1 < len(body) and body[i + 1].text == "(":
            c = o + i + 1
            close = rw.match(c)
            header = toks[c + 1:close]
            if t.text == "for":
                parts = [j for j, x in enumerate(header) if x.text == ";"]
                header = header[parts[0] + 1:parts[1]] if len(parts) == 2 else header
            if {x.text for x in header if x.kind == IDENT} & tainted:
                return False
    return True


def _pure_tokens(toks: list, prog: Program | None, allow_decls: bool = False) -> bool:
    """No memory access, no side effects through calls, no division by a non-literal; assignments only when
    allow_decls (a function body's own locals)."""
    for i, t in enumerate(toks):
        tx = t.text
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tx in ("[", "->", "#", "goto", "barrier", "asm") or (tx == "&" and _unary(prev)):
            return False
        if tx == "*" and (_unary(prev) or (prev.text == ")" and _after_cast(toks, i - 1))):
            return False
        if tx in ("/", "%", "/=", "%=") and not (nxt and nxt.kind != IDENT and nxt.text[:1].isdigit()):
            return False
        if not allow_decls and (tx in _ASSIGN_OPS or tx in ("++", "--")):
            return False
        if t.kind == IDENT and nxt is not None and nxt.text == "(" and tx not in _KEYWORDS_NOT_CALLS:
            if tx in PURE_BUILTINS or tx in WARP_BUILTINS:
                continue
            if prog is None or not prog.warp_pure(tx):
                return False
    return True


def _after_cast(toks: list, close: int) -> bool:
    """Whether the `)` at index close ends a parenthesised type (or single name), so that a `*` after it may
    be a dereference."""
    j = close - 1
    while j >= 0 and (toks[j].kind != PUNCT or toks[j].text == "*"):
        j -= 1
    return j >= 0 and toks[j].text == "("


def _unary(prev) -> bool:
    return prev is None or not (prev.kind == IDENT or prev.text in (")", "]") or prev.text[:1].isdigit()
                                or prev.text[:1] in "'\"" or prev.text[:1] == ".")


def _stmt_end(rw: Rewriter, k: int) -> int:
    """Index of the last token of the statement that starts at token k (-1 when it cannot be told)."""
    toks = rw.toks
    tx = toks[k].text
    if tx == "{":
        return rw.match(k)
    if tx in ("if", "for", "while", "switch"):
        close = rw.match(k + 1)
        if close < 0:
            return -1
        e = _stmt_end(rw, close + 1)
        if tx == "if" and e >= 0 and e + 1 < len(toks) and toks[e + 1].text == "else":
            e = _stmt_end(rw, e + 2)
        return e
    if tx == "do":
        e = _stmt_end(rw, k + 1)
        if e < 0 or toks[e + 1].text != "while":
            return -1
        close = rw.match(e + 2)
        return close + 1 if close >= 0 else -1
    depth = 0
    for j in range(k, len(toks)):
        x = toks[j].text
        if x in ("(", "[", "{"):
            depth += 1
        elif x in (")", "]", "}"):
            depth -= 1
            if depth < 0:
                return -1
        elif x == ";" and depth == 0:
            return j
    return -1


def _statements(rw: Rewriter, a: int, b: int) -> list[tuple[int, int]] | None:
    """Top-level statements of the tokens a..b (inclusive)."""
    out = []
    k = a
    while k <= b:
        e = _stmt_end(rw, k)
        if e < 0 or e > b:
            return None
        out.append((k, e))
        k = e + 1
    return out


def _scalar_decl(toks: list) -> tuple[str, str, int] | None:
    """(type text, variable name, index of the token after the name) of `[const] SCALAR NAME [= ...];`."""
    i = 0
    types = []
    while i < len(toks) and toks[i].text in SCALAR_TYPES | {"const"}:
        if toks[i].text != "const":
            types.append(toks[i].text)
        i += 1
    if not types or i >= len(toks) - 1 or toks[i].kind != IDENT or toks[i + 1].text not in ("=", ";"):
        return None
    depth = 0
    for x in toks[i + 1:-1]:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(x.text, 0)
        if x.text == "," and depth == 0:
            return None  # several declarators
    return " ".join(types), toks[i].text, i + 1


def _looks_like_decl(toks: list) -> bool:
    if toks[0].text in _DECL_START:
        return True
    return len(toks) > 2 and toks[0].kind == IDENT and (toks[1].kind == IDENT or toks[1].text == "*")


def _call_rhs(rw: Rewriter, a: int, b: int) -> tuple[str, int, int] | None:
    """(function name, first, last token) when tokens a..b-1 are exactly one call `F(ARGS)` (b is the `;`)."""
    toks = rw.toks
    if toks[a].kind != IDENT or a + 1 >= b or toks[a + 1].text != "(" or rw.match(a + 1) != b - 1:
        return None
    return toks[a].text, a, b - 1


def _decl_types(rw: Rewriter) -> dict[str, str]:
    """Scalar type of each name declared once in the text (`int v`, `float v = ...`, parameters)."""
    toks = rw.toks
    seen: dict[str, set[str]] = {}
    for i, t in enumerate(toks[:-1]):
        if t.kind == IDENT and toks[i + 1].text in ("=", ";", ",", ")") and i and toks[i - 1].text in SCALAR_TYPES:
            j = i - 1
            while j > 0 and toks[j - 1].text in SCALAR_TYPES:
                j -= 1
            seen.setdefault(t.text, set()).add(" ".join(x.text for x in toks[j:i]))
    return {n: next(iter(ts)) for n, ts in seen.items() if len(ts) == 1}


def _predicate_block(rw: Rewriter, a: int, b: int, pred: str, prog: Program, *, clone: bool = False) -> str | None:
    """Tokens a..b (a `{...}` block or one statement) predicated on `pred`, or None when the rule does not apply."""
    toks = rw.toks
    inner = (a + 1, b - 1) if toks[a].text == "{" and rw.match(a) == b else (a, b)
    stmts = _statements(rw, *inner)
    if stmts is None:
        return None
    types = _decl_types(rw)
    out = []
    for s, e in stmts:
        st = toks[s:e + 1]
        text = rw.tok_text(s, e)
        if any(x.text in _JUMPS or x.text == "#" for x in st):
            return None
        warp = any(x.kind == IDENT and x.text == "cp_wscratch" for x in st)
        if not warp:
            if _looks_like_decl(st):
                d = _scalar_decl(st)
                if d is None:
                    return None
                ty, name, after = d
                lead = rw.tok_text(s, s + after - 1)
                if st[after].text == ";":
                    out.append(f"{lead} = ({ty})0;")
                else:
                    out.append(f"{lead} = {pred} ? ({rw.tok_text(s + after + 1, e - 1)}) : ({ty})0;")
            else:
                out.append(f"if ({pred}) {{ {text} }}")
            continue
        d = _scalar_decl(st)
        if d is not None:
            _ty, _name, after = d
            call = _call_rhs(rw, s + after + 1, e) if st[after].text == "=" else None
            if call is None or not _hoistable_call(rw, call, prog):
                return None
            out.append(text)
            continue
        if st[0].kind == IDENT and len(st) > 2 and st[1].text in _ASSIGN_OPS:
            call = _call_rhs(rw, s + 2, e)
            if call is None or not _hoistable_call(rw, call, prog):
                return None
            fname = call[0]
            if st[1].text == "=":
                ty = types.get(st[0].text, "")
            elif fname in _VOTE_TYPES:
                ty = _VOTE_TYPES[fname]
            elif fname in WARP_BUILTINS:
                args = rw.split(call[1] + 1, call[2])
                v = toks[args[1][0]].text if len(args) > 1 and args[1][0] == args[1][1] else ""
                ty = types.get(v, "")
            else:
                ty = prog.ret_type(fname)
            if not ty or ty == "void":
                return None
            tmp = f"cp_w_{pred}_{len(out)}"
            out.append(f"{ty} {tmp} = {rw.tok_text(call[1], call[2])}; if ({pred}) {st[0].text} {st[1].text} {tmp};")
            continue
        call = _call_rhs(rw, s, e)
        if call and call[0] not in WARP_BUILTINS and _args_safe(rw, call) and prog.predicable_void(call[0]):
            prog.pred_wanted.add(call[0])
            args = rw.slice(toks[call[1] + 1].end, toks[call[2]].end)
            out.append(f"{call[0]}_cp_pred({pred}, {args}" if args != ")" else f"{call[0]}_cp_pred({pred})")
            if not out[-1].endswith(";"):
                out[-1] += ";"
            continue
        return None
    body = " ".join(out)
    return "{ " + body + " }" if clone else body


def _args_safe(rw: Rewriter, call: tuple[str, int, int]) -> bool:
    return _pure_tokens(rw.toks[call[1] + 1:call[2]], None)


def _hoistable_call(rw: Rewriter, call: tuple[str, int, int], prog: Program) -> bool:
    return prog.warp_pure(call[0]) and _args_safe(rw, call)


def hoist_function(text: str, prog: Program, outermost_if: int) -> str | None:
    """`text` with the `if` at token index outermost_if predicated, or None when the rule does not apply."""
    rw = Rewriter(text)
    toks = rw.toks
    k = outermost_if
    close = rw.match(k + 1)
    end = _stmt_end(rw, close + 1)
    if close < 0 or end < 0 or (end + 1 < len(toks) and toks[end + 1].text == "else"):
        return None
    n = len(re.findall(r"\bcp_pred_\d+\b", text))
    pred = f"cp_pred_{n}"
    body = _predicate_block(rw, close + 1, end, pred, prog)
    if body is None:
        return None
    cond = rw.tok_text(k + 2, close - 1)
    rw.replace(toks[k].offset, toks[end].end, f"{{ const int {pred} = ({cond}) ? 1 : 0; {body} }}")
    return rw.result()
