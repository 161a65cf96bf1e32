"""Finds what of one CUDA file belongs in the OpenCL program: kernels, device functions, device variables,
and the top-level types, constants and macros they use.

Input: a ParsedFile's tokens. Output: a DeviceScan with byte ranges in the original file (the target
translates those ranges and moves them into the .cl). Token level, like the site finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from translator.frontend.brackets import split_text
from translator.frontend.lexer import IDENT, KEYWORD, PUNCT, Tok
from translator.frontend.sites import TokenView, find_kernels
from translator.model import KernelDef


@dataclass
class TParam:
    kind: str  # "type" | "value"
    name: str
    ctype: str  # for value parameters: their C type


@dataclass
class DevFunc:
    name: str
    start: int
    end: int
    kind: str  # "kernel" | "device" | "hd" (host and device)
    kdef: KernelDef
    tparams: list[TParam]
    template_text: str  # `template <...>` as written, or ""
    cl_name: str = ""  # the kernel's .cl name when it is not its own name (namespaces.py: `a::k` -> `a__k`)


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
    kind: str  # "type" | "const" | "macro"
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
        if words[0] in ("typename", "class"):
            out.append(TParam("type", name, ""))
        else:
            out.append(TParam("value", name, " ".join(words[:-1])))
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


def scan_device(view: TokenView) -> DeviceScan:
    out = DeviceScan()
    data = view.data
    seen: set[int] = set()
    for qual in ("__global__", "__device__"):
        for k in find_kernels(view, qual):
            if k.body is None or k.span.offset in seen:
                continue
            seen.add(k.span.offset)
            kind = "kernel" if "__global__" in k.qualifiers else ("hd" if "__host__" in k.qualifiers else "device")
            head = data[k.span.offset:k.name_span.offset].decode("utf-8", "surrogateescape")
            m = re.match(r"\s*(template\s*<.*?>)(?=\s*(?:__|static|inline|void|[A-Za-z_]))", head, re.DOTALL)
            ttext = m.group(1) if m else ""
            out.funcs.append(DevFunc(k.name, k.span.offset, k.span.end, kind, k, parse_tparams(ttext), ttext))
    out.funcs.sort(key=lambda f: f.start)
    franges = [(f.start, f.end) for f in out.funcs]
    toks = view.toks
    n = len(toks)
    depth = 0
    i = 0
    stmt_start = 0
    open_ns: list[tuple[str, int]] = []  # namespace blocks being scanned: (name, offset of `namespace`)
    conds = _Conditions()
    while i < n:
        t = toks[i]
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
        elif depth == 0 and i == stmt_start:
            end = _stmt_end(view, i)
            if end < 0:
                i += 1
                continue
            stmt = toks[i:end + 1]
            texts = [s.text for s in stmt]
            if any(q in texts for q in ("__constant__", "__device__", "__managed__")) and "(" not in texts[:3]:
                var = _dev_var(view, stmt)
                if var:
                    out.vars.append(var)
                i = end + 1
                stmt_start = i
                continue
            if texts[0] in ("struct", "union", "enum", "typedef", "class"):
                out.decls.append(TopDecl(t.offset, toks[end].end, _declared_names(stmt), "type", cond=conds.current()))
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


def _stmt_end(view: TokenView, i: int) -> int:
    """Index of the `;` ending the top-level declaration starting at token i (skipping braces), or -1."""
    toks = view.toks
    j = i
    while j < len(toks):
        tx = toks[j].text
        if toks[j].kind == PUNCT and tx in ("{", "(", "["):
            j = view.match_close(j)
            if j < 0:
                return -1
        elif toks[j].kind == PUNCT and tx == ";":
            return j
        elif toks[j].kind == PUNCT and tx == "}":
            return -1
        j += 1
    return -1


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
