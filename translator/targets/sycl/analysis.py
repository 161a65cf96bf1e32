"""SYCL target, analysis stage: finds the file's __global__/__device__ functions, their __shared__
declarations, the namespace-scope __device__/__constant__ variables (rewritten here as device_globals) and
which functions need the nd_item or sub-group operations. Input: a FileContext after the rule pass; output: a
FileAnalysis cached on the context, device_global and group-local Edits and CP4503-CP4505 and CP4512 Findings.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.engine import tables
from translator.engine.edits import Edit
from translator.frontend.declarators import shared_declarators, split_declaration
from translator.frontend.lexer import IDENT, LineIndex
from translator.frontend.sites import TokenView, find_kernels
from translator.model import KernelDef, Span
from translator.targets.sycl.cub_warp import cub_warp_names

if TYPE_CHECKING:
    from translator.engine.context import FileContext

# Builtins whose SYCL spelling reads the nd_item (a function using one, directly or through a call, takes `item`)
# and the warp functions that need the sub-group: rules/tables/sycl_item_builtins.yaml, sycl_warp_functions.yaml.


@functools.cache
def _item_builtins() -> frozenset[str]:
    return frozenset(tables.names("sycl_item_builtins"))


@functools.cache
def _warp_functions() -> frozenset[str]:
    return frozenset(tables.names("sycl_warp_functions"))


# Cooperative-groups names whose groups are sub-groups (cudaport_sycl/cooperative_groups.hpp): the kernel needs
# the required sub-group size 32, as warp intrinsics do, but no nd_item (the header queries the work-item).
_CG_SUB_GROUPS = {"tiled_partition", "thread_block_tile", "coalesced_threads", "coalesced_group"}


def _is_warp(name: str) -> bool:
    return name in _warp_functions() or (name.startswith("__reduce_") and name.endswith("_sync"))


@dataclass
class DeviceFunction:
    """A __global__ or __device__ function definition (or declaration) of this file."""

    fdef: KernelDef
    kernel: bool
    close_paren: int  # byte offset of the `)` closing the parameter list
    empty_params: bool
    # Defined inside a struct/class: callers reach it as `obj.f()` or as a constructor, where no nd_item can be
    # passed, so it reads the work-item through oneAPI's free function queries instead of a parameter.
    member: bool = False
    shared: list[SharedVariable] = field(default_factory=list)
    needs_item: bool = False
    uses_warp: bool = False
    calls: set[str] = field(default_factory=set)
    # Index of the first parameter with a default argument, shared by all declarations of the name: the nd_item
    # and local memory go there, since C++ allows no parameter without a default after one with a default.
    extra_at: int | None = None


@dataclass
class SharedVariable:
    name: str
    elem_type: str  # `float`, `Particle`, `T`
    dims: str  # `[TILE][TILE]` or "" ; for extern arrays the `[]` is dropped
    extern: bool
    span: Span  # the whole declaration statement, `;` included
    # An `extern __shared__` array of a __device__ function this one calls (directly or not): the dynamic local
    # memory is passed down to it as a pointer parameter, which this function takes too.
    inherited: bool = False


@dataclass
class DeviceGlobal:
    name: str
    span: Span


@dataclass
class FileAnalysis:
    view: TokenView
    funcs: dict[str, list[DeviceFunction]]  # by name (overloads and declarations share one name)
    bodies: list[tuple[int, int, DeviceFunction]]  # (start, end, function) of each body
    globals_: dict[str, DeviceGlobal]
    qualifier_owner: dict[int, str]  # offset of a qualifier token -> "function" | "global"
    # __device__ functions of the project headers this file includes, by name: calls of those that take the
    # nd_item get it here too.
    external: dict[str, list[DeviceFunction]] = field(default_factory=dict)

    def callees(self, name: str) -> list[DeviceFunction]:
        return self.funcs.get(name) or self.external.get(name, [])


def tok_index(view: TokenView, offset: int) -> int:
    lo, hi = 0, len(view.toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if view.toks[mid].offset < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def analyse(ctx: FileContext) -> FileAnalysis:
    cached = getattr(ctx, "_sycl_analysis", None)
    if cached is not None:
        return cached
    parsed = ctx.parsed
    view = TokenView(parsed.data, list(parsed.tokens), LineIndex(parsed.data))
    funcs: dict[str, list[DeviceFunction]] = {}
    bodies: list[tuple[int, int, DeviceFunction]] = []
    owner: dict[int, str] = {}
    seen: set[int] = set()
    classes = _class_bodies(view)
    for qual, is_kernel in (("__global__", True), ("__device__", False)):
        for fdef in find_kernels(view, qual):
            if fdef.span.offset in seen or ("__global__" in fdef.qualifiers and not is_kernel):
                continue
            seen.add(fdef.span.offset)
            i = tok_index(view, fdef.name_span.offset)
            close_i = view.match_close(i + 1)
            close = view.toks[close_i].offset if close_i > 0 else fdef.name_span.end
            f = DeviceFunction(fdef, is_kernel, close, empty_params=not fdef.params,
                               member=not is_kernel and _in_class(view, classes, fdef.span.offset))
            funcs.setdefault(fdef.name, []).append(f)
            if fdef.body is not None:
                bodies.append((fdef.body.offset, fdef.body.end, f))
            for k in range(tok_index(view, fdef.span.offset), i):
                owner[view.toks[k].offset] = "function"
    bodies.sort(key=lambda b: b[0])
    an = FileAnalysis(view, funcs, bodies, {}, owner, _external(ctx))
    _find_shared(ctx, an)
    _find_globals(ctx, an)
    _find_uses(an)
    _pass_dynamic_shared(an)
    ctx._sycl_analysis = an  # type: ignore[attr-defined]
    return an


_CLASS_WORDS = {"struct", "class", "union"}
_HEAD_STOP = {";", "{", "}", ")"}


def _class_bodies(view: TokenView) -> list[tuple[int, int]]:
    """(start, end) byte ranges of struct/class/union bodies: a `{` whose head, read backwards, reaches one of
    those keywords before a `;`, brace, `(`, `)` or `=` (`struct S s = {...}` is an initialiser)."""
    toks = view.toks
    out = []
    for i, t in enumerate(toks):
        if t.text != "{" or t.directive >= 0:
            continue
        j = i - 1
        while j >= 0 and toks[j].text not in _HEAD_STOP and toks[j].text not in _CLASS_WORDS and i - j < 64:
            if toks[j].text in ("=", "("):  # `S s = {...}`, a function's body
                j = -1
                break
            j -= 1
        if j >= 0 and toks[j].text in _CLASS_WORDS:
            close = view.match_close(i)
            if close > 0:
                out.append((t.offset, toks[close].offset))
    return out


def _in_class(view: TokenView, classes: list[tuple[int, int]], offset: int) -> bool:
    """Whether the innermost enclosing class body holds the offset directly (not through a function body)."""
    inner = max((c for c in classes if c[0] < offset < c[1]), key=lambda c: c[0], default=None)
    if inner is None:
        return False
    toks = view.toks
    depth = 0
    for k in range(tok_index(view, inner[0]) + 1, tok_index(view, offset)):
        if toks[k].directive >= 0:
            continue
        if toks[k].text == "{":
            depth += 1
        elif toks[k].text == "}":
            depth -= 1
    return depth == 0


def initializer_lists(an: FileAnalysis) -> list[tuple[int, int, DeviceFunction]]:
    """(start, end, function) of the region between a member function's `)` and its body: a constructor's
    member initialisers, where calls need the work-item too."""
    return [(f.close_paren, f.fdef.body.offset, f) for _s, _e, f in an.bodies
            if f.member and f.fdef.body is not None and f.close_paren < f.fdef.body.offset]


# The analyses of the project headers a file includes: set by translator.targets.sycl.headers (which analyses
# each header with this module, so it cannot be imported from here without an import cycle).
HEADER_ANALYSES: Callable[[FileContext], list[FileAnalysis]] | None = None


def _external(ctx: FileContext) -> dict[str, list[DeviceFunction]]:
    out: dict[str, list[DeviceFunction]] = {}
    for h in HEADER_ANALYSES(ctx) if HEADER_ANALYSES is not None else ():
        for name, fs in h.funcs.items():
            out.setdefault(name, []).extend(f for f in fs if not f.kernel)
    return out


def body_at(an: FileAnalysis, offset: int) -> DeviceFunction | None:
    for start, end, f in an.bodies:
        if start <= offset < end:
            return f
    return None


def _find_shared(ctx: FileContext, an: FileAnalysis) -> None:
    for decl in ctx.parsed.shared:
        f = body_at(an, decl.span.offset)
        decls = shared_declarators(ctx.text(decl.span))
        plain = decls is not None and not any(d[3] for d in decls)
        if (f is not None and decls is not None and plain and not decl.extern
                and (not f.kernel or _names_local(an, f, decl.span.offset, " ".join(d[0] + d[2] for d in decls))
                     or _deduced_type(ctx, f, " ".join(d[0] + d[2] for d in decls)))):
            _group_local(ctx, decl.span, decls)
            continue
        device_extern = f is not None and not f.kernel and not f.member and decl.extern and decls is not None \
            and plain and not _names_template_parameter(f, " ".join(d[0] for d in decls))
        if f is None or not (f.kernel or device_extern) or decls is None or not plain:
            why = ("__shared__ outside a __global__ function" if f is None or not f.kernel else
                   "a __shared__ declaration with an initialiser")
            ctx.report("CP4503", decl.span, f"{decl.name}: {why}")
            continue
        for elem, name, dims, _ in decls:
            elem = _target_type(ctx, elem)
            if decl.extern:
                dims = dims[: -2] if dims.endswith("[]") else dims
            f.shared.append(SharedVariable(name, elem, dims, decl.extern, decl.span))


def _names_template_parameter(f: DeviceFunction, elem: str) -> bool:
    """Whether a type names one of the function's template parameters (its callers could not spell it)."""
    return bool(set(re.findall(r"[A-Za-z_]\w*", elem)) & set(f.fdef.template_params))


def _pass_dynamic_shared(an: FileAnalysis) -> None:
    """A __device__ function's `extern __shared__` array is the launch's dynamic local memory: the function
    takes it as a pointer parameter, and so does every function that calls it, up to the kernel, whose launch
    makes it (to a fixed point; a caller that has an array of that name already passes its own)."""
    all_funcs = [f for fs in an.funcs.values() for f in fs]
    changed = True
    while changed:
        changed = False
        for f in all_funcs:
            for callee in f.calls:
                for g in an.funcs.get(callee, ()):
                    for s in g.shared:
                        if s.extern and not g.kernel and all(mine.name != s.name for mine in f.shared):
                            f.shared.append(dataclasses.replace(s, inherited=True))
                            changed = True
    # declarations without a body take the parameters of their definition
    for fs in an.funcs.values():
        for f in fs:
            for s in (s for g in fs for s in g.shared if s.extern and not g.kernel):
                if all(mine.name != s.name for mine in f.shared):
                    f.shared.append(dataclasses.replace(s, inherited=True))


def _names_local(an: FileAnalysis, f: DeviceFunction, offset: int, elem: str) -> bool:
    """Whether a kernel's __shared__ type or array size names a typedef, `using` or const variable declared in
    the kernel's body before it: a local_accessor made at the launch cannot name it, so the memory comes from
    inside the kernel."""
    toks = an.view.toks
    body = f.fdef.body
    if body is None:
        return False
    local: set[str] = set()
    for k in range(tok_index(an.view, body.offset), tok_index(an.view, offset)):
        t = toks[k]
        if t.text == "using" and k + 2 < len(toks) and toks[k + 2].text == "=":
            local.add(toks[k + 1].text)
        elif t.text == ";" and k > 0 and toks[k - 1].kind == IDENT:
            j = k - 1
            while j > 0 and toks[j].text not in (";", "{", "}") and toks[j].text != "typedef":
                j -= 1
            if toks[j].text == "typedef":
                local.add(toks[k - 1].text)
        elif t.text == "=" and k > 1 and toks[k - 1].kind == IDENT:
            j = k - 1
            while j > 0 and toks[j - 1].text not in (";", "{", "}"):
                j -= 1
            if toks[j].text in ("const", "constexpr", "static"):
                local.add(toks[k - 1].text)
    return bool(local & set(re.findall(r"[A-Za-z_]\w*", elem)))


def _deduced_type(ctx: FileContext, f: DeviceFunction, text: str) -> bool:
    """Whether a kernel's __shared__ type or size names a template parameter and this file launches the kernel
    without spelling its template arguments (they are deduced): the launch cannot name the accessor's type."""
    used = set(re.findall(r"[A-Za-z_]\w*", text)) & set(f.fdef.template_params)
    if not used:
        return False
    for launch in ctx.parsed.launches:
        callee = ctx.text(launch.callee)
        if "<" not in callee and callee.split("::")[-1].strip() == f.fdef.name:
            return True
    return False


_GROUP_LOCAL = ("auto &{name} = *sycl::ext::oneapi::group_local_memory_for_overwrite<{type}>("
                "sycl::ext::oneapi::this_work_item::get_work_group<3>());")


def _group_local(ctx: FileContext, span: Span, decls: list[tuple[str, str, str, str]]) -> None:
    """A __shared__ variable of a __device__ function: SYCL 2020 has no local memory outside the kernel's
    accessors, so it comes from oneAPI's group_local_memory extension, one work-group allocation per
    declaration as in CUDA (DPC++ implements it; the CP4512 note says so)."""
    new = " ".join(_GROUP_LOCAL.format(name=name, type=_target_type(ctx, elem) + dims)
                   for elem, name, dims, _ in decls)
    ctx.edits.append(Edit(span.offset, span.length, origin="group_local", build=lambda _r, t=new: t))
    ctx.report("CP4512", span, ", ".join(d[1] for d in decls), inline=False)


def _target_type(ctx: FileContext, text: str) -> str:
    """A type spelled in CUDA, with the SYCL renames of its names (float4 -> sycl::float4)."""
    def sub(m: re.Match[str]) -> str:
        rule = ctx.rules.get(m.group(0))
        mapping = rule.for_target("sycl") if rule is not None and rule.kind == "type" else None
        return mapping.rename if mapping is not None and mapping.rename else m.group(0)
    return re.sub(r"(?<![\w:])[A-Za-z_]\w*", sub, text)


def _find_globals(ctx: FileContext, an: FileAnalysis) -> None:
    view = an.view
    toks = view.toks
    handled: set[int] = set()
    for i, t in enumerate(toks):
        if t.text not in ("__device__", "__constant__", "__managed__") or t.kind != IDENT or t.directive >= 0:
            continue
        if t.offset in an.qualifier_owner or body_at(an, t.offset) is not None:
            continue
        start = i
        while start > 0 and toks[start - 1].text in ("static", "extern", "__device__", "__constant__",
                                                     "__managed__", "volatile", "const"):
            start -= 1
        if start in handled:
            continue
        handled.add(start)
        j = i
        while j < len(toks) and toks[j].text not in (";", "{", "}"):
            if toks[j].text in ("(", "["):
                j = max(view.match_close(j), j)
            j += 1
        if j >= len(toks) or toks[j].text != ";":
            continue
        span = view.tok_span(start, j)
        for k in range(start, j):
            an.qualifier_owner[toks[k].offset] = "global"
        text = ctx.text(span)
        parts = split_declaration(text)
        words = {tk.text for tk in toks[start:i + 1]}
        if parts is None or "extern" in words or "__managed__" in words or "__managed__" in text:
            why = ("__managed__ variables are read by host and device; use cpsycl::malloc_shared and a pointer"
                   if "__managed__" in text else "extern declaration or several names in one declaration")
            ctx.report("CP4504", span, why)
            continue
        elem, name, dims, init = parts
        elem = _target_type(ctx, elem.replace("const ", "") if "__constant__" in words else elem)
        static = "static " if "static" in words else ""
        new = f"{static}cpsycl::device_global<{elem}{dims}> {name}"
        new += f"{{{init}}};" if init else ";"
        # a build edit, so that the renames inside the old declaration nest instead of conflicting
        ctx.edits.append(Edit(span.offset, span.length, origin="device_global", build=lambda _r, t=new: t))
        ctx.report("CP4505", span, name, inline=False)
        an.globals_[name] = DeviceGlobal(name, span)


_DEFAULT = re.compile(r"(?<![=!<>])=(?!=)")  # `int n = 4`, not `==` in a template argument


def _find_uses(an: FileAnalysis) -> None:
    """Which functions use builtins / warp operations, directly or through calls (to a fixed point)."""
    toks = an.view.toks
    cub_warp = cub_warp_names(toks)
    for start, end, f in [*an.bodies, *initializer_lists(an)]:
        for k in range(tok_index(an.view, start), tok_index(an.view, end)):
            t = toks[k]
            if t.kind != IDENT:
                continue
            if t.text in _item_builtins() or _is_warp(t.text):
                f.needs_item = True
            if _is_warp(t.text) or t.text in cub_warp or t.text in _CG_SUB_GROUPS:
                f.uses_warp = True
            if (t.text in an.funcs or t.text in an.external) and k + 1 < len(toks) and toks[k + 1].text in ("(", "<"):
                f.calls.add(t.text)
    all_funcs = [f for fs in an.funcs.values() for f in fs]
    for f in all_funcs:
        if f.kernel:
            f.needs_item = True
    changed = True
    while changed:
        changed = False
        for f in all_funcs:
            for callee in f.calls:
                for g in an.callees(callee):
                    if g.needs_item and not f.needs_item:
                        f.needs_item = changed = True
                    if g.uses_warp and not f.uses_warp:
                        f.uses_warp = changed = True
    # declarations without a body follow their definition
    for fs in an.funcs.values():
        firsts = [next((k for k, p in enumerate(f.fdef.params) if _DEFAULT.search(an.view.text(p.span))), None)
                  for f in fs]
        known = [k for k in firsts if k is not None]
        for f in fs:
            f.extra_at = min(known) if known else None
        if any(f.needs_item for f in fs):
            for f in fs:
                f.needs_item = True
        if any(f.uses_warp for f in fs):
            for f in fs:
                f.uses_warp = True



def byte_span(ctx: FileContext, start: int, end: int) -> Span:
    line = ctx.parsed.data.count(b"\n", 0, start) + 1
    col = start - (ctx.parsed.data.rfind(b"\n", 0, start) + 1) + 1
    return Span(start, end - start, line, col)

