"""OpenCL target: kernels, device functions and the types/macros they use move to `x.cl` (OpenCL C 1.2);
the host file `x.cpp` includes cudaport_opencl.h, keeps calling the CUDA runtime API (the shim implements
it) and launches kernels through generated typed stubs that call cpLaunchKernel.

Input: a FileContext after the rule edits. Output: edits of the host file and ctx.extra_files["x.cl"].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from translator.engine import tables
from translator.engine.core import after_leading_comments
from translator.engine.diagnostics import inline_comment
from translator.engine.edits import Edit
from translator.frontend.brackets import split_text
from translator.frontend.includes import HEADER_SUFFIXES, input_root, local_headers
from translator.frontend.lexer import LineIndex, lex
from translator.frontend.sites import TokenView, find_kernels, qualifier_macros
from translator.frontend.specializations import (
    InstanceConstants,
    instance_constants,
    specializations,
    specializations_available,
)
from translator.model import Severity, Span
from translator.targets.opencl.aliases import function_pointer, holds_function_pointer, kernel_alias, kernels_as_values
from translator.targets.opencl.autotype import deduced_autos
from translator.targets.opencl.closures import Closure, device_lambdas, device_struct, host_construction, host_struct
from translator.targets.opencl.closures import lower as lower_lambda
from translator.targets.opencl.constfold import fold, local_constants
from translator.targets.opencl.convsat import saturating_conversions
from translator.targets.opencl.coop import rewrite_groups
from translator.targets.opencl.cub import ENUMERATORS as CUB_ENUMERATORS
from translator.targets.opencl.cub import rewrite_cub
from translator.targets.opencl.cxxonly import (
    SHARED_IN_CXX,
    bytes_params,
    cxx_program,
    cxx_type,
    device_members,
    host_members,
    macro_device_bodies,
    shared_outside_kernels,
)
from translator.targets.opencl.directinit import brace_assignments, copy_initialise, direct_initialisations
from translator.targets.opencl.emit import KernelInstance, ProgramBuilder
from translator.targets.opencl.exits import predicate_early_exits
from translator.targets.opencl.halfcast import storage_casts
from translator.targets.opencl.halfconv import explicit_half_conversions
from translator.targets.opencl.halftemplates import operated_type_params
from translator.targets.opencl.headers import (
    SHIFT,
    HeaderPart,
    called_at,
    header_part,
    retract_host_findings,
    take_device_edits,
)
from translator.targets.opencl.host import kernel_value, launch_stub, preamble, stub_declaration, symbol_registration
from translator.targets.opencl.includers import file_macro_names, includer_macros, includers, used_names
from translator.targets.opencl.macrodecls import (
    Generated,
    expansions_found,
    macro_generated,
    macro_generated_uses,
    report_macro_generated,
)
from translator.targets.opencl.macrolaunch import resolve_macro_launch
from translator.targets.opencl.mathargs import math_argument_conversions
from translator.targets.opencl.namespaces import resolved_offset, separate_namespaces
from translator.targets.opencl.poclopt import mark_unoptimised, rolled_warp_loops
from translator.targets.opencl.prelude import PRELUDE, with_simd
from translator.targets.opencl.scan import (
    DevFunc,
    DeviceScan,
    TopDecl,
    idents,
    parse_tparams,
    scan_device,
    template_head,
)
from translator.targets.opencl.spelling import (
    BASE_TYPES,
    VECTOR_TYPE,
    constant_decl,
    cxx_to_c_types,
    kernel_cl_name,
    mangle,
    type_decl,
)
from translator.targets.opencl.stdlib import library_call_edits, with_limits
from translator.targets.opencl.text import sub_idents, take_conflicts
from translator.targets.opencl.thrust import rewrite_thrust
from translator.targets.opencl.typenames import (
    builtin_aliases,
    canonical_spec_args,
    canonical_subst,
    object_macros,
    user_type_names,
)
from translator.targets.opencl.vecaddr import vector_component_addresses
from translator.targets.opencl.vecops import check_vector_operators

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.engine.ruleset import Rule, TargetRule
    from translator.model import KernelDef, KernelLaunch, NameSite

CUDA_SUFFIXES = (".cu", ".cuh")
_CUB_QUALIFIER = re.compile(r"\bcub\s*::\s*(?=BLOCK_)")
_DEVICE_FAMILIES = ("device", "math", "types")
_ERROR_CODES = ("CP3004", "CP3005", "CP3006", "CP3007", "CP2001", "CP2002", "CP2006", "CP2008", "CP4031", "CP4032",
                "CP4033", "CP4034")


@dataclass
class OpenCLTarget:
    name: str = "opencl"
    build_options: str = ""

    # -- rule handlers -----------------------------------------------------------------------------------
    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        if handler == "qualifier":
            return True  # declarations are rewritten structurally when they move to the .cl
        if handler == "atomic":
            base = re.sub(r"_(block|system)$", "", site.name)
            ctx.replace(site.span, f"cp_{base}", rule.name)
            return True
        if handler == "warp":
            return self._warp(site, rule, ctx)
        if handler == "cub":
            return rewrite_cub(site, ctx)
        if handler == "cooperative_groups":
            return rewrite_groups(site, ctx)
        if handler == "thrust":
            return rewrite_thrust(site, ctx)
        return False

    def _warp(self, site: NameSite, rule: Rule, ctx: FileContext) -> bool:
        name = site.name
        if name == "warpSize":
            ctx.replace(site.span, "32", rule.name)
            return True
        form = tables.mapping("opencl_warp_calls").get(name)  # rules/tables/opencl_warp_calls.yaml
        if site.call is None or form is None:
            return False
        if "text" in form:  # the whole call: __activemask(), __syncwarp(mask)
            ctx.replace(site.call, form["text"], rule.name)
            return True
        args = site.args
        fn, first = form["call"], 1 if name.endswith("_sync") else 0
        if "shuffle" in form:
            if len(args) < form["shuffle"]:
                return False
            width = args[first + 2] if len(args) > first + 2 else None
            ctx.edits.append(Edit(site.call.offset, site.call.length, origin=rule.name, build=lambda r, a=args, f=first,
                                  w=width, fn=fn: f"{fn}(cp_wscratch, {r(a[f].offset, a[f].end)}, "
                                  f"{r(a[f + 1].offset, a[f + 1].end)}, {r(w.offset, w.end) if w else '32'})"))
            return True
        if len(args) <= first:
            return False
        ctx.edits.append(Edit(site.call.offset, site.call.length, origin=rule.name, build=lambda r, a=args[first],
                              fn=fn: f"{fn}(cp_wscratch, {r(a.offset, a.end)})"))
        return True

    # -- the whole file --------------------------------------------------------------------------------------
    def structural(self, ctx: FileContext) -> None:
        take_conflicts()  # a previous file's leftovers are not this file's
        try:
            self._structural(ctx)
        finally:
            for conflict in take_conflicts():
                ctx.report("CP2006", None, f"generated OpenCL: {conflict[:160]}; the first rewrite was kept")

    def _structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        view = TokenView.build(parsed.data, parsed.tokens)
        inits = direct_initialisations(ctx)
        scan = separate_namespaces(ctx, scan_device(view, frozenset(d.name for d in inits if d.top_level)))
        copy_initialise(ctx, inits, scan.ranges())
        explicit_half_conversions(ctx, scan.ranges())
        saturating_conversions(ctx, scan.ranges())
        deduced_autos(ctx, [(f.start, f.end) for f in scan.funcs])
        math_argument_conversions(ctx, scan.ranges())
        library_call_edits(ctx, scan.ranges())
        vector_component_addresses(ctx, scan.ranges())
        brace_assignments(ctx, scan.ranges())
        predicate_early_exits(ctx, [(f.start, f.end) for f in scan.funcs if f.kind in ("kernel", "device")])
        protos = [k for k in find_kernels(view, "__global__") if k.body is None]
        if not scan.funcs and not scan.vars and not parsed.launches and not parsed.includes and not protos \
                and ctx.rel.suffix not in HEADER_SUFFIXES:
            return  # a snippet without declarations: the rule edits stand as they are
        # (a header without device code is host code: HeaderEmitter drops its device-only renames, `half` stays)
        if ctx.rel.suffix in CUDA_SUFFIXES or protos:
            ctx.need_include("cudaport_opencl.h")
        retract_host_findings(ctx, scan)
        if ctx.rel.suffix in HEADER_SUFFIXES:
            _device_lambdas(ctx, view, scan)
            HeaderEmitter(ctx, view, scan, protos).run()
        else:
            # a file without device code or launches of its own still builds the kernels of the project headers it
            # includes when a header launches them (FileEmitter returns early when there are none)
            FileEmitter(self, ctx, view, scan, protos).run()
        _unplaced_launches(ctx, scan)

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and rel.suffix == ".cu":
            return rel.with_suffix(".cpp")
        return rel


def _unplaced_launches(ctx: FileContext, scan: DeviceScan) -> None:
    """Every host launch either became a stub call or carries an error at its site: one left as `<<<...>>>`
    (its place misread by the scan, a shape no step handles) would otherwise reach the host compiler as an
    undeclared name with no diagnostic. Launches inside device functions are dynamic parallelism (CP3006)."""
    device = [(f.start, f.end) for f in scan.funcs]
    placed = {e.offset for e in ctx.edits if e.origin == "opencl launch"}
    for launch in ctx.parsed.launches:
        at, end = launch.span.offset, launch.span.end
        if at in placed or any(a <= at < b for a, b in device):
            continue
        if any(x.severity == Severity.ERROR and x.offset is not None and at <= x.offset < end for x in ctx.findings):
            continue
        ctx.report("CP4042", launch.span, f"{launch.kernel.split('<')[0].strip()}: this launch was not translated "
                   "(its enclosing declaration was not recognised as host code)", inline=True)


def _device_lambdas(ctx: FileContext, view: TokenView, scan: DeviceScan, why: str = "in a header") -> None:
    """`[=] __device__ (...) {...}` (nvcc's extended lambdas) in host code that closures.py does not lower: CP2001
    at each, which blocks the build instead of leaving a host lambda that a kernel template cannot be named for."""
    device = scan.ranges()
    for _open, q, _last in device_lambdas(ctx, view):
        t = view.toks[q]
        if not any(a <= t.offset < b for a, b in device):
            _lambda_error(ctx, view, q, why)


def _lambda_error(ctx: FileContext, view: TokenView, q: int, why: str) -> None:
    t = view.toks[q]
    ctx.report("CP2001", view.span(t.offset, t.end), f"__device__ lambda not lowered to a functor ({why}); write "
               "it as a struct with a __device__ operator()", inline=True)


def _top_level_start(tu, main: str, offset: int) -> int:  # type: ignore[no-untyped-def]
    """Start of the outermost declaration of the file's top level (or of a namespace) around `offset`: where a
    class for code inside it may be declared."""
    from clang.cindex import CursorKind  # closures exist only where clang parsed the file

    from translator.frontend.clang import main_file_cursors_of

    kinds = (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE, CursorKind.CXX_METHOD, CursorKind.CONSTRUCTOR,
             CursorKind.STRUCT_DECL, CursorKind.CLASS_DECL, CursorKind.CLASS_TEMPLATE, CursorKind.VAR_DECL)
    best = offset
    for cur in main_file_cursors_of(tu, main, kinds):
        ext = cur.extent
        parent = cur.semantic_parent
        if ext.start.offset <= offset < ext.end.offset and ext.start.offset < best and (
                parent is None or parent.kind in (CursorKind.TRANSLATION_UNIT, CursorKind.NAMESPACE)):
            best = ext.start.offset
    return best


def _stub_params(view: TokenView, kdef: KernelDef) -> list[tuple[str, str, bool]]:
    """(declaration as written, name, is pointer) per kernel parameter; unnamed ones get a name."""
    params = []
    for i, p in enumerate(kdef.params):
        decl = view.text(p.span)
        name = p.name or f"cp_p{i}"
        if not p.name:
            decl = f"{decl} {name}"
        params.append((decl, name, "*" in p.type or "[" in decl))
    return params


def _external(func: DevFunc) -> bool:
    """Whether a kernel's launch stub has external linkage (callable from other files through a prototype)."""
    return not func.tparams and "static" not in func.kdef.qualifiers


class HeaderEmitter:
    """A project header: device functions, kernels and device variables go to the .cl of every file that
    includes it; kernel prototypes become launch stub declarations; the rest stays a host header."""

    def __init__(self, ctx: FileContext, view: TokenView, scan: DeviceScan, protos: list[KernelDef]) -> None:
        self.ctx, self.view, self.scan, self.protos = ctx, view, scan, protos

    def run(self) -> None:
        ctx, view = self.ctx, self.view
        take_device_edits(ctx, self.scan)
        declare_device_members(ctx, view, self.scan)
        generated = macro_generated(ctx.parsed.tu, ctx.parsed.data) if ctx.parsed.tu is not None else []
        carried = {g.name for made in expansions_found(generated, str(ctx.parsed.path), self.scan.decls).values()
                   for g in made}
        macro_uses = macro_generated_uses(self.scan.funcs, {f.start: view.text(view.span(f.start, f.end))
                                                            for f in self.scan.funcs}, generated, carried)
        for f in self.scan.funcs:
            span = view.span(f.start, f.end)
            if f.start in macro_uses:  # marked in the header's text, which the build checks
                mark = inline_comment(ctx.report("CP4037", span, macro_uses[f.start], inline=False))
                ctx.insert(f.end, "\n" + mark, "diagnostic CP4037")
            if f.kind == "kernel":
                params = _stub_params(view, f.kdef)
                ctx.replace(span, "/* cudaport: kernel " + f.name + " is compiled into the OpenCL program of each "
                            "file that includes this header; that file defines this stub */\n"
                            # an explicit specialisation's stub is one of the primary's: no storage class
                            + stub_declaration(f.name, params, f.template_text, static=not f.spec_args,
                                               targs=f.spec_written),
                            "opencl kernel stub")
            elif f.kind == "device":
                ctx.replace(span, f"/* cudaport: __device__ function {f.name} is compiled into the OpenCL program of "
                            "each file that includes this header */", "opencl device function")
        for v in self.scan.vars:
            if not v.extern:  # extern declarations stay: kernels of the including files get the symbol
                ctx.report("CP4007", view.span(v.start, v.end), f"{v.name} defined in a header", inline=True)
        specialised = {f.name for f in self.scan.funcs if f.kind == "kernel" and f.spec_args and not f.tparams}
        for k in self.protos:
            _declare_stub(ctx, view, k, k.name in specialised)
        self._launches()

    def _launches(self) -> None:
        """Launches in the header's host code (a class method, an inline helper) call the launch stub: the header
        declares it for its own kernels (each including file defines it) and for its prototypes. A template
        kernel's instances are built from the launches of the including files only, so its launch here is
        CP4005 rather than a stub call that would find no kernel in the program."""
        ctx = self.ctx
        dev_ranges = self.scan.ranges()
        # explicit specialisations (`template <> __global__ void k<float>`) are in every including file's
        # program, each with a stub specialisation of the primary's (a template's instances need clang)
        specialized = {f.name for f in self.scan.funcs if f.kind == "kernel" and f.spec_args and not f.tparams}
        own_templates = {f.name for f in self.scan.funcs if f.kind == "kernel" and f.tparams}
        templates = own_templates | {k.name for k in self.protos if k.template_params}
        # ... where the translator knows their arguments (the names of their kernels depend on them)
        unknown = {f.name for f in self.scan.funcs if f.kind == "kernel" and f.template_text and not f.tparams
                   and not f.spec_args}
        templates |= unknown
        specialized -= unknown
        for launch in ctx.parsed.launches:
            if any(a <= launch.span.offset < b for a, b in dev_ranges):
                continue
            name = launch.kernel.split("<")[0].strip().split("::")[-1]
            if name in own_templates and specializations_available() or name in specialized:
                pass  # each including file's program gets the instances clang made there (FileEmitter)
            elif name in templates:
                ctx.report("CP4005", launch.span, f"{name}: template kernel launched in a header; launch it from "
                           "a .cu file that includes the header", inline=True)
                continue
            ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                  build=lambda r, ln=launch: _launch_call(ln, r)))


def declare_device_members(ctx: FileContext, view: TokenView, scan: DeviceScan) -> None:
    """In the host file, device-only member functions of the classes it defines are declarations: their bodies
    (which the .cl carries) call device functions and builtins the host file no longer has."""
    data = ctx.parsed.data
    qmacros = qualifier_macros(view)
    for d in scan.decls:
        if d.kind not in ("type", "macro"):
            continue
        text = data[d.start:d.end].decode("utf-8", "surrogateescape")
        # a macro expanded into classes or functions at file scope (macrodecls.py) defines them for the host too
        for a, b in host_members(text, qmacros) if d.kind == "type" else macro_device_bodies(text, qmacros):
            lo = d.start + len(text[:a].encode("utf-8", "surrogateescape"))
            hi = d.start + len(text[:b].encode("utf-8", "surrogateescape"))
            ctx.edits[:] = [e for e in ctx.edits if not (lo <= e.offset and e.offset + e.length <= hi)]
            ctx.replace(view.span(lo, hi), "; /* cudaport: device code, in the OpenCL program */",
                        "opencl device member")


def _declare_stub(ctx: FileContext, view: TokenView, k: KernelDef, specialised: bool = False) -> None:
    """A `__global__` prototype becomes the declaration of its launch stub (defined by the kernel's file). A
    template's prototype does so only where the file defines explicit specialisations of it (`specialised`):
    their stubs specialise the primary's, which this declares."""
    if k.template_params and not specialised:
        return  # launches of template kernels defined elsewhere are CP4005; the prototype stays harmless
    head = template_head(view.text(view.span(k.span.offset, k.name_span.offset))) if k.template_params else ""
    if k.template_params and not head:
        return
    ctx.replace(k.span, stub_declaration(k.name, _stub_params(view, k), head,
                                         static="static" in k.qualifiers or bool(head)),
                "opencl kernel prototype")


class FileEmitter:
    def __init__(self, target: OpenCLTarget, ctx: FileContext, view: TokenView, scan: DeviceScan,
                 protos: list[KernelDef]) -> None:
        self.t = target
        self.ctx = ctx
        self.view = view
        self.scan = scan
        self.protos = protos
        self.data = ctx.parsed.data
        out_rel = target.output_path(ctx.rel, True)
        self.cl_rel = str(out_rel.with_suffix(".cl"))
        self.cl_name = PurePosixPath(self.cl_rel).name
        self.headers: list[HeaderPart] = []
        self._included: set[str] | None = None
        self._calls: list | None = None  # type: ignore[type-arg]
        self._calls_at: dict[int, object] | None = None
        self._clang_made: dict[str, list[dict[str, str]]] = {}
        # launch offset -> (launch, the macro parameter naming its kernel) (macrolaunch.py)
        self._pasted: dict[int, tuple[KernelLaunch, str]] = {}
        self._closures: list[Closure] = []

    def _header_parts(self) -> list[HeaderPart]:
        parsed = self.ctx.parsed
        if not parsed.path.is_absolute():
            return []  # a snippet (translate_text): no file system around it
        root = input_root(parsed.path, self.ctx.rel)
        parts = []
        for path in local_headers(parsed.path, parsed.data, root):
            part = header_part(path, root, self.ctx.rules, self.ctx.options, self.t)
            if part is not None:
                parts.append(dc_replace(part, shift=SHIFT * (len(parts) + 1)))
        return parts

    def run(self) -> None:
        ctx, scan = self.ctx, self.scan
        closures = self._lower_lambdas()
        own = take_device_edits(ctx, scan)
        self._place_closures(closures, own.decls)
        declare_device_members(ctx, self.view, scan)
        self.headers = self._header_parts()
        check_vector_operators(ctx, self.view, scan.ranges(), [(h.path, h.name, h.view) for h in self.headers])
        merged = DeviceScan(funcs=list(scan.funcs), vars=list(scan.vars), qualifier_macros=dict(scan.qualifier_macros))
        texts, poisoned, decl_texts = dict(own.texts), dict(own.poisoned), dict(own.decls)
        header_kernels: dict[str, tuple[DevFunc, HeaderPart]] = {}
        header_specs: list[tuple[DevFunc, HeaderPart]] = []  # explicit specialisations of header kernels
        protos: dict[str, KernelDef] = {k.name: k for k in self.protos}
        for part in self.headers:
            sh = part.shift
            for f in part.scan.funcs:
                g = dc_replace(f, start=f.start + sh, end=f.end + sh)
                merged.funcs.append(g)
                texts[g.start] = part.device.texts[f.start]
                if f.start in part.device.poisoned:
                    poisoned[g.start] = part.device.poisoned[f.start]
                if f.kind == "kernel" and f.spec_args and not f.tparams:
                    header_specs.append((g, part))  # beside its primary template, which launches name
                elif f.kind == "kernel":
                    header_kernels.setdefault(f.name, (g, part))
            for d in part.scan.decls:
                merged.decls.append(dc_replace(d, start=d.start + sh, end=d.end + sh))
                decl_texts[(d.start + sh, d.end + sh)] = part.device.decls[(d.start, d.end)]
            for k in part.prototypes:
                protos.setdefault(k.name, k)
            merged.vars[:0] = [dc_replace(v, start=v.start + sh, end=v.end + sh) for v in part.scan.vars if v.extern]
            merged.qualifier_macros.update(part.scan.qualifier_macros)
        for g, part in header_specs:  # a header with specialisations of a template it only declares
            header_kernels.setdefault(g.name, (g, part))
        header_specs = [(g, p) for g, p in header_specs if header_kernels[g.name][0] is not g]
        merged.decls += scan.decls
        self._expansions(merged)
        type_names = set()
        for d in merged.decls:
            if d.kind == "type":
                type_names |= d.names
        type_names |= {g.name for made in self._made.values() for g in made if g.is_type}
        # a user type named like an OpenCL C vector type CUDA lacks (`int8`, `double8`) would redefine a builtin
        clash = {n: f"cp_{n}" for n in type_names if VECTOR_TYPE.fullmatch(n) and not n.startswith("cp_")}
        if clash:
            texts = {k: sub_idents(v, clash) for k, v in texts.items()}
            decl_texts = {k: sub_idents(v, clash) for k, v in decl_texts.items()}
            merged.decls = [dc_replace(d, names={clash.get(n, n) for n in d.names}, name=clash.get(d.name, d.name))
                            for d in merged.decls]
            type_names = {clash.get(n, n) for n in type_names}
        macros = {d.name: decl_texts[(d.start, d.end)] for d in merged.decls if d.kind == "macro"}
        self._add_clang_facts(merged, scan, texts, poisoned)
        builder = self._builder(merged, texts, poisoned, type_names, macros, decl_texts)
        kernels = {f.name: f for f in scan.funcs if f.kind == "kernel"}
        launches: list[tuple[KernelLaunch, DevFunc]] = []
        aliases = builtin_aliases(ctx.parsed.tu) if any(f.tparams for f in merged.funcs) else {}
        object_defs = object_macros([decl_texts[(d.start, d.end)] for d in merged.decls if d.kind == "macro"])
        self._object_defs = object_defs
        type_args: list[str] = []
        external: list[KernelLaunch] = []
        dev_ranges = scan.ranges()
        removed_aliases: set[int] = set()
        for launch in ctx.parsed.launches:
            if any(a <= launch.span.offset < b for a, b in dev_ranges):
                continue
            name = launch.kernel.split("<")[0].strip().split("::")[-1]
            func = self._kernel_of(launch, name) or (header_kernels[name][0] if name in header_kernels else None)
            if func is None and self._macro_launch(launch, header_kernels, protos, builder, aliases, type_args):
                continue  # `#define RUN(k) k<<<...>>>(...)`: the kernels clang resolved at the macro's uses
            if func is None:
                launch, name, func = self._aliased(launch, name, kernels, header_kernels, removed_aliases)
            if func is None:
                proto = protos.get(name)
                if proto is not None and not proto.template_params or name in self._included_source_kernels():
                    external.append(launch)  # defined in another file: its stub links by name
                else:
                    self._variable_launch(launch, name, proto)
                continue
            launches.append((launch, func))
            type_args += _add_instances(builder, func, self._closure_args(self._instances(launch, func)), aliases,
                                        object_defs)
        for func in self._header_launched(header_kernels):
            type_args += _add_instances(builder, func, self._closure_args(self._clang_instances(func)), aliases,
                                        object_defs)
        type_args = [a for a in type_args if a not in {c.name for c in self._closures}]  # named by closures.py
        program_kernels = [f for f in scan.funcs if f.kind == "kernel"] + [f for f, _p in header_kernels.values()] \
            + [f for f, _p in header_specs]
        for f in program_kernels:
            if not f.tparams and not any(fn is f for _, fn in launches):  # defined but not launched here
                _add_instance(builder, f, {})
        for launch in external:
            ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                  build=lambda r, ln=launch: _launch_call(ln, r)))
        specialised = {f.name for f in scan.funcs if f.kind == "kernel" and f.spec_args and not f.tparams}
        specialised -= {f.name for f in scan.funcs if f.kind == "kernel" and f.tparams}
        for k in self.protos:
            if k.name not in kernels or k.template_params and k.name in specialised:
                # a template's prototype declares the stub its specialisations' stubs specialise
                _declare_stub(ctx, self.view, k, k.name in specialised)
        if not scan.funcs and not scan.vars and not header_kernels:
            return  # nothing for an OpenCL program: launches only
        last_include = max([i.directive.end for i in ctx.parsed.includes], default=0)
        late_macros = _late_macros(merged, texts, decl_texts, last_include)
        chosen: list = []
        more = True
        while more:  # device functions called only from macros the program uses are emitted too
            builder.drain()
            used = set()
            for text in builder.bodies + builder.protos:
                used |= idents(text)
            for v in merged.vars:
                used |= idents(v.elem_type + " ".join(v.dims))
            chosen = []
            templates: dict[int, tuple[str, list[str]]] = {}
            changed = True
            while changed:
                changed = False
                for d in merged.decls:
                    if d in chosen or not (d.names & used) or d.start in late_macros:
                        continue
                    chosen.append(d)
                    used |= idents(decl_texts[(d.start, d.end)]) | idents(d.cond)
                    changed = True
                # the device function templates the member functions of C++ classes call, kept as templates
                named = set().union(*[idents(decl_texts[(d.start, d.end)]) for d in chosen
                                      if d.kind == "type" and cxx_type(decl_texts[(d.start, d.end)])])
                found = builder.cxx_templates(named)
                if set(found) - set(templates):
                    templates = found
                    used |= set().union(*[idents(t) for t, _at in found.values()])
                    changed = True
            # ... and so are those called only from macros or from member functions of the classes it carries
            more = builder.request_named(set().union(*[idents(decl_texts[(d.start, d.end)]) for d in chosen
                                                       if d.kind in ("macro", "type")],
                                                     *[idents(t) for t, _at in templates.values()]))
        cxx = self._cxx_route(builder, chosen, decl_texts)
        head = self._program_head(builder, chosen, decl_texts, type_names, bool(cxx),
                                  templates if cxx else {})
        cl_text = storage_casts(with_simd(builder.program("\n".join(head) + "\n")), len(PRELUDE))
        cl_text = mark_unoptimised(with_limits(cl_text, len(PRELUDE)), len(PRELUDE))
        cl_text = rolled_warp_loops(cl_text, len(PRELUDE))
        if cxx:
            cl_text = cxx_program(cl_text, cxx)
        self._report_notes(builder)
        ctx.extra_files[self.cl_rel] = cl_text.encode("utf-8", "surrogateescape")
        self._host(cl_text, builder, launches, [*header_kernels.values(), *header_specs])
        names = user_type_names(type_args)
        if names:
            ctx.insert(len(self.data), names, "opencl type names")

    def _lower_lambdas(self) -> list[tuple[Closure, dict[str, str]]]:
        """Extended lambdas of this file's host code as functor structs (closures.py), each with the argument list
        of the host template around it ({} outside templates); CP2001 for those it cannot lower. Their bodies
        become type declarations of the scan, so that the rule edits inside them reach the .cl."""
        ctx, view, scan = self.ctx, self.view, self.scan
        device = scan.ranges()
        out: list[tuple[Closure, dict[str, str]]] = []
        for at in device_lambdas(ctx, view):
            offset = view.toks[at[1]].offset
            if any(a <= offset < b for a, b in device):
                continue  # a lambda in device code is C++ for OpenCL's own
            host_tps, bindings = self._enclosing_template(offset)
            c = lower_lambda(ctx, view, at, bindings, host_tps)
            if isinstance(c, str):
                _lambda_error(ctx, view, at[1], c)
                continue
            out.append((c, bindings[0] if bindings else {}))
            scan.decls.append(TopDecl(c.body[0], c.body[1], {c.name}, "type", c.name))
        scan.decls.sort(key=lambda d: d.start)
        self._closures = [c for c, _b in out]
        return out

    def _place_closures(self, closures: list[tuple[Closure, dict[str, str]]],
                        decl_texts: dict[tuple[int, int], str]) -> None:
        """The .cl's struct of each closure (from its translated body) and the host's class template and
        construction in place of the lambda."""
        ctx = self.ctx
        tu = ctx.parsed.tu
        for c, binding in closures:
            values = {k for k, v in binding.items() if re.fullmatch(r"-?\d+[uUlL]*|true|false", v.strip())}
            decl_texts[c.body] = device_struct(c, decl_texts[c.body], binding, values)
            ctx.edits[:] = [e for e in ctx.edits if not (c.start <= e.offset and e.end <= c.end)]
            ctx.edits.append(Edit(c.start, c.end - c.start, host_construction(c), origin="opencl closure"))
            ctx.insert(_top_level_start(tu, str(ctx.parsed.path), c.start), host_struct(c), "opencl closure type")

    def _closure_args(self, insts: list[dict[str, str]]) -> list[dict[str, str]]:
        """Instances whose arguments clang spelled `(lambda at f.cu:45:15)` name the closure lowered there; those
        naming another lambda (one left CP2001, or of another file) have no name in the program and are dropped."""
        by_at = {(c.line, c.col): c.name for c in self._closures}
        own = ("<stdin>", str(self.ctx.parsed.path))

        def named(arg: str) -> str:
            m = re.fullmatch(r"\s*\(lambda at (.*):(\d+):(\d+)\)\s*", arg)
            if m is None or m.group(1) not in own:
                return arg
            return by_at.get((int(m.group(2)), int(m.group(3))), arg)

        out = [{k: named(v) for k, v in inst.items()} for inst in insts]
        return [i for i in out if not any("(lambda at " in v for v in i.values())]

    def _builder(self, merged: DeviceScan, texts: dict[int, str], poisoned: dict, type_names: set[str],
                 macros: dict[str, str], decl_texts: dict[tuple[int, int], str]) -> ProgramBuilder:
        """The program's builder, told which template parameters the file's templates compute on with C++
        operators (halftemplates.py: a __half instance of those is C++ for OpenCL)."""
        builder = ProgramBuilder(merged, texts, poisoned, type_names, self._note, macros,
                                 [(d.name, decl_texts[(d.start, d.end)]) for d in merged.decls if d.kind == "macro"])
        builder.operated_source = lambda: operated_type_params(self.ctx, self.scan.ranges())
        builder.clang_instances = self._clang_instances
        builder.instance_constants = self._instance_constants
        builder.class_templates = {n for d in merged.decls if d.kind == "type"
                                   and decl_texts[(d.start, d.end)].lstrip().startswith("template") for n in d.names}
        return builder

    def _instance_constants(self, name: str) -> list[InstanceConstants]:
        """clang's evaluated constants of the instances of the function or class template `name` in this unit
        (or, for a .cu another source includes, in that source's), for instconst.py; empty without clang."""
        parsed = self.ctx.parsed
        if not parsed.compiler_args or parsed.tu is None:
            return []
        got = instance_constants(parsed.path, self.data, parsed.compiler_args, name)
        if not got and self.ctx.rel.suffix == ".cu" and parsed.path.is_absolute():
            for src, data in includers(parsed.path, input_root(parsed.path, self.ctx.rel)):
                got = instance_constants(src, data, parsed.compiler_args, name)
                if got:
                    break
        return got or []

    def _report_notes(self, builder: ProgramBuilder) -> None:
        for code, func, detail in builder.notes:
            self._note(code, func, detail)

    def _expansions(self, merged: DeviceScan) -> None:
        """The declarations each macro expansion at file scope of this file and its headers makes, from clang
        (macrodecls.py), become the names of its TopDecl: the program carries the expansion where a function
        uses one of them (and with it the macro's definition and the macros that definition expands)."""
        tu = self.ctx.parsed.tu
        self._generated = macro_generated(tu, self.data) if tu is not None else []
        self._made: dict[int, list[Generated]] = {}
        if not self._generated:
            return
        self._made.update(expansions_found(self._generated, str(self.ctx.parsed.path), self.scan.decls))
        for part in self.headers:
            shifted = [d for d in merged.decls if part.shift <= d.start < part.shift + SHIFT]
            self._made.update(expansions_found(self._generated, str(part.path), shifted, part.shift))
        merged.decls = [dc_replace(d, names={g.name for g in self._made[d.start]}) if d.start in self._made else d
                        for d in merged.decls]

    def _add_clang_facts(self, merged: DeviceScan, scan: DeviceScan, texts: dict[int, str],
                         poisoned: dict[int, str]) -> None:
        """What the TU adds to the token scan: explicit specialisations' arguments through
        typedefs (typenames.py); and CP4037 for this file's functions that use macro-generated declarations no
        expansion the program carries makes (macrodecls.py; a header's are marked where the header is translated,
        HeaderEmitter); the .cl gets an #error in place of such a function, so that the build stops there."""
        canonical_spec_args(merged.funcs, self.ctx.parsed.tu)
        carried = {g.name for made in self._made.values() for g in made}
        for start, detail in report_macro_generated(self.ctx, scan.funcs, texts, self._generated, carried).items():
            poisoned.setdefault(start, f"CP4037: {detail}".replace('"', "'").replace("\\", "/"))

    def _program_head(self, builder: ProgramBuilder, chosen: list, decl_texts: dict[tuple[int, int], str],
                      type_names: set[str], cxx: bool,
                      templates: dict[int, tuple[str, list[str]]] | None = None) -> list[str]:
        """The .cl before its functions: prelude, the includer's macros, the macros, types and constants the
        program uses (classes without their host-only members in a C++ program, with the device function
        templates their member functions call where the source defines them: ProgramBuilder.cxx_templates)."""
        head = [PRELUDE, f"/* translated by cudaport from {self.ctx.rel.name} */"]
        head += self._includer_head()
        # C++: member functions call device functions by name where the class is defined, so the prototypes
        # that need no user type come before the first class
        early = [p for p in builder.protos if not idents(p) & type_names] if cxx else []
        builder.protos = [p for p in builder.protos if p not in early]
        templates = templates or {}
        defined: set[str] = set()
        macro_texts: dict[str, str] = {}
        expanded: set[tuple[str, str | None, str]] = set()
        items = [(d.start, d) for d in chosen] + [(start, None) for start in templates]
        for start, d in sorted(items, key=lambda x: (x[0] < SHIFT, x[0])):
            if d is None:  # a device function template kept as C++
                if early:
                    head.append("/* device functions member functions call */\n" + "\n".join(early))
                    early = []
                text, at = templates[start]
                self._shared_in_cxx(start, at)
                head.append(text)
                continue
            text = decl_texts[(d.start, d.end)]
            if d.kind == "type" and early and cxx_type(text):
                head.append("/* device functions member functions call */\n" + "\n".join(early))
                early = []
            if d.kind == "type" and cxx:
                text, at = shared_outside_kernels(device_members(text, builder.qual_macros), True)
                self._shared_in_cxx(d.start, at)
                text = type_decl(text)
            elif d.kind == "type":
                text = type_decl(text)
            elif d.kind == "expansion":  # expanded by the device compiler with the macros defined before it
                # CUDA types OpenCL spells alike (longlong2 and long2 are both long2) make two expansions one:
                # an explicit specialisation or overload defined twice. The second adds nothing; it is dropped.
                key = (re.sub(r"/\*.*?\*/|\s+", "", text, flags=re.DOTALL), macro_texts.get(d.name), d.cond)
                if key in expanded:
                    head.append(f"/* cudaport: {d.name}(...) again, the same as above once its types are OpenCL's */")
                    continue
                expanded.add(key)
            elif d.kind != "macro":
                text = constant_decl(text, d.name)
            else:  # a macro's C++ (`#define dist(a, b) int(...)`) is expanded inside OpenCL C functions
                # a macro defined again (`#define OP` before each expansion, `#undef OP` after it, which the .cl
                # does not carry: functions come after every macro) replaces the definition before it; a
                # definition in an #if branch is one of its chain's alternatives
                text = (f"#undef {d.name}\n" if d.name in defined and not d.cond else "") + cxx_to_c_types(text)
                defined.add(d.name)
                macro_texts[d.name] = text
            head.append(f"#if {d.cond}\n{text}\n#endif" if d.cond else text)
        builder.protos[:0] = early  # no class needed them first
        return head

    def _shared_in_cxx(self, start: int, names: list[str]) -> None:
        """CP4041 for each `__shared__` variable (`names`, in order) of C++ code the .cl carries whole, which
        starts at offset `start` of the program (header offsets from SHIFT on)."""
        k = start
        for name in names:
            detail = (f"__shared__ {name} is declared in a function the C++ for OpenCL program keeps whole (a "
                      "member function or device function template); OpenCL has __local variables at kernel scope "
                      "only: the .cl fails to build where device code calls that function")
            if start >= SHIFT:
                part = self.headers[start // SHIFT - 1]
                self.ctx.report(SHARED_IN_CXX, None, f"{detail} (in {part.name})", inline=False)
                continue
            k = max(self.data.find(b"__shared__", k), start)
            line, col = LineIndex(self.data).line_col(k)
            self.ctx.report(SHARED_IN_CXX, Span(k, len("__shared__"), line, col), detail, inline=False)
            k += 1

    def _cxx_route(self, builder: ProgramBuilder, chosen: list, decl_texts: dict[tuple[int, int], str]) -> list[str]:
        """Whether this program is C++ for OpenCL (cxxonly.py): the constructs OpenCL C cannot express, in its
        functions and in the types it carries ([] keeps it OpenCL C). For a C++ program, kernels take their
        class-type parameters as bytes, and every kernel gets a CP4040 note saying so and why."""
        reasons = [f"{why} in {f.name}" for f, why in builder.cxx_reasons]
        reasons += [why for why in (cxx_type(decl_texts[(d.start, d.end)]) for d in chosen if d.kind == "type")
                    if why]
        reasons += [f"{'class' if g.is_type else 'function'} template {g.name} made by {g.macro}(...)"
                    for d in chosen if d.kind == "expansion" for g in self._made.get(d.start, []) if g.cxx]
        # an `auto` whose type OpenCL C cannot spell (CP4032) makes the program C++ too: C++ deduces the type
        # the translator would have had to guess
        autos = [(f, detail) for code, f, detail in builder.notes if code == "CP4032"]
        if reasons or autos:
            reasons += [detail for _f, detail in autos]
            builder.notes = [n for n in builder.notes if n[0] != "CP4032"]
        if not reasons:
            return []
        # member functions of the classes it carries pass generic pointers to the device functions they call
        if builder.request_named(set().union(*[idents(decl_texts[(d.start, d.end)]) for d in chosen
                                               if d.kind in ("macro", "type")]), "generic"):
            builder.drain()
        for name, params in builder.by_value.items():
            at = builder.kernel_at.get(name)
            if at is not None:
                builder.bodies[at] = bytes_params(builder.bodies[at], params)
        detail = "; ".join(dict.fromkeys(reasons))
        for f in builder.kernel_funcs:
            self._note("CP4040", f, f"kernel {f.name}: {self.cl_name} is C++ for OpenCL, compiled offline to "
                                    f"SPIR at its first launch, since OpenCL C 1.2 cannot express {detail}")
        return reasons

    def _macro_launch(self, launch: KernelLaunch, header_kernels: dict[str, tuple[DevFunc, HeaderPart]],
                      protos: dict[str, KernelDef],
                      builder: ProgramBuilder, aliases: dict[str, str], type_args: list[str]) -> bool:
        """A launch through a macro parameter (macrolaunch.py): builds the kernel instances its uses launch (their
        type arguments go to `type_args`) and records the pasted stub call, or reports CP4005. False when the
        launch does not name its kernel through a macro parameter."""
        external = {k for k, p in protos.items() if not p.template_params} | self._included_source_kernels()
        kernels = {f.name: f for f in self.scan.funcs if f.kind == "kernel"}
        through = resolve_macro_launch(self.ctx, launch, kernels, {k: v[0] for k, v in header_kernels.items()},
                                       external)
        if through is None:
            return False
        if through.error:
            self.ctx.report("CP4005", launch.span, through.error, inline=True)
            return True
        for f, subst, mk in through.instances:
            for inst in [subst] if subst is not None else self._use_instances(launch, through.param, f, mk.uses):
                type_args += _add_instance(builder, f, canonical_subst(f, inst, aliases, self._object_defs))
        self._pasted[launch.span.offset] = (launch, through.param)
        return True

    def _kernel_of(self, launch: KernelLaunch, name: str) -> DevFunc | None:
        """The kernel of this file a launch names; of several of that name (in different namespaces), the one
        clang resolved the launch to."""
        named = [f for f in self.scan.funcs if f.kind == "kernel" and f.name == name]
        if len(named) > 1:
            call = self._launch_call(launch)
            ref = call.referenced if call is not None else None
            offset = resolved_offset(ref, str(self.ctx.parsed.path)) if ref is not None else -1
            # unresolved (a dependent launch in a host template): the primary template of a kernel with explicit
            # specialisations, whose instances become the specialisations where their arguments match
            named = [f for f in named if f.kdef.name_span.offset == offset] or \
                [f for f in named if f.tparams][-1:] or named[-1:]
        return named[0] if named else None

    def _use_instances(self, launch: KernelLaunch, param: str, func: DevFunc, uses: tuple[int, ...]
                       ) -> list[dict[str, str]]:
        """Instances of a template kernel a macro launches from host templates: the launch as each use spells it
        (`Func<T, 64>` with the use's kernel for Func), worked out from the host template's calls there."""
        callee = self.view.text(launch.callee).strip()
        out: list[dict[str, str]] = []
        for use in uses:
            line, col = self.view.lines.line_col(use)
            here = dc_replace(launch, kernel=func.name + callee[len(param):],
                              span=dc_replace(launch.span, offset=use, line=line, col=col))
            out += [i for i in self._instances(here, func) if i not in out]
        return out

    def _included_source_kernels(self) -> set[str]:
        """Non-template kernels of the .cu files this file includes textually (`#include "kernels.cu"`): that
        file is translated to a .cpp defining their launch stubs, which the #include brings into this unit."""
        if self._included is None:
            self._included = set()
            parsed = self.ctx.parsed
            if parsed.path.is_absolute():
                root = input_root(parsed.path, self.ctx.rel)
                for path in (p for p in local_headers(parsed.path, parsed.data, root, (".cu",)) if p.suffix == ".cu"):
                    try:
                        data = path.read_bytes()
                    except OSError:
                        continue
                    view = TokenView.build(data, lex(data)[0])
                    self._included |= {k.name for k in find_kernels(view, "__global__")
                                       if k.body is not None and not k.template_params}
        return self._included

    def _includer_head(self) -> list[str]:
        """The macros of the sources that include this .cu textually (includers.py)."""
        ctx = self.ctx
        if ctx.rel.suffix != ".cu" or not ctx.parsed.path.is_absolute():
            return []
        toks = ctx.parsed.tokens
        return includer_macros(ctx.parsed.path, input_root(ctx.parsed.path, ctx.rel), used_names(toks),
                               file_macro_names(toks))

    def _note(self, code: str, func: DevFunc, detail: str) -> None:
        if func.start >= SHIFT:
            part = self.headers[func.start // SHIFT - 1]
            self.ctx.report(code, None, f"{detail} (in {part.name})", inline=False)
            return
        self.ctx.report(code, func.kdef.name_span, detail, inline=False)

    # -- kernel instantiations -----------------------------------------------------------------------------
    def _instances(self, launch: KernelLaunch, func: DevFunc) -> list[dict[str, str]]:
        if not func.tparams:
            return [{}]
        text = launch.kernel
        if "<" not in text:
            subst = self._deduce(launch, func)
            if subst is None:
                if self._clang_instances(func):
                    return self._clang_instances(func)
                self.ctx.report("CP4008", launch.span, f"{func.name}: template arguments of this launch could not "
                                "be deduced; write them explicitly", inline=True)
                return []
            base = subst  # may name the enclosing host template's parameters: resolved below
        else:
            targs = split_text(text[text.index("<") + 1: text.rindex(">")])
            base = {tp.name: a for tp, a in zip(func.tparams, targs, strict=False)}
            for tp in func.tparams[len(targs):]:  # `k<float><<<...>>>` of `template <typename T, int B = 128>`
                if tp.default:
                    base[tp.name] = sub_idents(tp.default, base)
        base = {k: self._local_alias(v, launch.span.offset) for k, v in base.items()}
        resolved = self._launch_specialization(launch, len(func.tparams))
        if resolved is not None:
            # arguments that name host constants or aliases (`k<opmath_t, BLOCK_X>` with `const int BLOCK_X = 16`)
            # take clang's values: the .cl has neither name, and the host stub prints the values
            for tp, value in zip(func.tparams, resolved, strict=False):
                if idents(base.get(tp.name, "")) - _PLAIN_ARG_WORDS:
                    base[tp.name] = value
        host_tps, bindings = self._enclosing_template(launch.span.offset)
        dependent = [n for n in host_tps if any(n in idents(a) for a in base.values())]
        if not dependent:
            unknown = self._macro_words(launch.span.offset, base)
            if unknown and self._clang_instances(func):
                return self._clang_instances(func)
            if unknown:
                self.ctx.report("CP4034", launch.span, f"{func.name}: {', '.join(unknown)}", inline=True)
                return []
            return self._named_the_same(launch, func, [self._fold_values(launch, func, base, {})])
        out = []
        for b in bindings:
            inst = {k: " ".join(_sub_words(v, b).split()) for k, v in base.items()}
            out.append(self._fold_values(launch, func, inst, b))
        if self._closures:
            # a lambda passed down through host templates is a deduced argument the text cannot follow (the
            # calls inside a template are dependent): clang's instances name each closure type
            out += [i for i in self._clang_instances(func) if i not in out]
        if not out and self._clang_instances(func):
            return self._clang_instances(func)
        if not out:
            self.ctx.report("CP4008", launch.span, f"{func.name}: no instantiation of the enclosing template found",
                            inline=True)
        return self._named_the_same(launch, func, out)

    def _local_alias(self, arg: str, before: int) -> str:
        """A template argument that names an alias declared in a scope enclosing the launch (`using Ktraits =
        traits<kNThreads, kLogN, input_t>;` in the host template): its definition, which may name the host
        template's parameters (resolved per instantiation); else the argument."""
        toks = self.view.toks
        for _ in range(4):  # aliases of aliases, to a fixed depth
            if not arg.isidentifier():
                return arg
            i = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].offset < before), -1)
            depth, found = 0, None
            while i >= 2 and found is None:
                t = toks[i]
                if t.text == "}":
                    depth += 1
                elif t.text == "{":
                    depth = max(depth - 1, 0)
                elif depth == 0 and t.text == "=" and toks[i - 1].text == arg and toks[i - 2].text == "using":
                    end = next((k for k in range(i + 1, len(toks)) if toks[k].text == ";"), -1)
                    found = self.view.text(self.view.tok_span(i + 1, end - 1)) if end > i + 1 else None
                i -= 1
            if found is None:
                return arg
            arg = " ".join(found.split())
        return arg

    def _header_launched(self, header_kernels: dict[str, tuple[DevFunc, HeaderPart]]) -> list[DevFunc]:
        """The template kernels of the included headers that a header's own host code launches (through the
        stub, HeaderEmitter._launches): their instances are the ones clang made in this file's translation
        unit; none found is CP4008, since the header's launch would find no kernel in this program."""
        out = []
        for name, (func, part) in header_kernels.items():
            if not func.tparams or name not in part.launched:
                continue
            if not self._clang_instances(func):
                self.ctx.report("CP4008", None, f"{name}: launched in {part.name}, and this file instantiates it "
                                "with no template arguments clang could report", inline=False)
                continue
            out.append(func)
        return out

    def _clang_instances(self, func: DevFunc) -> list[dict[str, str]]:
        """Every specialization of the kernel template that clang instantiated in this translation unit
        (frontend.specializations): where the text of a launch does not say its arguments (a macro's parameter,
        a constexpr in a dispatch lambda, an enumerator, a deduced host template), the program still launches
        only instances clang made, so the .cl gets all of them. Empty without an installed clang. Asked only
        where the text fails (one clang run per template), cached per kernel."""
        parsed = self.ctx.parsed
        if func.name not in self._clang_made:
            lists = None
            if parsed.compiler_args and parsed.tu is not None:
                lists = specializations(parsed.path, self.data, parsed.compiler_args, func.name, len(func.tparams))
            if not lists and parsed.compiler_args and self.ctx.rel.suffix == ".cu" and parsed.path.is_absolute():
                # a .cu another source includes textually (`#include "kernels.cu"`): its templates are
                # instantiated in that source's unit, where the macros it relies on are defined too
                for src, data in includers(parsed.path, input_root(parsed.path, self.ctx.rel)):
                    lists = specializations(src, data, parsed.compiler_args, func.name, len(func.tparams))
                    if lists:
                        break
            self._clang_made[func.name] = [dict(zip((tp.name for tp in func.tparams), al, strict=True))
                                           for al in lists or []]
        return self._clang_made[func.name]

    def _fold_values(self, launch: KernelLaunch, func: DevFunc, inst: dict[str, str], binding: dict[str, str]
                     ) -> dict[str, str]:
        """Value arguments naming host constants or macros (`k<NUM_THREADS>`), folded to their values with the
        enclosing host template's arguments substituted."""
        todo = [tp.name for tp in func.tparams if tp.kind == "value" and tp.name in inst
                and not _LITERAL_ARG.fullmatch(inst[tp.name].strip())]
        if not todo:
            return inst
        names = {**CUB_ENUMERATORS, **getattr(self, "_object_defs", {}),
                 **local_constants(self.view.toks, launch.span.offset)}
        names = {k: _sub_words(v, binding) for k, v in names.items()}
        # CUB's algorithm enumerators (`k<cub::BLOCK_SCAN_RAKING>`) fold to CUB's values, as the shim's enums do
        return {k: (fold(_CUB_QUALIFIER.sub("", v), names) or v) if k in todo else v for k, v in inst.items()}

    def _macro_words(self, offset: int, base: dict[str, str]) -> list[str]:
        """Template arguments of a launch written in a #define body that name nothing this file defines (the
        macro's parameters, or template parameters of wherever it is expanded): they are not types here."""
        data = self.data
        start = data.rfind(b"\n", 0, offset) + 1
        while start > 1 and data[start - 2:start] == b"\\\n":  # continuation lines of one directive
            start = data.rfind(b"\n", 0, start - 2) + 1
        if not re.match(rb"\s*#\s*define\b", data[start:offset]):
            return []
        known = BASE_TYPES | {n for d in self.scan.decls for n in d.names} | {"true", "false", "unsigned", "signed",
                                                                           "const", "long", "short"}
        known |= {m.decode() for m in re.findall(rb"#\s*define\s+([A-Za-z_]\w*)", data)}
        return sorted({w for a in base.values() for w in idents(a) if w not in known})

    def _named_the_same(self, launch: KernelLaunch, func: DevFunc, insts: list[dict[str, str]]
                        ) -> list[dict[str, str]]:
        """The instances whose value arguments are integer literals: the host stub names the kernel after the
        values (`k_16`), the .cl after the argument as written, so an argument naming a host constant
        (`k<BLOCK_X>` with a local `const int BLOCK_X`) would launch a kernel the program does not have."""
        values = [tp.name for tp in func.tparams if tp.kind == "value"]
        good = [i for i in insts if all(_LITERAL_ARG.fullmatch(i.get(n, "0").strip()) for n in values)]
        if len(good) < len(insts) and self._clang_instances(func):
            return good + self._clang_instances(func)
        if len(good) < len(insts):
            bad = next(i for i in insts if i not in good)
            names = ", ".join(bad[n] for n in values if not _LITERAL_ARG.fullmatch(bad[n].strip()))
            self.ctx.report("CP4008", launch.span, f"{func.name}: template argument(s) {names} are not integer "
                            "constants the translator can evaluate", inline=True)
        return good

    def _enclosing_template(self, offset: int, depth: int = 0) -> tuple[list[str], list[dict[str, str]]]:
        """Template parameters of the host function template around `offset` and the argument lists it is
        called with in this file: explicit ones (`run<float>(...)`), ones that name the parameters of the host
        template the call sits in (`run<char, N>(...)` inside `outer<N>`, resolved through that template's own
        calls), and deduced ones clang instantiated."""
        here = self._host_template_at(offset)
        if here is None:
            return [], []
        name, tps, name_offset = here
        toks = self.view.toks
        out = self._implicit_bindings(name_offset, tps)
        for i, t in enumerate(toks):
            if t.text != name or i + 1 >= len(toks) or toks[i + 1].text != "<":
                continue
            close = self.view.angle_close(i + 1, limit=200)
            if close <= 0 or close + 1 >= len(toks) or toks[close + 1].text != "(":
                continue
            args = split_text(self.view.text(self.view.span(toks[i + 1].end, toks[close].offset)))
            if len(args) != len(tps):
                continue
            caller = self._host_template_at(t.offset)
            used = idents(" ".join(args))
            lists = [args]
            if caller is not None and any(n in used for n in caller[1]):
                if caller[2] == name_offset or depth >= 3:
                    continue  # recursion through its own parameters, or too deep to follow
                lists = [[" ".join(_sub_words(a, ob).split()) for a in args]
                         for ob in self._enclosing_template(t.offset, depth + 1)[1]]
            for al in lists:
                b = dict(zip(tps, al, strict=False))
                if b not in out:
                    out.append(b)
        return tps, out

    def _host_template_at(self, offset: int) -> tuple[str, list[str], int] | None:
        """(name, template parameter names, offset of the name) of the innermost host function template whose
        body contains `offset`."""
        toks = self.view.toks
        best = None
        for i, t in enumerate(toks):
            if t.offset >= offset:
                break
            if t.text != "template" or i + 1 >= len(toks) or toks[i + 1].text != "<":
                continue
            close = self.view.angle_close(i + 1, limit=200)
            if close < 0:
                continue
            j = close + 1
            while j < len(toks) and toks[j].text not in ("(", ";", "{"):
                j += 1
            if j >= len(toks) or toks[j].text != "(":
                continue
            pc = self.view.match_close(j)
            k = pc + 1
            while k < len(toks) and toks[k].text not in ("{", ";"):
                k += 1
            if k >= len(toks) or toks[k].text != "{":
                continue
            bc = self.view.match_close(k)
            if toks[k].offset < offset < toks[bc].end:
                tps = parse_tparams(self.view.text(self.view.tok_span(i, close)))
                best = (toks[j - 1].text, [tp.name for tp in tps], toks[j - 1].offset)
        return best

    def _implicit_bindings(self, name_offset: int, tps: list[str]) -> list[dict[str, str]]:
        """Template argument lists of the calls clang resolved to the host function template declared at
        `name_offset`: deduced calls (`run(d_in, n)`) name no arguments in the text, but clang instantiates
        the template and each call refers to that specialization, whose declaration sits at the template's."""
        tu = self.ctx.parsed.tu
        if tu is None:
            return []
        out: list[dict[str, str]] = []
        for c in self._main_calls():
            ref = c.referenced
            if ref is None or ref.location.file is None or ref.location.file.name != tu.spelling \
                    or ref.location.offset != name_offset or ref.get_num_template_arguments() != len(tps):
                continue
            args = _template_args(ref, len(tps))
            if args is not None:
                b = dict(zip(tps, args, strict=True))
                if b not in out:
                    out.append(b)
        return out

    def _aliased(self, launch: KernelLaunch, name: str, kernels: dict[str, DevFunc], header_kernels: dict,
                 removed: set[int]) -> tuple[KernelLaunch, str, DevFunc | None]:
        """A launch through a local alias of a kernel as the kernel's own launch (aliases.py), its declaration
        removed once; the launch unchanged, with no kernel, otherwise."""
        aliased = kernel_alias(self.view, launch, set(kernels) | set(header_kernels))
        if aliased is None:
            return launch, name, None
        launch, name, decl = aliased
        if decl.offset not in removed:  # launched more than once
            removed.add(decl.offset)
            self.ctx.replace(decl, "", "opencl kernel alias")
        return launch, name, kernels.get(name) or header_kernels[name][0]

    def _variable_launch(self, launch: KernelLaunch, name: str, proto: KernelDef | None) -> None:
        """A launch whose callee is no kernel of this file: through a function pointer, the kernel's value function
        launches it; anything else is CP4005."""
        if launch.kernel.strip().isidentifier() and function_pointer(self.view, name, launch.span.offset) \
                or holds_function_pointer(self.ctx.parsed.tu, str(self.ctx.parsed.path), launch.callee):
            self.ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                       build=lambda r, ln=launch: _pointer_launch(ln, r)))
            return
        detail = (f"{name}: template kernel defined in another file (define it in a header or launch it "
                  "from its own file)" if proto is not None else f"{name}: no definition or declaration "
                  "of this kernel in this file or its headers")
        self.ctx.report("CP4005", launch.span, detail, inline=True)

    def _launch_specialization(self, launch: KernelLaunch, count: int) -> list[str] | None:
        """The template arguments of the kernel specialization clang resolved this launch to (a launch outside
        any host template), as type spellings and integer values; None where clang has none."""
        call = self._launch_call(launch)
        ref = call.referenced if call is not None else None
        if ref is None or ref.get_num_template_arguments() != count:
            return None
        return _template_args(ref, count)

    def _launch_call(self, launch: KernelLaunch):  # type: ignore[no-untyped-def]
        """clang's CALL_EXPR of `launch` (the `<<<>>>` call), None without clang or when clang has none."""
        tu = self.ctx.parsed.tu
        if tu is None:
            return None
        if self._calls_at is None:
            self._calls_at = {}
            for c in self._main_calls():
                start = c.extent.start
                if start.file is not None and start.file.name == tu.spelling:
                    self._calls_at.setdefault(start.offset, c)
        return self._calls_at.get(launch.span.offset)

    def _main_calls(self) -> list:  # type: ignore[type-arg]
        """clang's CALL_EXPRs under the main file's declarations, in preorder (one walk per TU, shared with the
        other AST passes: frontend.clang.main_file_cursors)."""
        tu = self.ctx.parsed.tu
        if tu is None:
            return []
        if self._calls is None:
            from clang.cindex import CursorKind

            from translator.frontend.clang import main_file_cursors_of

            self._calls = list(main_file_cursors_of(tu, str(self.ctx.parsed.path), (CursorKind.CALL_EXPR,)))
        return self._calls

    def _deduce(self, launch: KernelLaunch, func: DevFunc) -> dict[str, str] | None:
        target = self._launch_call(launch)
        if target is None:
            return None
        kids = list(target.get_children())[2:]
        out: dict[str, str] = {}
        for p, arg in zip(func.kdef.params, kids, strict=False):
            atype = arg.type.get_canonical().spelling
            if "type-parameter-" in atype:  # dependent (inside a host template): keep the parameter's name
                atype = arg.type.spelling
            ptype = " ".join(w for w in p.type.replace("*", " * ").split() if w not in ("const", "__restrict__"))
            at = " ".join(w for w in atype.replace("*", " * ").split() if w not in ("const", "__restrict__"))
            for tp in func.tparams:
                if tp.kind != "type" or tp.name in out:
                    continue
                if ptype == tp.name:
                    out[tp.name] = at
                elif ptype == f"{tp.name} *" and at.endswith("*"):
                    out[tp.name] = at[:-1].strip()
        if any(tp.name not in out for tp in func.tparams):
            return None
        return out

    # -- host file ---------------------------------------------------------------------------------------------
    def _host(self, cl_text: str, builder: ProgramBuilder, launches: list[tuple[KernelLaunch, DevFunc]],
              header_kernels: list[tuple[DevFunc, HeaderPart]]) -> None:
        """`header_kernels`: the kernels of the included headers (explicit specialisations after their primary
        template), whose stubs this file defines."""
        ctx, scan = self.ctx, self.scan
        starts = [f.start for f in scan.funcs] + [v.start for v in scan.vars]
        if starts:
            first = scan.outer_start(min(starts))
        else:  # kernels from headers only: after the last #include
            first = max([i.directive.end for i in ctx.parsed.includes], default=0)
        text = preamble(self.cl_name, cl_text, self.t.build_options) + "\n"
        defines = [t.offset for t in ctx.parsed.tokens if t.text == "define" and t.directive >= 0]
        if not self._shim_included_before(min([first, *defines])):
            # nvcc includes cuda_runtime.h before the file's first line: the shim header precedes every generated
            # line and the file's own macros (`#define T 256` would otherwise rewrite its templates)
            ctx.insert(after_leading_comments(self.data), "#include <cudaport_opencl.h>\n", "opencl shim include")
            if "cudaport_opencl.h" in ctx.includes:
                ctx.includes.remove("cudaport_opencl.h")
        for func, part in header_kernels:
            text += self._header_stub(func, part, builder) + "\n"
        ctx.insert(first, text if starts else "\n" + text, "opencl program")
        ranges = scan.ranges()
        fatal = [x for x in ctx.findings if x.code in _ERROR_CODES and x.severity == Severity.ERROR
                 and x.offset is not None and called_at(self.data, x.offset)
                 and (x.family not in _DEVICE_FAMILIES or any(a <= x.offset < b for a, b in ranges))]
        if fatal:
            fatal.sort(key=lambda x: x.offset)  # in source order, as a compiler would report them
            lines = "".join(f"#error \"CUDAPORT {x.code} at line {x.line}: {_quote(x.message)}\"\n"
                            for x in fatal[:5])
            ctx.insert(first, "#ifndef CUDAPORT_ALLOW_PARTIAL\n" + lines + "#endif\n", "opencl unsupported")
        valued = kernels_as_values(self.view, [f for f in scan.funcs if f.kind == "kernel"], scan.ranges())
        for f in scan.funcs:
            span = self.view.span(f.start, f.end)
            if f.kind == "kernel":
                info = builder.infos[f.start]
                syms = [builder.vars[k[4:]] for k in builder.func_extras.get(f.name, []) if k.startswith("sym:")]
                dyn = any(s[3] for s in info.shared) or builder.dynamic_local(f.name)
                stub = launch_stub(f, _stub_params(self.view, f.kdef), syms, dyn, self.cl_name, static=not _external(f))
                if not f.tparams and f.name in valued:
                    stub += kernel_value(f, _stub_params(self.view, f.kdef), static=not _external(f))
                ctx.replace(span, stub, "opencl kernel stub")
            elif f.kind == "device":
                ctx.replace(span, f"/* cudaport: __device__ function {f.name} is in {self.cl_name} */",
                            "opencl device function")
        for v in scan.vars:
            if v.extern:
                continue  # registered by the file that defines it
            ctx.insert(v.end, symbol_registration(v), "opencl symbol")
            if v.space == "managed":
                ctx.report("CP4006", self.view.span(v.start, v.end), f"__managed__ {v.name}", inline=True)
        for launch, _func in launches:
            ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                  build=lambda r, ln=launch: _launch_call(ln, r)))
        for launch, param in self._pasted.values():
            ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                  build=lambda r, ln=launch, p=param: _launch_call(ln, r, p)))

    def _shim_included_before(self, offset: int) -> bool:
        """Whether an #include before `offset` translates to cudaport_opencl.h (cuda_runtime.h, cuda.h, ...)."""
        for inc in self.ctx.parsed.includes:
            rule = self.ctx.rules.get(inc.header)
            mapping = rule.for_target("opencl") if rule else None
            new = mapping.rename if mapping and mapping.rename else inc.header
            if new == "cudaport_opencl.h" and inc.directive.end <= offset:
                return True
        return False

    def _header_stub(self, func: DevFunc, part: HeaderPart, builder: ProgramBuilder) -> str:
        """This file's definition of the stub a header declares for a kernel it defines (static: each
        including file launches the kernel from its own program; an explicit specialisation's stub specialises
        the primary's, with no storage class of its own)."""
        orig = func.start - part.shift
        dyn = any(s[3] for s in builder.infos[func.start].shared) or builder.dynamic_local(func.name)
        stub = launch_stub(func, _stub_params(part.view, func.kdef), [], dyn, self.cl_name,
                           static=not func.spec_args, declared=True)
        for ns in reversed(part.scan.qualifier(orig)):
            stub = f"namespace {ns} {{\n{stub}\n}}"
        return stub


def _add_instances(builder: ProgramBuilder, func: DevFunc, substs: list[dict[str, str]], aliases: dict[str, str],
                   object_defs: dict[str, str]) -> list[str]:
    """Adds one kernel instance per substitution (canonical spellings); returns the type arguments."""
    type_args = []
    for subst in substs:
        type_args += _add_instance(builder, func, canonical_subst(func, subst, aliases, object_defs))
    return type_args


def _pointer_launch(launch: KernelLaunch, render) -> str:  # type: ignore[no-untyped-def]
    """`k<<<g, b, s, q>>>(args)` through a variable -> `(cpSetLaunchConfig(g, b, s, q), k(args))`."""
    config = [render(launch.grid.offset, launch.grid.end), render(launch.block.offset, launch.block.end),
              render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
              render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    args = ", ".join(render(a.offset, a.end) for a in launch.args)
    return f"(cpSetLaunchConfig({', '.join(config)}), {render(launch.callee.offset, launch.callee.end)}({args}))"


def _add_instance(builder: ProgramBuilder, func: DevFunc, subst: dict[str, str]) -> list[str]:
    """Builds one instance of a kernel into the program; returns its type arguments (host type names). An
    instance of a template kernel that has an explicit specialisation for these arguments is that
    specialisation (as in C++: `k<float><<<...>>>` runs `template <> __global__ void k<float>`)."""
    args = [subst[tp.name] for tp in func.tparams if tp.kind == "type" and tp.name in subst]
    spec = _explicit_specialisation(builder.scan.funcs, func, subst)
    if spec is not None:
        builder.add_kernel(KernelInstance(spec, {}, kernel_cl_name(spec)))
        return args
    suffix = "".join("_" + mangle(subst[tp.name]) for tp in func.tparams)
    builder.add_kernel(KernelInstance(func, subst, kernel_cl_name(func) + suffix))
    return args


def _explicit_specialisation(funcs: list[DevFunc], func: DevFunc, subst: dict[str, str]) -> DevFunc | None:
    """The explicit specialisation among `funcs` of template kernel `func` for the arguments `subst` (compared as
    the .cl names spell them, where the two would clash), or None."""
    if not func.tparams or any(tp.name not in subst for tp in func.tparams):
        return None
    want = tuple(mangle(subst[tp.name]) for tp in func.tparams)
    for g in funcs:
        if g.kind == "kernel" and not g.tparams and g.name == func.name and g.cl_name == func.cl_name \
                and tuple(mangle(a) for a in g.spec_args) == want:
            return g
    return None


def _launch_call(launch: KernelLaunch, render, paste: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """`ns::k<T><<<g, b, s, q>>>(args)` -> `ns::cp_launch_k<T>(g, b, s, q, args)`; with `paste`, the macro
    parameter naming the kernel, `cp_launch_ ## k(g, b, s, q, args)`."""
    callee = render(launch.callee.offset, launch.callee.end)
    if paste is not None:
        return f"cp_launch_ ## {callee.strip()}({', '.join(_launch_parts(launch, render))})"
    head, targs = (callee[:callee.index("<")], callee[callee.index("<"):]) if "<" in callee else (callee, "")
    head = "".join(head.split())
    qual, sep, name = head.rpartition("::")
    return f"{qual}{sep}cp_launch_{name}{targs}({', '.join(_launch_parts(launch, render))})"


def _launch_parts(launch: KernelLaunch, render) -> list[str]:  # type: ignore[no-untyped-def]
    parts = [render(launch.grid.offset, launch.grid.end), render(launch.block.offset, launch.block.end),
             render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
             render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    return parts + [render(a.offset, a.end) for a in launch.args]


def _quote(text: str) -> str:
    return text.replace("\\", "/").replace('"', "'")


_LITERAL_ARG = re.compile(r"-?\d+[uUlL]*|true|false")
# words a template argument may contain and still be spelled the same in the .cl and by the host stub
_PLAIN_ARG_WORDS = {"true", "false", "unsigned", "signed", "int", "long", "short", "char", "float", "double", "bool",
                    "size_t", "const", "void"}


def _late_macros(merged: DeviceScan, texts: dict[int, str], decl_texts: dict[tuple[int, int], str],
                 last_include: int) -> set[int]:
    """Start offsets of the macros defined after every device function and declaration that names them: host
    code's `#define P_x 5` below a kernel with a parameter `P_x` does not apply to that kernel in CUDA, but the
    .cl puts every macro before every function, where it would. Header code (offsets from SHIFT on) comes
    before a macro of the file that follows all of the file's #includes."""

    def before(u: int, d: int) -> bool:
        if u // SHIFT == d // SHIFT:
            return u < d
        return d < SHIFT <= u and d > last_include

    words = {(e.start, e.end): idents(decl_texts[(e.start, e.end)]) for e in merged.decls}
    func_words = [(f.start, idents(texts[f.start])) for f in merged.funcs]

    def users_of(d: TopDecl, seen: set[str]) -> list[int]:
        # a macro named in another macro's definition is expanded where that one is (`OP` in `ATOMIC`'s body)
        seen.add(d.name)
        found = [start for start, used in func_words if d.name in used]
        for e in merged.decls:
            if e is not d and d.name in words[(e.start, e.end)]:
                found.append(e.start)
                if e.kind == "macro" and e.name not in seen:
                    found += users_of(e, seen)
        return found

    out = set()
    for d in merged.decls:
        if d.kind != "macro":
            continue
        users = users_of(d, set())
        if users and all(before(u, d.start) for u in users):
            out.add(d.start)
    return out


def _template_args(ref, count: int) -> list[str] | None:  # type: ignore[no-untyped-def]
    """The template arguments of clang's specialization `ref` as canonical type spellings and integer values;
    None when one is neither (a template template argument, a pack)."""
    from clang.cindex import TemplateArgumentKind

    out = []
    for i in range(count):
        kind = ref.get_template_argument_kind(i)
        if kind == TemplateArgumentKind.TYPE:
            out.append(ref.get_template_argument_type(i).get_canonical().spelling)
        elif kind == TemplateArgumentKind.INTEGRAL:
            value = ref.get_template_argument_value(i)
            if value == -1 and ref.get_template_argument_unsigned_value(i) == 1:
                value = 1  # a bool `true`: one bit, which the signed reading makes -1 (the host stub says 1)
            out.append(str(value))
        else:
            return None
    return out


def _sub_words(text: str, mapping: dict[str, str]) -> str:
    return re.sub(r"[A-Za-z_]\w*", lambda m: mapping.get(m.group(0), m.group(0)), text)


def make(**options: object) -> OpenCLTarget:
    return OpenCLTarget(build_options=str(options.get("build_options", "")))
