"""Finds what of one CUDA file belongs in the OpenCL program: kernels, device functions, device variables,
and the top-level types, constants and macros they use.

Input: a ParsedFile's tokens. Output: a DeviceScan with byte ranges in the original file (the target
translates those ranges and moves them into the .cl). Token level, like the site finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from translator.frontend.brackets import split_text
from translator.frontend.lexer import IDENT, KEYWORD, PUNCT, Tok
from translator.frontend.sites import TokenView, find_kernels, qualifier_macros
from translator.model import KernelDef


@dataclass
class TParam:
    kind: str  # "type" | "value"
    name: str
    ctype: str  # for value parameters: their C type
    default: str = ""  # the default argument as written (`bool aT = false`), or ""


@dataclass
class DevFunc:
    name: str
    start: int
    end: int
    kind: str  # "kernel" | "device" | "hd" (host and device)
    kdef: KernelDef
    tparams: list[TParam]
    template_text: str  # `template <...>` as written, or ""
    # an explicit specialisation (`template <> __half f(float)` of `template <typename T> T f(float)`): the
    # template arguments as written, and whether another specialisation has the same parameter types
    spec_args: tuple[str, ...] = ()
    spec_clash: bool = False
    spec_written: str = ""  # `<float, 4>` where the specialisation writes its arguments after its name, else ""
    cl_name: str = ""  # the kernel's .cl name when it is not its own name (namespaces.py: `a::k` -> `a__k`)
    cond: str = ""  # the #if chain it is defined in, as one #if expression (_Conditions); "" when unconditional


@dataclass
class DevVar:
    name: str
    start: int
    end: int
    space: str  # "constant" | "device" | "managed"
    elem_type: str  # element type as written (no qualifiers)
    dims: list[str]  # array dimensions as written, [] for a scalar
    extern: bool = False  # `extern __constant__ ...`: defined (and registered with the shim) by another file


@dataclass
class TopDecl:
    start: int
    end: int
    names: set[str]
    kind: str  # "type" | "const" | "macro" | "expansion" (a macro expanded at file scope: `name` is the macro)
    name: str = ""
    cond: str = ""  # the #if/#ifdef/#elif/#else chain it sits in, as one #if expression; "" when unconditional


@dataclass
class Namespace:
    name: str  # "" for an anonymous namespace or an `extern "C"` block
    start: int  # offset of the `namespace` keyword
    end: int  # end offset of the closing brace


@dataclass
class DeviceScan:
    funcs: list[DevFunc] = field(default_factory=list)
    vars: list[DevVar] = field(default_factory=list)
    decls: list[TopDecl] = field(default_factory=list)  # types, constants, macros in file order
    namespaces: list[Namespace] = field(default_factory=list)  # transparent to the scan; for host placement
    # macros spelling function specifiers (`#define HD __host__ __device__`), whichever definition qualifies
    qualifier_macros: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def outer_start(self, offset: int) -> int:
        """`offset`, or the start of the outermost namespace block around it (top level of the file)."""
        around = [n.start for n in self.namespaces if n.start <= offset < n.end]
        return min(around, default=offset)

    def qualifier(self, offset: int) -> list[str]:
        """Names of the namespaces around `offset`, outermost first (anonymous ones included as "")."""
        return [n.name for n in sorted(self.namespaces, key=lambda n: n.start) if n.start <= offset < n.end]

    def ranges(self) -> list[tuple[int, int]]:
        return sorted([(f.start, f.end) for f in self.funcs] + [(v.start, v.end) for v in self.vars])


_QUALS = ("__global__", "__device__", "__host__")
_INTEGRAL = {"int", "unsigned", "long", "short", "char", "size_t", "bool", "signed", "uint32_t", "int32_t",
             "uint64_t", "int64_t"}


def parse_tparams(text: str) -> list[TParam]:
    m = re.match(r"\s*template\s*<(.*)>\s*$", text, re.DOTALL)
    if not m:
        return []
    out = []
    for part in split_text(m.group(1)):
        words = part.split("=")[0].split()
        if not words:
            continue
        name = words[-1]
        default = part.split("=", 1)[1].strip() if "=" in part else ""
        if words[0] in ("typename", "class") or words[0].startswith("template"):
            # a template template parameter (`template <typename> class Op`) is substituted like a type
            out.append(TParam("type", name, "", default))
        else:
            out.append(TParam("value", name, " ".join(words[:-1]), default))
    return out


_CONDITIONALS = {"if", "ifdef", "ifndef", "elif", "else", "endif"}


class _Conditions:
    """The preprocessor conditionals open at a point of the file, so that a macro, type or constant defined in
    one branch (`#if CLASS == 'S' / #define N ... / #elif ...`) reaches the .cl under the same condition
    instead of every branch's definition being emitted and the last one winning. An include guard
    (`#ifndef X` followed by an empty `#define X`) is no condition."""

    def __init__(self) -> None:
        self.stack: list[tuple[list[str], str]] = []  # per open #if: (earlier branches' conditions, this one)

    def directive(self, view: TokenView, i: int) -> int:
        """Reads the conditional directive at token i (`#`); returns the index after it."""
        toks = view.toks
        j = i + 1
        while j + 1 < len(toks) and toks[j + 1].directive == toks[i].directive:
            j += 1
        word = toks[i + 1].text
        expr = view.data[toks[i + 1].end:toks[j].end].decode("utf-8", "surrogateescape").strip() if j > i + 1 else ""
        if word in ("if", "ifdef", "ifndef"):
            nxt = j + 1
            guard = (word == "ifndef" and nxt + 2 < len(toks) and toks[nxt].text == "#"
                     and toks[nxt + 1].text == "define" and toks[nxt + 2].text == expr
                     and (nxt + 3 >= len(toks) or toks[nxt + 3].directive != toks[nxt].directive))
            cond = {"if": f"({expr})", "ifdef": f"defined({expr})", "ifndef": f"!defined({expr})"}[word]
            self.stack.append(([], "1" if guard else cond))
        elif word in ("elif", "else") and self.stack:
            prior, cur = self.stack[-1]
            self.stack[-1] = (prior + [cur], f"({expr})" if word == "elif" else "1")
        elif word == "endif" and self.stack:
            self.stack.pop()
        return j + 1

    def current(self) -> str:
        parts = [p for prior, cur in self.stack for p in [f"!{q}" for q in prior if q != "1"] + [cur] if p != "1"]
        return " && ".join(parts)


def _scan_functions(view: TokenView, out: DeviceScan) -> list[tuple[int, int]]:
    """Device functions and kernels with a body into out.funcs (explicit specialisations bound to their
    primary template's declaration); returns the spans of declarations without a body."""
    data = view.data
    seen: set[int] = set()
    macros = qualifier_macros(view)
    out.qualifier_macros.update(macros)
    primaries: dict[str, list[tuple[KernelDef, list[TParam], str]]] = {}
    prototypes: list[tuple[int, int]] = []  # declarations without a body: no device variables in them
    for qual in ("__global__", "__device__"):
        for k in find_kernels(view, qual, macros):
            if k.span.offset in seen:
                continue
            if qual in macros:  # `HOST_DEVICE float f(...)`: the macro's qualifiers, and its name to drop
                k = replace(k, qualifiers=(*k.qualifiers, qual, *macros[qual]))
            seen.add(k.span.offset)
            kind = "kernel" if "__global__" in k.qualifiers else ("hd" if "__host__" in k.qualifiers else "device")
            head = data[k.span.offset:k.name_span.offset].decode("utf-8", "surrogateescape")
            ttext = template_head(head)
            if k.body is None:
                prototypes.append((k.span.offset, k.span.end))
                if ttext:
                    primaries.setdefault(k.name, []).append((k, parse_tparams(ttext), _ret_type(head, ttext, macros)))
                continue
            func = DevFunc(k.name, k.span.offset, k.span.end, kind, k, parse_tparams(ttext), ttext)
            if re.fullmatch(r"template\s*<\s*>", ttext):
                written = _written_spec_args(view, k)
                func.spec_written = f"<{', '.join(written)}>" if written else ""
                func.spec_args = written or _spec_args(k, _ret_type(head, ttext, macros), primaries.get(k.name, []))
            out.funcs.append(func)
    _mark_spec_clashes(out.funcs)
    # member functions belong to their class, which moves to the .cl whole (C++ for OpenCL, cxxonly.py)
    classes = class_ranges(view)
    out.funcs = [f for f in out.funcs if not any(a <= f.start < b for a, b in classes)]
    out.funcs.sort(key=lambda f: f.start)
    return prototypes


def scan_device(view: TokenView, direct_init: frozenset[int] = frozenset()) -> DeviceScan:
    """`direct_init`: offsets of the names of top-level variables initialised with parentheses
    (`constexpr int N(16);`, from clang: the tokens alone read as a function declaration)."""
    out = DeviceScan()
    prototypes = _scan_functions(view, out)
    franges = [(f.start, f.end) for f in out.funcs] + prototypes
    toks = view.toks
    n = len(toks)
    depth = 0
    i = 0
    stmt_start = 0
    open_ns: list[tuple[str, int]] = []  # namespace blocks being scanned: (name, offset of `namespace`)
    conds = _Conditions()
    func_at = {f.start: f for f in out.funcs}
    while i < n:
        t = toks[i]
        if t.offset in func_at:
            func_at[t.offset].cond = conds.current()
        if any(a <= t.offset < b for a, b in franges):
            i += 1
            stmt_start = i
            continue
        if depth == 0 and i == stmt_start and t.directive < 0 and \
                (t.text == "namespace" or (t.text == "extern" and i + 2 < n and toks[i + 2].text == "{"
                                           and toks[i + 1].text.startswith('"'))):
            j = i + 1
            while j < n and toks[j].text not in ("{", ";", "="):
                j += 1
            if j < n and toks[j].text == "{":
                name = "" if t.text == "extern" else "::".join(x.text for x in toks[i + 1:j] if x.kind == IDENT)
                open_ns.append((name, t.offset))
                i = j + 1
                stmt_start = i
                continue
        if depth == 0 and open_ns and t.kind == PUNCT and t.text == "}" and t.directive < 0:
            name, start = open_ns.pop()
            out.namespaces.append(Namespace(name, start, t.end))
            i += 1
            stmt_start = i
            continue
        if t.directive >= 0:
            if t.text == "#" and i + 1 < n and toks[i + 1].text in _CONDITIONALS:
                i = conds.directive(view, i)
            elif t.text == "#" and i + 2 < n and toks[i + 1].text == "define" and toks[i + 2].directive == t.directive:
                j = i
                while j + 1 < n and toks[j + 1].directive == t.directive:
                    j += 1
                out.decls.append(TopDecl(t.offset, toks[j].end, {toks[i + 2].text}, "macro", toks[i + 2].text,
                                         conds.current()))
                i = j + 1
            else:
                i += 1
            stmt_start = i
            continue
        if t.kind == PUNCT and t.text == "{":
            depth += 1
        elif t.kind == PUNCT and t.text == "}":
            depth -= 1
            if depth == 0:
                stmt_start = i + 1
        elif depth == 0 and t.kind == PUNCT and t.text == ";":
            stmt_start = i + 1
        elif depth == 0 and i == stmt_start and _expansion_end(view, i) > 0:
            # `ATOMIC(Add)`: a macro expanded at file scope; which declarations it makes, clang says (macrodecls.py)
            end = _expansion_end(view, i)
            out.decls.append(TopDecl(t.offset, toks[end].end, set(), "expansion", t.text, conds.current()))
            i = end + 1
            stmt_start = i
            continue
        elif depth == 0 and i == stmt_start:
            end = _stmt_end(view, i)
            if end < 0:
                i += 1
                continue
            stmt = toks[i:end + 1]
            texts = [s.text for s in stmt]
            is_type = texts[0] in ("struct", "union", "enum", "typedef", "class") or _class_template(view, i, end) \
                or _alias(view, i)
            if any(q in _outside_braces(stmt) for q in ("__constant__", "__device__", "__managed__")) \
                    and "(" not in texts[:3] and not (is_type and "{" in texts) \
                    and "operator" not in texts[:texts.index("(") if "(" in texts else len(texts)]:
                var = _dev_var(view, stmt)
                if var:
                    out.vars.append(var)
                i = end + 1
                stmt_start = i
                continue
            if is_type:
                u = texts.index("using") if "using" in texts and "{" not in texts else -1
                if 0 <= u < len(texts) - 1:
                    names = {texts[u + 1]}
                elif texts[0] == "template":  # its parameters are not names it declares
                    names = {n for n in [_class_name(stmt)] if n}
                else:
                    names = _declared_names(stmt) | {n for n in [_class_name(stmt)] if n}
                out.decls.append(TopDecl(t.offset, toks[end].end, names, "type", cond=conds.current()))
                i = end + 1
                stmt_start = i
                continue
            paren = next((k for k, s in enumerate(stmt) if s.offset in direct_init and k + 1 < len(stmt)
                          and stmt[k + 1].text == "("), -1)
            if paren > 0 and ("const" in texts or "constexpr" in texts) and "(" not in texts[:paren]:
                out.decls.append(TopDecl(t.offset, toks[end].end, {texts[paren]}, "const", texts[paren],
                                         conds.current()))
                i = end + 1
                stmt_start = i
                continue
            if ("const" in texts or "constexpr" in texts) and "=" in texts and "(" not in texts[:texts.index("=")]:
                eq = texts.index("=")
                if eq >= 1 and stmt[eq - 1].kind == IDENT and "*" not in texts[:eq] and "[" not in texts[:eq]:
                    out.decls.append(TopDecl(t.offset, toks[end].end, {texts[eq - 1]}, "const", texts[eq - 1],
                                             conds.current()))
                    i = end + 1
                    stmt_start = i
                    continue
        i += 1
    return out


_NOT_MACROS = {"static_assert", "_Static_assert", "__attribute__", "__align__", "alignas", "__declspec", "decltype",
               "__launch_bounds__", "_Pragma", "asm", "__asm__"}


def _expansion_end(view: TokenView, i: int) -> int:
    """Index of the last token (`)`, or a `;` after it) of `NAME(...)` at token i when it stands alone at file
    scope (the line ends after it), as a macro expanded into declarations does; -1 otherwise (`__align__(16)
    struct S`, `TYPE(int) x;`)."""
    toks = view.toks
    if toks[i].kind != IDENT or toks[i].text in _NOT_MACROS or i + 1 >= len(toks) or toks[i + 1].text != "(" \
            or toks[i + 1].directive >= 0:
        return -1
    close = view.match_close(i + 1)
    if close < 0:
        return -1
    j = close + 1
    if j < len(toks) and toks[j].text == ";" and toks[j].directive < 0:
        return j
    if j >= len(toks) or toks[j].directive >= 0 or b"\n" in view.data[toks[close].end:toks[j].offset]:
        return close
    return -1


def template_head(head: str) -> str:
    """`template <...>` at the start of a function's head, its angle brackets balanced (a template template
    parameter `template <typename> class Op` nests a list), or ""."""
    m = re.match(r"\s*template\s*<", head)
    if not m:
        return ""
    depth = paren = 0
    for i in range(m.end() - 1, len(head)):
        c = head[i]
        paren += (c == "(") - (c == ")")
        if paren:
            continue
        depth += (c == "<") - (c == ">")
        if depth == 0:
            return head[head.index("template"):i + 1]
    return ""


def _ret_type(head: str, ttext: str, macros: dict[str, tuple[str, ...]]) -> str:
    """The result type in a function's head (`template <> inline __device__ __half ` -> `__half`)."""
    words = head.strip()[len(ttext):].split()
    quals = {"__global__", "__device__", "__host__", "__forceinline__", "__noinline__", "static", "inline",
             "__inline__", "extern"} | set(macros)
    return " ".join(w for w in words if w not in quals)


def _spec_args(k: KernelDef, ret: str, primaries: list[tuple[KernelDef, list[TParam], str]]) -> tuple[str, ...]:
    """The template arguments of explicit specialisation k, bound against its primary template's declaration
    (result and parameter types spelled as a parameter name: `T f(const float)`, `int g(const T)`)."""
    for decl, tparams, pret in primaries:
        if len(decl.params) != len(k.params):
            continue
        bound: dict[str, str] = {}
        pairs = [(pret, ret)] + [(p.type, a.type) for p, a in zip(decl.params, k.params, strict=True)]
        for want, have in pairs:
            w = [x for x in want.split() if x not in ("const", "volatile")]
            h = " ".join(x for x in have.split() if x not in ("const", "volatile"))
            if len(w) == 1 and w[0] in {tp.name for tp in tparams if tp.kind == "type"}:
                bound.setdefault(w[0], h)
        if all(tp.name in bound for tp in tparams):
            return tuple(bound[tp.name] for tp in tparams)
    return ()


def _written_spec_args(view: TokenView, k: KernelDef) -> tuple[str, ...]:
    """The template arguments an explicit specialisation writes after its name (`f<float, 1>(...)`), or ()."""
    i = next((j for j, t in enumerate(view.toks) if t.offset == k.name_span.offset), -1)
    if i < 0 or i + 1 >= len(view.toks) or view.toks[i + 1].text != "<":
        return ()
    close = view.angle_close(i + 1)
    if close < 0:
        return ()
    return tuple(" ".join(view.text(a).split()) for a in view.split_args(i + 1, close))


def _mark_spec_clashes(funcs: list[DevFunc]) -> None:
    """Specialisations of one template with the same parameter types (they differ in the result only) cannot
    be told apart by overloading: each gets its template arguments in its OpenCL name."""
    seen: dict[tuple[str, tuple[str, ...]], list[DevFunc]] = {}
    for f in funcs:
        if f.spec_args:
            key = (f.name, tuple(" ".join(p.type.split()) for p in f.kdef.params))
            seen.setdefault(key, []).append(f)
    for group in seen.values():
        if len(group) > 1:
            for f in group:
                f.spec_clash = True


def _class_template(view: TokenView, i: int, end: int) -> bool:
    """`template <...> struct|class X ...;` from token i to end (a class template or its specialisation)."""
    toks = view.toks
    if toks[i].text != "template" or i + 1 > end or toks[i + 1].text != "<":
        return False
    close = view.angle_close(i + 1, limit=400)
    return 0 < close < end and (toks[close + 1].text in ("struct", "class", "union") or _alias(view, close + 1))


def _class_name(stmt: list[Tok]) -> str:
    """The name of the class a declaration defines (`template <...> struct alignas(8) X {`), or ''."""
    k = 0
    if stmt and stmt[0].text == "template":
        depth = 0
        for k, t in enumerate(stmt):
            depth += {"<": 1, ">": -1, ">>": -2}.get(t.text, 0)
            if depth <= 0 and k > 0:
                break
    kw = next((j for j in range(k, len(stmt)) if stmt[j].text in ("struct", "class", "union")), -1)
    paren = 0
    for t in stmt[kw + 1:] if kw >= 0 else []:
        if t.text in ("{", ":", ";", "<"):
            break
        paren += {"(": 1, ")": -1}.get(t.text, 0)
        if paren == 0 and t.kind == IDENT and t.text not in ("__attribute__", "alignas", "__align__"):
            return t.text
    return ""


def _alias(view: TokenView, i: int) -> bool:
    """`using X = ...;` at token i (a type alias, not a using-declaration or directive)."""
    toks = view.toks
    return i + 2 < len(toks) and toks[i].text == "using" and toks[i + 1].kind == IDENT and toks[i + 2].text == "="


def class_ranges(view: TokenView) -> list[tuple[int, int]]:
    """Byte ranges of the bodies of classes, structs and unions declared at file or namespace scope (their
    member functions are not free device functions)."""
    toks = view.toks
    out: list[tuple[int, int]] = []
    stmt = 0  # index of the first token of the current declaration
    stack: list[str] = []  # kinds of the open braces: "ns" | "class" | "other"
    for i, t in enumerate(toks):
        if t.directive >= 0:
            if i + 1 < len(toks) and toks[i + 1].directive != t.directive:
                stmt = i + 1
            continue
        if t.kind != PUNCT:
            continue
        if t.text == "{":
            j = stmt
            while j + 1 < i and toks[j].text == "template" and toks[j + 1].text == "<":
                j = max(view.angle_close(j + 1, limit=400), j) + 1  # `template <int N, class = X<(N > 1)>>`
            words = [x.text for x in toks[j:i] if x.directive < 0]
            if "namespace" in words or (words[:1] == ["extern"] and len(words) == 2):
                kind = "ns"
            elif any(w in ("struct", "class", "union") for w in words) and "(" not in words and \
                    "enum" not in words and "=" not in words:
                kind = "class"
            else:
                kind = "other"
            if kind == "class" and all(k == "ns" for k in stack):
                close = view.match_close(i)
                if close > 0:
                    out.append((t.offset, toks[close].end))
            stack.append(kind)
            stmt = i + 1
        elif t.text == "}":
            if stack:
                stack.pop()
            stmt = i + 1
        elif t.text == ";" or (t.text == ":" and i > 0 and toks[i - 1].text in ("public", "private", "protected")):
            stmt = i + 1
    return out


def _stmt_end(view: TokenView, i: int) -> int:
    """Index of the `;` ending the top-level declaration starting at token i (skipping braces), or of the `}` of
    a function definition's body (a host function template followed by `__device__ float f(...) {...}` and a
    later `;` was read as one declaration with a `__device__` outside braces: a device variable), or -1."""
    toks = view.toks
    j = i
    params = False  # a parameter list seen, and nothing that makes a `{` an initialiser or a class body
    blocked = False
    if toks[j].text == "template" and j + 1 < len(toks) and toks[j + 1].text == "<":
        close = view.angle_close(j + 1, limit=200)  # `template <class T>` names no class
        if close > j:
            j = close + 1
    while j < len(toks):
        tx = toks[j].text
        if toks[j].kind == PUNCT and tx in ("{", "(", "["):
            if tx == "{" and params and not blocked:
                return view.match_close(j)
            params = params or tx == "("
            j = view.match_close(j)
            if j < 0:
                return -1
        elif toks[j].kind == PUNCT and tx == ";":
            return j
        elif toks[j].kind == PUNCT and tx == "}":
            return -1
        elif tx in ("=", "struct", "class", "union", "enum", "typedef", "using"):
            blocked = True
        j += 1
    return -1


def _outside_braces(stmt: list[Tok]) -> set[str]:
    """Spellings of the statement's tokens outside `{...}`: a `__device__` member of a struct body
    (`struct P { __host__ __device__ P(int x); };`) does not make the struct a device variable."""
    out = set()
    depth = 0
    for s in stmt:
        if s.kind == PUNCT and s.text == "{":
            depth += 1
        elif s.kind == PUNCT and s.text == "}":
            depth -= 1
        elif depth == 0:
            out.add(s.text)
    return out


def _declared_names(stmt: list[Tok]) -> set[str]:
    names = set()
    depth = 0
    for k, s in enumerate(stmt):
        if s.text in ("{", "(", "["):
            depth += 1
        elif s.text in ("}", ")", "]"):
            depth -= 1
        if s.kind != IDENT:
            continue
        prev = stmt[k - 1].text if k else ""
        nxt = stmt[k + 1].text if k + 1 < len(stmt) else ""
        if prev in ("struct", "union", "enum", "class") or (depth == 0 and nxt in (";", ",", "[")):
            names.add(s.text)
        elif depth == 1 and stmt[0].text in ("enum", "typedef") and nxt in ("=", ",", "}") and \
                any(x.text == "enum" for x in stmt[:3]):
            names.add(s.text)
    return names


def _dev_var(view: TokenView, stmt: list[Tok]) -> DevVar | None:
    texts = [s.text for s in stmt]
    space = "constant" if "__constant__" in texts else ("managed" if "__managed__" in texts else "device")
    stop = len(stmt) - 1
    for k, s in enumerate(stmt):
        if s.text in ("=", "[", "{"):
            stop = k
            break
    name_k = -1
    for k in range(stop - 1, -1, -1):
        if stmt[k].kind == IDENT and stmt[k].text not in _QUALS + ("__constant__", "__managed__"):
            name_k = k
            break
    if name_k < 0:
        return None
    skip = set(_QUALS) | {"__constant__", "__managed__", "static", "extern", "volatile"}
    elem = " ".join(s.text for s in stmt[:name_k] if s.text not in skip)
    dims = []
    k = name_k + 1
    while k < len(stmt) and stmt[k].text == "[":
        close = k
        depth = 0
        for m in range(k, len(stmt)):
            if stmt[m].text == "[":
                depth += 1
            elif stmt[m].text == "]":
                depth -= 1
                if depth == 0:
                    close = m
                    break
        dims.append(view.data[stmt[k].end:stmt[close].offset].decode("utf-8", "surrogateescape").strip())
        k = close + 1
    return DevVar(stmt[name_k].text, stmt[0].offset, stmt[-1].end, space, elem, dims, "extern" in texts)


def idents(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", text))


def is_integral(type_words: str) -> bool:
    words = [w for w in type_words.split() if w not in ("const", "constexpr", "static", "inline")]
    return bool(words) and all(w in _INTEGRAL for w in words)


__all__ = ["DevFunc", "DevVar", "DeviceScan", "Namespace", "TParam", "TopDecl", "idents", "is_integral",
           "parse_tparams", "scan_device", "KEYWORD"]
