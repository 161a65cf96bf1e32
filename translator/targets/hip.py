"""HIP target: CUDA → HIP is mostly renames (rules/), so this emitter only handles the structural parts:
`<<<>>>` launches (kept, or hipLaunchKernelGGL on request), the implicit CUDA runtime include that nvcc adds
to every .cu file, and output file names (.cu kept unless `.hip` is asked for).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from translator.engine import tables
from translator.engine.core import expand_template, include_anchor
from translator.engine.edits import Edit
from translator.frontend.brackets import match_close
from translator.frontend.lexer import LineIndex
from translator.frontend.sites import TokenView
from translator.model import Span
from translator.targets.hip_modes import MODES, with_modes
from translator.targets.simd import hip_simd

if TYPE_CHECKING:
    from collections.abc import Callable

    from translator.engine.context import FileContext
    from translator.engine.ruleset import Rule, RuleSet, TargetRule
    from translator.model import IncludeSite, KernelLaunch, NameSite

CUDA_SUFFIXES = (".cu", ".cuh")


@dataclass
class HipTarget:
    name: str = "hip"
    extension: str | None = None  # ".hip" renames .cu files; None keeps them
    modes: tuple[str, ...] = ()  # library modes (hip_modes.MODES): "roc", "library-data-types"
    # HIP's rewrites are token-level renames plus the user's own declarations, which come from tree-sitter in
    # either parser mode: libclang decides nothing here (it would add only its CP1001/CP1004 findings) and is
    # most of the time, so `--parser auto` (the default) skips it for HIP.
    needs_clang: bool = False

    def overlay_rules(self, rules: RuleSet) -> RuleSet:
        """The rules this target translates with: the base set, or it with the library modes' overlays."""
        return with_modes(rules, self.modes)

    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        if handler == "launch_bounds":
            # One argument means the same on HIP; the second (min blocks per SM) means min warps per EU there.
            if len(site.args) >= 2:
                ctx.report("CP2003", site.span, "__launch_bounds__: the second argument is the minimum number of "
                           "warps per execution unit on HIP, not blocks per multiprocessor", api=site.name,
                           family=rule.family)
            return True
        if handler == "mask64":
            return _widen_full_mask(site, ctx)
        if handler == "cuda_arch":
            return _cuda_arch(site, ctx)
        if handler == "default_args":
            return _default_last_arg(site, rule, mapping, ctx)
        if handler == "func_address":
            return _func_address(site, rule, mapping, ctx)
        if handler == "symbol":
            return _symbol_call(site, rule, mapping, ctx)
        if handler == "simd":  # SIMD-within-a-word intrinsics: HIP 5.2 has none; their definitions go in the file
            return hip_simd(site, ctx)
        if handler == "graph_instantiate":
            # CUDA 11 code passes five arguments (error node, log buffer, size): HIP's hipGraphInstantiate
            # has that form. CUDA 12's (exec, graph[, flags]) is hipGraphInstantiateWithFlags.
            if site.call is not None and len(site.args) == 5:
                ctx.replace(site.span, "hipGraphInstantiate", rule.name)
                return True
            return _default_last_arg(site, rule, mapping, ctx)
        return False

    def structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        if ctx.options.hip_launch_ggl:
            for launch in parsed.launches:
                ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="hipLaunchKernelGGL",
                                      build=lambda render, ln=launch: _ggl(ln, render)))
        for launch in parsed.launches:
            _join_launch_brackets(launch, ctx)
        _scalar_builtins_in_varargs(ctx)
        if ctx.options.hip_version < _device_prop_table()[0]:
            _device_prop_fields(ctx)
        _vector_operator_clashes(ctx)
        _atomic_overload_clashes(ctx)
        uses_cuda = bool(parsed.launches or parsed.kernels or ctx.uses or parsed.shared)
        has_code = bool(parsed.tokens)  # an empty (or comment-only) file stays as it is
        if has_code and (ctx.rel.suffix == ".cu" or (uses_cuda and ctx.rel.suffix in CUDA_SUFFIXES)):
            # nvcc includes cuda_runtime.h first in every .cu file, whatever it uses itself (its headers may
            # rely on it); hipcc needs it spelled out, and before HIP headers that assume it (cooperative groups).
            _runtime_first(ctx)
        _one_runtime_include(ctx)

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and self.extension and rel.suffix == ".cu":
            return rel.with_suffix(self.extension)
        return rel


_RUNTIME = "hip/hip_runtime.h"


def _runtime_first(ctx: FileContext) -> None:
    """Include hip_runtime.h ahead of the file's first top-level include, unless that one already becomes it."""
    anchor = include_anchor(ctx.parsed)
    for inc in ctx.parsed.includes:
        if inc.directive.offset == anchor:
            rule = ctx.rules.get(inc.header)
            mapping = rule.for_target("hip") if rule else None
            if (mapping.rename if mapping and mapping.rename else inc.header) == _RUNTIME:
                return
    ctx.insert(anchor, f"#include <{_RUNTIME}>\n", "includes")
    if _RUNTIME in ctx.includes:
        ctx.includes.remove(_RUNTIME)


# hip_runtime.h includes hip_runtime_api.h: after it, neither is needed again.
_RUNTIME_HEADERS = frozenset({_RUNTIME, "hip/hip_runtime_api.h"})
_CONDITIONAL = frozenset({"if", "ifdef", "ifndef", "elif", "else", "endif"})


def _one_runtime_include(ctx: FileContext) -> None:
    """CUDA code often includes cuda.h, cuda_runtime.h and cuda_runtime_api.h together; each becomes a HIP
    runtime header, so the file would include hip/hip_runtime.h several times. After the first
    hip/hip_runtime.h (as written, translated, or inserted at the top), a later runtime include in the same
    conditional region (no #if/#else/#endif between them) is removed; one in another region stays."""
    final: dict[int, str] = {}  # include directive offset -> the header it names after translation
    header_edits: dict[int, Edit] = {}
    by_span = {inc.span.offset: inc for inc in ctx.parsed.includes}
    for e in ctx.edits:
        inc = by_span.get(e.offset)
        if inc is not None and e.length == inc.span.length and e.build is None:
            final[inc.directive.offset] = e.text.strip("<>\"")
            header_edits[inc.directive.offset] = e
    for inc in ctx.parsed.includes:
        final.setdefault(inc.directive.offset, inc.header)
    inserted = [e.offset for e in ctx.edits if e.origin == "includes" and f"<{_RUNTIME}>" in e.text]
    if len(inserted) + sum(h in _RUNTIME_HEADERS for h in final.values()) < 2:
        return
    events: list[tuple[int, str]] = [(off, "runtime") for off in inserted]
    events += [(t.offset, "cond") for i, t in enumerate(ctx.parsed.tokens[:-1])
               if t.text == "#" and t.directive >= 0 and ctx.parsed.tokens[i + 1].text in _CONDITIONAL]
    events += [(inc.directive.offset, "include") for inc in ctx.parsed.includes]
    seen = False
    drop: list[IncludeSite] = []
    directives = {inc.directive.offset: inc for inc in ctx.parsed.includes}
    for offset, what in sorted(events, key=lambda ev: (ev[0], ev[1] != "runtime")):
        if what == "cond":
            seen = False
        elif what == "runtime":
            seen = True
        elif final.get(offset) in _RUNTIME_HEADERS:
            if seen:
                drop.append(directives[offset])
            seen = seen or final[offset] == _RUNTIME
    for inc in drop:
        edit = header_edits.get(inc.directive.offset)
        if edit is not None:
            ctx.edits.remove(edit)
        ctx.replace(inc.directive, "", "one runtime include")


def _ggl(launch: KernelLaunch, render) -> str:  # type: ignore[no-untyped-def]
    kernel = render(launch.callee.offset, launch.callee.end)
    if "<" in kernel:
        kernel = f"HIP_KERNEL_NAME({kernel})"
    parts = [kernel, _dim3(render(launch.grid.offset, launch.grid.end)),
             _dim3(render(launch.block.offset, launch.block.end)),
             render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
             render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    parts += [render(a.offset, a.end) for a in launch.args]
    return f"hipLaunchKernelGGL({', '.join(parts)})"


def _join_launch_brackets(launch: KernelLaunch, ctx: FileContext) -> None:
    """nvcc accepts `k<< <g, b>> >(...)`; clang needs `<<<` and `>>>` as written tokens."""
    text = ctx.text(launch.config)
    opening = re.match(r"<<\s+<", text)
    closing = re.search(r">>\s+>$", text)
    if opening:
        ctx.replace(Span(launch.config.offset, opening.end(), launch.config.line, launch.config.col), "<<<",
                    "launch brackets")
    if closing:
        start = launch.config.offset + closing.start()
        ctx.replace(Span(start, closing.end() - closing.start(), launch.config.line, launch.config.col), ">>>",
                    "launch brackets")


def _default_last_arg(site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
    """The HIP function requires a last argument that CUDA declares with a default (flags 0, the null
    stream): a call that leaves exactly that one out gets a literal 0. Other calls use the template as is."""
    template = mapping.template
    if site.call is None or template is None:
        return False
    given = len(site.args)
    if max(int(n) for n in _ARG.findall(template)) != given + 1:
        return False
    return _edit_call(site, rule, ctx, _fill_missing(template, given, lambda n: "0"))


_ARG = re.compile(r"\$(\d+)")


def _fill_missing(template: str, given: int, default: Callable[[int], str]) -> str:
    """The template with each `$n` past the call's `given` arguments replaced by default(n)."""
    return _ARG.sub(lambda m: m.group(0) if int(m.group(1)) <= given else default(int(m.group(1))), template)


def _edit_call(site: NameSite, rule: Rule, ctx: FileContext, filled: str) -> bool:
    """The whole call becomes the filled template, its `$n` the call's arguments."""
    call = site.call
    assert call is not None
    ctx.edits.append(Edit(call.offset, call.length, origin=rule.name,
                          build=lambda render, s=site, t=filled: expand_template(t, s, render, s.member)))
    return True


def _renamed_if_not_a_call(site: NameSite, rule: Rule, template: str, ctx: FileContext) -> bool:
    """A use that is not a call (a function pointer) only takes the name of the template's function."""
    if site.call is not None:
        return False
    ctx.replace(site.span, template.split("(", 1)[0], rule.name)
    return True


_VOID_CAST = re.compile(r"\(\s*(const\s+)?void\s*\*\s*\)|reinterpret_cast\s*<\s*(const\s+)?void\s*\*\s*>")
_CAST_ARG = re.compile(r"reinterpret_cast<const void\*>\(\$(\d+)\)")


def _func_address(site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
    """CUDA declares template overloads taking the kernel itself (`cudaFuncSetCacheConfig(kernel, ...)`);
    HIP declares only `const void*` for these, so the rule's template casts the kernel argument. An argument
    already cast to a void pointer keeps its cast alone; trailing arguments that CUDA defaults (shared memory
    0, the null stream) and HIP does not are filled in with 0; a use that is not a call is only renamed."""
    template = mapping.template
    if template is None:
        return False
    if _renamed_if_not_a_call(site, rule, template, ctx):
        return True
    given = len(site.args)

    def cast(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n <= given and _VOID_CAST.match(ctx.text(site.args[n - 1]).strip()):
            return m.group(0)[len("reinterpret_cast<const void*>("):-1]
        return m.group(0)

    return _edit_call(site, rule, ctx, _fill_missing(_CAST_ARG.sub(cast, template), given, lambda n: "0"))


# Arguments CUDA declares with a default that HIP's function of the same shape requires (HIP 5.2's and 6.x's
# hip_runtime_api.h: the Async symbol copies have no default offset or kind), by CUDA name and 1-based position.
_SYMBOL_DEFAULTS = {
    "cudaMemcpyToSymbolAsync": {4: "0", 5: "hipMemcpyHostToDevice", 6: "0"},
    "cudaMemcpyFromSymbolAsync": {4: "0", 5: "hipMemcpyDeviceToHost", 6: "0"},
}
_SYMBOL_ARG = re.compile(r"HIP_SYMBOL\((\$\d+)\)")


def _symbol_call(site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
    """HIP's symbol APIs take the device variable wrapped in HIP_SYMBOL() (the identity on AMD, `&X` on
    HIP's NVIDIA path), as HIP's documentation prescribes. The rule's template names the wrapped argument;
    an argument already written HIP_SYMBOL(x) is not wrapped twice; trailing arguments CUDA defaults and HIP
    requires are filled in with CUDA's defaults; a use that is not a call (a function pointer) is renamed."""
    template = mapping.template
    if template is None:
        return False
    if _renamed_if_not_a_call(site, rule, template, ctx):
        return True
    given = len(site.args)
    defaults = _SYMBOL_DEFAULTS.get(rule.name, {})

    def unwrap(m: re.Match[str]) -> str:
        n = int(m.group(1)[1:])
        if n <= given and ctx.text(site.args[n - 1]).strip().startswith("HIP_SYMBOL("):
            return m.group(1)
        return m.group(0)

    filled = _SYMBOL_ARG.sub(unwrap, template)
    needed = max(int(n) for n in _ARG.findall(filled))
    if given < needed and any(n not in defaults for n in range(given + 1, needed + 1)):
        return False  # too few arguments for any CUDA overload: the template's CP2006 says so
    return _edit_call(site, rule, ctx, _fill_missing(filled, given, defaults.__getitem__))


_FULL_MASK = re.compile(r"0[xX][fF]{8}[uU]?|~0[uU]?|-1|0[xX][fF]{8}[uU]?[lL]{0,2}")


_BUILTINS = frozenset({"threadIdx", "blockIdx", "blockDim", "gridDim"})
_VARIADIC = frozenset({"printf"})


def _scalar_builtins_in_varargs(ctx: FileContext) -> None:
    """HIP's threadIdx/blockIdx/... members are proxy objects that convert to unsigned int; passed through
    `...` (device printf) they stay objects, and hipcc refuses them ("non-scalar arg to printf"). A bare
    `blockDim.x` argument of printf becomes `(unsigned int)blockDim.x`, its type in CUDA."""
    if b"printf" not in ctx.parsed.data:
        return
    members = {s.member_span.offset: s for s in ctx.parsed.names
               if s.name in _BUILTINS and s.member_span is not None and s.member in ("x", "y", "z")}
    if not members:
        return
    toks = ctx.parsed.tokens
    view = TokenView(ctx.parsed.data, toks, LineIndex(ctx.parsed.data))
    for i, t in enumerate(toks[:-1]):
        if t.text not in _VARIADIC or toks[i + 1].text != "(":
            continue
        close = view.match_close(i + 1)
        if close < 0:
            continue
        for arg in view.split_args(i + 1, close):
            site = members.get(arg.offset)
            if site is not None and site.member_span is not None and site.member_span.end == arg.end:
                ctx.insert(arg.offset, "(unsigned int)", "printf builtin")


@functools.cache
def _device_prop_table() -> tuple[tuple[int, ...], dict[str, str], frozenset[str]]:
    """rules/tables/hip_device_prop.yaml: the HIP version from which hipDeviceProp_t has CUDA 12's fields, the
    fields renamed before it and the fields missing before it."""
    table = tables.mapping("hip_device_prop")
    below = tuple(int(x) for x in str(table["below"]).split("."))
    return below, dict(table["renamed"]), frozenset(table["missing"])


def _device_prop_fields(ctx: FileContext) -> None:
    """Fields of cudaDeviceProp that hipDeviceProp_t lacks before HIP 6.0. A field name alone says nothing
    (user structs have members called `uuid`), so only member accesses on variables and parameters this
    file declares as cudaDeviceProp (`cudaDeviceProp p;`, `const cudaDeviceProp &p`, `cudaDeviceProp *p`,
    `cudaDeviceProp props[4]`) are considered: a renamed field is rewritten, a missing one is flagged."""
    toks = ctx.parsed.tokens
    names: set[str] = set()
    for i, t in enumerate(toks):
        if t.text != "cudaDeviceProp" or t.kind != "ident":
            continue
        j = i + 1
        while j < len(toks):  # declarators: [*&const]* name [ [..] ] [, ...]
            while j < len(toks) and toks[j].text in ("*", "&", "const"):
                j += 1
            if j >= len(toks) or toks[j].kind != "ident":
                break
            names.add(toks[j].text)
            j += 1
            while j < len(toks) and toks[j].text == "[":
                close = match_close(toks, j)
                j = close + 1 if close >= 0 else len(toks)
            if j >= len(toks) or toks[j].text != ",":
                break
            j += 1
    if not names:
        return
    lines = LineIndex(ctx.parsed.data)
    for i, t in enumerate(toks):
        if t.kind != "ident" or t.text not in names or (i > 0 and toks[i - 1].text in (".", "->", "::")):
            continue
        j = i + 1
        if j < len(toks) and toks[j].text == "[":
            close = match_close(toks, j)
            j = close + 1 if close >= 0 else len(toks)
        if j + 1 >= len(toks) or toks[j].text not in (".", "->") or toks[j + 1].kind != "ident":
            continue
        field = toks[j + 1]
        span = Span(field.offset, field.end - field.offset, *lines.line_col(field.offset))
        below, renamed, missing = _device_prop_table()
        if field.text in renamed:
            ctx.replace(span, renamed[field.text], "cudaDeviceProp field")
        elif field.text in missing:
            obj = Span(t.offset, t.end - t.offset, *lines.line_col(t.offset))
            ctx.report("CP2001", obj, f"cudaDeviceProp::{field.text}: hipDeviceProp_t has no such field before "
                       f"HIP {'.'.join(map(str, below))}; query it with hipDeviceGetAttribute or drop it",
                       api=f"cudaDeviceProp::{field.text}")


_VECTOR_TYPE = re.compile(r"(u?char|u?short|u?int|u?long|u?longlong|float|double)[1-4]")
_MEMBER_OPS = frozenset({"+=", "-=", "*=", "/=", "++", "--"})


def _vector_operator_clashes(ctx: FileContext) -> None:
    """A free `operator+=(float4&, float4)` (helper_math.h style) competes with the non-template member
    operator HIP's vector types declare, and hipcc calls every use ambiguous (CP2007). Scalar right-hand
    sides are fine (HIP's are templates, which lose to a non-template), and so are binary operators."""
    if b"operator" not in ctx.parsed.data:
        return
    toks = ctx.parsed.tokens
    view = TokenView(ctx.parsed.data, toks, LineIndex(ctx.parsed.data))
    for i, t in enumerate(toks[:-2]):
        if t.text != "operator" or toks[i + 1].text not in _MEMBER_OPS or toks[i + 2].text != "(":
            continue
        close = view.match_close(i + 2)
        if close < 0 or (i > 0 and toks[i - 1].text == "::"):
            continue
        params = [re.findall(r"\w+|&", view.text(s)) for s in view.split_args(i + 2, close)]
        if not params:
            continue
        vec = next((w for w in params[0] if _VECTOR_TYPE.fullmatch(w)), None)
        if vec is None or "&" not in params[0]:
            continue
        op = toks[i + 1].text
        if op in ("++", "--"):
            clash = len(params) == 1 or (len(params) == 2 and params[1] == ["int"])
        else:
            clash = len(params) == 2 and vec in params[1]
        if clash:
            _report_clash(ctx, view, i, op, vec)


def _report_clash(ctx: FileContext, view: TokenView, i: int, op: str, vec: str) -> None:
    ctx.report("CP2007", view.tok_span(i, i + 1), f"operator{op} for {vec}: HIP's {vec} already has it as a "
               f"member; remove this definition for HIP if it works element by element", api=f"operator{op}")


# Atomic overloads HIP's headers define (amd_hip_atomic.h, HIP 5.2 and 6.x) that CUDA lacks, by the first
# parameter's pointee type: CUDA code that defines them itself collides with HIP's definition.
_HIP_ONLY_ATOMICS = {
    "atomicMax": ("float", "double"), "atomicMin": ("float", "double"), "atomicCAS": ("float", "double"),
    "atomicExch": ("double",), "atomicSub": ("float", "double", "unsigned long long"), "atomicAdd": ("double",),
}
_RETURN_WORDS = frozenset({"float", "double", "long", "__forceinline__", "inline", "__device__", "static"})


def _atomic_overload_clashes(ctx: FileContext) -> None:
    """A device function this file defines or declares with the shape of an atomic HIP already provides
    (`double atomicMax(double*, double)`, which CUDA lacks) is a redefinition for hipcc. Its name becomes
    cudaport_user_<name>, so the calls resolve to HIP's overload, which does the same read-modify-write and
    returns the old value as CUDA's atomics do. Flagged CP2003: check that this definition meant that."""
    sites = [site.span.offset for site in ctx.parsed.names if site.name in _HIP_ONLY_ATOMICS]
    if not sites:
        return
    toks = ctx.parsed.tokens
    starts = [tk.offset for tk in toks]
    view = TokenView(ctx.parsed.data, toks, LineIndex(ctx.parsed.data))
    for i in (bisect_left(starts, off) for off in sites):
        t = toks[i]
        if i == 0 or i + 1 >= len(toks) or toks[i + 1].text != "(" or toks[i - 1].text not in _RETURN_WORDS:
            continue
        pointees = _HIP_ONLY_ATOMICS[t.text]
        close = view.match_close(i + 1)
        params = view.split_args(i + 1, close) if close > 0 else []
        if not params or close + 1 >= len(toks) or toks[close + 1].text not in ("{", ";"):
            continue
        first = " ".join(re.findall(r"\w+|\*", view.text(params[0])))
        pointee = first.replace("const ", "").replace("volatile ", "").split(" *")[0]
        if pointee not in pointees or "*" not in first:
            continue
        span = view.tok_span(i, i)
        ctx.replace(span, f"cudaport_user_{t.text}", "HIP atomic overload")
        ctx.report("CP2003", span, f"{t.text}({pointee}*, ...): HIP defines this overload itself; this one is "
                   f"renamed and calls use HIP's (atomic, returns the old value)", api=t.text)


_ARCH_MACRO = "CUDAPORT_CUDA_ARCH"
_ARCH_DEFINE = (f"#ifndef {_ARCH_MACRO}\n#ifdef __HIP_DEVICE_COMPILE__\n"
                f"#define {_ARCH_MACRO} 600 /* cudaport: CUDA compute capability assumed for AMD GPUs */\n"
                f"#else\n#define {_ARCH_MACRO} 0 /* host pass: as an undefined __CUDA_ARCH__ in #if */\n"
                "#endif\n#endif\n")


def _cuda_arch(site: NameSite, ctx: FileContext) -> bool:
    """__CUDA_ARCH__ is defined only while nvcc compiles device code, with the compute capability as its value.
    Tests of whether it is defined mean "device pass": HIP's __HIP_DEVICE_COMPILE__. Its value (compared with
    a compute capability, or used in code) becomes CUDAPORT_CUDA_ARCH: 600 in HIP's device pass, 0 in the host
    pass (what an undefined __CUDA_ARCH__ is in #if; hipcc, unlike nvcc, also checks device bodies there).
    600 selects the Pascal-level paths (native double atomicAdd, shuffles) that AMD GPUs have;
    -DCUDAPORT_CUDA_ARCH=N chooses another. Flagged CP2003."""
    toks = ctx.parsed.tokens
    i = bisect_left([t.offset for t in toks], site.span.offset)
    prev = [t.text for t in toks[max(0, i - 2):i]]
    if prev[-1:] in (["defined"], ["ifdef"], ["ifndef"]) or prev == ["defined", "("]:
        ctx.replace(site.span, "__HIP_DEVICE_COMPILE__", "__CUDA_ARCH__")
        return True
    ctx.replace(site.span, _ARCH_MACRO, "__CUDA_ARCH__", exact=False)
    ctx.report("CP2003", site.span, f"__CUDA_ARCH__ used as a compute capability: {_ARCH_MACRO} is 600 in HIP's "
               f"device pass; pass -D{_ARCH_MACRO}=N to choose another", api=site.name)
    if not any(e.origin == "cuda_arch define" for e in ctx.edits):
        tok = toks[i] if i < len(toks) else None
        if tok is not None and tok.directive >= 0:
            # inside a directive: put the definition before the directive's own line (it may be a #define
            # continued over several lines)
            start = next(t.offset for t in toks if t.directive == tok.directive)
        else:
            start = ctx.parsed.data.rfind(b"\n", 0, site.span.offset) + 1
        ctx.insert(start, _ARCH_DEFINE, "cuda_arch define")
    return True


def _full_mask_names(ctx: FileContext) -> set[str]:
    """Macros and constants of this file whose value is a full 32-bit lane mask (`#define FULL 0xffffffff`,
    `const unsigned FULL_MASK = 0xffffffffu;`)."""
    toks = ctx.parsed.tokens
    names = set()
    for i in range(1, len(toks) - 1):
        t = toks[i]
        if t.kind != "literal" or not _FULL_MASK.fullmatch(t.text):
            continue
        prev = toks[i - 1]
        if prev.text == "=" and i >= 2 and toks[i - 2].kind == "ident":
            names.add(toks[i - 2].text)
        elif prev.kind == "ident" and prev.directive >= 0 and i >= 2 and toks[i - 2].text == "define":
            names.add(prev.text)
    return names


def _widen_full_mask(site: NameSite, ctx: FileContext) -> bool:
    """HIP 6.2+ *_sync warp functions take a 64-bit mask and reject 32-bit ones at compile time. A full
    32-bit mask (a literal, or a macro/constant of this file defined as one) means "every lane" in CUDA
    code, so it becomes the full 64-bit mask. Any other mask is widened with a cast so the code compiles,
    and flagged: it now names lanes 0-31 of a 64-lane wavefront. Below HIP 6.2 the legacy mapping drops
    the mask instead."""
    version = ctx.options.hip_version
    if version < (6, 2) or not site.args:
        return False
    mask = site.args[0]
    text = ctx.text(mask).strip()
    if _FULL_MASK.fullmatch(text) or text in _full_mask_names(ctx):
        ctx.replace(mask, "0xffffffffffffffffull", "mask64")
        ctx.report("CP3011", mask, f"{site.name}: full 32-lane mask {text} widened to all 64 lanes", api=site.name,
                   inline=False)
    else:
        ctx.replace(mask, f"static_cast<unsigned long long>({text})", "mask64", exact=False)
        ctx.report("CP3002", mask, f"{site.name}: mask {text} widened to 64 bits by a cast; on a 64-lane "
                   "wavefront it names lanes 0-31 only", api=site.name)
    return True


def _dim3(text: str) -> str:
    return text if text.startswith("dim3(") and text.endswith(")") else f"dim3({text})"


def make(**options: object) -> HipTarget:
    ext = options.get("extension")
    asked = options.get("modes") or ()
    unknown = [m for m in asked if m not in MODES]  # type: ignore[union-attr]
    if unknown:
        raise ValueError(f"unknown HIP library mode {unknown[0]!r}: choose from {', '.join(MODES)}")
    modes = tuple(m for m in MODES if m in asked)  # type: ignore[operator]
    return HipTarget(extension=str(ext) if ext else None, modes=modes)
