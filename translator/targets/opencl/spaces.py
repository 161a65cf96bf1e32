"""OpenCL target, address spaces of one device function instance: Env tracks the address space and type of
each variable, adds `__global`/`__local`/`__private` to pointer declarations and casts, and at each call of a
user device function infers its template arguments and argument address spaces and requests that clone from the
ProgramBuilder (the Builder protocol of program.py). Input: a function body after the rule edits; output: the
rewritten body text.
"""

from __future__ import annotations

import re

from translator.frontend.brackets import split_text
from translator.frontend.lexer import lex
from translator.targets.opencl.constfold import fold, local_constants
from translator.targets.opencl.halfconv import cl_half_types
from translator.targets.opencl.program import Builder, FuncInfo, instance_suffix
from translator.targets.opencl.scan import TParam
from translator.targets.opencl.spelling import (
    BASE_TYPES,
    SPACE_WORDS,
    SPACES,
    TYPE_QUALS,
    VECTOR_TYPE,
    cl_func_name,
    cxx_to_c_types,
    split_param,
    strip_cv,
)
from translator.targets.opencl.text import IDENT, KEYWORD, PUNCT, Rewriter, sub_idents
from translator.targets.opencl.typenames import object_macros


class Env:
    """Variables visible in one function instance: address space of pointers/arrays and spelled types."""

    def __init__(self, builder: Builder, info: FuncInfo, subst: dict[str, str]) -> None:
        self.b = builder
        self.info = info
        self.subst = subst
        self.space: dict[str, str | None] = {}
        self.types: dict[str, str] = {}
        self.local_scalars: set[str] = set()
        self.local_types: set[str] = set()  # structs the function body defines

    def declare(self, name: str, space: str | None, ctype: str) -> None:
        self.space[name] = space
        self.types[name] = ctype.strip()

    def is_type_word(self, t: str) -> bool:
        return t in BASE_TYPES or bool(VECTOR_TYPE.fullmatch(t)) or t in self.b.type_names or t in self.local_types

    # base address space of an expression starting at token k
    def expr_space(self, rw: Rewriter, k: int, end: int) -> str | None:
        toks = rw.toks
        addr = False
        while k <= end and toks[k].text in ("(", "&", "*", "+", "-"):
            if toks[k].text == "&":
                addr = True
            if toks[k].text == "(" and k + 1 <= end and self._cast_at(rw, k) > 0:
                k = self._cast_at(rw, k) + 1
                continue
            k += 1
        if k > end or toks[k].kind != IDENT:
            return "private" if addr else None
        name = toks[k].text
        if name not in self.space and name in self.b.fn_macros and k < end and toks[k + 1].text == "(":
            # `&GET(_hy, i)` with `#define GET(t, i) t[i]`: the memory of the argument the macro indexes
            close = rw.match(k + 1)
            for a, b in rw.split(k + 1, close) if 0 < close <= end else []:
                sp = self.expr_space(rw, a, b)
                if sp is not None:
                    return sp
        if name == "CP_VEC_ELEM_ADDR" and k < end and toks[k + 1].text == "(":  # vecaddr.py: the vector's memory
            close = rw.match(k + 1)
            parts = rw.split(k + 1, close) if 0 < close <= end else []
            return self.expr_space(rw, parts[0][0], parts[0][1]) if parts else None
        if name in self.space:
            sp = self.space[name]
            if sp is None:
                return "private" if addr else None
            if name in self.local_scalars:
                return sp if addr else None
            return sp
        return "private" if addr else None

    def expr_type(self, rw: Rewriter, a: int, b: int) -> str | None:
        toks = rw.toks
        if a == b:
            t = toks[a]
            if t.kind == IDENT and t.text in self.types:
                return strip_cv(self.types[t.text])
            if t.kind != PUNCT and re.fullmatch(r"\d+", t.text):
                return "int"
            if re.fullmatch(r"[\d.]+(e[-+]?\d+)?[fF]", t.text):
                return "float"
            if re.fullmatch(r"\d*\.\d*(e[-+]?\d+)?", t.text):
                return "double"
            return None
        if toks[a].kind == IDENT and toks[a + 1].text == "[" and rw.match(a + 1) == b:
            base = self.types.get(toks[a].text)
            if base and "*" in base:
                return strip_cv(base[: base.rfind("*")])
        if toks[a].text == "(" and self._cast_at(rw, a) > 0:
            c = self._cast_at(rw, a)
            return strip_cv(rw.tok_text(a + 1, c - 1))
        if toks[a].kind == IDENT and toks[a].text in self.b.fn_macros and toks[a + 1].text == "(" \
                and rw.match(a + 1) == b:
            cast = macro_cast_type(getattr(self.b, "macros", {}).get(toks[a].text, ""))
            return strip_cv(cxx_to_c_types(sub_idents(cast, self.subst))) if cast else None
        return self._sum_type(rw, a, b)

    def _sum_type(self, rw: Rewriter, a: int, b: int) -> str | None:
        """`x + y - z` (binary + - * / at the top level): the operands' type when every operand has the same."""
        toks = rw.toks
        parts: list[tuple[int, int]] = []
        start = k = a
        while k <= b:
            t = toks[k]
            if t.text in ("(", "["):
                k = rw.match(k)
                if k < 0 or k > b:
                    return None
            elif t.text in ("+", "-", "*", "/") and k > start and (toks[k - 1].kind != PUNCT
                                                                   or toks[k - 1].text in (")", "]")):
                parts.append((start, k - 1))
                start = k + 1
            elif t.text in ("?", ":", "<", ">", "=", ",", "&&", "||", "<<", ">>", "==", "!=", "<=", ">=", "%"):
                return None
            k += 1
        if not parts or start > b:
            return None
        parts.append((start, b))
        types = {self.expr_type(rw, x, y) for x, y in parts}
        return types.pop() if len(types) == 1 and None not in types else None

    def _cast_at(self, rw: Rewriter, k: int) -> int:
        """If token k opens a cast `(type)`, the index of its `)`; else -1."""
        toks = rw.toks
        j = k + 1
        seen_type = False
        while j < len(toks):
            t = toks[j]
            if t.text in TYPE_QUALS or t.text in ("unsigned", "signed"):
                j += 1
                continue
            if t.kind in (IDENT, KEYWORD) and self.is_type_word(t.text):
                seen_type = True
                j += 1
                continue
            if t.text == "*" and seen_type:
                j += 1
                continue
            break
        if seen_type and j < len(toks) and toks[j].text == ")":
            return j
        return -1

    def rewrite_body(self, body: str) -> str:
        rw = Rewriter(body)
        toks = rw.toks
        funcs = self.b.by_name
        n = len(toks)
        prev = "{"
        prev2 = ""
        for k in range(n):
            t = toks[k]
            if t.directive >= 0:
                if t.kind == IDENT and t.text in funcs and k + 1 < n and toks[k + 1].text == "(":
                    self._call(rw, k)  # a macro defined in the body calls it: emit it too
                continue
            if t.text == "auto" and (prev in (";", "{", "}") or (prev == "(" and prev2 == "for") or (
                    prev in ("const", "volatile") and k > 1 and toks[k - 2].text in (";", "{", "}"))):
                self._auto(rw, k)
            elif (prev in (";", "{", "}") or (prev == "(" and prev2 == "for")) and \
                    (t.kind in (IDENT, KEYWORD) and (t.text in TYPE_QUALS or self.is_type_word(t.text))):
                self._declaration(rw, k)
            if t.text == "(" and (k == 0 or toks[k - 1].text != "sizeof"):
                c = self._cast_at(rw, k)
                if c > 0 and "*" in [x.text for x in toks[k:c]] and c + 1 < n and \
                        not any(x.text in SPACE_WORDS for x in toks[k:c]) and \
                        toks[c + 1].text not in (")", ";", ",", "]"):
                    sp = self.expr_space(rw, c + 1, n - 1) or "global"
                    rw.insert(toks[k + 1].offset, SPACES[sp] + " ")
                elif c > 0:
                    self._storage_operand_cast(rw, k, c)
            if t.kind == IDENT and t.text in funcs and (k == 0 or toks[k - 1].text not in (".", "->")):
                self._call(rw, k)
            elif t.kind == IDENT and prev in (";", "{", "}", ")", "else") and t.text in self.types:
                self._storage_assignment(rw, k)
            if t.text == "{" and prev == "=" and k > 2 and toks[k - 3].text in (";", "{", "}"):
                self._brace_assignment(rw, k)
            if t.text == "<<" and k + 1 < n and toks[k + 1].text == "<":
                self.b.notes.append(("CP3006", self.info.func, "kernel launch in device code"))
            prev2, prev = prev, t.text
        return rw.result()

    def _brace_assignment(self, rw: Rewriter, k: int) -> None:
        """`x = {};` / `x = {a, b};` (C++ list-assignment) with x a value declared in this body -> the compound
        literal `x = (T){0};` / `x = (T){a, b};`. Device code clang parsed gets this from its AST
        (directinit.brace_assignments); this covers what reaches the .cl without it (project headers)."""
        toks = rw.toks
        name = toks[k - 2].text
        ctype = self.types.get(name, "")
        if toks[k - 2].kind != IDENT or not ctype or self.space.get(name) is not None or "*" in ctype:
            return
        if k + 1 < len(toks) and toks[k + 1].text == "}" and VECTOR_TYPE.fullmatch(ctype) \
                and not ctype.startswith("cp_"):
            rw.replace(toks[k].offset, toks[k + 1].end, f"({ctype})(0)")  # an OpenCL vector literal, all zero
            return
        rw.insert(toks[k].offset, f"({ctype})")
        if k + 1 < len(toks) and toks[k + 1].text == "}":
            rw.insert(toks[k + 1].offset, "0")

    def _storage_operand_cast(self, rw: Rewriter, k: int, c: int) -> None:
        """`(float)h[i]` on a half/bfloat16 variable of a template instance (`(acc_t)src[i]` with input_t =
        __half): CUDA converts through the storage type's `operator float()`, which the clang AST of a template
        body does not show (halfconv.py); here the instance's types are known. The operand is a variable with
        its subscripts; the conversion is the prelude's cp_f."""
        toks = rw.toks
        target = rw.tok_text(k + 1, c - 1).split()
        if not target or not set(target) <= BASE_TYPES or {"void", "half"} & set(target) or c + 1 >= len(toks) \
                or toks[c + 1].kind != IDENT:
            return
        end = c + 1
        while end + 1 < len(toks) and toks[end + 1].text == "[":
            end = rw.match(end + 1)
            if end < 0:
                return
        if end + 1 < len(toks) and toks[end + 1].text in ("(", ".", "->", "++", "--"):
            return
        if self.expr_type(rw, c + 1, end) in ("cp_half", "cp_bfloat16"):
            rw.insert(toks[c + 1].offset, "cp_f(")
            rw.insert(toks[end].end, ")")

    def _storage_assignment(self, rw: Rewriter, k: int) -> None:
        """`out[i] = expr;` into a half/bfloat16 variable of a template instance (`output_t out[N]` with
        output_t = __half): CUDA converts through the storage type's constructor, which clang's AST of the
        template body does not show (halfconv.py). The value goes through the prelude's cp_to_half, whose
        overloads take every arithmetic type and the storage type itself, so a value that already is one is
        unchanged."""
        toks = rw.toks
        j = k + 1
        while j < len(toks) and toks[j].text == "[":
            j = rw.match(j) + 1
            if j <= 0:
                return
        if j + 1 >= len(toks) or toks[j].text != "=":
            return
        conv = {"cp_half": "cp_to_half", "cp_bfloat16": "cp_to_bfloat16"}.get(self.expr_type(rw, k, j - 1) or "")
        if conv is None:
            return
        end, depth = j + 1, 0
        while end < len(toks) and not (depth == 0 and toks[end].text in (";", ",", ")")):
            depth += 1 if toks[end].text in ("(", "[", "{") else -1 if toks[end].text in (")", "]", "}") else 0
            end += 1
        if end > j + 1 and not (toks[j + 1].text == conv and rw.match(j + 2) == end - 1):
            rw.insert(toks[j + 1].offset, f"{conv}(")
            rw.insert(toks[end - 1].end, ")")

    def _declaration(self, rw: Rewriter, k: int) -> None:
        toks = rw.toks
        j = k
        has_space = False
        type_words = []
        while j < len(toks) and toks[j].kind in (IDENT, KEYWORD) and (
                toks[j].text in TYPE_QUALS or self.is_type_word(toks[j].text) or toks[j].text in ("unsigned",)):
            has_space |= toks[j].text in SPACE_WORDS
            type_words.append(toks[j].text)
            j += 1
        if not type_words or all(w in TYPE_QUALS for w in type_words) or j >= len(toks):
            return
        base = " ".join(w for w in type_words if w not in ("static",))
        # An address space qualifies the whole declaration: `T *p, a[N];` with p pointing to __global would
        # make `a` a __global array. Where the declarators need different spaces the list is split at the
        # comma (`__global T *p; T a[N];`), except in a for header, which holds one declaration only.
        splittable = not has_space and not (k > 0 and toks[k - 1].text == "(")
        group: str | None = None
        comma = -1
        first = True
        while j < len(toks):
            stars = 0
            while j < len(toks) and toks[j].text == "*":
                stars += 1
                j += 1
            while j < len(toks) and toks[j].text in ("const", "volatile", "restrict"):
                j += 1
            if j >= len(toks) or toks[j].kind != IDENT:
                return
            name_k = j
            name = toks[j].text
            j += 1
            if j >= len(toks) or toks[j].text not in ("=", ";", ",", "[", ")", ":", "{"):
                return
            is_array = toks[j].text == "["
            while j < len(toks) and toks[j].text == "[":
                j = rw.match(j) + 1
            end = j
            if j < len(toks) and toks[j].text == "{" and rw.match(j) > j:
                end = _list_initialisation(rw, j)
            elif j < len(toks) and toks[j].text == "=":
                end = j + 1
                depth = 0
                while end < len(toks):
                    tx = toks[end].text
                    if tx in ("(", "[", "{"):
                        depth += 1
                    elif tx in (")", "]", "}"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif tx in (",", ";") and depth == 0:
                        break
                    end += 1
            want: str | None = None
            if stars:
                sp = None
                if toks[j].text == "=" and not (end == j + 2 and toks[j + 1].text in ("0", "NULL", "nullptr")):
                    sp = self.expr_space(rw, j + 1, end - 1)
                else:  # no initialiser, or a null pointer one: the space of what is assigned to it later
                    sp = self._assigned_space(rw, name_k)
                sp = sp or "global"
                want = sp
                if first and not has_space:
                    rw.insert(toks[k].offset, SPACES[sp] + " ")
                self.declare(name, sp, base + "*" * stars)
            elif is_array:
                self.declare(name, "private", base + "*")
            else:
                self.declare(name, None, base)
            if not first and splittable and want != group:
                rw.replace(toks[comma].offset, toks[comma].end, f"; {SPACES[want] + ' ' if want else ''}{base}")
            if first or (splittable and want != group):
                group = want
            first = False
            if end >= len(toks) or toks[end].text != ",":
                return
            comma = end
            j = end + 1

    def _auto(self, rw: Rewriter, k: int) -> None:
        """`auto x = init;` (OpenCL C has no auto): spelled with the initialiser's type where the whole
        initialiser is a cast, a variable or a literal; otherwise CP4032 (a guessed type could silently
        change the arithmetic)."""
        toks = rw.toks
        j = k + 1
        while j < len(toks) and toks[j].text in ("const", "volatile"):
            j += 1
        stars = 0
        while j < len(toks) and toks[j].text in ("*", "&", "const", "volatile"):
            stars += toks[j].text == "*"
            j += 1
        ctype = None
        if j + 2 < len(toks) and toks[j].kind == IDENT and toks[j + 1].text == "=":
            end = j + 2
            depth = 0
            while end < len(toks) and not (depth == 0 and toks[end].text in (";", ",")):
                depth += 1 if toks[end].text in ("(", "[", "{") else -1 if toks[end].text in (")", "]", "}") else 0
                end += 1
            ctype = self._whole_type(rw, j + 2, end - 1)
        if ctype is None or "&" in rw.tok_text(k, j):
            self.b.notes.append(("CP4032", self.info.func, f"`auto` declaration in {self.info.func.name}"))
            return
        name = toks[j].text
        if stars and "*" not in ctype:
            self.b.notes.append(("CP4032", self.info.func, f"`auto*` of a non-pointer in {self.info.func.name}"))
            return
        sp = (self.expr_space(rw, j + 2, end - 1) or "global") if "*" in ctype else None
        # `auto`, `auto*` and their qualifiers become the initialiser's full type (which carries the stars)
        rw.replace(toks[k].offset, toks[j - 1].end, f"{SPACES[sp]} {ctype}" if sp else ctype)
        self.declare(name, sp, ctype)

    def _whole_type(self, rw: Rewriter, a: int, b: int) -> str | None:
        """The type of expression a..b when it is one cast of a primary (`(T*)(p + i)`, `(T)x`), one variable or
        one literal; None for anything else (operators, calls) rather than a type that may be wrong."""
        toks = rw.toks
        if a > b:
            return None
        if toks[a].text == "(" and rw.match(a) == b and self._cast_at(rw, a) < 0:
            return self._whole_type(rw, a + 1, b - 1)  # `((T*)(p))`, as the reinterpret_cast rule writes it
        if toks[a].text == "(":
            c = self._cast_at(rw, a)
            if c < 0 or c + 1 > b or not self._unary(rw, c + 1, b):
                return None
            return " ".join(rw.tok_text(a + 1, c - 1).split())
        if a == b or (toks[a].kind == IDENT and toks[a + 1].text == "[" and rw.match(a + 1) == b):
            return self.expr_type(rw, a, b)  # a variable, a literal, an element `p[i]`
        # pointer arithmetic `p + n`: the pointer's type, when no other pointer takes part (p - q is an offset)
        pt = self.types.get(toks[a].text, "") if toks[a].kind == IDENT else ""
        others = [x.text for x in toks[a + 2:b + 1] if x.kind == IDENT and "*" in self.types.get(x.text, "")]
        if "*" in pt and toks[a + 1].text in ("+", "-") and not others:
            return strip_cv(pt) if "const" not in pt.split("*")[0] else "const " + strip_cv(pt)
        return None

    @staticmethod
    def _unary(rw: Rewriter, a: int, b: int) -> bool:
        """Tokens a..b form one unary expression (a cast applies to all of it): no operator outside brackets
        except prefix ones at the start and member access."""
        toks = rw.toks
        i = a
        while i <= b and toks[i].text in ("-", "+", "!", "~", "*", "&"):
            i += 1
        if i > b:
            return False
        while i <= b:
            t = toks[i]
            if t.text in ("(", "["):
                i = rw.match(i) + 1
                continue
            if t.kind == PUNCT and t.text not in (".", "->"):
                return False
            i += 1
        return True

    def _assigned_space(self, rw: Rewriter, name_k: int) -> str | None:
        """Address space of the first later plain assignment `name = expr;` of a pointer declared without an
        initialiser (`T* p; ... p = &shared[i];`), or None."""
        toks = rw.toks
        name = toks[name_k].text
        for i in range(name_k + 1, len(toks) - 1):
            if toks[i].text == name and toks[i + 1].text == "=" and toks[i - 1].text not in (".", "->", "*"):
                end = i + 2
                depth = 0
                while end < len(toks) and not (depth == 0 and toks[end].text in (";", ",", ")")):
                    depth += 1 if toks[end].text in ("(", "[") else -1 if toks[end].text in (")", "]") else 0
                    end += 1
                return self.expr_space(rw, i + 2, end - 1) if end > i + 2 else None
        return None

    def _call(self, rw: Rewriter, k: int) -> None:
        toks = rw.toks
        name = toks[k].text
        j = k + 1
        targs: list[str] | None = None
        if j < len(toks) and toks[j].text == "<":
            close = rw.angle(j)
            if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "(":
                return
            targs = [cxx_to_c_types(a) for a in split_text(rw.tok_text(j + 1, close - 1))] if close > j + 1 else []
            rw.replace(toks[j].offset, toks[close].end, "")
            j = close + 1
        if j >= len(toks) or toks[j].text != "(":
            return
        close = rw.match(j)
        args = rw.split(j, close)
        cands = [i for i in self.b.by_name[name] if len(i.params) == len(args)] or \
            [i for i in self.b.by_name[name] if _defaults(i.params, len(args)) is not None] or self.b.by_name[name]
        if targs is not None:  # overloaded templates: the ones these explicit arguments can instantiate
            cands = [i for i in cands if _viable(i, len(targs))] or cands
        if targs and any(i.func.spec_args or any(tp.kind == "value" for tp in i.func.tparams) for i in cands):
            # `f<T, N>(x)` with N a constant of the body (`constexpr int N = W < 4 ? W : 4;`): its value names
            # the instance, and an explicit specialisation is chosen by it
            targs = _folded_args(rw, k, targs, self.b.macros)
        if targs is not None and any(i.func.spec_args for i in cands):
            # `f<T>(x)` with explicit specialisations of f: the one for these arguments, else the others
            want = [_norm_type(cl_half_types(a)) for a in targs]
            cands = [i for i in cands if [_norm_type(cl_half_types(a)) for a in i.func.spec_args] == want] or \
                [i for i in cands if not i.func.spec_args] or cands
        # Overloads of one arity: the one whose parameter types the arguments spell; where that is unclear all
        # of them are emitted (they are CP_OVL, so the OpenCL compiler resolves the call as C++ would).
        chosen = self._overloads(rw, cands, args)
        suffixes = {instance_suffix(info, self._request(rw, info, args, targs, name, edit=n_info == 0))
                    for n_info, info in enumerate(chosen)}
        # instances that differ only in template values (`MM_l<8>`, `MM_l<8, false, true>`) are named apart
        cl_name = cl_func_name(name, kernel=False) + (suffixes.pop() if len(suffixes) == 1 else "")
        if cl_name != name:
            rw.replace(toks[k].offset, toks[k].end, cl_name)
        # OpenCL C has no default arguments: the call passes the defaults it omits (`int width = warpSize`)
        extra = (_defaults(chosen[0].params, len(args)) or [] if chosen else []) + \
            [self.b.extras[x].pname for x in self.b.func_extras.get(name, [])]
        if extra:
            rw.insert(toks[close].offset, (", " if args else "") + ", ".join(extra))

    def _overloads(self, rw: Rewriter, cands: list[FuncInfo], args: list[tuple[int, int]]) -> list[FuncInfo]:
        if len(cands) == 1:
            return cands
        arg_types = [self.expr_type(rw, a, b) for a, b in args]

        def score(info: FuncInfo) -> int:
            tnames = {tp.name for tp in info.func.tparams}
            hits = 0
            for p, at in zip(info.params, arg_types, strict=False):
                ptype = split_param(p)[1]
                if at is None or tnames & set(re.findall(r"\w+", ptype)):
                    continue
                hits += _norm_type(ptype) == _norm_type(at)
            return hits

        scores = [score(c) for c in cands]
        return [c for c, s in zip(cands, scores, strict=True) if s == max(scores)]

    def _request(self, rw: Rewriter, info: FuncInfo, args: list[tuple[int, int]], targs: list[str] | None,
                 name: str, edit: bool) -> dict[str, str]:
        """Request the clone of `info` this call needs (returns its template arguments); `edit`: also rewrite
        reference arguments to `&(arg)`."""
        toks = rw.toks
        spaces = []
        types: dict[str, str] = {}
        tparams = [tp for tp in info.func.tparams]
        if targs is not None:
            for tp, a in zip(tparams, targs, strict=False):
                types[tp.name] = a.strip()
        for p, (a, b) in zip(info.params, args, strict=False):
            pname, ptype, is_ptr, ref = split_param(p)
            if is_ptr or ref == "mut":
                sp = self.expr_space(rw, a, b) or ("private" if ref == "mut" else "global")
                if ref == "mut" and sp is None:
                    sp = "private"
                spaces.append(sp)
                if ref == "mut" and edit:
                    rw.insert(toks[a].offset, "&(")
                    rw.insert(toks[b].end, ")")
            at = self.expr_type(rw, a, b)
            if at:
                _bind(ptype, at, tparams, types)
        for tp in tparams:
            if tp.name not in types and tp.default:
                types[tp.name] = sub_idents(tp.default, types)  # `template <int n, bool aT = false>`
            if tp.name not in types:
                fallback = self._clang_made(info, types, tp.name)
                if fallback is None:  # the caller's parameter of the same name (`f(x)` in `k<T>`)
                    fallback = self.subst.get(tp.name)
                if fallback is None and self.subst:
                    # a guess: the calling template's first argument; said, since a wrong guess still builds
                    fallback = next(iter(self.subst.values()))
                    self.b.notes.append(("CP4003", info.func, f"template argument {tp.name} of {info.func.name} "
                                                              f"not deduced: assumed {fallback}"))
                if fallback is None:
                    self.b.notes.append(("CP4003", info.func, f"template arguments of {info.func.name} not deduced"))
                    fallback = "int" if tp.kind == "value" else "float"
                types[tp.name] = fallback
        self.b.request(info, types, tuple(spaces))
        return types

    def _clang_made(self, info: FuncInfo, types: dict[str, str], name: str) -> str | None:
        """Template argument `name` of `info` from the instances clang made: the value shared by every instance
        that agrees with the arguments already bound (`types`); None when they disagree or clang made none."""
        made = [m for m in self.b.clang_instances(info.func)
                if all(_norm_type(m.get(k, v)) == _norm_type(v) for k, v in types.items())]
        values = {m[name] for m in made if name in m}
        return values.pop() if len(values) == 1 else None


def macro_cast_type(define: str) -> str | None:
    """T of a function-like macro whose whole body is a cast of its parameter: `#define H2F(x)
    static_cast<T>(x)` or `((T)(x))`."""
    toks = [t.text for t in lex(define.encode("utf-8", "surrogateescape"))[0]]
    if ")" not in toks:
        return None
    body = toks[toks.index(")") + 1:]
    while len(body) > 2 and body[0] == "(" and body[-1] == ")":
        body = body[1:-1]
    if len(body) > 3 and body[0] == "static_cast" and body[1] == "<" and ">" in body:
        close = len(body) - 1 - body[::-1].index(">")
        rest = body[close + 1:]
        if rest[:1] == ["("] and rest[-1:] == [")"] and "(" not in rest[1:-1]:
            return " ".join(body[2:close])
    if body[:1] == ["("] and ")" in body:
        close = body.index(")")
        rest = body[close + 1:]
        if rest and all(x not in ("+", "-", "*", "/", "?", ",") for x in rest):
            return " ".join(body[1:close])
    return None


def _viable(info: FuncInfo, n_targs: int) -> bool:
    """Whether `f<n_targs arguments>(...)` can call this template: no more arguments than parameters, and each
    parameter left over has a default or is a type its function parameters deduce (`f<T, 4, 8>(x)` cannot call
    `template <typename T> f(T&)`, nor `f<T>(x)` call `template <typename T, int A, int B> f(T&)`)."""
    tps = info.func.tparams
    if n_targs > len(tps):
        return False
    shown = set(re.findall(r"[A-Za-z_]\w*", " ".join(info.params)))
    return all(tp.default or (tp.kind == "type" and tp.name in shown) for tp in tps[n_targs:])


def _defaults(params: list[str], given: int) -> list[str] | None:
    """The default arguments of the parameters after the first `given` (`unsigned mask = 0xffffffff`), or None
    when one of them has none."""
    if given > len(params) or any("=" not in p for p in params[given:]):
        return None
    return [p.split("=", 1)[1].strip() for p in params[given:]]


def _list_initialisation(rw: Rewriter, j: int) -> int:
    """C++'s `T a[N]{0.0f};` (list-initialisation without `=`, at token j) in C's spelling `T a[N] = {0.0f};`
    (`{}` as `{0}`: C99 has no empty initialiser); returns the token after the braces."""
    close = rw.match(j)
    rw.insert(rw.toks[j].offset, "= ")
    if close == j + 1:
        rw.insert(rw.toks[close].offset, "0")
    return close + 1


def _norm_type(t: str) -> str:
    return strip_cv(cxx_to_c_types(t)).replace(" ", "")

def _bind(ptype: str, atype: str, tparams: list[TParam], out: dict[str, str]) -> None:
    p = strip_cv(ptype).replace(" ", "")
    a = strip_cv(atype).replace(" ", "")
    for tp in tparams:
        if tp.kind != "type" or tp.name in out:
            continue
        if p == tp.name and "*" not in a:
            out[tp.name] = strip_cv(atype)
        elif p == tp.name + "*" and a.endswith("*"):
            out[tp.name] = strip_cv(atype)[:-1].strip()


def _folded_args(rw: Rewriter, k: int, targs: list[str], macros: dict[str, str]) -> list[str]:
    """Template arguments of the call at token k with the integer ones that name constants folded
    (`copy_vector<T, ELEMENTS>(...)` after `constexpr int ELEMENTS = (ITERS < 4) ? 1 : 4;`): an explicit
    specialisation is chosen by value."""
    names = {n: f"({v})" for n, v in {**object_macros(list(macros.values())),
                                        **local_constants(rw.toks, rw.toks[k].offset)}.items()}
    return [fold(a, names) or a for a in targs]
