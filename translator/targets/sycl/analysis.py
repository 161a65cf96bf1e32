"""SYCL target, analysis stage: finds the file's __global__/__device__ functions, their __shared__
declarations, the namespace-scope __device__/__constant__ variables (rewritten here as device_globals) and
which functions need the nd_item or sub-group operations. Input: a FileContext after the rule pass; output: a
FileAnalysis cached on the context, device_global Edits and CP4503-CP4505 Findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.edits import Edit
from translator.frontend.lexer import IDENT, LineIndex
from translator.frontend.sites import TokenView, find_kernels
from translator.model import KernelDef, Span

if TYPE_CHECKING:
    from translator.engine import FileContext

# Builtins whose SYCL spelling reads the nd_item: a function using one (directly or through a call) takes `item`.
_ITEM_BUILTINS = {"threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "__syncthreads",
                   "__syncthreads_count", "__syncthreads_and", "__syncthreads_or", "__syncwarp"}
_WARP = {"__shfl_sync", "__shfl_up_sync", "__shfl_down_sync", "__shfl_xor_sync", "__shfl", "__shfl_up",
         "__shfl_down", "__shfl_xor", "__ballot_sync", "__any_sync", "__all_sync", "__ballot", "__any", "__all",
         "__activemask", "__match_any_sync", "__match_all_sync", "__syncwarp", "warpSize"}


def _is_warp(name: str) -> bool:
    return name in _WARP or (name.startswith("__reduce_") and name.endswith("_sync"))


@dataclass
class DeviceFunction:
    """A __global__ or __device__ function definition (or declaration) of this file."""

    fdef: KernelDef
    kernel: bool
    close_paren: int  # byte offset of the `)` closing the parameter list
    empty_params: bool
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
    for qual, is_kernel in (("__global__", True), ("__device__", False)):
        for fdef in find_kernels(view, qual):
            if fdef.span.offset in seen or ("__global__" in fdef.qualifiers and not is_kernel):
                continue
            seen.add(fdef.span.offset)
            i = tok_index(view, fdef.name_span.offset)
            close_i = view.match_close(i + 1)
            close = view.toks[close_i].offset if close_i > 0 else fdef.name_span.end
            f = DeviceFunction(fdef, is_kernel, close, empty_params=not fdef.params)
            funcs.setdefault(fdef.name, []).append(f)
            if fdef.body is not None:
                bodies.append((fdef.body.offset, fdef.body.end, f))
            for k in range(tok_index(view, fdef.span.offset), i):
                owner[view.toks[k].offset] = "function"
    bodies.sort(key=lambda b: b[0])
    an = FileAnalysis(view, funcs, bodies, {}, owner)
    _find_shared(ctx, an)
    _find_globals(ctx, an)
    _find_uses(an)
    ctx._sycl_analysis = an  # type: ignore[attr-defined]
    return an


def body_at(an: FileAnalysis, offset: int) -> DeviceFunction | None:
    for start, end, f in an.bodies:
        if start <= offset < end:
            return f
    return None


_DECL_WORDS = ("extern", "static", "__shared__", "__device__", "__constant__", "__managed__", "__align__")


def _split_decl(text: str) -> tuple[str, str, str, str] | None:
    """`[quals] type name[dims] [= init]` -> (type, name, dims, init); None for several declarators."""
    body = text.rstrip().rstrip(";").strip()
    init = ""
    depth = 0
    for k, ch in enumerate(body):
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == "," and depth == 0:
            return None
        elif ch == "=" and depth == 0:
            body, init = body[:k].rstrip(), body[k + 1:].strip()
            break
    body = re.sub(r"__align__\s*\([^)]*\)", "", body)
    words = [w for w in re.split(r"(\s+)", body)]
    body = "".join(w for w in words if w.strip() not in _DECL_WORDS).strip()
    m = re.match(r"^(.*?)([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$", body, re.DOTALL)
    if not m or not m.group(1).strip():
        return None
    dims = re.sub(r"\s*([\[\]])\s*", r"\1", " ".join(m.group(3).split()))
    return " ".join(m.group(1).split()), m.group(2), dims, init


def _find_shared(ctx: FileContext, an: FileAnalysis) -> None:
    for decl in ctx.parsed.shared:
        f = body_at(an, decl.span.offset)
        parts = _split_decl(ctx.text(decl.span))
        if f is None or not f.kernel or parts is None or parts[3]:
            why = ("__shared__ outside a __global__ function" if f is None or not f.kernel else
                   "a __shared__ declaration with several names or an initialiser")
            ctx.report("CP4503", decl.span, f"{decl.name}: {why}")
            continue
        elem, name, dims, _ = parts
        elem = _target_type(ctx, elem)
        if decl.extern:
            dims = dims[: -2] if dims.endswith("[]") else dims
        f.shared.append(SharedVariable(name, elem, dims, decl.extern, decl.span))


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
        parts = _split_decl(text)
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
    for start, end, f in an.bodies:
        for k in range(tok_index(an.view, start), tok_index(an.view, end)):
            t = toks[k]
            if t.kind != IDENT:
                continue
            if t.text in _ITEM_BUILTINS or _is_warp(t.text):
                f.needs_item = True
            if _is_warp(t.text):
                f.uses_warp = True
            if t.text in an.funcs and k + 1 < len(toks) and toks[k + 1].text in ("(", "<"):
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
                for g in an.funcs.get(callee, ()):
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

