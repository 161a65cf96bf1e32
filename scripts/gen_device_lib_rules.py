"""Drafts the generated device, math, type and library rule files from installed headers.

Inputs: CUDA toolkit headers (device functions, math, vector types, fp16/bf16), the CUDA library headers
(cuBLAS, cuRAND, cuFFT, cuSPARSE, cuSOLVER), HIP headers (an old and a new release) and the ROCm library
headers, and OpenCL C's built-in declarations (opencl-c.h). Output: YAML files under rules/. The YAML files
are the source of truth once reviewed; this script only drafts them, checking every HIP name it writes
against the headers given. `--check` prints the names whose counterpart is missing instead of writing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

Entry = dict[str, object]

_STOP = {
    "if",
    "while",
    "for",
    "switch",
    "return",
    "sizeof",
    "defined",
    "__attribute__",
    "__declspec",
    "static_assert",
    "decltype",
    "__align__",
    "__builtin_align__",
    "operator",
    "alignof",
    "__cdecl",
    "__THROW",
    "_NOEXCEPT",
    "throw",
    "noexcept",
    "__DEPRECATED__",
    "__NV_ATOMIC_RET_TYPE",
}
_DECL = re.compile(
    r"DECL__|__device__|__host__|__DEVICE__|_CRTIMP|__CUDA_MATH|__cudart_builtin__|"
    r"__device_builtin__"
)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def read(path: Path) -> str:
    return strip_comments(path.read_text(encoding="utf-8", errors="replace"))


def device_decls(path: Path) -> list[str]:
    """Names of functions declared with a device/host declaration macro in one CUDA header."""
    out: list[str] = []
    for line in read(path).splitlines():
        if line.lstrip().startswith("#") or not _DECL.search(line):
            continue
        m = re.match(r"^\s*(?:extern\s+)?(?:[\w:<>,\s*&]*?)\b([A-Za-z_]\w*)\s*\(", line)
        if m and m.group(1) not in _STOP and not _DECL.fullmatch(m.group(1)):
            out.append(m.group(1))
    return list(dict.fromkeys(out))


def identifiers(paths: Iterable[Path]) -> set[str]:
    """Every identifier token in the given headers (comments removed)."""
    found: set[str] = set()
    for p in paths:
        found.update(re.findall(r"\b[A-Za-z_]\w*\b", read(p)))
    return found


def headers_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".h", ".hpp") and p.is_file())


class Library:
    """Names declared by one CUDA library's headers, by kind."""

    def __init__(self, paths: list[Path], prefixes: tuple[str, ...]) -> None:
        self.functions: list[str] = []
        self.types: list[str] = []
        self.enums: list[str] = []
        self.macros: list[str] = []
        self.aliases: dict[str, str] = {}  # cublasSgemm -> cublasSgemm_v2 (#define in cublas_v2.h)
        low = "|".join(p for p in prefixes if p.islower() or p[0].islower())
        up = "|".join(p for p in prefixes if p.isupper())
        for path in paths:
            text = read(path)
            for m in re.finditer(rf"^\s*#\s*define\s+((?:{low})\w*)\s+((?:{low})\w*)\s*$", text, re.M):
                self.aliases[m.group(1)] = m.group(2)
            for m in re.finditer(rf"^\s*#\s*define\s+((?:{up}|{low})\w*)\b(?!\()", text, re.M):
                if m.group(1) not in self.aliases:
                    self.macros.append(m.group(1))
            body = re.sub(r"^\s*#.*$", "", text, flags=re.M)
            self.functions += re.findall(rf"\b((?:{low})\w*)\s*\(", body)
            self.types += re.findall(rf"\btypedef\b[^;{{}}]*?\b((?:{low})\w*)\s*;", body)
            self.types += re.findall(rf"}}\s*((?:{low})\w*)\s*;", body)
            self.types += re.findall(rf"\b(?:struct|enum)\s+((?:{low})\w*)\s*{{", body)
            for block in re.findall(r"\benum\b[^{;]*{([^}]*)}", body):
                self.enums += re.findall(rf"\b((?:{up})\w*)\s*(?:=|,|$)", block)
        self.types = _uniq(t for t in self.types if t not in self.functions or t.endswith("_t"))
        self.functions = _uniq(f for f in self.functions if f not in self.types)
        self.enums = _uniq(self.enums)
        self.macros = _uniq(
            m
            for m in self.macros
            if m not in self.enums
            and m not in self.functions
            and not m.endswith("_H_")
            and not m.endswith("_H")
            and "_DEPRECATED" not in m
            and not m.endswith("API")
            and not m.endswith("WINAPI")
        )


def _uniq(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------------
# YAML output


def _scalar(value: object) -> str:
    if (
        isinstance(value, str)
        and re.fullmatch(r"[A-Za-z_][\w:.]*", value)
        and value not in ("null", "true", "false", "yes", "no", "on", "off")
    ):
        return value
    return json.dumps(value)


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def render(family: str, section: str, header: str, entries: dict[str, Entry], examples: list[dict]) -> str:
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines += [f"family: {family}", f"section: {section}", "entries:"]
    for name, body in entries.items():
        lines.append(f"  {_scalar(name)}:")
        for key, value in body.items():
            lines.append(f"    {key}: {_flow(value)}")
    lines.append("examples:")
    for ex in examples:
        lines.append(f"  - name: {json.dumps(ex['name'])}")
        for key in ("cuda", "hip", "sycl", "opencl"):
            if key in ex:
                lines.append(f"    {key}: |")
                lines += [f"      {t}".rstrip() for t in ex[key].rstrip("\n").splitlines()]
        if "options" in ex:
            lines.append(f"    options: {_flow(ex['options'])}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Shared helpers for device-side mappings


class Env:
    """Name sets the mappings are checked against."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.cuda = Path(args.cuda)
        self.libs = Path(args.cuda_libs)
        self.hip_old = identifiers(headers_under(Path(args.hip)))
        vec = (Path(args.hip) / "amd_detail/amd_hip_vector_types.h").read_text(encoding="utf-8")
        self.hip_old |= {f"make_{t}" for t in re.findall(r"DECLOP_MAKE_\w+_COMPONENT\([^,]+,\s*(\w+)\)", vec)}
        self.hip_new = identifiers(headers_under(Path(args.hip_new)))
        self.hip_libs = Path(args.hip_libs)
        self.ocl = identifiers([Path(args.opencl_c)])
        self.missing: list[str] = []
        self.out = Path(args.out)

    def hip_same(self, name: str, min_new: str | None = None) -> object:
        """`same` when HIP (old release) declares the name; a version-gated entry when only newer HIP does."""
        if name in self.hip_old:
            return "same"
        if name in self.hip_new and min_new:
            return {
                "rename": name,
                "legacy": [{"below": min_new, "rename": name, "code": "CP2001"}],
                "note": f"declared by HIP {min_new} and later; older HIP has no counterpart",
            }
        if name in self.hip_new:
            return {"rename": name, "note": "declared by recent HIP releases (not by HIP 5.2)"}
        self.missing.append(f"hip: {name}")
        return None


def _unsupported(reason: str) -> Entry:
    return {"status": "unsupported", "reason": reason}


FAST = "fast-math intrinsic: the target's native function has implementation-defined precision"
FP64 = "double precision needs cl_khr_fp64 (OpenCL 3.0: __opencl_c_fp64) on the device"


# ---------------------------------------------------------------------------------------------------
# math/single.yaml, math/double.yaml, math/integer.yaml

_NO_BUILTIN = {
    "erfcx",
    "erfinv",
    "erfcinv",
    "normcdfinv",
    "j0",
    "j1",
    "jn",
    "y0",
    "y1",
    "yn",
    "cyl_bessel_i0",
    "cyl_bessel_i1",
    "norm",
    "rnorm",
    "norm4d",
    "rnorm4d",
}


def _math_special(base: str, single: bool) -> tuple[Entry, Entry] | None:
    """OpenCL and SYCL mappings for math functions OpenCL C does not spell the same way."""
    one = "1.0f" if single else "1.0"
    half = "0.5f" if single else "0.5"
    vec = "float" if single else "double"
    rsqrt2 = "0.70710678118654752f" if single else "0.70710678118654752"
    twice = "the argument is evaluated twice"
    if base in ("sincos", "sincospi"):
        f = "pi" if base.endswith("pi") else ""
        t = f"(*($2) = sin{f}($1), *($3) = cos{f}($1))"
        return (
            {"template": t, "status": "partial", "note": twice},
            {
                "template": t.replace("sin", "sycl::sin").replace("cos", "sycl::cos"),
                "status": "partial",
                "note": twice,
            },
        )
    table: dict[str, tuple[str, str | None]] = {
        "scalbn": ("ldexp($1, $2)", None),
        "scalbln": ("ldexp($1, (int)($2))", "the long exponent is narrowed to int"),
        "lrint": ("((long)rint($1))", None),
        "llrint": ("((long)rint($1))", None),
        "lround": ("((long)round($1))", None),
        "llround": ("((long)round($1))", None),
        "rhypot": (f"({one} / hypot($1, $2))", "one extra rounding"),
        "rcbrt": (f"({one} / cbrt($1))", "one extra rounding"),
        "norm3d": (f"length(({vec}3)($1, $2, $3))", "intermediate overflow may differ"),
        "rnorm3d": (f"({one} / length(({vec}3)($1, $2, $3)))", "one extra rounding"),
        "normcdf": (f"({half} * erfc(-($1) * {rsqrt2}))", "computed from erfc; last-bit differences"),
        "fdivide": ("(($1) / ($2))", None),
        "nan": ("NAN" if single else "((double)NAN)", "the payload argument is ignored"),
    }
    if base not in table:
        return None
    tmpl, note = table[base]
    ocl: Entry = {"template": tmpl}
    if note:
        ocl.update(status="partial", note=note)
    sy = re.sub(r"\b(ldexp|rint|round|hypot|cbrt|length|erfc)\(", r"sycl::\1(", tmpl)
    sy = sy.replace(f"({vec}3)(", f"sycl::{vec}3(").replace("(long)", "(long long)")
    sy = sy.replace("((double)NAN)", "std::numeric_limits<double>::quiet_NaN()").replace(
        "NAN", "std::numeric_limits<float>::quiet_NaN()"
    )
    syc: Entry = {"template": sy}
    if note:
        syc.update(status="partial", note=note)
    return ocl, syc


def math_entry(env: Env, name: str, base: str, single: bool) -> Entry:
    e: Entry = {"kind": "function"}
    hip = env.hip_same(name)
    e["hip"] = hip if hip is not None else _unsupported("HIP's math headers declare no such function")
    special = _math_special(base, single)
    if base == "nearbyint":
        ocl, syc = (
            {"rename": "rint", "note": "OpenCL's rint rounds to nearest even, as nearbyint"},
            {"rename": "sycl::rint"},
        )
    elif special:
        ocl, syc = special
    elif base in _NO_BUILTIN:
        why = f"OpenCL C and SYCL have no built-in {base}; implement it in the kernel"
        ocl, syc = _unsupported(why), _unsupported(why)
    elif base in env.ocl:
        ocl = base if base != name else "same"
        syc = f"sycl::{base}"
    else:
        env.missing.append(f"opencl: {name}")
        why = f"OpenCL C has no built-in {base}"
        ocl, syc = _unsupported(why), _unsupported(why)
    if not single and isinstance(ocl, (str, dict)):
        ocl = (
            {"rename": ocl if ocl != "same" else name, "note": FP64}
            if isinstance(ocl, str)
            else {**ocl, "note": "; ".join(filter(None, [str(ocl.get("note", "")) or None, FP64]))}
        )
    e["sycl"], e["opencl"] = syc, ocl
    return e


def build_math(env: Env) -> dict[str, tuple[str, dict[str, Entry], list[dict]]]:
    names = device_decls(env.cuda / "crt/math_functions.h") + device_decls(
        env.cuda / "crt/math_functions.hpp"
    )
    names = [n for n in _uniq(names) if not n.startswith("_")]
    declared = set(names)
    integer = ["abs", "labs", "llabs", "min", "umin", "llmin", "ullmin", "max", "umax", "llmax", "ullmax"]
    single: dict[str, Entry] = {}
    double: dict[str, Entry] = {}
    ints: dict[str, Entry] = {}
    for n in integer:
        base = "abs" if n.endswith("abs") else ("min" if n.endswith("min") else "max")
        ints[n] = {
            "kind": "function",
            "hip": env.hip_same(n)
            or {
                "template": f"{base}($1, $2)" if base != "abs" else "abs($1)",
                "note": f"HIP spells it with the overloaded {base}",
            },
            "sycl": f"sycl::{base}",
            "opencl": base if base != n else "same",
        }
        if base == "abs":
            ints[n]["opencl"] = {"rename": "abs", "note": "OpenCL's abs returns the unsigned type"}
    single["fdividef"] = {
        "kind": "function",
        "hip": "same",
        "opencl": {"template": "(($1) / ($2))"},
        "sycl": {"template": "(($1) / ($2))"},
    }
    for n in names:
        if n in integer or n in ("fdividef", "fdivide") or n in single:
            continue
        is_single = n.endswith("f") and (n[:-1] in declared or n in ("sincospif",))
        if n in ("erf", "erff") and n == "erf":
            is_single = False
        base = n[:-1] if is_single else n
        target = single if is_single else double
        target[n] = math_entry(env, n, base, is_single)
    for n in ("signbit", "isfinite", "isnan", "isinf"):
        double[n] = {
            "kind": "function",
            "hip": "same",
            "sycl": f"sycl::{n}",
            "opencl": "same",
            "note": "float and double overloads",
        }
    return {
        "single": (
            "Single-precision math functions (crt/math_functions.h).",
            single,
            [
                {
                    "name": "math functions keep their names on HIP; OpenCL uses the overloaded built-in",
                    "cuda": "y = sinf(x) + fabsf(z);\n",
                    "hip": "y = sinf(x) + fabsf(z);\n",
                },
                {
                    "name": "sincosf becomes two calls",
                    "cuda": "sincosf(a, &s, &c);\n",
                    "hip": "sincosf(a, &s, &c);\n",
                },
                {
                    "name": "names in comments and strings are left alone",
                    "cuda": '// sinf(x) is fast\nputs("expf");\n',
                    "hip": '// sinf(x) is fast\nputs("expf");\n',
                },
            ],
        ),
        "double": (
            "Double-precision math functions (crt/math_functions.h) and classification macros.",
            double,
            [
                {
                    "name": "double math is unchanged on HIP",
                    "cuda": "r = exp(x) * rsqrt(y);\n",
                    "hip": "r = exp(x) * rsqrt(y);\n",
                },
            ],
        ),
        "integer": (
            "Integer abs/min/max overloads declared by the CUDA math headers.",
            ints,
            [
                {
                    "name": "integer min and max",
                    "cuda": "m = umin(a, b) + max(c, d);\n",
                    "hip": "m = umin(a, b) + max(c, d);\n",
                },
            ],
        ),
    }


# ---------------------------------------------------------------------------------------------------
# math/intrinsics.yaml

_OPS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
_MODES = {"rn": "rte", "rz": "rtz", "ru": "rtp", "rd": "rtn"}
_CTYPES = {
    "int": ("int", "int"),
    "uint": ("uint", "unsigned int"),
    "ll": ("long", "long long"),
    "ull": ("ulong", "unsigned long long"),
    "float": ("float", "float"),
    "double": ("double", "double"),
}
_NATIVE = {
    "__expf": "exp",
    "__exp10f": "exp10",
    "__logf": "log",
    "__log2f": "log2",
    "__log10f": "log10",
    "__sinf": "sin",
    "__cosf": "cos",
    "__tanf": "tan",
    "__powf": "powr",
    "__fdividef": "divide",
}


def _sycl_round(mode: str, ctype: str) -> str:
    inner = {"rn": "sycl::rint($1)", "rz": "$1", "ru": "sycl::ceil($1)", "rd": "sycl::floor($1)"}[mode]
    return f"static_cast<{ctype}>({inner})"


def intrinsic_entry(name: str) -> tuple[Entry, Entry] | None:
    """OpenCL and SYCL mappings for one float/double intrinsic, or None when it is not one we model."""
    rnd = "rounding mode differs: the target rounds to nearest even"
    if name in _NATIVE:
        base = _NATIVE[name]
        return (
            {"rename": f"native_{base}", "status": "partial", "code": "CP3003", "note": FAST},
            {"rename": f"sycl::native::{base}", "status": "partial", "code": "CP3003", "note": FAST},
        )
    if name == "__sincosf":
        t = "(*($2) = native_sin($1), *($3) = native_cos($1))"
        return (
            {"template": t, "status": "partial", "code": "CP3003", "note": FAST},
            {
                "template": t.replace("native_", "sycl::native::"),
                "status": "partial",
                "code": "CP3003",
                "note": FAST,
            },
        )
    if name == "__tanhf":
        return (
            {"rename": "tanh", "status": "partial", "code": "CP3003", "note": FAST},
            {"rename": "sycl::tanh", "status": "partial", "code": "CP3003", "note": FAST},
        )
    if name == "__saturatef":
        note = "NaN gives 0 in CUDA; clamp's result for NaN is unspecified"
        return (
            {"template": "clamp($1, 0.0f, 1.0f)", "status": "partial", "note": note},
            {"template": "sycl::clamp($1, 0.0f, 1.0f)", "status": "partial", "note": note},
        )
    if name == "__frsqrt_rn":
        note = "rsqrt is not correctly rounded"
        return (
            {"rename": "rsqrt", "status": "partial", "note": note},
            {"rename": "sycl::rsqrt", "status": "partial", "note": note},
        )
    reinterpret = {
        "__int_as_float": ("as_float", "float"),
        "__float_as_int": ("as_int", "int"),
        "__uint_as_float": ("as_float", "float"),
        "__float_as_uint": ("as_uint", "unsigned int"),
        "__double_as_longlong": ("as_long", "long long"),
        "__longlong_as_double": ("as_double", "double"),
    }
    if name in reinterpret:
        fn, ct = reinterpret[name]
        return ({"template": f"{fn}($1)"}, {"template": f"sycl::bit_cast<{ct}>($1)"})
    if name == "__double2hiint":
        return (
            {"template": "((int)(as_long($1) >> 32))"},
            {"template": "static_cast<int>(sycl::bit_cast<long long>($1) >> 32)"},
        )
    if name == "__double2loint":
        return (
            {"template": "((int)as_long($1))"},
            {"template": "static_cast<int>(sycl::bit_cast<long long>($1))"},
        )
    if name == "__hiloint2double":
        return (
            {"template": "as_double(((long)($1) << 32) | (uint)($2))"},
            {
                "template": "sycl::bit_cast<double>((static_cast<long long>($1) << 32) | "
                "static_cast<unsigned int>($2))"
            },
        )
    m = re.fullmatch(r"__([fd])(add|sub|mul|div)_(rn|rz|ru|rd)", name)
    if m:
        t = f"(($1) {_OPS[m.group(2)]} ($2))"
        exact = m.group(3) == "rn" and not (m.group(1) == "f" and m.group(2) == "div")
        note = rnd if m.group(3) != "rn" else "OpenCL single-precision division is not correctly rounded"
        ocl: Entry = {"template": t} if exact else {"template": t, "status": "partial", "note": note}
        syc: Entry = {"template": t} if exact or m.group(3) == "rn" else dict(ocl)
        return ocl, syc
    m = re.fullmatch(r"__fmaf?(?:_ieee)?_(rn|rz|ru|rd)", name)
    if m:
        ocl = (
            {"template": "fma($1, $2, $3)"}
            if m.group(1) == "rn"
            else {"template": "fma($1, $2, $3)", "status": "partial", "note": rnd}
        )
        return ocl, {**ocl, "template": "sycl::fma($1, $2, $3)"}
    m = re.fullmatch(r"__([fd])(rcp|sqrt)_(rn|rz|ru|rd)", name)
    if m:
        one = "1.0f" if m.group(1) == "f" else "1.0"
        t = f"({one} / ($1))" if m.group(2) == "rcp" else "sqrt($1)"
        exact = m.group(3) == "rn" and m.group(1) == "d"
        note = rnd if m.group(3) != "rn" else "single-precision division and sqrt are not correctly rounded"
        ocl = {"template": t} if exact else {"template": t, "status": "partial", "note": note}
        sy = t.replace("sqrt(", "sycl::sqrt(")
        syc = {"template": sy} if m.group(3) == "rn" else {"template": sy, "status": "partial", "note": rnd}
        return ocl, syc
    m = re.fullmatch(r"__(float|double|int|uint|ll|ull)2(int|uint|ll|ull|float|double)_(rn|rz|ru|rd)", name)
    if m:
        src, dst, mode = m.groups()
        ocl_t, c_t = _CTYPES[dst]
        ocl = {"template": f"convert_{ocl_t}_{_MODES[mode]}($1)"}
        if src in ("float", "double") and dst not in ("float", "double"):
            syc = {"template": _sycl_round(mode, c_t)}
        elif mode == "rn":
            syc = {"template": f"static_cast<{c_t}>($1)"}
        else:
            syc = {"template": f"static_cast<{c_t}>($1)", "status": "partial", "note": rnd}
        return ocl, syc
    return None


def build_math_intrinsics(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    names = (
        device_decls(env.cuda / "crt/device_functions.h")
        + device_decls(env.cuda / "crt/device_double_functions.h")
        + device_decls(env.cuda / "sm_20_intrinsics.h")
    )
    entries: dict[str, Entry] = {}
    for n in _uniq(names):
        pair = intrinsic_entry(n)
        if pair is None:
            continue
        hip = env.hip_same(n)
        e: Entry = {"kind": "function"}
        if hip is None:
            e["hip"] = _unsupported("HIP declares no such intrinsic")
        else:
            e["hip"] = hip
        if n == "__tanhf" and hip is None:
            e["hip"] = {
                "rename": "tanhf",
                "status": "partial",
                "code": "CP3003",
                "note": "HIP has no __tanhf; the precise tanhf is used",
            }
        ocl, syc = pair
        if n.startswith(("__d", "__double", "__longlong_as", "__hiloint", "__fma_")) or "2double" in n:
            ocl = {**ocl, "note": "; ".join(filter(None, [ocl.get("note"), FP64]))}  # type: ignore[list-item]
        e["sycl"], e["opencl"] = syc, ocl
        entries[n] = e
    examples = [
        {
            "name": "fast intrinsics keep their names on HIP",
            "cuda": "y = __expf(x) * __fdividef(a, b);\n",
            "hip": "y = __expf(x) * __fdividef(a, b);\n",
        },
        {
            "name": "rounding-mode conversions and reinterpretations",
            "cuda": "i = __float2int_rn(x) + __float_as_int(y);\n",
            "hip": "i = __float2int_rn(x) + __float_as_int(y);\n",
        },
    ]
    return (
        "Floating-point intrinsics: fast math, explicit rounding, conversions, reinterpretation.",
        entries,
        examples,
    )


# ---------------------------------------------------------------------------------------------------
# device/intrinsics.yaml (integer, bit, load/store, SIMD, misc)


def device_intrinsic_maps(name: str) -> tuple[object, object] | None:
    simd = "SIMD-within-a-word video intrinsic; OpenCL C and SYCL have no counterpart: unpack the bytes"
    if re.fullmatch(r"__v\w+", name):
        return _unsupported(simd), _unsupported(simd)
    table: dict[str, tuple[object, object]] = {
        "__popc": ("popcount", "sycl::popcount"),
        "__popcll": (
            {"template": "((int)popcount($1))"},
            {"template": "static_cast<int>(sycl::popcount($1))"},
        ),
        "__clz": ("clz", "sycl::clz"),
        "__clzll": ({"template": "((int)clz($1))"}, {"template": "static_cast<int>(sycl::clz($1))"}),
        "__ffs": ({"template": "(32 - clz(($1) & -($1)))"}, {"template": "(32 - sycl::clz(($1) & -($1)))"}),
        "__ffsll": (
            {"template": "((int)(64 - clz(($1) & -($1))))"},
            {"template": "static_cast<int>(64 - sycl::clz(($1) & -($1)))"},
        ),
        "__mulhi": ("mul_hi", "sycl::mul_hi"),
        "__umulhi": ("mul_hi", "sycl::mul_hi"),
        "__mul64hi": ("mul_hi", "sycl::mul_hi"),
        "__umul64hi": ("mul_hi", "sycl::mul_hi"),
        "__mul24": ("mul24", "sycl::mul24"),
        "__umul24": ("mul24", "sycl::mul24"),
        "__sad": ({"template": "(abs_diff($1, $2) + ($3))"}, {"template": "(sycl::abs_diff($1, $2) + ($3))"}),
        "__usad": (
            {"template": "(abs_diff($1, $2) + ($3))"},
            {"template": "(sycl::abs_diff($1, $2) + ($3))"},
        ),
        "__rhadd": ("rhadd", "sycl::rhadd"),
        "__uhadd": ("hadd", "sycl::hadd"),
        "__urhadd": ("rhadd", "sycl::rhadd"),
        "__nv_bswap16": ({"template": "as_ushort(as_uchar2((ushort)($1)).s10)"}, None),
        "__nv_bswap32": ({"template": "as_uint(as_uchar4((uint)($1)).s3210)"}, None),
        "__nv_bswap64": ({"template": "as_ulong(as_uchar8((ulong)($1)).s76543210)"}, None),
        "__trap": (
            {"template": "((void)0)", "status": "partial", "note": "OpenCL C cannot abort a kernel"},
            {"template": "((void)0)", "status": "partial", "note": "SYCL kernels cannot abort"},
        ),
        "__brkpt": (
            {"template": "((void)0)", "status": "partial", "note": "breakpoint dropped"},
            {"template": "((void)0)", "status": "partial", "note": "breakpoint dropped"},
        ),
    }
    for ld in ("__ldg", "__ldcg", "__ldca", "__ldcs", "__ldlu", "__ldcv"):
        table[ld] = (
            {"template": "(*($1))", "note": "cache hint dropped"},
            {"template": "(*($1))", "note": "cache hint dropped"},
        )
    for st in ("__stwb", "__stcg", "__stcs", "__stwt"):
        table[st] = (
            {"template": "(*($1) = ($2))", "note": "cache hint dropped"},
            {"template": "(*($1) = ($2))", "note": "cache hint dropped"},
        )
    if name in table:
        ocl, syc = table[name]
        return ocl, syc
    return None


def build_device_intrinsics(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    names: list[str] = []
    for h in (
        "crt/device_functions.h",
        "sm_20_intrinsics.h",
        "sm_32_intrinsics.h",
        "sm_61_intrinsics.h",
        "crt/sm_70_rt.h",
    ):
        names += device_decls(env.cuda / h)
    skip = {
        "__syncthreads",
        "__threadfence",
        "__threadfence_block",
        "__threadfence_system",
        "__syncthreads_count",
        "__syncthreads_and",
        "__syncthreads_or",
        "syncthreads_count",
        "syncthreads_and",
        "syncthreads_or",
        "__match_any_sync",
        "__match_all_sync",
        "atomicCAS",
        "fdividef",
        "fdivide",
    }
    entries: dict[str, Entry] = {}
    for n in _uniq(names):
        if n in skip or intrinsic_entry(n) is not None or not n.startswith("__"):
            continue
        e: Entry = {"kind": "function"}
        hip = env.hip_same(n)
        e["hip"] = hip if hip is not None else _unsupported("HIP declares no such intrinsic")
        maps = device_intrinsic_maps(n)
        if maps is not None:
            ocl, syc = maps
            if syc is not None:
                e["sycl"] = syc
            e["opencl"] = ocl
        elif n.startswith(
            (
                "__isGlobal",
                "__isShared",
                "__isConstant",
                "__isLocal",
                "__isGridConstant",
                "__cvta_",
                "__pm",
                "__prof_trigger",
                "__nv_",
            )
        ):
            why = "address-space and profiler queries have no OpenCL C or SYCL counterpart"
            e["opencl"], e["sycl"] = _unsupported(why), _unsupported(why)
        entries[n] = e
    entries["__hadd"] = {
        "kind": "function",
        "hip": "same",
        "note": "int __hadd(int, int) (halving add) and __half __hadd(__half, __half) share "
        "this name; OpenCL/SYCL need the argument types, so they are left to review",
    }
    for n in ("clock", "clock64"):
        entries[n] = {
            "kind": "function",
            "hip": "same" if n in env.hip_old else "wall_clock64",
            "opencl": _unsupported("OpenCL C has no cycle counter"),
            "sycl": _unsupported("SYCL has no cycle counter"),
        }
    return (
        "Integer, bit-manipulation, load/store-hint, SIMD and miscellaneous device intrinsics.",
        entries,
        [
            {
                "name": "bit intrinsics keep their names on HIP",
                "cuda": "n = __popc(m) + __clz(m) + __ffs(m);\n",
                "hip": "n = __popc(m) + __clz(m) + __ffs(m);\n",
            },
            {"name": "__ldg on HIP", "cuda": "v = __ldg(&in[i]);\n", "hip": "v = __ldg(&in[i]);\n"},
        ],
    )


# ---------------------------------------------------------------------------------------------------
# device/atomics.yaml


def build_atomics(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    ops = ["Add", "Sub", "Exch", "Min", "Max", "Inc", "Dec", "CAS", "And", "Or", "Xor"]
    entries: dict[str, Entry] = {}
    for op in ops:
        for scope in ("", "_block", "_system"):
            n = f"atomic{op}{scope}"
            e: Entry = {"kind": "function"}
            if n in env.hip_old:
                e["hip"] = "same"
            elif scope == "_block":
                e["hip"] = {
                    "rename": f"atomic{op}",
                    "note": "HIP has no block-scope atomics; the device-scope atomic is correct, "
                    "possibly slower",
                }
            else:
                e["hip"] = {
                    "rename": f"atomic{op}",
                    "status": "partial",
                    "note": "HIP has no system-scope variant of this atomic; the device-scope one "
                    "is not coherent with the host or peer devices",
                }
            e["sycl"] = {"handler": "atomic"}
            e["opencl"] = {"handler": "atomic"}
            entries[n] = e
    for n in (
        "__u128AtomicCAS",
        "__u128AtomicCAS_block",
        "__u128AtomicCAS_system",
        "__u128AtomicExch",
        "__u128AtomicExch_block",
        "__u128AtomicExch_system",
    ):
        why = "128-bit atomics are specific to sm_90"
        entries[n] = {
            "kind": "function",
            "since": "12.4",
            "hip": _unsupported(why),
            "sycl": _unsupported(why),
            "opencl": _unsupported(why),
        }
    return (
        "Atomic read-modify-write functions; scoped variants (_block, _system).",
        entries,
        [
            {
                "name": "atomics keep their names on HIP",
                "cuda": "old = atomicAdd(&count[k], 1);\natomicMax(&best, v);\n",
                "hip": "old = atomicAdd(&count[k], 1);\natomicMax(&best, v);\n",
            },
            {
                "name": "block-scope atomics widen to device scope on HIP",
                "cuda": "atomicAdd_block(&s, 1.0f);\n",
                "hip": "atomicAdd(&s, 1.0f);\n",
            },
            {
                "name": "a comment mentioning atomicAdd_block is not rewritten",
                "cuda": "/* atomicAdd_block here */ x = 1;\n",
                "hip": "/* atomicAdd_block here */ x = 1;\n",
            },
        ],
    )


# ---------------------------------------------------------------------------------------------------
# types/vector.yaml


def build_vectors(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    text = read(env.cuda / "vector_types.h")
    types = _uniq(
        re.findall(r"\b((?:u?char|u?short|u?int|u?long|u?longlong|float|double)[1-4](?:_16a|_32a)?)\b", text)
    )
    makes = device_decls(env.cuda / "vector_functions.h")
    ocl_scalar = {
        "char": "char",
        "uchar": "uchar",
        "short": "short",
        "ushort": "ushort",
        "int": "int",
        "uint": "uint",
        "long": "long",
        "ulong": "ulong",
        "longlong": "long",
        "ulonglong": "ulong",
        "float": "float",
        "double": "double",
    }
    entries: dict[str, Entry] = {}

    def vec_maps(tname: str) -> tuple[object, object]:
        m = re.fullmatch(r"(\w+?)([1-4])(_16a|_32a)?", tname)
        assert m
        scalar, width, align = m.group(1), m.group(2), m.group(3)
        o = ocl_scalar[scalar]
        if width == "1":
            why = "one-component vector structs have no OpenCL/SYCL type; use the scalar and drop .x"
            return _unsupported(why), _unsupported(why)
        notes = []
        if width == "3":
            notes.append(
                "3-component vectors are 16-byte aligned on the target (CUDA: packed), so arrays "
                "of them differ in layout"
            )
        if align:
            notes.append("the CUDA alignment variant is dropped")
        if scalar == "double":
            notes.append(FP64)
        ocl: object = f"{o}{width}" if not notes and f"{o}{width}" != tname else "same"
        if notes:
            ocl = {"rename": f"{o}{width}", "status": "partial", "note": "; ".join(notes)}
        sy_notes = [n for n in notes if n != FP64] + [
            "members are functions in SYCL (.x()); the SYCL emitter rewrites member access"
        ]
        syc = {"rename": f"sycl::{o}{width}", "status": "partial", "note": "; ".join(sy_notes)}
        return ocl, syc

    for t in types:
        e: Entry = {"kind": "type"}
        hip = env.hip_same(t)
        if hip is None:
            base = re.sub(r"_(16|32)a$", "", t)
            hip = {"rename": base, "status": "partial", "note": "HIP has no over-aligned variant"}
        e["hip"] = hip
        e["opencl"], e["sycl"] = vec_maps(t)
        entries[t] = e
    entries["dim3"] = {
        "kind": "type",
        "hip": "same",
        "sycl": "shim",
        "opencl": "shim",
        "note": "host-side launch geometry; kernels see it through the builtins",
    }
    for f in makes:
        t = f[len("make_") :]
        m = re.fullmatch(r"(\w+?)([1-4])(_16a|_32a)?", t)
        if not m:
            continue
        e = {"kind": "function"}
        hip = env.hip_same(f)
        e["hip"] = (
            hip
            if hip is not None
            else {
                "rename": re.sub(r"_(16|32)a$", "", f),
                "status": "partial",
                "note": "HIP has no over-aligned variant",
            }
        )
        n = int(m.group(2))
        args = ", ".join(f"${i}" for i in range(1, n + 1))
        ocl_v, syc_v = vec_maps(t)
        if isinstance(ocl_v, dict) and ocl_v.get("status") == "unsupported":
            e["opencl"], e["sycl"] = ocl_v, syc_v
        else:
            otype = (
                ocl_v
                if isinstance(ocl_v, str) and ocl_v != "same"
                else (ocl_v["rename"] if isinstance(ocl_v, dict) else t)
            )
            e["opencl"] = {"template": f"({otype})({args})"}
            e["sycl"] = {"template": f"{syc_v['rename']}({args})"}  # type: ignore[index]
        entries[f] = e
    return (
        "CUDA vector types (vector_types.h) and their make_ functions (vector_functions.h).",
        entries,
        [
            {
                "name": "vector types are the same on HIP",
                "cuda": "float4 v = make_float4(a, b, c, d);\n",
                "hip": "float4 v = make_float4(a, b, c, d);\n",
            },
            {
                "name": "make_float4 becomes a vector literal in OpenCL C",
                "cuda": "v = make_float4(a, b, c, d);\n",
                "opencl": "v = (float4)(a, b, c, d);\n",
            },
            {
                "name": "make_int2 becomes a sycl::int2 constructor",
                "cuda": "p = make_int2(x, y);\n",
                "sycl": "p = sycl::int2(x, y);\n",
            },
        ],
    )


# ---------------------------------------------------------------------------------------------------
# math/half.yaml, math/bfloat16.yaml

_HALF_OPS = {
    "__hsub": "-",
    "__hmul": "*",
    "__hdiv": "/",
    "__heq": "==",
    "__hne": "!=",
    "__hlt": "<",
    "__hle": "<=",
    "__hgt": ">",
    "__hge": ">=",
}
_HALF_MATH = {
    "hsqrt": "sqrt",
    "hrsqrt": "rsqrt",
    "hexp": "exp",
    "hexp2": "exp2",
    "hexp10": "exp10",
    "hlog": "log",
    "hlog2": "log2",
    "hlog10": "log10",
    "hsin": "sin",
    "hcos": "cos",
    "hfloor": "floor",
    "hceil": "ceil",
    "htrunc": "trunc",
    "hrint": "rint",
    "__habs": "fabs",
    "__hfma": "fma",
    "__hmax": "fmax",
    "__hmin": "fmin",
}


def build_half(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    names = [
        n
        for n in device_decls(env.cuda / "cuda_fp16.h") + device_decls(env.cuda / "cuda_fp16.hpp")
        if n.startswith(("__", "h")) and n not in ("__hadd",) and not n.startswith("__internal")
    ]
    entries: dict[str, Entry] = {}
    fp16 = "needs cl_khr_fp16 on the device"
    for t, o, s in (
        ("__half", "half", "sycl::half"),
        ("__half2", "half2", "sycl::half2"),
        ("half", "same", "sycl::half"),
        ("half2", "same", "sycl::half2"),
        ("__half_raw", None, None),
        ("__half2_raw", None, None),
        ("nv_half", None, None),
        ("nv_half2", None, None),
    ):
        e: Entry = {"kind": "type", "hip": env.hip_same(t) or _unsupported("HIP's fp16 header lacks it")}
        if o:
            e["opencl"] = {"rename": o if o != "same" else t, "note": fp16}
            e["sycl"] = s
        entries[t] = e
    for n in _uniq(names):
        if n in entries or n.startswith("__nv_") or n.startswith("__internal"):
            continue
        e = {"kind": "function"}
        hip = env.hip_same(n)
        if hip is None:
            continue  # only names HIP also spells are drafted; the rest stay without a rule
        e["hip"] = hip
        if n in _HALF_OPS:
            e["opencl"] = {"template": f"(($1) {_HALF_OPS[n]} ($2))", "note": fp16}
            e["sycl"] = {"template": f"(($1) {_HALF_OPS[n]} ($2))"}
        elif n == "__hneg":
            e["opencl"] = {"template": "(-($1))", "note": fp16}
            e["sycl"] = {"template": "(-($1))"}
        elif n in _HALF_MATH:
            e["opencl"] = {"rename": _HALF_MATH[n], "note": fp16}
            e["sycl"] = f"sycl::{_HALF_MATH[n]}"
        elif n in ("__float2half", "__float2half_rn", "__double2half"):
            e["opencl"] = {"template": "((half)($1))", "note": fp16}
            e["sycl"] = {"template": "sycl::half($1)"}
        elif n in ("__half2float",):
            e["opencl"] = {"template": "((float)($1))", "note": fp16}
            e["sycl"] = {"template": "static_cast<float>($1)"}
        entries[n] = e
    return (
        "Half precision (cuda_fp16.h): types, conversions, arithmetic and math.",
        entries,
        [
            {
                "name": "half conversions keep their names on HIP",
                "cuda": "__half h = __float2half(x);\nfloat y = __half2float(__hmul(h, h));\n",
                "hip": "__half h = __float2half(x);\nfloat y = __half2float(__hmul(h, h));\n",
            },
            {
                "name": "half multiply is an operator in OpenCL C",
                "cuda": "p = __hmul(a, b);\n",
                "opencl": "p = ((a) * (b));\n",
            },
        ],
    )


def build_bf16(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    names = device_decls(env.cuda / "cuda_bf16.h") + device_decls(env.cuda / "cuda_bf16.hpp")
    entries: dict[str, Entry] = {}
    gate = "5.7"
    for cuda_t, hip_t in (
        ("__nv_bfloat16", "__hip_bfloat16"),
        ("__nv_bfloat162", "__hip_bfloat162"),
        ("nv_bfloat16", "__hip_bfloat16"),
        ("nv_bfloat162", "__hip_bfloat162"),
        ("__nv_bfloat16_raw", "__hip_bfloat16_raw"),
        ("__nv_bfloat162_raw", "__hip_bfloat162_raw"),
    ):
        if hip_t not in env.hip_new:
            env.missing.append(f"hip: {hip_t}")
            continue
        entries[cuda_t] = {
            "kind": "type",
            "hip": {
                "rename": hip_t,
                "legacy": [{"below": gate, "rename": cuda_t, "code": "CP2001"}],
                "note": f"HIP {gate}+ (amd_hip_bf16.h); older HIP only has the different hip_bfloat16 class",
            },
            "sycl": {
                "rename": "sycl::ext::oneapi::bfloat16",
                "status": "partial",
                "note": "oneAPI extension type",
            }
            if cuda_t in ("__nv_bfloat16", "nv_bfloat16")
            else _unsupported("no SYCL bfloat16 pair type"),
            "opencl": _unsupported("OpenCL C has no bfloat16 type"),
        }
    for n in _uniq(names):
        if n in entries or not n.startswith(("__", "h")) or n.startswith(("__nv_", "__internal")):
            continue
        if n in env.hip_new and n not in env.hip_old:
            entries[n] = {"kind": "function", "hip": env.hip_same(n, gate)}
        elif n in env.hip_new:
            entries[n] = {"kind": "function", "hip": "same"}
    return (
        "bfloat16 (cuda_bf16.h). HIP's __hip_bfloat16 API (amd_hip_bf16.h) arrived in HIP 5.7.",
        entries,
        [
            {
                "name": "bfloat16 type renamed for HIP 6",
                "cuda": "__nv_bfloat16 b = __float2bfloat16(x);\n",
                "hip": "__hip_bfloat16 b = __float2bfloat16(x);\n",
                "options": {"hip_version": "6.2"},
            },
        ],
    )


# ---------------------------------------------------------------------------------------------------
# libraries

_LIB_NOTES = {
    "cublasXt": "cuBLASXt (multi-GPU host BLAS) has no hipBLAS counterpart",
    "cublasLt": "cuBLASLt maps to the separate hipBLASLt library (hipblasLt*), not mapped by cudaport yet",
    "cusolverMg": "cuSOLVERMg (multi-GPU) has no hipSOLVER counterpart",
}


# Counterparts that are not the mechanical prefix rename.
_SPECIAL = {
    "CUFFT_INVERSE": "HIPFFT_BACKWARD",
    "cublasGetStatusString": "hipblasStatusToString",
    "cusparseGetErrorString": "hipsparseGetErrorString",
}


class LibSpec:
    def __init__(
        self,
        family: str,
        cuda_headers: list[str],
        hip_dir: str,
        prefixes: tuple[str, ...],
        renames: dict[str, str],
        sections: Callable[[str, str], str],
        doc: str,
    ) -> None:
        self.family, self.cuda_headers, self.hip_dir = family, cuda_headers, hip_dir
        self.prefixes, self.renames, self.sections, self.doc = prefixes, renames, sections, doc


def _hip_name(name: str, renames: dict[str, str]) -> str:
    for cu, hp in renames.items():
        if name.startswith(cu):
            return hp + name[len(cu) :]
    return name


def build_library(env: Env, spec: LibSpec) -> dict[str, tuple[str, dict[str, Entry], list[dict]]]:
    lib = Library([env.libs / h for h in spec.cuda_headers], spec.prefixes)
    hip_ids = identifiers(headers_under(env.hip_libs / spec.hip_dir))
    files: dict[str, dict[str, Entry]] = {}
    seen: set[str] = set()

    def add(name: str, kind: str) -> None:
        if name in seen:
            return
        seen.add(name)
        target = lib.aliases.get(name, name)
        hip = _hip_name(name, spec.renames)
        candidates = [
            _SPECIAL.get(name, ""),
            hip,
            re.sub(r"_v2$", "", hip),
            re.sub(r"_v2_64$", "_64", hip),
            _hip_name(target, spec.renames),
            re.sub(r"_v2$", "", _hip_name(target, spec.renames)),
        ]
        found = next((c for c in candidates if c in hip_ids), None)
        e: Entry = {"kind": kind}
        if name.endswith("_v2") and name[:-3] in lib.aliases:
            e["note"] = f"the versioned name behind the {name[:-3]} macro"
        if found:
            e["hip"] = found
        else:
            reason = next(
                (r for p, r in _LIB_NOTES.items() if name.startswith(p)),
                f"{spec.hip_dir} (ROCm, checked against its 2024 headers) declares no {hip}",
            )
            e["hip"] = _unsupported(reason)
            env.missing.append(f"hip: {name}")
        files.setdefault(spec.sections(name, kind), {})[name] = e

    for n in lib.functions:
        add(n, "function")
    for n in lib.aliases:
        add(n, "function")
    for n in lib.types:
        add(n, "type")
    for n in lib.enums:
        add(n, "enum")
    for n in lib.macros:
        add(n, "macro")
    out: dict[str, tuple[str, dict[str, Entry], list[dict]]] = {}
    for section, entries in files.items():
        out[section] = (
            f"{spec.doc} ({section}). HIP names checked against the ROCm {spec.hip_dir} headers.",
            dict(sorted(entries.items())),
            [],
        )
    return out


def _blas_section(name: str, kind: str) -> str:
    if kind in ("type", "enum", "macro"):
        return "types"
    if name.startswith(("cublasXt", "cublasLt")):
        return "xt_lt"
    m = re.match(r"cublas(?:[SDCZH]|Sc|Dz|Cs|Zd|I[sdcz])?(\w+?)(?:_v2|_64|_v2_64)?$", name)
    core = m.group(1).lower() if m else name
    level1 = (
        "amax",
        "amin",
        "asum",
        "axpy",
        "copy",
        "dot",
        "dotu",
        "dotc",
        "nrm2",
        "rot",
        "rotg",
        "rotm",
        "rotmg",
        "scal",
        "swap",
    )
    level2 = (
        "gbmv",
        "gemv",
        "ger",
        "geru",
        "gerc",
        "hbmv",
        "hemv",
        "her",
        "her2",
        "hpmv",
        "hpr",
        "hpr2",
        "sbmv",
        "spmv",
        "spr",
        "spr2",
        "symv",
        "syr",
        "syr2",
        "tbmv",
        "tbsv",
        "tpmv",
        "tpsv",
        "trmv",
        "trsv",
    )
    base = re.sub(r"(batched|stridedbatched|ex|_64)+$", "", core)
    if base in level1 or core.endswith(("ex", "ex_64")) and base in level1:
        return "level1"
    if base in level2:
        return "level2"
    if base.startswith(
        (
            "gemm",
            "symm",
            "hemm",
            "syrk",
            "herk",
            "syr2k",
            "her2k",
            "syrkx",
            "herkx",
            "trmm",
            "trsm",
            "geam",
            "dgmm",
            "matinv",
            "getrf",
            "getri",
            "getrs",
            "geqrf",
            "gels",
            "tpttr",
            "trttp",
        )
    ):
        return "level3"
    return "helpers"


def lib_specs() -> list[LibSpec]:
    return [
        LibSpec(
            "libs/cublas",
            ["cublas_api.h", "cublas_v2.h", "cublasXt.h", "cublasLt.h"],
            "hipBLAS",
            ("cublas", "CUBLAS_"),
            {"cublas": "hipblas", "CUBLAS_": "HIPBLAS_"},
            _blas_section,
            "cuBLAS",
        ),
        LibSpec(
            "libs/curand",
            ["curand.h"],
            "hipRAND",
            ("curand", "CURAND_"),
            {"curand": "hiprand", "CURAND_": "HIPRAND_"},
            lambda n, k: "host",
            "cuRAND host API",
        ),
        LibSpec(
            "libs/cufft",
            ["cufft.h", "cufftXt.h"],
            "hipFFT",
            ("cufft", "CUFFT_"),
            {"cufftXt": "hipfftXt", "cufft": "hipfft", "CUFFT_": "HIPFFT_"},
            lambda n, k: "types" if k != "function" else ("xt" if n.startswith("cufftXt") else "plans"),
            "cuFFT",
        ),
        LibSpec(
            "libs/cusparse",
            ["cusparse.h"],
            "hipSPARSE",
            ("cusparse", "CUSPARSE_"),
            {"cusparse": "hipsparse", "CUSPARSE_": "HIPSPARSE_"},
            lambda n, k: "types" if k != "function" else "functions",
            "cuSPARSE",
        ),
        LibSpec(
            "libs/cusolver",
            ["cusolver_common.h", "cusolverDn.h", "cusolverSp.h", "cusolverRf.h", "cusolverMg.h"],
            "hipSOLVER",
            ("cusolver", "CUSOLVER_", "CUSOLVERRF_"),
            {"cusolver": "hipsolver", "CUSOLVERRF_": "HIPSOLVERRF_", "CUSOLVER_": "HIPSOLVER_"},
            lambda n, k: (
                "types" if k != "function" else ("dense" if n.startswith("cusolverDn") else "sparse_rf_mg")
            ),
            "cuSOLVER",
        ),
    ]


def build_curand_device(env: Env) -> tuple[str, dict[str, Entry], list[dict]]:
    paths = [
        env.libs / h
        for h in (
            "curand_kernel.h",
            "curand_normal.h",
            "curand_uniform.h",
            "curand_lognormal.h",
            "curand_poisson.h",
            "curand_discrete2.h",
            "curand_philox4x32_x.h",
            "curand_mrg32k3a.h",
            "curand_mtgp32_kernel.h",
        )
    ]
    text = "\n".join(read(p) for p in paths)
    funcs = _uniq(re.findall(r"\b(curand(?:_\w+)?|_?curand_init)\s*\(", text))
    types = _uniq(re.findall(r"\b(curandState\w*)\b", text))
    hip_ids = identifiers(headers_under(env.hip_libs / "hipRAND"))
    entries: dict[str, Entry] = {}
    for n in funcs + types:
        if n.startswith("_") or n in entries or n.startswith("curand_mtgp32") or n.startswith("curand_MRG"):
            continue
        hip = "hiprand" + n[len("curand") :]
        kind = "type" if n in types else "function"
        if hip in hip_ids:
            entries[n] = {"kind": kind, "hip": hip}
        else:
            env.missing.append(f"hip: {n}")
    return (
        "cuRAND device API (curand_kernel.h): generator states, init and sampling.",
        entries,
        [
            {
                "name": "device RNG maps to hipRAND",
                "cuda": "curandState s;\ncurand_init(seed, id, 0, &s);\nfloat u = curand_uniform(&s);\n",
                "hip": "hiprandState s;\nhiprand_init(seed, id, 0, &s);\nfloat u = hiprand_uniform(&s);\n",
            },
        ],
    )


# ---------------------------------------------------------------------------------------------------

_LIB_EXAMPLES: dict[str, list[dict]] = {
    "libs/cublas/level3": [
        {
            "name": "SGEMM with transpose enums and handle",
            "cuda": "cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_T, m, n, k, &a, A, m, B, n, &b, C, m);\n",
            "hip": "hipblasSgemm(h, HIPBLAS_OP_N, HIPBLAS_OP_T, m, n, k, &a, A, m, B, n, &b, C, m);\n",
        }
    ],
    "libs/cublas/types": [
        {
            "name": "handle type and status; a user's string is left alone",
            "cuda": "cublasHandle_t h;\nif (cublasCreate(&h) != CUBLAS_STATUS_SUCCESS) "
            'puts("cublasCreate failed");\n',
            "hip": "hipblasHandle_t h;\nif (hipblasCreate(&h) != HIPBLAS_STATUS_SUCCESS) "
            'puts("cublasCreate failed");\n',
        }
    ],
    "libs/cublas/xt_lt": [
        {
            "name": "cuBLASLt handle has no hipBLAS rule; comment untouched",
            "cuda": "// cublasLtCreate is not used\nx = 0;\n",
            "hip": "// cublasLtCreate is not used\nx = 0;\n",
        }
    ],
    "libs/curand/host": [
        {
            "name": "host generator",
            "cuda": "curandGenerator_t g;\ncurandCreateGenerator(&g, CURAND_RNG_PSEUDO_DEFAULT);\n"
            "curandGenerateUniform(g, d, n);\n",
            "hip": "hiprandGenerator_t g;\nhiprandCreateGenerator(&g, HIPRAND_RNG_PSEUDO_DEFAULT);\n"
            "hiprandGenerateUniform(g, d, n);\n",
        }
    ],
    "libs/cufft/plans": [
        {
            "name": "1D complex plan and execution",
            "cuda": "cufftHandle p;\ncufftPlan1d(&p, n, CUFFT_C2C, 1);\n"
            "cufftExecC2C(p, in, out, CUFFT_FORWARD);\n",
            "hip": "hipfftHandle p;\nhipfftPlan1d(&p, n, HIPFFT_C2C, 1);\n"
            "hipfftExecC2C(p, in, out, HIPFFT_FORWARD);\n",
        }
    ],
    "libs/cufft/types": [
        {"name": "complex type", "cuda": "cufftComplex *buf;\n", "hip": "hipfftComplex *buf;\n"}
    ],
    "libs/cufft/xt": [
        {
            "name": "Xt name in a string stays",
            "cuda": 'log("cufftXtMalloc");\n',
            "hip": 'log("cufftXtMalloc");\n',
        }
    ],
    "libs/cusparse/functions": [
        {
            "name": "handle creation",
            "cuda": "cusparseCreate(&h);\ncusparseDestroy(h);\n",
            "hip": "hipsparseCreate(&h);\nhipsparseDestroy(h);\n",
        }
    ],
    "libs/cusparse/types": [
        {
            "name": "matrix descriptor type and index base",
            "cuda": "cusparseMatDescr_t d;\ncusparseSetMatIndexBase(d, CUSPARSE_INDEX_BASE_ZERO);\n",
            "hip": "hipsparseMatDescr_t d;\nhipsparseSetMatIndexBase(d, HIPSPARSE_INDEX_BASE_ZERO);\n",
        }
    ],
    "libs/cusolver/dense": [
        {
            "name": "LU factorisation",
            "cuda": "cusolverDnSgetrf(h, m, n, A, lda, work, ipiv, info);\n",
            "hip": "hipsolverDnSgetrf(h, m, n, A, lda, work, ipiv, info);\n",
        }
    ],
    "libs/cusolver/types": [
        {"name": "dense handle type", "cuda": "cusolverDnHandle_t h;\n", "hip": "hipsolverDnHandle_t h;\n"}
    ],
    "libs/cusolver/sparse_rf_mg": [
        {"name": "comment untouched", "cuda": "/* cusolverSpCreate */\n", "hip": "/* cusolverSpCreate */\n"}
    ],
}


def _rename_example(entries: dict[str, Entry]) -> list[dict]:
    """A call of the file's first renamed function, for sections without a hand-written example."""
    for name, e in entries.items():
        if e["kind"] == "function" and isinstance(e.get("hip"), str) and e["hip"] != "same":
            return [
                {
                    "name": f"{name} is renamed",
                    "cuda": f"status = {name}(handle);\n",
                    "hip": f"status = {e['hip']}(handle);\n",
                }
            ]
    first = next(iter(entries))
    return [{"name": "a name in a comment is not rewritten", "cuda": f"// {first}\n", "hip": f"// {first}\n"}]


_OWNED = ("device", "math", "types", "libs")
_HAND_WRITTEN = {"device/builtins.yaml", "device/sync.yaml", "device/qualifiers.yaml", "device/warp.yaml",
                 "libs/cub/namespace.yaml"}


def _foreign_names(root: Path) -> set[str]:
    """CUDA names defined by rule files this script does not write (hand-written, other families)."""
    names: set[str] = set()
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if rel.parts[0] in _OWNED and rel.as_posix() not in _HAND_WRITTEN:
            continue
        names.update(re.findall(r"^  ([A-Za-z_]\w*):\s*$", path.read_text(encoding="utf-8"), re.M))
    return names


def generate(env: Env) -> dict[Path, str]:
    files: dict[Path, str] = {}

    seen = _foreign_names(env.out)

    def put(family: str, rel: str, doc: str, entries: dict[str, Entry], examples: list[dict]) -> None:
        for name in [n for n in entries if n in seen]:
            del entries[name]  # defined by an earlier file (one definition per CUDA name)
        seen.update(entries)
        header = (
            doc + "\nDrafted by scripts/gen_device_lib_rules.py from the installed headers; this file is "
            "the source of truth."
        )
        files[Path(rel)] = render(family, Path(rel).stem, header, entries, examples)

    put("device", "device/intrinsics.yaml", *build_device_intrinsics(env))
    put("device", "device/atomics.yaml", *build_atomics(env))
    for section, (doc, entries, examples) in build_math(env).items():
        put("math", f"math/{section}.yaml", doc, entries, examples)
    put("math", "math/intrinsics.yaml", *build_math_intrinsics(env))
    put("math", "math/half.yaml", *build_half(env))
    put("math", "math/bfloat16.yaml", *build_bf16(env))
    put("types", "types/vector.yaml", *build_vectors(env))
    for spec in lib_specs():
        for section, (doc, entries, examples) in build_library(env, spec).items():
            key = f"{spec.family}/{section}"
            examples = _LIB_EXAMPLES.get(key) or _rename_example(entries)
            put(spec.family, f"{key}.yaml", doc, entries, examples)
    put("libs/curand", "libs/curand/device.yaml", *build_curand_device(env))
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cuda", default="/usr/local/cuda/include")
    ap.add_argument("--cuda-libs", required=True, help="folder with cublas_api.h, curand.h, cufft.h, ...")
    ap.add_argument("--hip", default="/usr/include/hip", help="an installed (older) HIP include folder")
    ap.add_argument("--hip-new", required=True, help="a recent HIP include folder (ROCm clr hipamd/include)")
    ap.add_argument("--hip-libs", required=True, help="folder with hipBLAS/, hipRAND/, hipFFT/, ... sources")
    ap.add_argument("--opencl-c", default="/usr/share/pocl/include/opencl-c.h")
    ap.add_argument("--out", default="rules")
    ap.add_argument("--check", action="store_true", help="print missing counterparts, write nothing")
    args = ap.parse_args(argv)
    env = Env(args)
    files = generate(env)
    if args.check:
        print("\n".join(sorted(set(env.missing))))
        return 0
    for rel, text in files.items():
        path = Path(args.out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {text.count(chr(10) + '    kind:')} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
