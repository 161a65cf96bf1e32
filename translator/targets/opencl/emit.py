"""Kernel side of the OpenCL target: turns translated CUDA device functions into OpenCL C 1.2 text.

Input: each device function's text after the rule edits (builtins, math, atomics, warp calls already
rewritten), the DeviceScan of the file and the kernel instantiations the host launches. Output: the .cl
program text (prelude, macros, types, prototypes, device function clones, kernels) and, per kernel, the
extra arguments (device symbols, dynamic shared memory) the host launch stub must pass.
Address spaces are inferred from kernel parameters through calls: a device function is cloned (as an
overloadable OpenCL C function) per combination of address spaces and template arguments it is called with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from translator.targets.opencl.scan import DevFunc, DeviceScan, DevVar, TParam, idents, is_integral, split_top
from translator.targets.opencl.text import IDENT, KEYWORD, PUNCT, Rewriter, sub_idents

SPACES = {"global": "__global", "local": "__local", "constant": "__constant", "private": "__private"}
_SPACE_WORDS = {"__global", "__local", "__constant", "__private", "global", "local", "constant", "private"}
_BASE_TYPES = {"void", "bool", "char", "short", "int", "long", "float", "double", "half", "uchar", "ushort", "uint",
               "ulong", "size_t", "ptrdiff_t", "unsigned", "signed", "int8_t", "uint8_t", "int16_t", "uint16_t",
               "int32_t", "uint32_t", "int64_t", "uint64_t"}
_TYPE_QUALS = {"const", "volatile", "struct", "union", "enum", "restrict", "static"} | _SPACE_WORDS
_VEC = re.compile(r"(?:cp_)?(?:u?char|u?short|u?int|u?long|float|double)(?:[2348]|16)")
# OpenCL C keywords that are ordinary identifiers in CUDA (`__shared__ int local[256];`): renamed in device code
_CL_RESERVED = {w: f"cp_{w}" for w in ("local", "global", "constant", "private", "kernel", "read_only", "write_only",
                                        "read_write", "uniform", "pipe")}
# OpenCL C 1.2 builtin functions that CUDA device code lacks: a user kernel or device function of that name would
# clash with the builtin in the .cl, so it is emitted (and called) as cp_<name>.
_CL_ONLY_BUILTINS = frozenset(
    "cross dot distance length normalize fast_distance fast_length fast_normalize clamp degrees radians mix step "
    "smoothstep sign isequal isnotequal isgreater isgreaterequal isless islessequal islessgreater isordered "
    "isunordered any all bitselect select abs_diff add_sat hadd rhadd mad_hi mad_sat mul_hi rotate sub_sat upsample "
    "popcount clz mad24 mul24 acospi asinpi atanpi atan2pi tanpi fract mad maxmag minmag pown powr rootn shuffle "
    "shuffle2 vec_step barrier mem_fence read_mem_fence write_mem_fence prefetch async_work_group_copy "
    "async_work_group_strided_copy wait_group_events get_work_dim get_global_size get_global_id get_local_size "
    "get_local_id get_num_groups get_group_id get_global_offset atomic_add atomic_sub atomic_xchg atomic_inc "
    "atomic_dec atomic_cmpxchg atomic_min atomic_max atomic_and atomic_or atomic_xor".split())
# Builtins CUDA has too (min, max, sqrt, ...): calls in device code mean CUDA's function as often as the user's, so a
# user device function of that name keeps it (a known limit: PoCL rejects it); only kernels of that name are renamed.
_CL_SHARED_BUILTINS = frozenset(
    "min max abs fabs sqrt rsqrt cbrt exp exp2 exp10 expm1 log log2 log10 log1p pow sin cos tan asin acos atan "
    "atan2 sinh cosh tanh asinh acosh atanh floor ceil round trunc rint fmin fmax fma fmod hypot erf erfc tgamma "
    "lgamma copysign fdim frexp ldexp modf nan nextafter remainder remquo sincos ilogb logb cospi sinpi isnan isinf "
    "isfinite isnormal signbit printf".split())
_FUNC_QUALS = {"__global__", "__device__", "__host__", "__forceinline__", "__noinline__", "static", "inline",
               "extern", "__kernel", "__inline__"}


def cl_func_name(name: str, *, kernel: bool) -> str:
    """The OpenCL C name of a user kernel or device function (`normalize` -> `cp_normalize`)."""
    clash = name in _CL_ONLY_BUILTINS or (kernel and name in _CL_SHARED_BUILTINS)
    return f"cp_{name}" if clash else name


def mangle(arg: str) -> str:
    """Kernel-name suffix for one template argument (the host stub computes the same string)."""
    a = canonical_type(arg.strip())
    if a in ("true", "false"):
        return "1" if a == "true" else "0"
    if re.fullmatch(r"-?\d+[uUlL]*", a):
        return re.sub(r"[uUlL]+$", "", a).replace("-", "m")
    return re.sub(r"\W+", "_", a).strip("_")


def canonical_type(t: str) -> str:
    t = " ".join(t.replace("*", " * ").split())
    for long_form, short in (("unsigned long long int", "ulong"), ("unsigned long long", "ulong"),
                             ("long long int", "long"), ("long long", "long"), ("unsigned long int", "ulong"),
                             ("unsigned long", "ulong"), ("unsigned int", "uint"), ("unsigned short", "ushort"),
                             ("unsigned char", "uchar"), ("signed char", "char"), ("size_t", "ulong")):
        t = re.sub(rf"\b{long_form}\b", short, t)
    t = re.sub(r"\bunsigned\b", "uint", t)
    return t.replace(" * ", "*").replace(" *", "*")


def cxx_to_c_types(text: str) -> str:
    """C++ spellings that OpenCL C lacks: long long, unsigned long long, nullptr, constexpr, casts, `ns::`."""
    text = re.sub(r"\bunsigned\s+long\s+long(\s+int)?\b", "ulong", text)
    text = re.sub(r"\blong\s+long(\s+int)?\b", "long", text)
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.text == "::":  # OpenCL C has no namespaces: `ns::f` and `::f` are `f` (ns's parts are moved flat)
            start = toks[k - 1].offset if k > 0 and toks[k - 1].kind == IDENT else t.offset
            rw.replace(start, t.end, "")
        elif t.text == "nullptr":
            rw.replace(t.offset, t.end, "0")
        elif t.text == "constexpr":
            rw.replace(t.offset, t.end, "const")
        elif t.text in ("static_cast", "reinterpret_cast", "const_cast") and k + 1 < len(toks) \
                and toks[k + 1].text == "<":
            close = rw.angle(k + 1)
            if close > 0:
                rw.replace(t.offset, toks[close].end, f"({rw.tok_text(k + 2, close - 1)})")
        elif t.kind in (IDENT, KEYWORD) and (t.text in _BASE_TYPES or _VEC.fullmatch(t.text)) \
                and k + 1 < len(toks) and toks[k + 1].text == "(" and k > 0 \
                and toks[k - 1].kind == PUNCT and toks[k - 1].text not in (")", "]"):
            rw.replace(t.offset, t.end, f"({t.text})")
    return rw.result()


@dataclass
class Extra:
    key: str  # "warp" | "sym:NAME" | "sh:FUNC:NAME"
    pname: str  # parameter name in device functions and local/param name in kernels
    param: str  # parameter declaration in device functions
    kernel_decl: str = ""  # declaration at kernel scope (warp scratch, hoisted shared), or "" for kernel params
    kernel_param: str = ""  # kernel parameter (symbols)
    kernel_adj: str = ""


@dataclass
class FuncInfo:
    func: DevFunc
    text: str  # translated definition text
    params: list[str]  # parameter texts
    ret: str  # return type text (qualifiers removed)
    body: str  # `{ ... }`
    qualifiers: set[str]
    own_extras: list[str] = field(default_factory=list)
    callees: set[str] = field(default_factory=set)
    shared: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (name, elem type, dims text, extern)


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
                 type_names: set[str], report: Callable[[str, DevFunc, str], None]) -> None:
        self.scan = scan
        self.report = report
        self.poisoned = poisoned
        self.type_names = set(type_names)
        self.vars = {v.name: v for v in scan.vars}
        self.infos: dict[int, FuncInfo] = {}
        self.by_name: dict[str, list[FuncInfo]] = {}
        for f in scan.funcs:
            info = self._analyse(f, sub_idents(texts[f.start], _CL_RESERVED))
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
            if t.text == f.name and j + 1 < len(toks) and toks[j + 1].text == "(":
                name_i = j
                break
            j += 1
        open_i = name_i + 1
        close_i = rw.match(open_i)
        body_i = close_i + 1
        while body_i < len(toks) and toks[body_i].text != "{":
            body_i += 1
        head_toks = toks[:name_i]
        quals = {t.text for t in head_toks if t.text in _FUNC_QUALS}
        ret_parts = []
        skip_to = -1
        for k, t in enumerate(head_toks):
            if k <= skip_to:
                continue
            if t.text in ("__launch_bounds__",) and k + 1 < len(head_toks):
                skip_to = rw.match(k + 1)
                quals.add("__launch_bounds__")
                continue
            if t.text in _FUNC_QUALS:
                continue
            ret_parts.append(t.text)
        params = [rw.tok_text(a, b) for a, b in rw.split(open_i, close_i)]
        if len(params) == 1 and params[0].strip() == "void":
            params = []
        body = rw.slice(toks[body_i].offset, len(rw.data))
        info = FuncInfo(f, text, params, " ".join(ret_parts), body, quals)
        body_ids = idents(re.sub(r'"(?:\\.|[^"\\])*"', "", body))
        if "cp_wscratch" in body_ids:
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
            e = k
            while e < len(brw.toks) and brw.toks[e].text != ";":
                e += 1
            decl = [x for x in brw.toks[k + 1:e]]
            name_k = next((i for i, x in enumerate(decl) if x.kind == IDENT and
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
                self.extras[key] = Extra(key, pname, decl, kernel_decl=f"__local {elem_c} {pname}{kdims};")

    # -- instances -----------------------------------------------------------------------------------------
    def add_kernel(self, inst: KernelInstance) -> None:
        info = self.infos[inst.func.start]
        key = ("k", inst.func.start, tuple(sorted(inst.subst.items())), inst.name)
        if key in self.done:
            return
        self.done[key] = ""
        if inst.func.start in self.poisoned:
            self.bodies.append(_error_block(self.poisoned[inst.func.start], inst.name))
            return
        self.bodies.append(self._emit(info, inst.subst, None, inst.name))

    def drain(self) -> None:
        while self.queue:
            key = self.queue.pop(0)
            _, start, subst, spaces = key
            info = self.infos[start]
            if start in self.poisoned:
                self.bodies.append(_error_block(self.poisoned[start], cl_func_name(info.func.name, kernel=False)))
                continue
            self.bodies.append(self._emit(info, dict(subst), spaces, cl_func_name(info.func.name, kernel=False)))

    def request(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...]) -> None:
        key = ("d", info.func.start, tuple(sorted(subst.items())), spaces)
        if key not in self.done:
            self.done[key] = ""
            self.queue.append(key)

    def request_named(self, names: set[str]) -> bool:
        """Queue the non-template device functions of these names (called from a macro: pointer parameters are
        taken as __global); True when something new was queued."""
        before = len(self.queue)
        for name in sorted(names):
            for info in self.by_name.get(name, []):
                if info.func.kind == "kernel" or info.func.tparams:
                    continue
                spaces = tuple("global" for p in info.params if _split_param(p)[2] or _split_param(p)[3] == "mut")
                self.request(info, {}, spaces)
        return len(self.queue) > before

    # -- emission ------------------------------------------------------------------------------------------
    def _emit(self, info: FuncInfo, subst: dict[str, str], spaces: tuple[str, ...] | None, name: str) -> str:
        f = info.func
        kernel = spaces is None
        smap = dict(subst)
        params = [cxx_to_c_types(sub_idents(p, smap)) for p in info.params]
        ret = cxx_to_c_types(sub_idents(info.ret, smap)) if not kernel else "void"
        body = cxx_to_c_types(sub_idents(info.body, smap))
        env = Env(self, info, smap)
        new_params: list[str] = []
        adjs: list[str] = []
        derefs: dict[str, str] = {}
        pi = 0
        for p in params:
            pname, ptype, is_ptr, ref = _split_param(p)
            if kernel:
                if is_ptr:
                    t = _add_space(ptype, "__global")
                    new_params.append(f"{t} {pname} CP_OFF({pname})")
                    adjs.append(f"CP_ADJ({t}, {pname})")
                    env.declare(pname, "global", ptype)
                else:
                    t = re.sub(r"\bsize_t\b", "ulong", ptype)
                    t = re.sub(r"\bbool\b", "uchar", t)
                    new_params.append(f"{t} {pname}")
                    env.declare(pname, None, ptype)
                continue
            if ref == "const":
                new_params.append(f"{ptype} {pname}")
                env.declare(pname, None, ptype)
                continue
            if is_ptr or ref == "mut":
                space = spaces[pi] if spaces and pi < len(spaces) else "global"
                pi += 1
                t = _add_space(ptype + ("*" if ref == "mut" else ""), SPACES[space])
                new_params.append(f"{t} {pname}")
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
            if dyn:
                new_params.append(dyn)
            decls = [e.kernel_decl for e in extras if e.kernel_decl] + local_decls
            lines = [f"__kernel void {name}({', '.join(new_params) or 'void'}) {{"]
            lines += ["    " + a for a in adjs] + ["    " + d for d in decls]
            inner = body.strip()
            assert inner.startswith("{")
            text = "\n".join(lines) + inner[1:]
            self._check_warp(info, text)
            if "__launch_bounds__" in info.qualifiers and (f.name, "lb") not in self.warned:
                self.warned.add((f.name, "lb"))
                self.notes.append(("CP4004", f, f"__launch_bounds__ of kernel {f.name} dropped"))
            return text + "\n"
        new_params += [e.param for e in extras]
        inline = "inline " if "__forceinline__" in info.qualifiers or "inline" in info.qualifiers else ""
        noinline = "__attribute__((noinline)) " if "__noinline__" in info.qualifiers else ""
        head = f"static {inline}{noinline}CP_OVL {ret} {name}({', '.join(new_params) or 'void'})"
        self.protos.append(head + ";")
        text = head + " " + body.strip() + "\n"
        self._check_warp(info, text)
        return text

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
            e = k
            while e < len(toks) and toks[e].text != ";":
                e += 1
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
            env.declare(vname, "local", elem + "*" if dims else elem)
            if not dims:
                env.local_scalars.add(vname)
            if is_extern:
                dyn = f"__local {elem}* {vname}"
            else:
                decls.append(f"__local {decl_text.strip()};")
        return rw.result(), decls, dyn

    def _check_warp(self, info: FuncInfo, text: str) -> None:
        site = divergent_warp_call(text)
        if site and (info.func.name, "warp") not in self.warned:
            self.warned.add((info.func.name, "warp"))
            self.notes.append(("CP4001", info.func, f"{info.func.name}: {site}"))

    def program(self, head: str) -> str:
        self.drain()
        protos = "\n".join(dict.fromkeys(self.protos))
        return head + ("\n/* device functions */\n" + protos + "\n" if protos else "") + "\n" + "\n".join(
            self.bodies)


def canonical_c_type(t: str) -> str:
    return cxx_to_c_types(" ".join(t.split()))


def _error_block(code_detail: str, name: str) -> str:
    return (f"#ifndef CUDAPORT_ALLOW_PARTIAL\n#error \"CUDAPORT {code_detail} (in {name}); the rest of this "
            f"program was translated: build with -DCUDAPORT_ALLOW_PARTIAL to use it\"\n#endif\n")


def _split_param(p: str) -> tuple[str, str, bool, str]:
    """(name, type text, is pointer, reference kind '' | 'const' | 'mut')."""
    p = re.sub(r"\b__restrict__\b", "restrict", p.split("=")[0]).strip()
    m = re.match(r"(.*?)([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$", p, re.DOTALL)
    if not m:
        return "", p, "*" in p, ""
    ptype, name, dims = m.group(1).strip(), m.group(2), m.group(3)
    ref = ""
    if ptype.endswith("&"):
        ptype = ptype[:-1].strip()
        ref = "const" if re.search(r"\bconst\b", ptype) and "*" not in ptype else "mut"
        if ref == "const":
            ptype = re.sub(r"\bconst\b", "", ptype).strip()
    if dims:
        ptype = ptype + "*"
    return name, ptype, "*" in ptype, ref


def _add_space(ptype: str, space: str) -> str:
    """Put `space` on the pointee (and on every inner pointer level: T** -> space T* space*)."""
    if any(w in ptype.split() for w in _SPACE_WORDS):
        return ptype
    first = ptype.find("*")
    base, rest = ptype[:first].strip(), ptype[first:]
    rest = rest[0] + rest[1:].replace("*", f" {space}*")
    return f"{space} {base}{rest}"


class Env:
    """Variables visible in one function instance: address space of pointers/arrays and spelled types."""

    def __init__(self, builder: ProgramBuilder, info: FuncInfo, subst: dict[str, str]) -> None:
        self.b = builder
        self.info = info
        self.subst = subst
        self.space: dict[str, str | None] = {}
        self.types: dict[str, str] = {}
        self.local_scalars: set[str] = set()

    def declare(self, name: str, space: str | None, ctype: str) -> None:
        self.space[name] = space
        self.types[name] = ctype.strip()

    def is_type_word(self, t: str) -> bool:
        return t in _BASE_TYPES or bool(_VEC.fullmatch(t)) or t in self.b.type_names

    # base address space of an expression starting at token k
    def expr_space(self, rw: Rewriter, k: int, end: int) -> str | None:
        toks = rw.toks
        addr = False
        while k <= end and toks[k].text in ("(", "&", "*", "+", "-"):
            if toks[k].text == "&":
                addr = True
            if toks[k].text == "(" and k + 1 <= end and self._cast_at(rw, k) > 0:
                k = self._cast_at(rw, k) + 1
                continue
            k += 1
        if k > end or toks[k].kind != IDENT:
            return "private" if addr else None
        name = toks[k].text
        if name in self.space:
            sp = self.space[name]
            if sp is None:
                return "private" if addr else None
            if name in self.local_scalars:
                return sp if addr else None
            return sp
        return "private" if addr else None

    def expr_type(self, rw: Rewriter, a: int, b: int) -> str | None:
        toks = rw.toks
        if a == b:
            t = toks[a]
            if t.kind == IDENT and t.text in self.types:
                return _strip_cv(self.types[t.text])
            if t.kind != PUNCT and re.fullmatch(r"\d+", t.text):
                return "int"
            if re.fullmatch(r"[\d.]+(e[-+]?\d+)?[fF]", t.text):
                return "float"
            if re.fullmatch(r"\d*\.\d*(e[-+]?\d+)?", t.text):
                return "double"
            return None
        if toks[a].kind == IDENT and toks[a + 1].text == "[" and rw.match(a + 1) == b:
            base = self.types.get(toks[a].text)
            if base and "*" in base:
                return _strip_cv(base[: base.rfind("*")])
        if toks[a].text == "(" and self._cast_at(rw, a) > 0:
            c = self._cast_at(rw, a)
            return _strip_cv(rw.tok_text(a + 1, c - 1))
        return None

    def _cast_at(self, rw: Rewriter, k: int) -> int:
        """If token k opens a cast `(type)`, the index of its `)`; else -1."""
        toks = rw.toks
        j = k + 1
        seen_type = False
        while j < len(toks):
            t = toks[j]
            if t.text in _TYPE_QUALS or t.text in ("unsigned", "signed"):
                j += 1
                continue
            if t.kind in (IDENT, KEYWORD) and self.is_type_word(t.text):
                seen_type = True
                j += 1
                continue
            if t.text == "*" and seen_type:
                j += 1
                continue
            break
        if seen_type and j < len(toks) and toks[j].text == ")":
            return j
        return -1

    def rewrite_body(self, body: str) -> str:
        rw = Rewriter(body)
        toks = rw.toks
        funcs = self.b.by_name
        n = len(toks)
        prev = "{"
        prev2 = ""
        for k in range(n):
            t = toks[k]
            if t.directive >= 0:
                if t.kind == IDENT and t.text in funcs and k + 1 < n and toks[k + 1].text == "(":
                    self._call(rw, k)  # a macro defined in the body calls it: emit it too
                continue
            if (prev in (";", "{", "}") or (prev == "(" and prev2 == "for")) and \
                    (t.kind in (IDENT, KEYWORD) and (t.text in _TYPE_QUALS or self.is_type_word(t.text))):
                self._declaration(rw, k)
            if t.text == "(" and (k == 0 or toks[k - 1].text != "sizeof"):
                c = self._cast_at(rw, k)
                if c > 0 and "*" in [x.text for x in toks[k:c]] and c + 1 < n and \
                        not any(x.text in _SPACE_WORDS for x in toks[k:c]) and \
                        toks[c + 1].text not in (")", ";", ",", "]"):
                    sp = self.expr_space(rw, c + 1, n - 1) or "global"
                    rw.insert(toks[k + 1].offset, SPACES[sp] + " ")
            if t.kind == IDENT and t.text in funcs and (k == 0 or toks[k - 1].text not in (".", "->")):
                self._call(rw, k)
            if t.text == "<<" and k + 1 < n and toks[k + 1].text == "<":
                self.b.notes.append(("CP3006", self.info.func, "kernel launch in device code"))
            prev2, prev = prev, t.text
        return rw.result()

    def _declaration(self, rw: Rewriter, k: int) -> None:
        toks = rw.toks
        j = k
        has_space = False
        type_words = []
        while j < len(toks) and toks[j].kind in (IDENT, KEYWORD) and (
                toks[j].text in _TYPE_QUALS or self.is_type_word(toks[j].text) or toks[j].text in ("unsigned",)):
            has_space |= toks[j].text in _SPACE_WORDS
            type_words.append(toks[j].text)
            j += 1
        if not type_words or all(w in _TYPE_QUALS for w in type_words) or j >= len(toks):
            return
        base = " ".join(w for w in type_words if w not in ("static",))
        first = True
        while j < len(toks):
            stars = 0
            while j < len(toks) and toks[j].text == "*":
                stars += 1
                j += 1
            while j < len(toks) and toks[j].text in ("const", "volatile", "restrict"):
                j += 1
            if j >= len(toks) or toks[j].kind != IDENT:
                return
            name = toks[j].text
            j += 1
            if j >= len(toks) or toks[j].text not in ("=", ";", ",", "[", ")", ":"):
                return
            is_array = toks[j].text == "["
            while j < len(toks) and toks[j].text == "[":
                j = rw.match(j) + 1
            end = j
            if j < len(toks) and toks[j].text == "=":
                end = j + 1
                depth = 0
                while end < len(toks):
                    tx = toks[end].text
                    if tx in ("(", "[", "{"):
                        depth += 1
                    elif tx in (")", "]", "}"):
                        if depth == 0:
                            break
                        depth -= 1
                    elif tx in (",", ";") and depth == 0:
                        break
                    end += 1
            if stars:
                sp = None
                if toks[j].text == "=":
                    sp = self.expr_space(rw, j + 1, end - 1)
                sp = sp or "global"
                if first and not has_space:
                    rw.insert(toks[k].offset, SPACES[sp] + " ")
                    has_space = True
                self.declare(name, sp, base + "*" * stars)
            elif is_array:
                self.declare(name, "private", base + "*")
            else:
                self.declare(name, None, base)
            first = False
            if end >= len(toks) or toks[end].text != ",":
                return
            j = end + 1

    def _call(self, rw: Rewriter, k: int) -> None:
        toks = rw.toks
        name = toks[k].text
        j = k + 1
        targs: list[str] | None = None
        if j < len(toks) and toks[j].text == "<":
            close = rw.angle(j)
            if close < 0 or close + 1 >= len(toks) or toks[close + 1].text != "(":
                return
            targs = [cxx_to_c_types(a) for a in split_top(rw.tok_text(j + 1, close - 1))] if close > j + 1 else []
            rw.replace(toks[j].offset, toks[close].end, "")
            j = close + 1
        if j >= len(toks) or toks[j].text != "(":
            return
        close = rw.match(j)
        args = rw.split(j, close)
        if cl_func_name(name, kernel=False) != name:
            rw.replace(toks[k].offset, toks[k].end, cl_func_name(name, kernel=False))
        cands = [i for i in self.b.by_name[name] if len(i.params) == len(args)] or self.b.by_name[name]
        info = cands[0]
        spaces = []
        types: dict[str, str] = {}
        tparams = [tp for tp in info.func.tparams]
        if targs is not None:
            for tp, a in zip(tparams, targs, strict=False):
                types[tp.name] = a.strip()
        for p, (a, b) in zip(info.params, args, strict=False):
            pname, ptype, is_ptr, ref = _split_param(p)
            if is_ptr or ref == "mut":
                sp = self.expr_space(rw, a, b) or ("private" if ref == "mut" else "global")
                if ref == "mut" and sp is None:
                    sp = "private"
                spaces.append(sp)
                if ref == "mut":
                    rw.insert(toks[a].offset, "&(")
                    rw.insert(toks[b].end, ")")
            at = self.expr_type(rw, a, b)
            if at:
                _bind(ptype, at, tparams, types)
        for tp in tparams:
            if tp.name not in types:
                fallback = self.subst.get(tp.name) or next(iter(self.subst.values()), None)
                if fallback is None:
                    self.b.notes.append(("CP4003", info.func, f"template arguments of {name} not deduced"))
                    fallback = "int" if tp.kind == "value" else "float"
                types[tp.name] = fallback
        self.b.request(info, types, tuple(spaces))
        extra = [self.b.extras[x].pname for x in self.b.func_extras.get(name, [])]
        if extra:
            rw.insert(toks[close].offset, (", " if args else "") + ", ".join(extra))


def _strip_cv(t: str) -> str:
    return " ".join(w for w in t.split() if w not in ("const", "volatile", "restrict") and w not in _SPACE_WORDS)


def _bind(ptype: str, atype: str, tparams: list[TParam], out: dict[str, str]) -> None:
    p = _strip_cv(ptype).replace(" ", "")
    a = _strip_cv(atype).replace(" ", "")
    for tp in tparams:
        if tp.kind != "type" or tp.name in out:
            continue
        if p == tp.name and "*" not in a:
            out[tp.name] = _strip_cv(atype)
        elif p == tp.name + "*" and a.endswith("*"):
            out[tp.name] = _strip_cv(atype)[:-1].strip()


_UNIFORM_FUNCS = {"get_local_size", "get_num_groups", "get_group_id", "get_global_size", "get_work_dim"}


def divergent_warp_call(text: str) -> str:
    """A description of the first warp-emulation call under thread-dependent control flow, or ''."""
    rw = Rewriter(text)
    toks = rw.toks
    tainted = {"get_local_id", "get_global_id", "cp_lid"}
    stack: list[bool] = []  # per open brace: is the block divergent
    pending: list[bool] = []
    cond_div = False
    k = 0
    n = len(toks)
    while k < n:
        t = toks[k]
        if t.text in ("if", "while", "switch") and k + 1 < n and toks[k + 1].text == "(":
            c = rw.match(k + 1)
            ids = {x.text for x in toks[k + 2:c] if x.kind == IDENT}
            cond_div = bool(ids & tainted) or any(x.text == "[" for x in toks[k + 2:c])
            if c + 1 < n and toks[c + 1].text == "{":
                stack.append(cond_div)
                k = c + 2
            else:
                pending.append(cond_div)
                k = c + 1
            continue
        if t.text == "for" and k + 1 < n and toks[k + 1].text == "(":
            c = rw.match(k + 1)
            ids = {x.text for x in toks[k + 2:c] if x.kind == IDENT}
            d = bool(ids & tainted)
            if c + 1 < n and toks[c + 1].text == "{":
                stack.append(d)
                k = c + 2
            else:
                pending.append(d)
                k = c + 1
            continue
        if t.text == "{":
            stack.append(bool(pending and pending.pop()) if pending else False)
        elif t.text == "}":
            if stack:
                stack.pop()
        elif t.text == ";" and pending:
            pending.clear()
        elif t.text == "else":
            pass
        elif t.kind == IDENT and t.text == "cp_wscratch" and k > 0 and toks[k - 1].text in ("(", ","):
            if any(stack) or any(pending):
                j = k - 1
                depth = 0
                while j > 0 and not (toks[j].text == "(" and depth == 0):
                    depth += {")": 1, "(": -1}.get(toks[j].text, 0)
                    j -= 1
                return f"warp operation {toks[j - 1].text if j > 0 else ''} under thread-dependent control flow"
        elif t.kind == IDENT and k + 1 < n and toks[k + 1].text == "=" and k > 0:
            # taint: a variable assigned from a thread-dependent expression
            e = k + 2
            while e < n and toks[e].text != ";":
                e += 1
            ids = {x.text for x in toks[k + 2:e] if x.kind == IDENT}
            if ids & tainted or any(x.text == "[" for x in toks[k + 2:e]):
                tainted.add(t.text)
        k += 1
    return ""


def constant_decl(text: str, name: str) -> str:
    """A top-level `const T NAME = init;` for OpenCL C: integral constants become enumerators (usable in
    array sizes), others __constant variables."""
    m = re.match(r"(.*?)\b" + re.escape(name) + r"\s*=\s*(.*?);?\s*$", text.strip(), re.DOTALL)
    if not m:
        return ""
    tw = re.sub(r"\b(static|constexpr|const|inline)\b", "", m.group(1)).strip()
    if is_integral(tw):
        return f"enum {{ {name} = ({m.group(2)}) }};"
    return f"__constant {cxx_to_c_types(tw)} {name} = {m.group(2)};"


def type_decl(text: str) -> str:
    """A top-level C++ type declaration as OpenCL C: `struct X {...};` also gets `typedef struct X X;`."""
    text = cxx_to_c_types(text)
    m = re.match(r"\s*(struct|union)\s+([A-Za-z_]\w*)\s*(?::[^{]*)?\{", text)
    if m:
        return f"typedef {m.group(1)} {m.group(2)} {m.group(2)};\n{text}"
    m = re.match(r"\s*enum\s+(?:class\s+)?([A-Za-z_]\w*)\s*(?::[^{]*)?\{", text)
    if m:
        return f"typedef int {m.group(1)};\n" + re.sub(r"^\s*enum\s+(?:class\s+)?[A-Za-z_]\w*\s*(?::[^{]*)?\{",
                                                      "enum {", text)
    return text


__all__ = ["DevVar", "Emitted", "KernelInstance", "ProgramBuilder", "constant_decl", "mangle", "type_decl"]
