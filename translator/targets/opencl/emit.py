"""Kernel side of the OpenCL target: ProgramBuilder turns translated CUDA device functions into OpenCL C 1.2
text. Input: each device function's text after the rule edits, the DeviceScan of the file and the kernel
instantiations the host launches. Output: the .cl program text and, per kernel, the extra arguments (device
symbols, dynamic shared memory) the launch stub passes. A device function is cloned per combination of address
spaces (inferred by spaces.Env) and template arguments it is called with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from translator.targets.opencl.constfold import fold
from translator.targets.opencl.cxxonly import cxx_only, cxx_unsupported, shared_outside_kernels
from translator.targets.opencl.halfconv import cl_half_types
from translator.targets.opencl.hoist import Program, hoist_function
from translator.targets.opencl.instconst import Lookup, evaluate_instance
from translator.targets.opencl.prelude_half import HALF_TYPES
from translator.targets.opencl.program import Extra, FuncInfo, instance_suffix
from translator.targets.opencl.races import unsynchronised_exchange
from translator.targets.opencl.scan import DevFunc, DeviceScan, idents
from translator.targets.opencl.spaces import Env
from translator.targets.opencl.spelling import (
    BASE_TYPES,
    CL_RESERVED,
    SPACES,
    add_space,
    canonical_c_type,
    cl_func_name,
    cxx_to_c_types,
    inner_dims,
    split_param,
)
from translator.targets.opencl.text import IDENT, Rewriter, c_local_struct_names, c_static_asserts, sub_idents
from translator.targets.opencl.typenames import object_macros
from translator.targets.opencl.vecstore import scalar_component_stores
from translator.targets.opencl.warpsync import BARRIER, add_exchange_barriers

_FUNC_QUALS = {"__global__", "__device__", "__host__", "__forceinline__", "__noinline__", "static", "inline",
               "extern", "__kernel", "__inline__"}


def takes_local(params: list[str]) -> bool:
    """Whether a device function has a `__local` pointer parameter (an array, a struct by reference or a hoisted
    `__shared__` array or the warp scratch passed in). Such a function is emitted external, neither `static` nor
    `inline` (an OpenCL C inline definition without static emits no symbol): LLVM binds an internal function's
    parameter to the one kernel-scope `__local` array every caller passes (IPSCCP, then the parameter is dropped),
    and PoCL 3.1 gives each work-group its own copy of a kernel-scope array only where the kernel itself names
    it, so the function's uses then share one array between concurrent work-groups (a race when PoCL optimises)."""
    return any(re.search(r"\b__local\b", p) for p in params)


@dataclass
class KernelInstance:
    func: DevFunc
    subst: dict[str, str]
    name: str


@dataclass
class Emitted:
    text: str
    kernel_extras: dict[str, list[Extra]]  # kernel (CUDA name) -> symbol extras in parameter order
    kernel_dyn_shared: dict[str, bool]
    notes: list[tuple[str, DevFunc, str]]  # (code, function, detail)


class ProgramBuilder:
    def __init__(self, scan: DeviceScan, texts: dict[int, str], poisoned: dict[int, str],
                 type_names: set[str], report: Callable[[str, DevFunc, str], None],
                 macros: dict[str, str] | None = None, macro_texts: list[tuple[str, str]] | None = None) -> None:
        self.scan = scan
        # the specializations clang made of a function template (OpenCLTarget._clang_instances): where a call's
        # text does not deduce a template argument, the one instance clang made consistent with the rest
        self.clang_instances: Callable[[DevFunc], list[dict[str, str]]] = lambda func: []
        self.warp_macros = _warp_macros(macros or {})
        # `#define DI __device__ inline`: DI in a head; the scan's also knows `#define HD ... #else #define HD`
        self.qual_macros = {**qualifier_macro_texts(list((macros or {}).items()) if macro_texts is None
                                                    else macro_texts), **scan.qualifier_macros}
        self.macros = macros or {}
        self.sized_shared: dict[str, tuple[str, str, str]] = {}  # _size_instance_shared
        self.fn_macros = {n for n, t in (macros or {}).items()
                          if re.match(r"\s*#\s*define\s+" + re.escape(n) + r"\(", t)}
        self.report = report
        self.poisoned = poisoned
        self.type_names = set(type_names) | HALF_TYPES
        self.vars = {v.name: v for v in scan.vars}
        self.infos: dict[int, FuncInfo] = {}
        self.by_name: dict[str, list[FuncInfo]] = {}
        for f in scan.funcs:
            info = self._analyse(f, sub_idents(texts[f.start], CL_RESERVED))
            self.infos[f.start] = info
            self.by_name.setdefault(f.name, []).append(info)
        self.extras: dict[str, Extra] = {}
        self.func_extras: dict[str, list[str]] = {}
        self._compute_extras()
        self.done: dict[tuple, str] = {}
        self.order: list[tuple] = []
        self.queue: list[tuple] = []
        self.protos: list[str] = []
        self.bodies: list[str] = []
        self.notes: list[tuple[str, DevFunc, str]] = []
        self.warned: set[tuple[str, str]] = set()
        self.cxx_reasons: list[tuple[DevFunc, str]] = []  # functions whose code needs C++ (cxxonly.cxx_only)
        # template name offset -> type parameters its pattern applies operators to (halftemplates.py), asked of
        # `operated_source` the first time an instance has a half/bfloat16 argument (a walk of every template's
        # AST, wasted on the programs that have none)
        self.operated_source: Callable[[], dict[int, frozenset[str]]] = dict
        self._operated: dict[int, frozenset[str]] | None = None
        self.kernel_funcs: list[DevFunc] = []  # kernels emitted, in order
        self.kernel_at: dict[str, int] = {}  # kernel instance name -> index of its text in self.bodies
        self.kernel_start: dict[str, int] = {}  # kernel instance name -> start of the kernel it is an instance of
        # kernel instance name -> its by-value parameters of user or template types: (emitted text, type, name)
        self.by_value: dict[str, list[tuple[str, str, str]]] = {}
        self.warp_checks: list[tuple[FuncInfo, str]] = []
        # clang's evaluated constants of a template's instances, by template name (instconst.py), and the
        # class templates whose members `X<args>::m` it evaluates; set by the file's emitter
        self.instance_constants: Lookup | None = None
        self.class_templates: set[str] = set()
        self._object_names: dict[str, str] | None = None
        # device functions defined once per branch of an #if chain (`#if ... f(double*) {CAS loop} #else
        # f(double*) {atomicAdd} #endif`): each body keeps its condition, or the program defines f twice
        conds: dict[str, set[str]] = {}
        for f in scan.funcs:
            conds.setdefault(f.name, set()).add(f.cond)
        self.alt_conds = {f.start: f.cond for f in scan.funcs if f.cond and len(conds[f.name]) > 1}
        self.body_conds: dict[int, str] = {}  # index in self.bodies -> its #if condition

    # -- analysis ------------------------------------------------------------------------------------------
    def _analyse(self, f: DevFunc, text: str) -> FuncInfo:
        if f.template_text and text.lstrip().startswith("template"):
            m = re.match(r"\s*template\s*<", text)
            rw0 = Rewriter(text)
            k = next(i for i, t in enumerate(rw0.toks) if t.text == "<")
            close = rw0.angle(k)
            text = text[len(rw0.slice(0, rw0.toks[close].end)):] if m and close > 0 else text
        rw = Rewriter(text)
        toks = rw.toks
        name_i = -1
        j = 0
        while j < len(toks):
            t = toks[j]
            if t.text in ("__launch_bounds__", "__attribute__") and j + 1 < len(toks) and toks[j + 1].text == "(":
                j = rw.match(j + 1) + 1
                continue
            # the text has OpenCL C keywords renamed already (a kernel named `kernel` is `cp_kernel` here)
            if t.text == CL_RESERVED.get(f.name, f.name) and j + 1 < len(toks):
                open_i = _spec_args_end(rw, j + 1) if f.template_text and not f.tparams else j + 1
                if open_i < len(toks) and toks[open_i].text == "(":
                    name_i = j
                    break
            j += 1
        open_i = name_i + 1 if name_i < 0 else open_i
        close_i = rw.match(open_i)
        body_i = close_i + 1
        while body_i < len(toks) and toks[body_i].text != "{":
            body_i += 1
        head_toks = toks[:name_i]
        quals = {q for t in head_toks for q in self.qual_macros.get(t.text, (t.text,)) if q in _FUNC_QUALS}
        ret_parts = []
        skip_to = -1
        for k, t in enumerate(head_toks):
            if k <= skip_to:
                continue
            if t.text in ("__launch_bounds__",) and k + 1 < len(head_toks):
                skip_to = rw.match(k + 1)
                quals.add("__launch_bounds__")
                continue
            if t.text in _FUNC_QUALS or t.text in self.qual_macros:
                continue
            ret_parts.append(t.text)
        params = [rw.tok_text(a, b) for a, b in rw.split(open_i, close_i)]
        if len(params) == 1 and params[0].strip() == "void":
            params = []
        body = rw.slice(toks[body_i].offset, len(rw.data))
        info = FuncInfo(f, text, params, " ".join(ret_parts), body, quals)
        body_ids = idents(re.sub(r'"(?:\\.|[^"\\])*"', "", body))
        if "cp_wscratch" in body_ids or body_ids & self.warp_macros:
            info.own_extras.append("warp")
        for v in self.vars:
            if v in body_ids:
                info.own_extras.append(f"sym:{v}")
        info.callees = {name for name in body_ids if name in {g.name for g in self.scan.funcs}}
        brw = Rewriter(body)
        for k, t in enumerate(brw.toks):
            if t.text != "__shared__":
                continue
            s = k
            while s > 0 and brw.toks[s - 1].text in ("extern", "static", "volatile", "const"):
                s -= 1
            e = _decl_end(brw, k)
            decl = [x for x in brw.toks[k + 1:e]]
            body_end = max((i for i, x in enumerate(decl) if x.text == "}"), default=-1)  # `union { ... } u`
            name_k = next((i for i, x in enumerate(decl) if x.kind == IDENT and i > body_end and
                           (i + 1 == len(decl) or decl[i + 1].text in ("[", "=", ";"))), -1)
            if name_k < 0:
                continue
            elem = " ".join(x.text for x in decl[:name_k] if x.text != "__align__")
            dims = brw.slice(decl[name_k].end, decl[-1].end).strip() if name_k + 1 < len(decl) else ""
            extern = any(x.text == "extern" for x in brw.toks[s:k])
            info.shared.append((decl[name_k].text, elem, dims, extern))
            if f.kind != "kernel":
                info.own_extras.append(f"sh:{f.name}:{decl[name_k].text}")
        return info

    def _compute_extras(self) -> None:
        for info in self.infos.values():
            for key in info.own_extras:
                self._make_extra(key, info)
        fx = {name: [] for name in self.by_name}
        for name, infos in self.by_name.items():
            for info in infos:
                for key in info.own_extras:
                    if key not in fx[name]:
                        fx[name].append(key)
        changed = True
        while changed:
            changed = False
            for name, infos in self.by_name.items():
                for info in infos:
                    for callee in info.callees:
                        for key in fx.get(callee, []):
                            if key not in fx[name]:
                                fx[name].append(key)
                                changed = True
        self.func_extras = {n: sorted(v, key=lambda k: (k != "warp", k)) for n, v in fx.items()}

    def _make_extra(self, key: str, info: FuncInfo) -> None:
        if key in self.extras:
            return
        if key == "warp":
            self.extras[key] = Extra(key, "cp_wscratch", "__local ulong* cp_wscratch",
                                     kernel_decl="__local ulong cp_wscratch[CP_WARP_SCRATCH];")
        elif key.startswith("sym:"):
            v = self.vars[key[4:]]
            space = "__constant" if v.space == "constant" else "__global"
            pname = f"cp_sym_{v.name}"
            elem = canonical_c_type(v.elem_type)
            inner = "".join(f"[{d}]" for d in v.dims[1:])
            decl = f"{space} {elem} (*{pname}){inner}" if inner else f"{space} {elem}* {pname}"
            adj = "CP_ADJC" if space == "__constant" else "CP_ADJ"
            ptype = f"{space} {elem} (*){inner}" if inner else f"{space} {elem}*"
            self.extras[key] = Extra(key, pname, decl, kernel_param=f"{decl} CP_OFF({pname})",
                                     kernel_adj=f"{adj}({ptype}, {pname})")
        else:
            _, fname, vname = key.split(":")
            for name, elem, dims, _ext in info.shared:
                if name != vname:
                    continue
                pname = f"cp_sh_{fname}_{vname}"
                dl = re.findall(r"\[([^\]]*)\]", dims)
                inner = "".join(f"[{d}]" for d in dl[1:])
                elem_c = canonical_c_type(re.sub(r"\b(static|extern)\b", "", elem)).strip()
                decl = f"__local {elem_c} (*{pname}){inner}" if inner else f"__local {elem_c}* {pname}"
                kdims = dims if dl else "[1]"
                if _ext:
                    self.extras[key] = Extra(key, pname, decl, kernel_decl=f"{decl} = (__local {elem_c}*)",
                                             dynamic_local=True)
                else:
                    if dl and idents(dims) & {tp.name for tp in info.func.tparams}:
                        # sized by the function's template parameters: by its instances, once they are known
                        self.sized_shared[pname] = (fname, vname, kdims)
                        kdims = f"[{pname}_CP_SIZE]"
                    self.extras[key] = Extra(key, pname, decl, kernel_decl=f"__local {elem_c} {pname}{kdims};")

    # -- instances -----------------------------------------------------------------------------------------
    def add_kernel(self, inst: KernelInstance) -> None:
        info = self.infos[inst.func.start]
        key = ("k", inst.func.start, tuple(sorted(inst.subst.items())), inst.name)
        if key in self.done or ("k", inst.name) in self.done:
            # the second test: one instance reached twice, its arguments spelled two ways; or another kernel
            # (`k_float` beside `k<float>`) with this name, which the program cannot hold as well
            other = self.kernel_start.get(inst.name, inst.func.start)
            alternatives = other in self.alt_conds or inst.func.start in self.alt_conds  # `#if A k() #else k()`
            if other != inst.func.start and not alternatives and ("clash", inst.name) not in self.done:
                self.done[("clash", inst.name)] = ""
                self.notes.append(("CP4043", inst.func, f"kernel {inst.func.name}: its OpenCL name {inst.name} is "
                                   "another kernel's as well"))
            return
        self.done[key] = self.done[("k", inst.name)] = ""
        self.kernel_start[inst.name] = inst.func.start
        if inst.func.start in self.poisoned:
            self.bodies.append(_error_block(self.poisoned[inst.func.start], inst.name))
            return
        if inst.func not in self.kernel_funcs:
            self.kernel_funcs.append(inst.func)
        self.kernel_at[inst.name] = len(self.bodies)
        self.bodies.append(self._macro_tparams(info, inst.subst, self._emit(info, inst.subst, None, inst.name)))

    def dynamic_local(self, kernel: str) -> bool:
        """Whether a device function the kernel calls has an `extern __shared__` array (the kernel then takes
        dynamic local memory although it declares none itself)."""
        return any(self.extras[k].dynamic_local for k in self.func_extras.get(kernel, []) if k in self.extras)

    def drain(self) -> None:
        while self.queue:
            key = self.queue.pop(0)
            _, start, subst, spaces = key
            info = self.infos[start]
            if start in self.poisoned:
                self.bodies.append(_error_block(self.poisoned[start], cl_func_name(info.func.name, kernel=False)
                                                + instance_suffix(info, dict(subst))))
                continue
            name = cl_func_name(info.func.name, kernel=False) + instance_suffix(info, dict(subst))
            if start in self.alt_conds:
                self.body_conds[len(self.bodies)] = self.alt_conds[start]
            self.bodies.append(self._macro_tparams(info, dict(subst), self._emit(info, dict(subst), spaces, name)))

    def request(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...]) -> None:
        key = ("d", info.func.start, tuple(sorted(subst.items())), spaces)
        if key not in self.done:
            self.done[key] = ""
            self.queue.append(key)

    def request_named(self, names: set[str], space: str = "global") -> bool:
        """Queue the non-template device functions of these names (called from a macro: pointer parameters are
        taken as __global; from a member function of a C++ program's class, `space` "generic": its pointers are
        in the generic address space); True when something new was queued."""
        before = len(self.queue)
        for name in sorted(names):
            for info in self.by_name.get(name, []):
                if info.func.kind == "kernel" or info.func.tparams:
                    continue
                spaces = tuple(space for p in info.params if split_param(p)[2] or split_param(p)[3] == "mut")
                self.request(info, {}, spaces)
        return len(self.queue) > before

    def cxx_templates(self, names: set[str]) -> dict[int, tuple[str, list[str]]]:
        """The device function templates (explicit specialisations included) of these names, and those their
        texts name in turn, as C++ templates: start offset -> (text, the names of its `__shared__` variables,
        cxxonly.shared_outside_kernels). A C++ for OpenCL program keeps the classes it carries
        whole, and their member functions call templates with arguments of the classes' parameters
        (`LoadDirectBlocked(linear_tid, block_itr, items)`), instances only clang's instantiation knows; the
        program then needs the templates themselves, where the source has them (before the classes)."""
        out: dict[int, tuple[str, list[str]]] = {}
        todo, seen = set(names), set()
        while todo:
            name = todo.pop()
            seen.add(name)
            for info in self.by_name.get(name, []):
                f = info.func
                if f.kind == "kernel" or not f.template_text or f.start in out:
                    continue
                text, at = shared_outside_kernels(cxx_to_c_types(f"{f.template_text}\n{info.text.strip()}"), False)
                out[f.start] = (text, at)
                todo |= (idents(text) & set(self.by_name)) - seen
        return out

    # -- emission ------------------------------------------------------------------------------------------
    def _half_operators(self, f: DevFunc, smap: dict[str, str]) -> str:
        """Why an instance is C++ (halftemplates.py): a parameter its pattern computes on is __half; or ''."""
        if not any(v.strip() in ("cp_half", "cp_bfloat16") for v in smap.values()):
            return ""
        if self._operated is None:
            self._operated = self.operated_source()
        operated = self._operated.get(f.kdef.name_span.offset, ())
        return "C++ operators on `__half` in a template instance" if any(
            smap.get(p, "").strip() in ("cp_half", "cp_bfloat16") for p in operated) else ""

    def _emit(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...] | None, name: str) -> str:
        f = info.func
        kernel = spaces is None
        smap = {k: cl_half_types(v) for k, v in subst.items()}
        params = [cxx_to_c_types(sub_idents(p, smap)) for p in info.params]
        ret = cxx_to_c_types(sub_idents(info.ret, smap)) if not kernel else "void"
        env = Env(self, info, smap)
        body = self._evaluated(info, smap, sub_idents(info.body, smap))
        body = c_local_struct_names(c_static_asserts(cxx_to_c_types(body)), env.local_types)
        cxx = cxx_only(params, body) or self._half_operators(f, smap)
        refused = cxx_unsupported(body)
        if refused and (f.name, "cxx-") not in self.warned:
            self.warned.add((f.name, "cxx-"))
            self.notes.append(("CP4033", f, f"{f.name}: {refused}"))
        if cxx and (f.name, "cxx") not in self.warned:  # the program becomes C++ for OpenCL (FileEmitter)
            self.warned.add((f.name, "cxx"))
            self.cxx_reasons.append((f, cxx))
        new_params: list[str] = []
        adjs: list[str] = []
        derefs: dict[str, str] = {}
        pi = 0
        for p in params:
            pname, ptype, is_ptr, ref = split_param(p)
            if kernel:
                if is_ptr:
                    t = add_space(ptype, "__global")
                    new_params.append(f"{t} {pname} CP_OFF({pname})")
                    # a template type (`traits<32, float>::input_t*`) has commas the macro would split at
                    adjs.append(f"CP_ADJ({t if ',' not in t else f'__typeof__({pname})'}, {pname})")
                    env.declare(pname, "global", ptype)
                else:
                    t = re.sub(r"\bsize_t\b", "ulong", ptype)
                    t = re.sub(r"\bbool\b", "uchar", t)
                    new_params.append(f"{t} {pname}")
                    env.declare(pname, None, ptype)
                    if "<" in t or idents(t) & self.type_names:
                        self.by_value.setdefault(name, []).append((new_params[-1], t, pname))
                continue
            if ref == "const":
                new_params.append(f"{ptype} {pname}")
                env.declare(pname, None, ptype)
                continue
            if is_ptr or ref == "mut":
                space = spaces[pi] if spaces and pi < len(spaces) else "global"
                pi += 1
                t = add_space(ptype + ("*" if ref == "mut" else ""), SPACES[space])
                inner = inner_dims(p) if not ref else ""
                new_params.append(f"{t[:-1].rstrip()} (*{pname}){inner}" if inner else f"{t} {pname}")
                if ref == "mut":
                    derefs[pname] = f"(*{pname})"
                    env.declare(pname, None, ptype)
                else:
                    env.declare(pname, space, ptype)
                continue
            new_params.append(f"{ptype} {pname}")
            env.declare(pname, None, ptype)
        # shared memory: hoisted to kernel scope, or taken from the kernel through an extra parameter
        body, local_decls, dyn = self._shared(info, body, kernel, env)
        extras = [self.extras[k] for k in self.func_extras.get(f.name, [])]
        ren: dict[str, str] = dict(derefs)
        for e in extras:
            if e.key.startswith("sym:"):
                v = self.vars[e.key[4:]]
                ren[v.name] = e.pname if v.dims else f"(*{e.pname})"
                env.declare(e.pname, "constant" if v.space == "constant" else "global", v.elem_type + "*")
                if v.dims:
                    env.declare(v.name, "constant" if v.space == "constant" else "global", v.elem_type + "*")
            elif e.key.startswith("sh:") and e.key.split(":")[1] == f.name:
                vname = e.key.split(":")[2]
                sh = next(s for s in info.shared if s[0] == vname)
                ren[vname] = e.pname if "[" in sh[2] else f"(*{e.pname})"
                env.declare(e.pname, "local", sh[1] + "*")
                env.declare(vname, "local", sh[1] + "*")
            elif e.key.startswith("sh:"):
                env.declare(e.pname, "local", "void*")
        body = sub_idents(body, ren)
        body = env.rewrite_body(body)
        if kernel:
            sym_extras = [e for e in extras if e.kernel_param]
            new_params += [e.kernel_param for e in sym_extras]
            adjs += [e.kernel_adj for e in sym_extras]
            dyn_extras = [e for e in extras if e.dynamic_local]
            if dyn_extras and not dyn:
                dyn = "__local uchar* cp_dyn_local"
            if dyn:
                new_params.append(dyn)
            dyn_name = dyn.split()[-1] if dyn else ""
            decls = [e.kernel_decl + (f"{dyn_name};" if e.dynamic_local else "") for e in extras if e.kernel_decl]
            decls += local_decls
            lines = [f"__kernel void {name}({', '.join(new_params) or 'void'}) {{"]
            lines += ["    " + a for a in adjs] + ["    " + d for d in decls]
            inner = body.strip()
            assert inner.startswith("{")
            text = "\n".join(lines) + inner[1:]
            # top-level warp-synchronous exchanges get their barrier (warpsync); a kernel still without any
            # barrier that passes __shared__ data between threads is refused (races)
            text = add_exchange_barriers(text)
            racy = "" if BARRIER in text else unsynchronised_exchange(info, self.by_name)
            if racy:
                detail = f"kernel {f.name} shares {racy} between threads without a barrier"
                if (f.name, "race") not in self.warned:
                    self.warned.add((f.name, "race"))
                    self.notes.append(("CP4031", f, detail))
                text = _error_block(f"CP4031: {detail}", name) + text
            if refused:
                text = _error_block(f"CP4033: {f.name}: {refused}", name) + text
            self._check_warp(info, text)
            if "__launch_bounds__" in info.qualifiers and (f.name, "lb") not in self.warned:
                self.warned.add((f.name, "lb"))
                self.notes.append(("CP4004", f, f"__launch_bounds__ of kernel {f.name} dropped"))
            return text + "\n"
        new_params += [e.param for e in extras]
        linkage = "" if takes_local(new_params) else "static "
        inline = "inline " if linkage and ("__forceinline__" in info.qualifiers or "inline" in info.qualifiers) else ""
        noinline = "__attribute__((noinline)) " if "__noinline__" in info.qualifiers else ""
        head = f"{linkage}{inline}{noinline}CP_OVL {ret} {name}({', '.join(new_params) or 'void'})"
        self.protos.append(head + ";")
        text = head + " " + body.strip() + "\n"
        if refused:
            text = _error_block(f"CP4033: {f.name}: {refused}", name) + text
        self._check_warp(info, text)
        return text

    def _evaluated(self, info: FuncInfo, smap: dict[str, str], body: str) -> str:
        """A template instance's body with the constants clang evaluated for it (instconst.py)."""
        f = info.func
        if not f.tparams or any(tp.name not in smap for tp in f.tparams):
            return body
        if self._object_names is None:
            self._object_names = {k: f"({v})" for k, v in object_macros(list(self.macros.values())).items()}
        return evaluate_instance(body, f.name, [smap[tp.name] for tp in f.tparams], self.instance_constants,
                                 self.class_templates, self._object_names, self.type_names)

    def _macro_tparams(self, info: FuncInfo, subst: dict[str, str], text: str) -> str:
        """An instance whose body uses a macro that names one of its template parameters
        (`#define H2F(x) static_cast<accscalar_t>(x)`, expanded inside the template in CUDA) gets that parameter
        defined as its argument around it: the .cl's macros come before every function."""
        names = {tp.name for tp in info.func.tparams if tp.name in subst}
        used = idents(info.body) & set(self.macros)
        seen: set[str] = set()
        while used - seen:  # macros expanding to other macros
            m = (used - seen).pop()
            seen.add(m)
            used |= idents(self.macros[m]) & set(self.macros)
        need = sorted(n for n in names if any(n in idents(self.macros[m]) for m in used))
        if not need:
            return text
        return ("".join(f"#define {n} {cl_half_types(subst[n])}\n" for n in need) + text
                + "".join(f"#undef {n}\n" for n in need))

    def _shared(self, info: FuncInfo, body: str, kernel: bool, env: Env) -> tuple[str, list[str], str]:
        rw = Rewriter(body)
        decls: list[str] = []
        dyn = ""
        toks = rw.toks
        for k, t in enumerate(toks):
            if t.text != "__shared__":
                continue
            s = k
            while s > 0 and toks[s - 1].text in ("extern", "static", "volatile", "const"):
                s -= 1
            e = _decl_end(rw, k)
            decl_text = rw.slice(toks[k + 1].offset, toks[e - 1].end)
            rw.replace(toks[s].offset, toks[e].end, "")
            is_extern = any(x.text == "extern" for x in toks[s:k])
            decl_text = re.sub(r"\b__align__\s*\(\s*\d+\s*\)", "", decl_text)
            m = re.match(r"(.*?)\b([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$", decl_text.strip(), re.DOTALL)
            if not m:
                continue
            elem, vname, dims = m.group(1).strip(), m.group(2), m.group(3).strip()
            if not kernel:
                continue  # passed in as an extra parameter
            consts = _local_constants(toks, rw, k)
            if dims:  # hoisted above the body's own constants: `const int n = W / 2; __shared__ T s[n];`
                for _ in range(4):
                    new_dims = sub_idents(dims, consts)
                    if new_dims == dims:
                        break
                    dims = new_dims
            aliases = _local_aliases(toks, rw, k)
            if idents(elem) & set(aliases):  # ... and above its own type aliases (`typedef X<T> L; __shared__
                for _ in range(4):  # typename L::TempStorage ts;`): the alias's definition is spelled out
                    new_elem = sub_idents(sub_idents(elem, aliases), consts)
                    if new_elem == elem:
                        break
                    elem = new_elem
            decl_text = f"{elem} {vname}{dims}"
            env.declare(vname, "local", elem + "*" if dims else elem)
            if not dims:
                env.local_scalars.add(vname)
            if is_extern:
                dyn = f"__local {elem}* {vname}"
            elif not dims and set(elem.split()) <= BASE_TYPES:
                # PoCL (3.1) keeps a __local scalar in a register across the barriers of a loop that tests it
                # (`for (...; !found; ...) { ... found = true; barrier }` read false afterwards); volatile stops it
                decls.append(f"volatile __local {decl_text.strip()};")
            else:
                decls.append(f"__local {decl_text.strip()};")
        return rw.result(), decls, dyn

    def _size_instance_shared(self) -> None:
        """A device function template's __shared__ array sized by its template parameters (`__shared__ T
        s[BX * BY];` in `template <int BX, int BY>`) is declared by each kernel that calls it: with the largest
        size of the function's instances (a block uses one; a larger array is only unused memory). Sizes that do
        not fold to integers keep the text as written (the OpenCL compiler names what it lacks)."""
        if not self.sized_shared:
            return
        names = object_macros(list(self.macros.values()))
        for pname, (fname, vname, kdims) in self.sized_shared.items():
            best: list[int] | None = None
            for key in self.done:
                if key[0] != "d" or self.infos[key[1]].func.name != fname:
                    continue
                dims = next((d for n, _e, d, _x in self.infos[key[1]].shared if n == vname), "")
                values = [fold(sub_idents(d, dict(key[2])), names) for d in re.findall(r"\[([^\]]*)\]", dims)]
                if not values or None in values:
                    best = None
                    break
                sizes = [int(v) for v in values]
                if best is not None and len(best) == len(sizes):
                    sizes = [max(a, b) for a, b in zip(best, sizes, strict=True)]
                best = sizes
            text = "".join(f"[{v}]" for v in best) if best else kdims
            self.bodies = [b.replace(f"[{pname}_CP_SIZE]", text) for b in self.bodies]

    def _check_warp(self, info: FuncInfo, text: str) -> None:
        self.warp_checks.append((info, text))

    def _hoist_and_check(self) -> None:
        """Hoist warp calls out of thread-dependent `if`s where hoist.py's rule allows it; CP4001 for the rest."""
        if not self.warp_checks:
            return
        prog = Program(self.bodies)
        for info, text in self.warp_checks:
            new = text
            site, k = divergent_warp_call(new, self.warp_macros)
            # a warp macro is opaque to hoist.py (it would predicate the macro's statement and loop): CP4001
            while site and k >= 0 and Rewriter(new).toks[k].text == "if":
                hoisted = hoist_function(new, prog, k)
                if hoisted is None:
                    break
                new = hoisted
                site, k = divergent_warp_call(new, self.warp_macros)
            if new != text:
                i = next(i for i, b in enumerate(self.bodies) if b.rstrip("\n") == text.rstrip("\n"))
                self.bodies[i] = new.rstrip("\n") + "\n"
            if site and (info.func.name, "warp") not in self.warned:
                self.warned.add((info.func.name, "warp"))
                self.notes.append(("CP4001", info.func, f"{info.func.name}: {site}"))
        for proto, body in prog.clones():
            self.protos.append(proto)
            self.bodies.append(body)

    def program(self, head: str) -> str:
        self.drain()
        self._size_instance_shared()
        self._hoist_and_check()
        self.bodies = [add_exchange_barriers(b) if b.lstrip().startswith("__kernel") else b for b in self.bodies]
        self.bodies = [scalar_component_stores(b) for b in self.bodies]
        self.bodies = [f"#if {self.body_conds[i]}\n{b.rstrip()}\n#endif\n" if i in self.body_conds else b
                       for i, b in enumerate(self.bodies)]
        protos = "\n".join(dict.fromkeys(self.protos))
        return head + ("\n/* device functions */\n" + protos + "\n" if protos else "") + "\n" + "\n".join(
            self.bodies)


def _local_constants(toks: list, rw: Rewriter, before: int) -> dict[str, str]:
    """`name -> (initialiser)` of the integer constants a function body declares before token `before`
    (`const int n = W / 2;`, `constexpr unsigned m = 4;`), for array sizes that move above them."""
    out: dict[str, str] = {}
    for i in range(before):
        if toks[i].text not in ("const", "constexpr"):
            continue
        j = i + 1
        while j < before and toks[j].text in _INT_WORDS:
            j += 1
        if j == i + 1 or j + 2 >= before or toks[j].kind != IDENT or toks[j + 1].text != "=":
            continue
        e = j + 2
        while e < before and toks[e].text not in (";", ",", "{", "}"):
            e += 1
        if e < before and toks[e].text == ";" and e > j + 2:
            out[toks[j].text] = f"({rw.tok_text(j + 2, e - 1)})"
    return out


def _decl_end(rw: Rewriter, k: int) -> int:
    """Index of the `;` ending the declaration at token k, past the braces of an aggregate it defines
    (`__shared__ union { T a[4]; U b[4]; } u;`); len(toks) when there is none."""
    toks = rw.toks
    e = k
    while e < len(toks) and toks[e].text != ";":
        if toks[e].text == "{":
            close = rw.match(e)
            e = close if close > e else e
        e += 1
    return e


def _local_aliases(toks: list, rw: Rewriter, before: int) -> dict[str, str]:
    """`name -> definition` of the type aliases a function body declares before token `before` (`typedef
    Load<float, 128> L;`, `using S = Store<int, 128>;`), for `__shared__` declarations that move above them.
    Aliases of function, array or locally defined types are left out."""
    out: dict[str, str] = {}
    for i in range(before):
        t = toks[i].text
        if t not in ("typedef", "using") or (i and toks[i - 1].text not in (";", "{", "}")):
            continue
        e = i + 1
        while e < before and toks[e].text not in (";", "{", "}"):
            e += 1
        if e >= before or toks[e].text != ";" or any(toks[j].text in ("(", "[", "struct", "union", "enum")
                                                        for j in range(i + 1, e)):
            continue
        if t == "typedef" and e - i > 2 and toks[e - 1].kind == IDENT:
            out[toks[e - 1].text] = rw.tok_text(i + 1, e - 2)
        elif t == "using" and e - i > 3 and toks[i + 1].kind == IDENT and toks[i + 2].text == "=":
            out[toks[i + 1].text] = rw.tok_text(i + 3, e - 1)
    return out


_INT_WORDS = {"int", "unsigned", "signed", "long", "short", "char", "size_t", "uint", "ulong", "const", "constexpr",
              "static", "uint32_t", "int32_t", "uint64_t", "int64_t", "uint16_t", "int16_t", "uint8_t", "int8_t",
              "ushort", "uchar"}


def _error_block(code_detail: str, name: str) -> str:
    return (f"#ifndef CUDAPORT_ALLOW_PARTIAL\n#error \"CUDAPORT {code_detail} (in {name}); the rest of this "
            f"program was translated: build with -DCUDAPORT_ALLOW_PARTIAL to use it\"\n#endif\n")


def qualifier_macro_texts(macros: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Object-like macros that expand to function qualifiers only (`#define ESS __host__ __device__`), from
    (name, `#define` text) pairs; a name's empty definitions (the `#else` for other compilers) do not count,
    any other one does. The scan found device functions through them (find_kernels through_macros)."""
    out: dict[str, tuple[str, ...]] = {}
    bad = set()
    for name, text in macros:
        toks = Rewriter(text).toks
        body = toks[3:] if len(toks) > 2 and toks[2].text == name else None
        if body is None or (body and body[0].text == "(" and body[0].offset == toks[2].end):
            bad.add(name)
            continue
        words = tuple(t.text for t in body)
        if not words:
            continue
        if all(w in _FUNC_QUALS for w in words) and set(words) & {"__global__", "__device__", "__host__"} \
                and out.get(name, words) == words:
            out[name] = words
        else:
            bad.add(name)
    return {k: v for k, v in out.items() if k not in bad}


def _warp_macros(macros: dict[str, str]) -> set[str]:
    """Names of the program's macros that expand to warp-emulation calls, directly or through one another
    (`#define SHFL(v, d) __shfl_sync(~0u, v, d)`): a function using one needs the warp scratch too."""
    out: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, text in macros.items():
            if name not in out and ("cp_wscratch" in idents(text) or idents(text) & out):
                out.add(name)
                changed = True
    return out


def divergent_warp_call(text: str, warp_macros: frozenset[str] | set[str] = frozenset()) -> tuple[str, int]:
    """The first warp-emulation call under thread-dependent control flow: (description, token index of the
    outermost thread-dependent `if`/`while`/`switch`/`for` around it), or ('', -1). A use of a macro that
    expands to a warp call counts as one, with index -1: it is not hoisted."""
    rw = Rewriter(text)
    toks = rw.toks
    tainted = {"get_local_id", "get_global_id", "cp_lid"}
    stack: list[tuple[bool, int]] = []  # per open brace: is the block divergent, token index of its statement
    pending: list[tuple[bool, int]] = []
    k = 0
    n = len(toks)
    while k < n:
        t = toks[k]
        if t.text in ("if", "while", "switch", "for") and k + 1 < n and toks[k + 1].text == "(":
            c = rw.match(k + 1)
            cond = toks[k + 2:c]
            ids = {x.text for x in cond if x.kind == IDENT}
            # a loaded value (`[`) in an if/while/switch condition counts as thread-dependent, not in a for header
            divergent = bool(ids & tainted) or (t.text != "for" and any(x.text == "[" for x in cond))
            if c + 1 < n and toks[c + 1].text == "{":
                stack.append((divergent, k))
                k = c + 2
            else:
                pending.append((divergent, k))
                k = c + 1
            continue
        if t.text == "{":
            stack.append(pending.pop() if pending else (False, k))
        elif t.text == "}":
            if stack:
                stack.pop()
        elif t.text == ";" and pending:
            pending.clear()
        elif t.kind == IDENT and t.text in warp_macros and k + 1 < n and toks[k + 1].text == "(":
            outer = [i for d, i in stack + pending if d]
            if outer:
                return f"warp macro {t.text} under thread-dependent control flow", -1
        elif t.kind == IDENT and t.text == "cp_wscratch" and k > 0 and toks[k - 1].text in ("(", ","):
            outer = [i for d, i in stack + pending if d]
            if outer:
                j = k - 1
                depth = 0
                while j > 0 and not (toks[j].text == "(" and depth == 0):
                    depth += {")": 1, "(": -1}.get(toks[j].text, 0)
                    j -= 1
                return (f"warp operation {toks[j - 1].text if j > 0 else ''} under thread-dependent control flow",
                        min(outer))
        elif t.kind == IDENT and k + 1 < n and toks[k + 1].text == "=" and k > 0:
            # taint: a variable assigned from a thread-dependent expression
            e = k + 2
            while e < n and toks[e].text != ";":
                e += 1
            ids = {x.text for x in toks[k + 2:e] if x.kind == IDENT}
            if ids & tainted or any(x.text == "[" for x in toks[k + 2:e]):
                tainted.add(t.text)
        k += 1
    return "", -1


def _spec_args_end(rw: Rewriter, i: int) -> int:
    """The token after an explicit specialisation's template arguments in its declarator
    (`template <> void f<float, 1>(...)`: the `(`), or i when none are written there."""
    if rw.toks[i].text != "<":
        return i
    close = rw.angle(i)
    return close + 1 if close > 0 else i
