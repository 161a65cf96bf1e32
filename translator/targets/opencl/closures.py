"""OpenCL target: nvcc's extended lambdas (`[=] __device__ (int i) {...}`) passed to kernel templates.

Input: a FileContext with its clang AST and the file's tokens. Output: one `Closure` per lowered lambda and host
edits. A lambda created in host code and launched as a kernel's functor argument becomes a struct, its captures
(by copy) as fields in order of first use, its body the `__device__ operator()`; in the .cl the struct is
spelled with the concrete field types (the enclosing host template's one argument list substituted), in the host
file it is a class template over the captures' `decltype`s, constructed where the lambda was. The kernel template
is then instantiated for the struct as for any functor (C++ for OpenCL). Lambdas capturing by reference or
`this`, arrays, or inside a host template with several argument lists stay CP2001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors_of
from translator.frontend.sites import TokenView, qualifier_macros

if TYPE_CHECKING:
    from translator.engine.context import FileContext


@dataclass
class Closure:
    name: str  # cp_lambda_<line>_<col>
    line: int
    col: int
    start: int  # offset of `[`
    end: int  # end of the body's `}`
    body: tuple[int, int]  # the body `{...}`, whose translated text the .cl gets
    params: str  # the parameter list as written, with its parentheses
    ret: str  # the trailing return type as written, or "auto"
    mutable: bool
    fields: list[tuple[str, str]]  # (type as spelled in the pattern, capture name), in order of first use
    typedefs: dict[str, str] = field(default_factory=dict)  # local alias name -> canonical type
    host_tparams: list[str] = field(default_factory=list)  # the enclosing host template's parameters


def device_lambdas(ctx: FileContext, view: TokenView) -> list[tuple[int, int, int]]:
    """(index of `[`, index of the qualifier, index of the last qualifier) of each extended lambda in the file."""
    toks = view.toks
    quals = {"__device__", "__host__"} | {m for m, q in qualifier_macros(view).items() if "__device__" in q}
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.text in quals and i > 0 and toks[i - 1].text == "]" and t.directive < 0:
            j = i
            while j + 1 < len(toks) and toks[j + 1].text in quals:
                j += 1
            k = i - 1
            depth = 0
            while k >= 0:  # back to the capture list's `[`
                if toks[k].text == "]":
                    depth += 1
                elif toks[k].text == "[":
                    depth -= 1
                    if depth == 0:
                        break
                k -= 1
            out.append((k, i, j))
            i = j + 1
            continue
        i += 1
    return out


def lower(ctx: FileContext, view: TokenView, at: tuple[int, int, int], bindings: list[dict[str, str]],
          host_tparams: list[str]) -> Closure | str:
    """The closure of the extended lambda at token indices `at`, or why it cannot be lowered."""
    toks = view.toks
    open_i, _q, last_q = at
    if open_i < 0:
        return "its capture list was not found"
    captures = [t.text for t in toks[open_i + 1:_q - 1]]
    if any(c in ("&", "this", "*") for c in captures):
        return "it captures by reference or `this` (device code cannot reach host variables)"
    if "=" in captures[1:]:
        return "it has an init-capture"
    k = last_q + 1
    params = "()"
    if k < len(toks) and toks[k].text == "(":
        close = view.match_close(k)
        if close < 0:
            return "its parameter list was not found"
        params = view.text(view.tok_span(k, close))
        k = close + 1
    head_end = k
    while k < len(toks) and toks[k].text != "{":
        k += 1
    if k >= len(toks):
        return "its body was not found"
    if "auto" in {t.text for t in toks[last_q + 1:head_end]}:
        return "it is a generic lambda (an `auto` parameter)"
    words = [t.text for t in toks[head_end:k]]
    ret = "auto"
    if "->" in words:
        a = head_end + words.index("->") + 1
        ret = view.text(view.tok_span(a, k - 1)) if k - 1 >= a else "auto"
    body_close = view.match_close(k)
    if body_close < 0:
        return "its body was not found"
    start, end = toks[open_i].offset, toks[body_close].end
    facts = _clang_facts(ctx, start, end)
    if isinstance(facts, str):
        return facts
    fields, typedefs = facts
    if len(bindings) > 1 and any(any(n in _words(tp) for n in host_tparams) for tp, _n in fields):
        return "the host template around it is instantiated with several argument lists"
    line, col = view.lines.line_col(start)
    return Closure(f"cp_lambda_{line}_{col}", line, col, start, end, (toks[k].offset, end), params, ret,
                   "mutable" in words, fields, typedefs, host_tparams)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", text))


def _clang_facts(ctx: FileContext, start: int, end: int) -> tuple[list[tuple[str, str]], dict[str, str]] | str:
    """Captured variables (type, name) in order of first use, and local aliases the lambda names, from clang."""
    tu = ctx.parsed.tu
    if tu is None:
        return "clang did not parse this file"
    from clang.cindex import CursorKind, TypeKind

    main = str(ctx.parsed.path)
    lam = next((c for c in main_file_cursors_of(tu, main, (CursorKind.LAMBDA_EXPR,))
                if c.extent.start.offset == start), None)
    if lam is None:
        typed = not any(f.code == "CP1004" for f in ctx.findings)
        return "clang reported no lambda here" if typed else "clang could not type it: the file has errors, CP1004"
    fields: list[tuple[str, str]] = []
    seen: set[str] = set()
    typedefs: dict[str, str] = {}
    local_kinds = (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE, CursorKind.CXX_METHOD,
                   CursorKind.CONSTRUCTOR, CursorKind.DESTRUCTOR)
    for c in lam.walk_preorder():
        if c.kind == CursorKind.CXX_THIS_EXPR or (c.kind == CursorKind.MEMBER_REF_EXPR
                                                  and not any(True for _ in c.get_children())):
            return "it uses members of the enclosing object (captures `this`)"
        ref = c.referenced if c.kind in (CursorKind.DECL_REF_EXPR, CursorKind.TYPE_REF) else None
        if ref is None or ref.location.file is None or ref.location.file.name != main:
            continue
        if start <= ref.extent.start.offset < end:
            continue  # declared in the lambda
        parent = ref.semantic_parent
        local = parent is not None and parent.kind in local_kinds
        if c.kind == CursorKind.TYPE_REF:
            if local and ref.kind in (CursorKind.TYPEDEF_DECL, CursorKind.TYPE_ALIAS_DECL):
                typedefs[ref.spelling] = ref.underlying_typedef_type.get_canonical().spelling
            continue
        if not local or ref.kind not in (CursorKind.VAR_DECL, CursorKind.PARM_DECL) or ref.spelling in seen:
            continue
        if ref.storage_class is not None and ref.storage_class.name == "STATIC":
            continue  # a static local is not captured
        ty = ref.type
        if ty.kind in (TypeKind.LVALUEREFERENCE, TypeKind.RVALUEREFERENCE):
            ty = ty.get_pointee()
        if ty.kind in (TypeKind.CONSTANTARRAY, TypeKind.INCOMPLETEARRAY, TypeKind.DEPENDENTSIZEDARRAY):
            return f"it captures the array {ref.spelling}"
        seen.add(ref.spelling)
        fields.append((ty.spelling, ref.spelling))
    return fields, typedefs


def host_struct(c: Closure) -> str:
    """The host file's class template for the closure (fields only: the host never calls it) and its name for the
    launch stubs (cp_tn, found by ADL), in an unnamed namespace: another file's closure of the same name is
    another class."""
    tps = ", ".join(f"typename cp_C{i}" for i in range(len(c.fields))) or "typename... cp_C"
    members = " ".join(f"cp_C{i} {name};" for i, (_t, name) in enumerate(c.fields))
    return (f"namespace {{ template <{tps}> struct {c.name} {{ {members} }};\n"
            f"template <typename... cp_C> const char* cp_type_name({c.name}<cp_C...>*) {{ return \"{c.name}\"; }} }}\n")


def host_construction(c: Closure) -> str:
    """What replaces the lambda expression in host code."""
    args = ", ".join(f"typename std::decay<decltype({name})>::type" for _t, name in c.fields)
    return f"{c.name}<{args}>{{{', '.join(name for _t, name in c.fields)}}}"


def device_struct(c: Closure, body: str, binding: dict[str, str], values: set[str]) -> str:
    """The .cl's struct: the enclosing template's arguments and the local aliases as member typedefs, the
    captures as fields, the translated body as `operator()`."""
    lines = [f"struct {c.name} {{"]
    for name, arg in binding.items():
        lines.append(f"    static constexpr long {name} = {arg};" if name in values else f"    typedef {arg} {name};")
    for name, canon in c.typedefs.items():
        lines.append(f"    typedef {canon} {name};")
    for ty, name in c.fields:
        lines.append(f"    {ty} {name};")
    const = "" if c.mutable else " const"
    lines.append(f"    __device__ {c.ret} operator(){c.params}{const} {body}")
    lines.append("};")
    return "\n".join(lines)


__all__ = ["Closure", "device_lambdas", "device_struct", "host_construction", "host_struct", "lower"]
