"""SYCL target: CUDA kernels become functions taking a `sycl::nd_item<3>` (named `item`), launches become
submissions of `parallel_for(nd_range<3>)` on the stream's queue, `__shared__` becomes `local_accessor`s made
in the command group, `__constant__`/`__device__` variables become `device_global`s, atomics `atomic_ref`s and
warp intrinsics sub-group operations. Host API calls are renamed by rules/ to the cpsycl helper
(runtime_shim/sycl). Input: a FileContext after the rule pass; output: Edits, Findings; .cu files become .cpp.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of
from translator.frontend.lexer import IDENT, KEYWORD
from translator.model import Span
from translator.targets.sycl import headers as _headers  # noqa: F401  (registers the header analyses)
from translator.targets.sycl.analysis import (
    DeviceFunction,
    FileAnalysis,
    analyse,
    byte_span,
    initializer_lists,
    tok_index,
)
from translator.targets.sycl.cub import rewrite_cub
from translator.targets.sycl.depmembers import dependent_vector_members
from translator.targets.sycl.device import atomic, qualifier, warp
from translator.targets.sycl.external import mark_external
from translator.targets.sycl.hostmath import keep_host_math
from translator.targets.sycl.kernelrefs import flag_kernel_values
from translator.targets.sycl.launch import rewrite_launch
from translator.targets.sycl.libns import COOPERATIVE_GROUPS, THRUST, check_library_uses
from translator.targets.sycl.mathargs import convert_math_arguments
from translator.targets.sycl.operators import drop_elementwise_operators
from translator.targets.sycl.shared_aggregate import rewrite_shared_aggregates
from translator.targets.sycl.typedcalls import floating_abs

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.engine.ruleset import Rule, TargetRule
    from translator.model import NameSite

__all__ = ["HELPER_HEADER", "ITEM_PARAM", "SyclTarget", "make"]

HELPER_HEADER = "cudaport_sycl.hpp"
ITEM_PARAM = "const sycl::nd_item<3>& item"
# Where no nd_item can be passed in (member functions, constructors' initialisers): oneAPI free function queries.
ITEM_EXPR = "sycl::ext::oneapi::this_work_item::get_nd_item<3>()"
ITEM_QUERY = f"const sycl::nd_item<3> item = {ITEM_EXPR};"


@dataclass
class SyclTarget:
    name: str = "sycl"
    # The runtime helper header's namespace: rewrites into it count as helper uses in the report.
    helper_namespace: str = "cpsycl::"

    # -- handlers named by rules/ ------------------------------------------------------------------------
    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        if handler == "qualifier":
            return qualifier(site, ctx)
        if handler == "atomic":
            return atomic(site, ctx)
        if handler == "warp":
            return warp(site, ctx)
        if handler == "cub":
            return rewrite_cub(site, ctx)
        if handler == "thrust":
            return check_library_uses(site, ctx, THRUST)
        if handler == "cooperative_groups":
            return check_library_uses(site, ctx, COOPERATIVE_GROUPS)
        return False

    # -- structural rewrites -------------------------------------------------------------------------------
    def structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        an = analyse(ctx)
        uses_cuda = bool(parsed.launches or parsed.kernels or ctx.uses or parsed.shared or an.funcs)
        if uses_cuda and ctx.rel.suffix in (".cu", ".cuh"):
            ctx.need_include(HELPER_HEADER)
        if an.funcs:
            ctx.need_include(HELPER_HEADER)
        self._keep_unrelated_names(ctx)
        keep_host_math(ctx, an)
        drop_elementwise_operators(ctx, an)
        self._signatures(ctx, an)
        rewrite_shared_aggregates(ctx, an)
        self._device_code_tokens(ctx, an)
        self._members(ctx)
        convert_math_arguments(ctx)
        floating_abs(ctx, an)
        mark_external(ctx)
        for launch in parsed.launches:
            rewrite_launch(ctx, an, launch)
        flag_kernel_values(ctx, an)
        self._pasted_vector_names(ctx)
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
    def _pasted_vector_names(ctx: FileContext) -> None:
        """`T ## 2` in a #define: CP4511, since a CUDA vector type made by pasting is beyond every rename."""
        toks = ctx.parsed.tokens
        for k, t in enumerate(toks[:-1]):
            nxt = toks[k + 1]
            if t.text == "##" and t.directive >= 0 and nxt.directive == t.directive and nxt.text in ("2", "3", "4"):
                ctx.report("CP4511", byte_span(ctx, t.offset, nxt.end), f"## {nxt.text}")

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

    def _signatures(self, ctx: FileContext, an: FileAnalysis) -> None:
        for fs in an.funcs.values():
            for f in fs:
                extra = []
                if f.needs_item and f.member and f.fdef.body is not None:
                    ctx.insert(f.fdef.body.offset + 1, f" {ITEM_QUERY}", "nd_item query")
                    ctx.report("CP4513", f.fdef.name_span, f.fdef.name, inline=False)
                elif f.needs_item and not f.member:
                    extra.append(ITEM_PARAM)
                removed: set[int] = set()
                for s in f.shared:
                    extra.append(f"{s.elem_type}* {s.name}" if s.extern else
                                 f"{s.elem_type} (&{s.name}){s.dims}" if s.dims else f"{s.elem_type}& {s.name}")
                    if s.inherited or s.span.offset in removed:  # `__shared__ T a[N], b[N];` is one declaration
                        continue
                    removed.add(s.span.offset)
                    gone = self._whole_lines(ctx, s.span)
                    ctx.edits.append(Edit(gone.offset, gone.length, origin=f"__shared__ {s.name}", build=lambda _r: ""))
                if f.kernel and f.uses_warp:
                    ctx.report("CP4501", f.fdef.name_span, f.fdef.name)
                if f.needs_item and not f.kernel and "__host__" in f.fdef.qualifiers:
                    ctx.report("CP4507", f.fdef.name_span, f.fdef.name)
                if extra and f.extra_at is not None and f.extra_at < len(f.fdef.params):
                    ctx.insert(f.fdef.params[f.extra_at].span.offset, ", ".join(extra) + ", ", "nd_item parameter")
                elif extra:
                    sep = "" if f.empty_params else ", "
                    if f.empty_params and f.fdef.params == () and self._void_params(ctx, f):
                        span = self._void_params(ctx, f)
                        ctx.replace(span, ", ".join(extra), "nd_item parameter")
                    else:
                        ctx.insert(f.close_paren, sep + ", ".join(extra), "nd_item parameter")

    @staticmethod
    def _void_params(ctx: FileContext, f: DeviceFunction) -> Span | None:
        data = ctx.parsed.data
        open_paren = data.rfind(b"(", f.fdef.name_span.end, f.close_paren)
        inner = data[open_paren + 1: f.close_paren]
        if inner.strip() == b"void":
            return byte_span(ctx, open_paren + 1, f.close_paren)
        return None

    @staticmethod
    def _whole_lines(ctx: FileContext, span: Span) -> Span:
        """The declaration's span, widened to whole lines when nothing else shares them."""
        data = ctx.parsed.data
        ls = data.rfind(b"\n", 0, span.offset) + 1
        le = data.find(b"\n", span.end)
        le = len(data) if le < 0 else le + 1
        if data[ls:span.offset].strip() == b"" and data[span.end:le].strip() == b"":
            return byte_span(ctx, ls, le)
        return span

    def _device_code_tokens(self, ctx: FileContext, an: FileAnalysis) -> None:
        """Inside function bodies: calls of item-taking functions get `item`, device_global uses get `.get()`,
        printf becomes the SYCL extension's printf."""
        view = an.view
        toks = view.toks
        regions = [(s, e, "item") for s, e, _f in an.bodies]
        regions += [(s, e, ITEM_EXPR) for s, e, _f in initializer_lists(an)]
        for start, end, item in regions:
            for k in range(tok_index(view, start), tok_index(view, end)):
                t = toks[k]
                if t.kind != IDENT or (k > 0 and toks[k - 1].text in (".", "->", "::")):
                    continue
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                callees = an.callees(t.text)
                if any((g.needs_item or _dynamic(g)) and not g.member for g in callees) and nxt is not None:
                    j = k + 1
                    if nxt.text == "<":
                        j = view.angle_close(k + 1)
                        j = j + 1 if j > 0 else -1
                    if j > 0 and j < len(toks) and toks[j].text == "(":
                        close = view.match_close(j)
                        at = callees[0].extra_at
                        args = view.split_args(j, close) if close > 0 and at is not None else ()
                        # the nd_item, then the dynamic local memory a __device__ callee takes (analysis)
                        extra = ", ".join(([item] if any(g.needs_item for g in callees) else [])
                                          + _dynamic(callees[0]))
                        if at is not None and len(args) > at:
                            ctx.insert(args[at].offset, f"{extra}, ", "nd_item argument")
                        elif close > 0:
                            ctx.insert(toks[close].offset, extra if close == j + 1 else f", {extra}",
                                       "nd_item argument")
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

        vec = re.compile(r"(u?char|u?short|u?int|u?long|u?longlong|float|double)[234]|__half2|__nv_bfloat162")
        data = ctx.parsed.data
        # builtins (threadIdx.x) are rewritten whole by their rules; their members are not vector members
        seen = {n.member_span.end - 1 for n in ctx.parsed.names if n.member_span is not None}
        main = str(ctx.parsed.path)
        for cur in main_file_cursors_of(tu, main, (CursorKind.MEMBER_REF_EXPR,)):
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
        dependent_vector_members(ctx, seen)


    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and rel.suffix == ".cu":
            return rel.with_suffix(".cpp")
        return rel



def _dynamic(f: DeviceFunction) -> list[str]:
    """The dynamic local memory pointers a __device__ function takes after the nd_item (analysis)."""
    return [] if f.kernel else [s.name for s in f.shared if s.extern]


def make(**options: object) -> SyclTarget:
    return SyclTarget()
