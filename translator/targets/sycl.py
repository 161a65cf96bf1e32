"""SYCL target: CUDA kernels become functions taking a `sycl::nd_item<3>` (named `item`), launches become
submissions of `parallel_for(nd_range<3>)` on the stream's queue, `__shared__` becomes `local_accessor`s made
in the command group, `__constant__`/`__device__` variables become `device_global`s, atomics `atomic_ref`s and
warp intrinsics sub-group operations. Host API calls are renamed by rules/ to the cpsycl helper
(runtime_shim/sycl). Input: a FileContext after the rule pass; output: Edits, Findings; .cu files become .cpp.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from translator.edits import Edit
from translator.frontend.lexer import IDENT, KEYWORD, LineIndex
from translator.frontend.sites import TokenView, find_kernels
from translator.model import KernelDef, KernelLaunch, Span

if TYPE_CHECKING:
    from translator.engine import FileContext
    from translator.model import NameSite
    from translator.ruleset import Rule, TargetRule

HELPER_HEADER = "cudaport_sycl.hpp"
ITEM_PARAM = "const sycl::nd_item<3>& item"
SHIM_INCLUDE = Path(__file__).resolve().parents[2] / "runtime_shim" / "sycl" / "include"

# Builtins whose SYCL spelling reads the nd_item: a function using one (directly or through a call) takes `item`.
_ITEM_BUILTINS = {"threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "__syncthreads",
                  "__syncthreads_count", "__syncthreads_and", "__syncthreads_or", "__syncwarp"}
_WARP = {"__shfl_sync", "__shfl_up_sync", "__shfl_down_sync", "__shfl_xor_sync", "__shfl", "__shfl_up",
         "__shfl_down", "__shfl_xor", "__ballot_sync", "__any_sync", "__all_sync", "__ballot", "__any", "__all",
         "__activemask", "__match_any_sync", "__match_all_sync", "__syncwarp", "warpSize"}
_ATOMIC_OPS = {"atomicAdd": "fetch_add", "atomicSub": "fetch_sub", "atomicExch": "exchange",
               "atomicMin": "fetch_min", "atomicMax": "fetch_max", "atomicAnd": "fetch_and", "atomicOr": "fetch_or",
               "atomicXor": "fetch_xor"}
_SCOPES = {"_block": "sycl::memory_scope::work_group", "_system": "sycl::memory_scope::system"}


def _is_warp(name: str) -> bool:
    return name in _WARP or (name.startswith("__reduce_") and name.endswith("_sync"))


@dataclass
class _Func:
    """A __global__ or __device__ function definition (or declaration) of this file."""

    fdef: KernelDef
    kernel: bool
    close_paren: int  # byte offset of the `)` closing the parameter list
    empty_params: bool
    shared: list[_Shared] = field(default_factory=list)
    needs_item: bool = False
    uses_warp: bool = False
    calls: set[str] = field(default_factory=set)


@dataclass
class _Shared:
    name: str
    elem_type: str  # `float`, `Particle`, `T`
    dims: str  # `[TILE][TILE]` or "" ; for extern arrays the `[]` is dropped
    extern: bool
    span: Span  # the whole declaration statement, `;` included


@dataclass
class _Global:
    name: str
    span: Span


@dataclass
class _Analysis:
    view: TokenView
    funcs: dict[str, list[_Func]]  # by name (overloads and declarations share one name)
    bodies: list[tuple[int, int, _Func]]  # (start, end, function) of each body
    globals_: dict[str, _Global]
    qualifier_owner: dict[int, str]  # offset of a qualifier token -> "function" | "global"


def _tok_index(view: TokenView, offset: int) -> int:
    lo, hi = 0, len(view.toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if view.toks[mid].offset < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _analyse(ctx: FileContext) -> _Analysis:
    cached = getattr(ctx, "_sycl_analysis", None)
    if cached is not None:
        return cached
    parsed = ctx.parsed
    view = TokenView(parsed.data, list(parsed.tokens), LineIndex(parsed.data))
    funcs: dict[str, list[_Func]] = {}
    bodies: list[tuple[int, int, _Func]] = []
    owner: dict[int, str] = {}
    seen: set[int] = set()
    for qual, is_kernel in (("__global__", True), ("__device__", False)):
        for fdef in find_kernels(view, qual):
            if fdef.span.offset in seen or ("__global__" in fdef.qualifiers and not is_kernel):
                continue
            seen.add(fdef.span.offset)
            i = _tok_index(view, fdef.name_span.offset)
            close_i = view.match_close(i + 1)
            close = view.toks[close_i].offset if close_i > 0 else fdef.name_span.end
            f = _Func(fdef, is_kernel, close, empty_params=not fdef.params)
            funcs.setdefault(fdef.name, []).append(f)
            if fdef.body is not None:
                bodies.append((fdef.body.offset, fdef.body.end, f))
            for k in range(_tok_index(view, fdef.span.offset), i):
                owner[view.toks[k].offset] = "function"
    bodies.sort(key=lambda b: b[0])
    an = _Analysis(view, funcs, bodies, {}, owner)
    _find_shared(ctx, an)
    _find_globals(ctx, an)
    _find_uses(an)
    ctx._sycl_analysis = an  # type: ignore[attr-defined]
    return an


def _body_at(an: _Analysis, offset: int) -> _Func | None:
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


def _find_shared(ctx: FileContext, an: _Analysis) -> None:
    for decl in ctx.parsed.shared:
        f = _body_at(an, decl.span.offset)
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
        f.shared.append(_Shared(name, elem, dims, decl.extern, decl.span))


def _target_type(ctx: FileContext, text: str) -> str:
    """A type spelled in CUDA, with the SYCL renames of its names (float4 -> sycl::float4)."""
    def sub(m: re.Match[str]) -> str:
        rule = ctx.rules.get(m.group(0))
        mapping = rule.for_target("sycl") if rule is not None and rule.kind == "type" else None
        return mapping.rename if mapping is not None and mapping.rename else m.group(0)
    return re.sub(r"(?<![\w:])[A-Za-z_]\w*", sub, text)


def _find_globals(ctx: FileContext, an: _Analysis) -> None:
    view = an.view
    toks = view.toks
    handled: set[int] = set()
    for i, t in enumerate(toks):
        if t.text not in ("__device__", "__constant__", "__managed__") or t.kind != IDENT or t.directive >= 0:
            continue
        if t.offset in an.qualifier_owner or _body_at(an, t.offset) is not None:
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
        an.globals_[name] = _Global(name, span)


def _find_uses(an: _Analysis) -> None:
    """Which functions use builtins / warp operations, directly or through calls (to a fixed point)."""
    toks = an.view.toks
    for start, end, f in an.bodies:
        for k in range(_tok_index(an.view, start), _tok_index(an.view, end)):
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
        if any(f.needs_item for f in fs):
            for f in fs:
                f.needs_item = True
        if any(f.uses_warp for f in fs):
            for f in fs:
                f.uses_warp = True


def _span(ctx: FileContext, start: int, end: int) -> Span:
    line = ctx.parsed.data.count(b"\n", 0, start) + 1
    col = start - (ctx.parsed.data.rfind(b"\n", 0, start) + 1) + 1
    return Span(start, end - start, line, col)


def _with_trailing_space(ctx: FileContext, span: Span) -> Span:
    end = span.end
    data = ctx.parsed.data
    while end < len(data) and data[end:end + 1] in (b" ", b"\t"):
        end += 1
    return _span(ctx, span.offset, end)


def _base_name(text: str) -> str:
    text = text.strip().lstrip("&*( ").strip()
    m = re.match(r"[A-Za-z_]\w*", text)
    return m.group(0) if m else ""


def _deref(text: str) -> str:
    text = text.strip()
    if text.startswith("&"):
        return text[1:].lstrip()
    return f"*{text}" if re.fullmatch(r"[\w.]+", text) else f"*({text})"


@dataclass
class SyclTarget:
    name: str = "sycl"

    # -- handlers named by rules/ ------------------------------------------------------------------------
    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        if handler == "qualifier":
            return self._qualifier(site, ctx)
        if handler == "atomic":
            return self._atomic(site, ctx)
        if handler == "warp":
            return self._warp(site, ctx)
        return False

    def _qualifier(self, site: NameSite, ctx: FileContext) -> bool:
        an = _analyse(ctx)
        owner = an.qualifier_owner.get(site.span.offset)
        name = site.name
        if name == "__shared__" or owner == "global":
            return True  # the declaration is rewritten as a whole (local accessor / device_global)
        if name in ("__constant__", "__managed__", "__device__") and owner is None:
            return False
        if name == "__launch_bounds__":
            if site.call is None:
                return False
            ctx.replace(_with_trailing_space(ctx, site.call), "", "__launch_bounds__")
            ctx.report("CP4506", site.span, ctx.text(site.call), inline=False)
            return True
        text = {"__forceinline__": "inline ", "__noinline__": "__attribute__((noinline)) "}.get(name, "")
        ctx.replace(_with_trailing_space(ctx, site.span), text, name)
        return True

    def _atomic(self, site: NameSite, ctx: FileContext) -> bool:
        if site.call is None or not site.args:
            return False
        base = site.name
        suffix = ""
        for s in _SCOPES:
            if base.endswith(s):
                base, suffix = base[: -len(s)], s
        an = _analyse(ctx)
        f = _body_at(an, site.span.offset)
        obj = _base_name(ctx.text(site.args[0]))
        shared = f is not None and any(s.name == obj for s in f.shared)
        if shared:
            factory = "cpsycl::atomic_local" + (f"<{_SCOPES['_system']}>" if suffix == "_system" else "")
        else:
            param = f is not None and not f.kernel and any(p.name == obj for p in f.fdef.params)
            factory = "cpsycl::atomic_generic" if param else "cpsycl::atomic_global"
            if suffix:
                factory += f"<{_SCOPES[suffix]}>"
        args = site.args
        if base in _ATOMIC_OPS and len(args) == 2:
            op = _ATOMIC_OPS[base]

            def build(render, a=args, fac=factory, op=op):  # type: ignore[no-untyped-def]
                return f"{fac}({_deref(render(a[0].offset, a[0].end))}).{op}({render(a[1].offset, a[1].end)})"
        elif base in ("atomicInc", "atomicDec") and len(args) == 2:
            helper = "cpsycl::atomic_inc" if base == "atomicInc" else "cpsycl::atomic_dec"

            def build(render, a=args, fac=factory, h=helper):  # type: ignore[no-untyped-def]
                return f"{h}({fac}({_deref(render(a[0].offset, a[0].end))}), {render(a[1].offset, a[1].end)})"
        elif base == "atomicCAS" and len(args) == 3:
            def build(render, a=args, fac=factory):  # type: ignore[no-untyped-def]
                obj_text = _deref(render(a[0].offset, a[0].end))
                return (f"cpsycl::atomic_compare_exchange({fac}({obj_text}), {render(a[1].offset, a[1].end)}, "
                        f"{render(a[2].offset, a[2].end)})")
        else:
            return False
        ctx.edits.append(Edit(site.call.offset, site.call.length, origin=site.name, build=build))
        return True

    def _warp(self, site: NameSite, ctx: FileContext) -> bool:
        name = site.name
        sg = "item.get_sub_group()"
        if name == "__activemask":
            if site.call is None:
                return False
            ctx.replace(site.call, f"cpsycl::active_mask({sg})", name)
            return True
        if name in ("__match_any_sync", "__match_all_sync") or site.call is None:
            return False
        args = site.args
        legacy = name in ("__shfl", "__shfl_up", "__shfl_down", "__shfl_xor", "__ballot", "__any", "__all")
        vals = args if legacy else args[1:]  # the lane mask is dropped: the whole sub-group takes part
        if not vals:
            return False
        op = name.removesuffix("_sync")
        forms = {"__shfl": ("cpsycl::shuffle", 2), "__shfl_up": ("cpsycl::shuffle_up", 2),
                 "__shfl_down": ("cpsycl::shuffle_down", 2), "__shfl_xor": ("sycl::permute_group_by_xor", 2),
                 "__ballot": ("cpsycl::ballot", 1), "__any": ("sycl::any_of_group", 1),
                 "__all": ("sycl::all_of_group", 1)}
        if op not in forms:
            return False
        fn, count = forms[op]
        if len(vals) > count:
            width = ctx.text(vals[count])
            if width.strip() not in ("32", "warpSize"):
                ctx.report("CP4502", site.span, f"{name} with width {width}: sub-group operations span the "
                           "whole sub-group; split the lanes by hand")
                return False
        used = vals[:count]

        def build(render, u=used, fn=fn):  # type: ignore[no-untyped-def]
            parts = [render(a.offset, a.end) for a in u]
            if fn in ("sycl::any_of_group", "sycl::all_of_group"):
                parts = [f"{parts[0]} != 0" if re.fullmatch(r"[\w.]+", parts[0]) else f"({parts[0]}) != 0"]
            return f"{fn}({sg}, {', '.join(parts)})"
        ctx.edits.append(Edit(site.call.offset, site.call.length, origin=name, build=build))
        return True

    # -- structural rewrites -------------------------------------------------------------------------------
    def structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        an = _analyse(ctx)
        uses_cuda = bool(parsed.launches or parsed.kernels or ctx.uses or parsed.shared or an.funcs)
        if uses_cuda and ctx.rel.suffix in (".cu", ".cuh"):
            ctx.need_include(HELPER_HEADER)
        if an.funcs:
            ctx.need_include(HELPER_HEADER)
        self._keep_unrelated_names(ctx)
        self._signatures(ctx, an)
        self._device_code_tokens(ctx, an)
        self._members(ctx)
        for launch in parsed.launches:
            self._launch(ctx, an, launch)
        self._dedupe_comments(ctx)

    @staticmethod
    def _keep_unrelated_names(ctx: FileContext) -> None:
        """Undo what the rule pass did to device-function names that are not called: `int round = 0;` or
        `float y1;` are the user's variables. SYCL's names are qualified (sycl::round), so a rename breaks
        them, and an `unsupported` finding on them is noise. (The engine's user_declared sees only top-level
        declarations; HIP keeps the names and never meets this.)"""
        toks = ctx.parsed.tokens
        offsets = {t.offset: k for k, t in enumerate(toks)}
        not_types = {"return", "else", "case", "throw", "new", "delete", "sizeof", "do", "goto", "co_return"}
        declared: set[str] = set()
        sites = []
        for site in ctx.parsed.names:
            rule = ctx.rules.get(site.name)
            if rule is None or rule.kind != "function" or rule.family not in ("math", "device") or site.in_directive:
                continue
            sites.append(site)
            k = offsets.get(site.span.offset, 0)
            prev = toks[k - 1] if k > 0 else None
            if prev is not None and prev.kind in (IDENT, KEYWORD) and prev.text not in not_types:
                declared.add(site.name)  # `float round = ...`, `std::vector<float> y1(n)`: a variable
        undo = {site.span.offset for site in sites if site.name in declared}
        if not undo:
            return
        ctx.edits[:] = [e for e in ctx.edits if e.offset not in undo or e.build is not None]
        ctx.findings[:] = [f for f in ctx.findings if f.offset not in undo]

    @staticmethod
    def _dedupe_comments(ctx: FileContext) -> None:
        """One inline comment per (code, API) and file: later sites keep their finding for reports, without
        repeating the same sentence in the code."""
        first: dict[tuple[str, str | None], int] = {}
        repeat: set[tuple[int, str]] = set()
        for f in sorted(ctx.findings, key=lambda f: f.offset or 0):
            key = (f.code, f.api)
            if f.offset is None or f.api is None:
                continue
            if key in first and first[key] != f.offset:
                repeat.add((f.offset, f"diagnostic {f.code}"))
            first.setdefault(key, f.offset)
        ctx.edits[:] = [e for e in ctx.edits if e.length != 0 or (e.offset, e.origin) not in repeat]

    def _signatures(self, ctx: FileContext, an: _Analysis) -> None:
        for fs in an.funcs.values():
            for f in fs:
                extra = []
                if f.needs_item:
                    extra.append(ITEM_PARAM)
                for s in f.shared:
                    extra.append(f"{s.elem_type}* {s.name}" if s.extern else
                                 f"{s.elem_type} (&{s.name}){s.dims}" if s.dims else f"{s.elem_type}& {s.name}")
                    gone = self._whole_lines(ctx, s.span)
                    ctx.edits.append(Edit(gone.offset, gone.length, origin=f"__shared__ {s.name}", build=lambda _r: ""))
                if f.kernel and f.uses_warp:
                    ctx.report("CP4501", f.fdef.name_span, f.fdef.name)
                if f.needs_item and not f.kernel and "__host__" in f.fdef.qualifiers:
                    ctx.report("CP4507", f.fdef.name_span, f.fdef.name)
                if extra:
                    sep = "" if f.empty_params else ", "
                    if f.empty_params and f.fdef.params == () and self._void_params(ctx, f):
                        span = self._void_params(ctx, f)
                        ctx.replace(span, ", ".join(extra), "nd_item parameter")
                    else:
                        ctx.insert(f.close_paren, sep + ", ".join(extra), "nd_item parameter")

    @staticmethod
    def _void_params(ctx: FileContext, f: _Func) -> Span | None:
        data = ctx.parsed.data
        open_paren = data.rfind(b"(", f.fdef.name_span.end, f.close_paren)
        inner = data[open_paren + 1: f.close_paren]
        if inner.strip() == b"void":
            return _span(ctx, open_paren + 1, f.close_paren)
        return None

    @staticmethod
    def _whole_lines(ctx: FileContext, span: Span) -> Span:
        """The declaration's span, widened to whole lines when nothing else shares them."""
        data = ctx.parsed.data
        ls = data.rfind(b"\n", 0, span.offset) + 1
        le = data.find(b"\n", span.end)
        le = len(data) if le < 0 else le + 1
        if data[ls:span.offset].strip() == b"" and data[span.end:le].strip() == b"":
            return _span(ctx, ls, le)
        return span

    def _device_code_tokens(self, ctx: FileContext, an: _Analysis) -> None:
        """Inside function bodies: calls of item-taking functions get `item`, device_global uses get `.get()`,
        printf becomes the SYCL extension's printf."""
        view = an.view
        toks = view.toks
        for start, end, _f in an.bodies:
            for k in range(_tok_index(view, start), _tok_index(view, end)):
                t = toks[k]
                if t.kind != IDENT or (k > 0 and toks[k - 1].text in (".", "->", "::")):
                    continue
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if t.text in an.funcs and any(g.needs_item for g in an.funcs[t.text]) and nxt is not None:
                    j = k + 1
                    if nxt.text == "<":
                        j = view.angle_close(k + 1)
                        j = j + 1 if j > 0 else -1
                    if j > 0 and j < len(toks) and toks[j].text == "(":
                        close = view.match_close(j)
                        if close > 0:
                            ctx.insert(toks[close].offset, "item" if close == j + 1 else ", item", "nd_item argument")
                elif t.text in an.globals_ and (nxt is None or nxt.text != "["):
                    ctx.insert(t.end, ".get()", "device_global access")
                elif t.text == "printf" and nxt is not None and nxt.text == "(":
                    span = view.span(t.offset, t.end)
                    ctx.replace(span, "sycl::ext::oneapi::experimental::printf", "printf")
                    ctx.report("CP4508", span, "printf", inline=True)

    def _members(self, ctx: FileContext) -> None:
        """`.x` on CUDA vector types becomes `.x()` (sycl::vec members are functions). Needs the clang AST."""
        tu = ctx.parsed.tu
        if tu is None:
            return
        from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

        vec = re.compile(r"(u?char|u?short|u?int|u?long|u?longlong|float|double)[234]")
        data = ctx.parsed.data
        # builtins (threadIdx.x) are rewritten whole by their rules; their members are not vector members
        seen = {n.member_span.end - 1 for n in ctx.parsed.names if n.member_span is not None}
        main = str(ctx.parsed.path)
        for cur in tu.cursor.walk_preorder():
            if cur.kind != CursorKind.MEMBER_REF_EXPR or cur.spelling not in ("x", "y", "z", "w"):
                continue
            loc = cur.location
            if loc.file is None or loc.file.name != main:
                continue
            ref = cur.referenced
            if ref is None or not vec.fullmatch(ref.semantic_parent.spelling or ""):
                continue
            end = cur.extent.end.offset
            start = end - 1
            if data[start:end].decode() != cur.spelling or start in seen:
                continue  # inside a macro expansion: the token is not where the cursor says
            seen.add(start)
            ctx.insert(end, "()", "vector member")

    def _launch(self, ctx: FileContext, an: _Analysis, launch: KernelLaunch) -> None:
        callee = ctx.text(launch.callee)
        name = re.sub(r"<.*$", "", callee, flags=re.DOTALL).split("::")[-1].strip()
        defs = [f for f in an.funcs.get(name, ()) if f.kernel]
        f = next((d for d in defs if d.fdef.body is not None), defs[0] if defs else None)
        if f is None:
            ctx.report("CP4509", launch.span, callee)
        shared = f.shared if f else []
        warp = bool(f and f.uses_warp)
        subst = self._template_map(ctx, f, callee) if f else {}
        accessors: list[str] = []
        passes: list[str] = []
        dynamic = False
        for s in shared:
            elem = self._substitute(s.elem_type, subst)
            if f and any(re.search(rf"\b{re.escape(p)}\b", elem + s.dims) for p in f.fdef.template_params
                         if p not in subst):
                ctx.report("CP4510", launch.span, f"{s.name} of {name}")
            if s.extern:
                if not dynamic:
                    size = ctx.text(launch.shmem) if launch.shmem else "0"
                    accessors.append(f"sycl::local_accessor<std::byte, 1> dynamic_shared(sycl::range<1>({size}), cgh);")
                    dynamic = True
                passes.append(f"cpsycl::local_ptr<{elem}>(dynamic_shared)")
            else:
                dims = self._substitute(s.dims, subst)
                accessors.append(f"sycl::local_accessor<{elem}{dims}, 0> {s.name}(cgh);")
                passes.append(s.name)
        indent = self._indent(ctx, launch.span.offset)
        stream = launch.stream
        grid, block = launch.grid, launch.block

        def build(render, ln=launch) -> str:  # type: ignore[no-untyped-def]
            stream_text = render(stream.offset, stream.end).strip() if stream else "0"
            queue = "cpsycl::default_queue()" if stream_text in ("0", "nullptr", "NULL") else \
                f"cpsycl::queue_of({stream_text})"
            rng = f"cpsycl::nd_range({render(grid.offset, grid.end)}, {render(block.offset, block.end)})"
            args = [render(a.offset, a.end) for a in ln.args] + ["item"] + passes
            call = f"{render(ln.callee.offset, ln.callee.end)}({', '.join(args)});"
            attr = " [[sycl::reqd_sub_group_size(32)]]" if warp else ""
            lam = f"[=](sycl::nd_item<3> item){attr} {{"
            if not accessors:
                return f"{queue}.parallel_for({rng}, {lam}\n{indent}    {call}\n{indent}}})"
            inner = indent + "    "
            lines = [f"{queue}.submit([&](sycl::handler& cgh) {{"]
            lines += [inner + a for a in accessors]
            lines += [f"{inner}cgh.parallel_for({rng}, {lam}", f"{inner}    {call}", f"{inner}}});", f"{indent}}})"]
            return "\n".join(lines)

        ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="kernel launch", build=build))

    @staticmethod
    def _template_map(ctx: FileContext, f: _Func, callee: str) -> dict[str, str]:
        params = f.fdef.template_params
        m = re.search(r"<(.*)>\s*$", callee, re.DOTALL)
        if not params or not m:
            return {}
        args, depth, cur = [], 0, ""
        for ch in m.group(1):
            if ch in "<([":
                depth += 1
            elif ch in ">)]":
                depth -= 1
            if ch == "," and depth == 0:
                args.append(cur.strip())
                cur = ""
            else:
                cur += ch
        args.append(cur.strip())
        return dict(zip(params, args, strict=False))

    @staticmethod
    def _substitute(text: str, subst: dict[str, str]) -> str:
        for p, a in subst.items():
            if p != a:
                text = re.sub(rf"\b{re.escape(p)}\b", a, text)
        return text

    @staticmethod
    def _indent(ctx: FileContext, offset: int) -> str:
        data = ctx.parsed.data
        ls = data.rfind(b"\n", 0, offset) + 1
        line = data[ls:offset].decode("utf-8", "surrogateescape")
        return line[: len(line) - len(line.lstrip())]

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and rel.suffix == ".cu":
            return rel.with_suffix(".cpp")
        return rel


# -- toolchain commands for the build and the differential tester -------------------------------------------------
def find_compiler() -> list[str] | None:
    """The command prefix of a real SYCL compiler (kernels run), or None: `icpx -fsycl`, then AdaptiveCpp."""
    for exe, flags in (("icpx", ["-fsycl"]), ("acpp", []), ("syclcc", [])):
        path = shutil.which(exe)
        if path:
            return [path, *flags]
    return None


def compile_command(sources: list[str], output: str, compiler: list[str] | None = None,
                    extra: tuple[str, ...] = ()) -> list[str] | None:
    """argv that builds translated sources into an executable with a SYCL compiler; None when none exists."""
    prefix = compiler or find_compiler()
    if prefix is None:
        return None
    return [*prefix, "-std=c++17", "-O2", f"-I{SHIM_INCLUDE}", *sources, "-o", output, *extra]


def typecheck_command(source: str, sycl_include: str, cxx: str = "g++") -> list[str]:
    """argv that type-checks one translated file against the SYCL 2020 headers (no SYCL compiler needed)."""
    return [cxx, "-std=c++17", "-fsyntax-only", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING", "-Wno-attributes",
            "-Wno-deprecated-declarations", "-Wno-terminate", f"-I{sycl_include}", f"-I{SHIM_INCLUDE}", source]


def make(**options: object) -> SyclTarget:
    return SyclTarget()
