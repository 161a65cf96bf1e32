"""OpenCL target: kernels, device functions and the types/macros they use move to `x.cl` (OpenCL C 1.2);
the host file `x.cpp` includes cudaport_opencl.h, keeps calling the CUDA runtime API (the shim implements
it) and launches kernels through generated typed stubs that call cpLaunchKernel.

Input: a FileContext after the rule edits. Output: edits of the host file and ctx.extra_files["x.cl"].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from translator.edits import Edit, apply_edits
from translator.frontend.sites import TokenView
from translator.model import Severity
from translator.targets.opencl.emit import KernelInstance, ProgramBuilder, constant_decl, mangle, type_decl
from translator.targets.opencl.host import launch_stub, preamble, symbol_registration
from translator.targets.opencl.prelude import PRELUDE
from translator.targets.opencl.scan import DevFunc, DeviceScan, idents, parse_tparams, scan_device, split_top

if TYPE_CHECKING:
    from translator.engine import FileContext
    from translator.model import KernelLaunch, NameSite
    from translator.ruleset import Rule, TargetRule

CUDA_SUFFIXES = (".cu", ".cuh")
_DEVICE_FAMILIES = ("device", "math", "types")
_WARP = {"__shfl_sync": ("cp_shfl", 3), "__shfl_up_sync": ("cp_shfl_up", 3), "__shfl_down_sync": ("cp_shfl_down", 3),
         "__shfl_xor_sync": ("cp_shfl_xor", 3), "__shfl": ("cp_shfl", 2), "__shfl_up": ("cp_shfl_up", 2),
         "__shfl_down": ("cp_shfl_down", 2), "__shfl_xor": ("cp_shfl_xor", 2)}
_VOTE = {"__ballot_sync": "cp_ballot", "__any_sync": "cp_any", "__all_sync": "cp_all", "__ballot": "cp_ballot",
         "__any": "cp_any", "__all": "cp_all", "__reduce_add_sync": "cp_reduce_add",
         "__reduce_min_sync": "cp_reduce_min", "__reduce_max_sync": "cp_reduce_max",
         "__reduce_and_sync": "cp_reduce_and", "__reduce_or_sync": "cp_reduce_or",
         "__reduce_xor_sync": "cp_reduce_xor"}
_ERROR_CODES = ("CP3004", "CP3005", "CP3006", "CP3007", "CP2001", "CP2002", "CP2006")


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
        return False

    def _warp(self, site: NameSite, rule: Rule, ctx: FileContext) -> bool:
        name = site.name
        if name == "warpSize":
            ctx.replace(site.span, "32", rule.name)
            return True
        if name == "__activemask" and site.call is not None:
            ctx.replace(site.call, "cp_activemask()", rule.name)
            return True
        if name == "__syncwarp" and site.call is not None:
            ctx.replace(site.call, "barrier(CLK_LOCAL_MEM_FENCE)", rule.name)
            return True
        if site.call is None:
            return False
        args = site.args
        if name in _WARP:
            fn, need = _WARP[name]
            first = 1 if name.endswith("_sync") else 0
            if len(args) < need:
                return False
            width = args[first + 2] if len(args) > first + 2 else None
            ctx.edits.append(Edit(site.call.offset, site.call.length, origin=rule.name, build=lambda r, a=args, f=first,
                                  w=width, fn=fn: f"{fn}(cp_wscratch, {r(a[f].offset, a[f].end)}, "
                                  f"{r(a[f + 1].offset, a[f + 1].end)}, {r(w.offset, w.end) if w else '32'})"))
            return True
        if name in _VOTE:
            first = 1 if name.endswith("_sync") else 0
            if len(args) <= first:
                return False
            fn = _VOTE[name]
            ctx.edits.append(Edit(site.call.offset, site.call.length, origin=rule.name, build=lambda r, a=args[first],
                                  fn=fn: f"{fn}(cp_wscratch, {r(a.offset, a.end)})"))
            return True
        return False

    # -- the whole file --------------------------------------------------------------------------------------
    def structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        view = TokenView.build(parsed.data, parsed.tokens)
        scan = scan_device(view)
        if not scan.funcs and not scan.vars and not parsed.launches and not parsed.includes:
            return  # a snippet without declarations: the rule edits stand as they are
        if ctx.rel.suffix in CUDA_SUFFIXES:
            ctx.need_include("cudaport_opencl.h")
        if not scan.funcs and not scan.vars and not parsed.launches:
            self._drop_device_edits(ctx, [])
            return
        FileEmitter(self, ctx, view, scan).run()

    def _drop_device_edits(self, ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
        keep = []
        for e in ctx.edits:
            rule = ctx.rules.get(e.origin)
            if rule is not None and rule.family in _DEVICE_FAMILIES and rule.kind != "header":
                continue
            keep.append(e)
        ctx.edits[:] = keep

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and rel.suffix == ".cu":
            return rel.with_suffix(".cpp")
        return rel


class FileEmitter:
    def __init__(self, target: OpenCLTarget, ctx: FileContext, view: TokenView, scan: DeviceScan) -> None:
        self.t = target
        self.ctx = ctx
        self.view = view
        self.scan = scan
        self.data = ctx.parsed.data
        out_rel = target.output_path(ctx.rel, True)
        self.cl_rel = str(out_rel.with_suffix(".cl"))
        self.cl_name = PurePosixPath(self.cl_rel).name

    def _translated(self, start: int, end: int, edits: list[Edit]) -> str:
        out, _ = apply_edits(self.data[:end], edits)
        return out[start:].decode("utf-8", "surrogateescape")

    def run(self) -> None:
        ctx, scan = self.ctx, self.scan
        dev_ranges = scan.ranges()
        decl_ranges = [(d.start, d.end) for d in scan.decls]
        moved: dict[tuple[int, int], list[Edit]] = {r: [] for r in dev_ranges}
        decl_edits: dict[tuple[int, int], list[Edit]] = {r: [] for r in decl_ranges}
        keep: list[Edit] = []
        for e in ctx.edits:
            r = next((r for r in dev_ranges if r[0] <= e.offset and e.end <= r[1]), None)
            if r is not None:
                moved[r].append(e)
                continue
            d = next((d for d in decl_ranges if d[0] <= e.offset and e.end <= d[1]), None)
            if d is not None:
                decl_edits[d].append(e)
            rule = ctx.rules.get(e.origin)
            if rule is not None and rule.family in _DEVICE_FAMILIES and rule.kind != "header":
                continue
            keep.append(e)
        ctx.edits[:] = keep
        texts = {f.start: self._translated(f.start, f.end, moved[(f.start, f.end)]) for f in scan.funcs}
        poisoned: dict[int, str] = {}
        for f in scan.funcs:
            bad = [x for x in ctx.findings if x.offset is not None and f.start <= x.offset < f.end
                   and (x.severity == Severity.ERROR or x.code in ("CP3006", "CP3007")) and self._real(x.offset)]
            if bad:
                poisoned[f.start] = f"{bad[0].code}: {bad[0].message}".replace('"', "'").replace("\\", "/")
        type_names = set()
        for d in scan.decls:
            if d.kind == "type":
                type_names |= d.names
        builder = ProgramBuilder(scan, texts, poisoned, type_names, self._note)
        kernels = {f.name: f for f in scan.funcs if f.kind == "kernel"}
        launches: list[tuple[KernelLaunch, DevFunc]] = []
        for launch in ctx.parsed.launches:
            if any(a <= launch.span.offset < b for a, b in dev_ranges):
                continue
            name = launch.kernel.split("<")[0].strip().split("::")[-1]
            func = kernels.get(name)
            if func is None:
                ctx.report("CP4005", launch.span, f"{name}: kernel not defined in this file", inline=True)
                continue
            launches.append((launch, func))
            for subst in self._instances(launch, func):
                suffix = "".join("_" + mangle(subst[tp.name]) for tp in func.tparams)
                builder.add_kernel(KernelInstance(func, subst, func.name + suffix))
        for f in kernels.values():
            if not f.tparams and not any(fn is f for _, fn in launches):
                builder.add_kernel(KernelInstance(f, {}, f.name))  # defined but not launched here
        builder.drain()
        used = set()
        for text in list(texts.values()):
            used |= idents(text)
        for v in scan.vars:
            used |= idents(v.elem_type + " ".join(v.dims))
        decl_texts = {(d.start, d.end): self._translated(d.start, d.end, decl_edits[(d.start, d.end)])
                      for d in scan.decls}
        chosen: list = []
        changed = True
        while changed:
            changed = False
            for d in scan.decls:
                if d in chosen or not (d.names & used):
                    continue
                chosen.append(d)
                used |= idents(decl_texts[(d.start, d.end)])
                changed = True
        head = [PRELUDE, f"/* translated by cudaport from {ctx.rel.name} */"]
        for d in sorted(chosen, key=lambda d: d.start):
            text = decl_texts[(d.start, d.end)]
            if d.kind == "macro":
                head.append(text)
            elif d.kind == "type":
                head.append(type_decl(text))
            else:
                head.append(constant_decl(text, d.name))
        cl_text = builder.program("\n".join(head) + "\n")
        for code, func, detail in builder.notes:
            ctx.report(code, func.kdef.name_span, detail, inline=False)
        ctx.extra_files[self.cl_rel] = cl_text.encode("utf-8", "surrogateescape")
        self._host(cl_text, builder, launches)

    def _real(self, offset: int) -> bool:
        """False for a finding on a name that is not called here (a variable named like a math function)."""
        m = re.match(rb"[A-Za-z_]\w*\s*(\(|<)?", self.data[offset:offset + 80])
        return not m or m.group(1) is not None

    def _note(self, code: str, func: DevFunc, detail: str) -> None:
        self.ctx.report(code, func.kdef.name_span, detail, inline=False)

    # -- kernel instantiations -----------------------------------------------------------------------------
    def _instances(self, launch: KernelLaunch, func: DevFunc) -> list[dict[str, str]]:
        if not func.tparams:
            return [{}]
        text = launch.kernel
        if "<" not in text:
            subst = self._deduce(launch, func)
            if subst is None:
                self.ctx.report("CP4003", launch.span, f"{func.name}: template arguments of this launch could not "
                                "be deduced; write them explicitly", inline=True)
                return []
            return [subst]
        targs = split_top(text[text.index("<") + 1: text.rindex(">")])
        base = {tp.name: a for tp, a in zip(func.tparams, targs, strict=False)}
        host_tps, bindings = self._enclosing_template(launch.span.offset)
        dependent = [n for n in host_tps if any(n in idents(a) for a in base.values())]
        if not dependent:
            return [base]
        out = []
        for b in bindings:
            out.append({k: " ".join(_sub_words(v, b).split()) for k, v in base.items()})
        if not out:
            self.ctx.report("CP4003", launch.span, f"{func.name}: no instantiation of the enclosing template found",
                            inline=True)
        return out

    def _enclosing_template(self, offset: int) -> tuple[list[str], list[dict[str, str]]]:
        """Template parameters of the host function template around `offset` and the explicit argument lists
        it is called with in this file."""
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
            name = toks[j - 1].text
            pc = self.view.match_close(j)
            k = pc + 1
            while k < len(toks) and toks[k].text not in ("{", ";"):
                k += 1
            if k >= len(toks) or toks[k].text != "{":
                continue
            bc = self.view.match_close(k)
            if toks[k].offset < offset < toks[bc].end:
                tps = parse_tparams(self.view.text(self.view.tok_span(i, close)))
                best = (name, [tp.name for tp in tps])
        if best is None:
            return [], []
        name, tps = best
        out = []
        for i, t in enumerate(toks):
            if t.text == name and i + 1 < len(toks) and toks[i + 1].text == "<":
                close = self.view.angle_close(i + 1, limit=200)
                if close > 0 and close + 1 < len(toks) and toks[close + 1].text == "(":
                    args = split_top(self.view.text(self.view.span(toks[i + 1].end, toks[close].offset)))
                    if len(args) == len(tps) and not any(tp in idents(" ".join(args)) for tp in tps):
                        b = dict(zip(tps, args, strict=False))
                        if b not in out:
                            out.append(b)
        return tps, out

    def _deduce(self, launch: KernelLaunch, func: DevFunc) -> dict[str, str] | None:
        tu = self.ctx.parsed.tu
        if tu is None:
            return None
        from clang.cindex import CursorKind

        target = None
        for c in tu.cursor.walk_preorder():
            if c.kind == CursorKind.CALL_EXPR and c.extent.start.file is not None \
                    and c.extent.start.offset == launch.span.offset \
                    and c.extent.start.file.name == tu.spelling:
                target = c
                break
        if target is None:
            return None
        kids = list(target.get_children())[2:]
        out: dict[str, str] = {}
        for p, arg in zip(func.kdef.params, kids, strict=False):
            atype = arg.type.get_canonical().spelling
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
    def _host(self, cl_text: str, builder: ProgramBuilder, launches: list[tuple[KernelLaunch, DevFunc]]) -> None:
        ctx, scan = self.ctx, self.scan
        first = min([f.start for f in scan.funcs] + [v.start for v in scan.vars])
        ctx.insert(first, preamble(self.cl_name, cl_text, self.t.build_options) + "\n", "opencl program")
        ranges = scan.ranges()
        fatal = [x for x in ctx.findings if x.code in _ERROR_CODES and x.severity == Severity.ERROR
                 and x.offset is not None and self._real(x.offset)
                 and (x.family not in _DEVICE_FAMILIES or any(a <= x.offset < b for a, b in ranges))]
        if fatal:
            lines = "".join(f"#error \"CUDAPORT {x.code} at line {x.line}: {_quote(x.message)}\"\n"
                            for x in fatal[:5])
            ctx.insert(first, "#ifndef CUDAPORT_ALLOW_PARTIAL\n" + lines + "#endif\n", "opencl unsupported")
        for f in scan.funcs:
            span = self.view.span(f.start, f.end)
            if f.kind == "kernel":
                info = builder.infos[f.start]
                params = []
                for i, p in enumerate(f.kdef.params):
                    decl = self.view.text(p.span)
                    name = p.name or f"cp_p{i}"
                    if not p.name:
                        decl = f"{decl} {name}"
                    params.append((decl, name, "*" in p.type or "[" in decl))
                syms = [builder.vars[k[4:]] for k in builder.func_extras.get(f.name, []) if k.startswith("sym:")]
                dyn = any(s[3] for s in info.shared)
                ctx.replace(span, launch_stub(f, params, syms, dyn, self.cl_name), "opencl kernel stub")
            elif f.kind == "device":
                ctx.replace(span, f"/* cudaport: __device__ function {f.name} is in {self.cl_name} */",
                            "opencl device function")
        for v in scan.vars:
            ctx.insert(v.end, symbol_registration(v), "opencl symbol")
            if v.space == "managed":
                ctx.report("CP4006", self.view.span(v.start, v.end), f"__managed__ {v.name}", inline=True)
        for launch, func in launches:
            ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="opencl launch",
                                  build=lambda r, ln=launch, fn=func: _launch_call(ln, fn, r)))


def _launch_call(launch: KernelLaunch, func: DevFunc, render) -> str:  # type: ignore[no-untyped-def]
    callee = render(launch.callee.offset, launch.callee.end)
    targs = callee[callee.index("<"):] if "<" in callee else ""
    parts = [render(launch.grid.offset, launch.grid.end), render(launch.block.offset, launch.block.end),
             render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
             render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    parts += [render(a.offset, a.end) for a in launch.args]
    return f"cp_launch_{func.name}{targs}({', '.join(parts)})"


def _quote(text: str) -> str:
    return text.replace("\\", "/").replace('"', "'")


def _sub_words(text: str, mapping: dict[str, str]) -> str:
    return re.sub(r"[A-Za-z_]\w*", lambda m: mapping.get(m.group(0), m.group(0)), text)


def make(**options: object) -> OpenCLTarget:
    return OpenCLTarget(build_options=str(options.get("build_options", "")))
