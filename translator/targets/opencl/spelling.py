"""OpenCL target, spelling of names and types: C++ type spellings that OpenCL C 1.2 lacks, user function
names that clash with OpenCL builtins, kernel-name mangling of template arguments, parameter and address-space
type texts, and top-level constants and type declarations as OpenCL C. Input: text of one declaration, type or
name; output: its OpenCL C text.
"""

from __future__ import annotations

import re

from translator.targets.opencl.scan import DevFunc, is_integral
from translator.targets.opencl.text import IDENT, KEYWORD, PUNCT, Rewriter, sub_idents

# "generic" only in C++ for OpenCL programs (OpenCL C 1.2 has no generic address space)
SPACES = {"global": "__global", "local": "__local", "constant": "__constant", "private": "__private",
          "generic": "__generic"}
SPACE_WORDS = {"__global", "__local", "__constant", "__private", "global", "local", "constant", "private", "__generic"}
BASE_TYPES = {"void", "bool", "char", "short", "int", "long", "float", "double", "half", "uchar", "ushort", "uint",
               "ulong", "size_t", "ptrdiff_t", "unsigned", "signed", "int8_t", "uint8_t", "int16_t", "uint16_t",
               "int32_t", "uint32_t", "int64_t", "uint64_t"}
TYPE_QUALS = {"const", "volatile", "struct", "union", "enum", "restrict", "static"} | SPACE_WORDS
VECTOR_TYPE = re.compile(r"(?:cp_)?(?:u?char|u?short|u?int|u?long|float|double)(?:[2348]|16)")
# OpenCL C keywords that are ordinary identifiers in CUDA (`__shared__ int local[256];`): renamed in device code
CL_RESERVED = {w: f"cp_{w}" for w in ("local", "global", "constant", "private", "kernel", "read_only", "write_only",
                                        "read_write", "uniform", "pipe")}
# `half` is an OpenCL C type keyword but an ordinary name in CUDA code (`uint16_t half = 1 << n;`): after the
# rules every CUDA `half` type is `cp_half`, so a `half` left in device code names a variable or function
CL_RESERVED["half"] = "cp_v_half"
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


def cl_func_name(name: str, *, kernel: bool) -> str:
    """The OpenCL C name of a user kernel or device function (`normalize` -> `cp_normalize`, a keyword such as
    `kernel` -> `cp_kernel`, as sub_idents(CL_RESERVED) spells its calls; template instances add suffixes)."""
    if name in CL_RESERVED:
        return CL_RESERVED[name]
    clash = name in _CL_ONLY_BUILTINS or (kernel and name in _CL_SHARED_BUILTINS)
    return f"cp_{name}" if clash else name


def kernel_cl_name(func: DevFunc) -> str:
    """The .cl name of a kernel before any instance suffix: its own (cl_func_name), or the namespace-qualified
    DevFunc.cl_name. An explicit specialisation (`template <> __global__ void k<float>(...)`) adds its template
    arguments as an instance of the primary template would (`k_float`): it and the primary's instances each get a
    name of their own, and the stub of `k<float>` (host.launch_stub) launches the specialisation."""
    base = func.cl_name or cl_func_name(func.name, kernel=True)
    if func.spec_args and not func.tparams:
        base += "".join("_" + mangle(a) for a in func.spec_args)
    return base


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


def local_aliases(text: str) -> str:
    """`using V = uint4;` inside a function body (C++ only) is dropped and V spelled as its type in the rest of
    the body, so the address-space pass sees the type in casts and declarations (`(const V*)p`)."""
    while True:
        rw = Rewriter(text)
        toks = rw.toks
        k = next((k for k in range(1, len(toks) - 3) if toks[k].text == "using" and toks[k].directive < 0
                  and toks[k - 1].text in (";", "{", "}") and toks[k + 1].kind == IDENT
                  and toks[k + 2].text == "="), -1)
        if k < 0:
            return text
        end = k + 3
        while end < len(toks) and toks[end].text != ";":
            end = rw.match(end) if toks[end].text in ("(", "[", "{") else end
            if end < 0:
                return text
            end += 1
        if end >= len(toks):
            return text
        alias = rw.tok_text(k + 3, end - 1)
        if _in_class_body(toks, k):  # a member alias (`K::input_t` outside names it): kept, as a typedef
            text = rw.slice(0, toks[k].offset) + f"typedef {alias} {toks[k + 1].text};" + \
                rw.slice(toks[end].end, len(rw.data))
            continue
        text = rw.slice(0, toks[k].offset) + sub_idents(rw.slice(toks[end].end, len(rw.data)),
                                                        {toks[k + 1].text: alias})


# std::numeric_limits<T>::NAME() in device code -> the OpenCL C constant (OpenCL C 1.2 §6.12.2, §6.12.3)
_LIMITS_FLOAT = {"max": "{P}_MAX", "min": "{P}_MIN", "lowest": "(-{P}_MAX)", "epsilon": "{P}_EPSILON",
                 "infinity": "(({T})INFINITY)", "quiet_NaN": "(({T})NAN)", "signaling_NaN": "(({T})NAN)"}
_INT_LIMITS = {"char": ("CHAR_MIN", "CHAR_MAX"), "signed char": ("SCHAR_MIN", "SCHAR_MAX"),
               "unsigned char": ("0", "UCHAR_MAX"), "uchar": ("0", "UCHAR_MAX"), "short": ("SHRT_MIN", "SHRT_MAX"),
               "unsigned short": ("0", "USHRT_MAX"), "ushort": ("0", "USHRT_MAX"), "int": ("INT_MIN", "INT_MAX"),
               "unsigned int": ("0u", "UINT_MAX"), "unsigned": ("0u", "UINT_MAX"), "uint": ("0u", "UINT_MAX"),
               "int32_t": ("INT_MIN", "INT_MAX"), "uint32_t": ("0u", "UINT_MAX"), "long": ("LONG_MIN", "LONG_MAX"),
               "long long": ("LONG_MIN", "LONG_MAX"), "int64_t": ("LONG_MIN", "LONG_MAX"),
               "unsigned long": ("0ul", "ULONG_MAX"), "unsigned long long": ("0ul", "ULONG_MAX"),
               "ulong": ("0ul", "ULONG_MAX"), "uint64_t": ("0ul", "ULONG_MAX"), "size_t": ("0ul", "ULONG_MAX")}


def numeric_limit(ctype: str, member: str) -> str | None:
    """The OpenCL C spelling of `std::numeric_limits<ctype>::member()`, or None."""
    t = " ".join(ctype.split())
    if t in ("float", "double"):
        form = _LIMITS_FLOAT.get(member)
        return form.format(P="FLT" if t == "float" else "DBL", T=t) if form else None
    if t in _INT_LIMITS and member in ("min", "max", "lowest"):
        lo, hi = _INT_LIMITS[t]
        return f"({hi})" if member == "max" else f"({lo})"
    return None


def _numeric_limits(rw: Rewriter, k: int) -> None:
    """Token k is `numeric_limits` (after `std::` or not): `numeric_limits<T>::NAME()` becomes the constant.
    Types without an entry stay as written (the OpenCL compiler rejects them)."""
    toks = rw.toks
    if k + 1 >= len(toks) or toks[k + 1].text != "<":
        return
    close = rw.angle(k + 1)
    if close < 0 or close + 4 >= len(toks) or toks[close + 1].text != "::" or toks[close + 3].text != "(" \
            or toks[close + 4].text != ")":
        return
    value = numeric_limit(rw.tok_text(k + 2, close - 1), toks[close + 2].text)
    if value is None:
        return
    start = k - 2 if k >= 2 and toks[k - 1].text == "::" and toks[k - 2].text == "std" else k
    rw.replace(toks[start].offset, toks[close + 4].end, value)


def _in_class_body(toks: list, k: int) -> bool:
    """Whether token k is directly inside the braces of a struct, class or union definition."""
    depth = 0
    for o in range(k - 1, -1, -1):
        t = toks[o].text
        if t == "}":
            depth += 1
        elif t == "{" and depth:
            depth -= 1
        elif t == "{":
            for h in range(o - 1, -1, -1):
                if toks[h].text in (";", "{", "}", ")"):
                    return False
                if toks[h].text in ("struct", "class", "union"):
                    return True
            return False
    return False


def cxx_to_c_types(text: str) -> str:
    """C++ spellings that OpenCL C lacks: long long, unsigned long long, nullptr, constexpr, casts, `ns::`,
    alignas, local type aliases."""
    text = local_aliases(text) if "using" in text else text
    text = re.sub(r"\bunsigned\s+long\s+long(\s+int)?\b", "ulong", text)
    text = re.sub(r"\blong\s+long(\s+int)?\b", "long", text)
    # CUDA's long long vectors are OpenCL's long vectors (rules/types/vector.yaml), also where a template
    # argument put the CUDA name into an instance after the rules ran (`Width<longlong2>`)
    text = re.sub(r"\b(u?)longlong([24])\b", r"\1long\2", text)
    text = re.sub(r"\b(u?)longlong3\b", r"cp_\1long3", text)
    text = _fold_is_same(text)
    rw = Rewriter(text)
    toks = rw.toks
    limits = [k for k, t in enumerate(toks) if t.text == "numeric_limits"]
    if limits:
        for k in limits:
            _numeric_limits(rw, k)
        rw = Rewriter(rw.result())
        toks = rw.toks
    for k, t in enumerate(toks):
        if t.text == "::" and k > 0 and toks[k - 1].text in (">", ">>"):
            continue  # a member of a class template specialisation (`Traits<T>::type`): C++ programs only
        if t.text == "constexpr" and k > 0 and toks[k - 1].text == "if":
            rw.replace(t.offset, t.end, "")  # `if constexpr`: both branches must compile in C; traits are folded
        elif t.text == "::" and k > 2 and toks[k - 2].text == "typename" and toks[k - 1].kind == IDENT:
            continue  # `typename Alias::type`: a member of a class (C++ programs only), not a namespace's
        elif t.text == "::":  # OpenCL C has no namespaces: `ns::f` and `::f` are `f` (ns's parts are moved flat)
            start = toks[k - 1].offset if k > 0 and toks[k - 1].kind == IDENT else t.offset
            rw.replace(start, t.end, "")
        elif t.text == "alignas" and k + 1 < len(toks) and toks[k + 1].text == "(":
            close = rw.match(k + 1)
            if close > 0:
                rw.replace(t.offset, toks[close].end, f"__attribute__((aligned({rw.tok_text(k + 2, close - 1)})))")
        elif t.text == "nullptr":
            rw.replace(t.offset, t.end, "0")
        elif t.text == "constexpr":
            rw.replace(t.offset, t.end, "const")
        elif t.text in ("static_cast", "reinterpret_cast", "const_cast") and k + 1 < len(toks) \
                and toks[k + 1].text == "<":
            close = rw.angle(k + 1)
            if close > 0 and close + 1 < len(toks) and toks[close + 1].text == "(":
                # a named cast is a postfix expression: `reinterpret_cast<T*>(p)[i]` indexes the cast pointer,
                # so the C cast is parenthesised whole, ((T*)(p))[i], not (T*)(p)[i] = (T*)(p[i])
                rw.replace(t.offset, toks[close].end, f"(({rw.tok_text(k + 2, close - 1)})")
                rw.insert(toks[rw.match(close + 1)].end, ")")
            elif close > 0:
                rw.replace(t.offset, toks[close].end, f"({rw.tok_text(k + 2, close - 1)})")
        elif t.kind in (IDENT, KEYWORD) and (t.text in BASE_TYPES or VECTOR_TYPE.fullmatch(t.text)) \
                and k + 1 < len(toks) and toks[k + 1].text == "(" and k > 0 \
                and toks[k - 1].kind == PUNCT and (toks[k - 1].text not in (")", "]") or _macro_params(toks, k - 1)) \
                and not _declarator_at(toks, k):
            rw.replace(t.offset, t.end, f"({t.text})")
    return rw.result()


def _macro_params(toks: list, close: int) -> bool:
    """Token `close` ends the parameter list of a function-like macro (`#define dist(a, b) int(...)`): what
    follows starts the replacement list, so a type name and `(` there is a functional cast."""
    t = toks[close]
    if t.text != ")" or t.directive < 0:
        return False
    k = close - 1
    while k >= 0 and toks[k].directive == t.directive and toks[k].text not in ("(", ")"):
        k -= 1
    return k >= 2 and toks[k].text == "(" and toks[k - 1].kind == IDENT and toks[k - 1].end == toks[k].offset \
        and toks[k - 2].text == "define" and toks[k - 2].directive == t.directive


_SAME_TYPE = {"unsigned": "uint", "unsigned int": "uint", "signed": "int", "signed int": "int",
              "unsigned char": "uchar",
              "unsigned short": "ushort", "unsigned long": "ulong", "long int": "long", "short int": "short",
              "signed char": "char", "int32_t": "int", "uint32_t": "uint", "int64_t": "long", "uint64_t": "ulong",
              "int16_t": "short", "uint16_t": "ushort", "int8_t": "char", "uint8_t": "uchar", "size_t": "ulong"}


def _fold_is_same(text: str) -> str:
    """`std::is_same_v<A, B>` and `std::is_same<A, B>::value` on two concrete base types (a template kernel's
    instance) as 1 or 0, so that an `if constexpr` on them is a plain C condition."""
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.text not in ("is_same_v", "is_same") or k + 1 >= len(toks) or toks[k + 1].text != "<":
            continue
        close = rw.angle(k + 1)
        if close < 0:
            continue
        args = [" ".join(a.split()) for a in rw.tok_text(k + 2, close - 1).split(",")]
        end = close
        if t.text == "is_same":
            if close + 2 >= len(toks) or toks[close + 1].text != "::" or toks[close + 2].text != "value":
                continue
            end = close + 2
        known = [_SAME_TYPE.get(a, a) for a in args]
        if len(known) != 2 or not all(a in BASE_TYPES for a in known):
            continue
        start = toks[k - 2].offset if k >= 2 and toks[k - 1].text == "::" and toks[k - 2].text == "std" else t.offset
        rw.replace(start, toks[end].end, "1" if known[0] == known[1] else "0")
    return rw.result()


def _declarator_at(toks: list, k: int) -> bool:
    """`float (*f)(float)` / `int (&r)[4]` at the start of a statement: a declaration, not a functional cast."""
    return toks[k - 1].text in (";", "{", "}") and k + 4 < len(toks) and toks[k + 2].text in ("*", "&") \
        and toks[k + 3].kind == IDENT and toks[k + 4].text == ")"


def canonical_c_type(t: str) -> str:
    return cxx_to_c_types(" ".join(t.split()))


def split_param(p: str) -> tuple[str, str, bool, str]:
    """(name, type text, is pointer, reference kind '' | 'const' | 'mut')."""
    # inline diagnostics (`/* CUDAPORT CP2003: ... */`) are no part of the type: their `*/` is no pointer
    p = re.sub(r"/\*.*?\*/", " ", p, flags=re.DOTALL)
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


def inner_dims(p: str) -> str:
    """The dimensions after the first of an array parameter (`int cw[N][3]` -> `[3]`): the parameter is a
    pointer to such rows, and indexing it needs them."""
    m = re.search(r"((?:\[[^\]]*\]\s*)+)$", p.split("=")[0].strip())
    dims = re.findall(r"\[[^\]]*\]", m.group(1)) if m else []
    return "".join(dims[1:])


def add_space(ptype: str, space: str) -> str:
    """Put `space` on the pointee (and on every inner pointer level: T** -> space T* space*)."""
    if any(w in ptype.split() for w in SPACE_WORDS):
        return ptype
    first = ptype.find("*")
    base, rest = ptype[:first].strip(), ptype[first:]
    rest = rest[0] + rest[1:].replace("*", f" {space}*")
    return f"{space} {base}{rest}"


def strip_cv(t: str) -> str:
    return " ".join(w for w in t.split() if w not in ("const", "volatile", "restrict") and w not in SPACE_WORDS)


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
    m = re.fullmatch(r"\s*using\s+([A-Za-z_]\w*)\s*=\s*([^;\[]*);\s*", text)
    if m:  # a type alias: `using X = T;` is `typedef T X;`
        return f"typedef {m.group(2).strip()} {m.group(1)};"
    m = re.match(r"\s*(struct|union)\s+([A-Za-z_]\w*)\s*(?::[^{]*)?\{", text)
    if m:
        return f"typedef {m.group(1)} {m.group(2)} {m.group(2)};\n{text}"
    m = re.match(r"\s*enum\s+(?:class\s+)?([A-Za-z_]\w*)\s*(?::[^{]*)?\{", text)
    if m:
        return f"typedef int {m.group(1)};\n" + re.sub(r"^\s*enum\s+(?:class\s+)?[A-Za-z_]\w*\s*(?::[^{]*)?\{",
                                                      "enum {", text)
    return text
