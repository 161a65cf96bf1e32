"""CUDA's SIMD-within-a-word ("video") intrinsics (__vadd4, __vmaxs2, __vcmpgtu4, __vsads2, __viaddmax_s16x2,
__vibmax_u32, ...) as portable C, one generated definition per intrinsic from a table of lane operations.

Input: a CUDA intrinsic name and a target style. Output: C text that compiles as OpenCL C 1.2 (the .cl prelude
adds the ones a program calls), as C++ (the SYCL helper header cudaport_sycl/simd.hpp, regenerated with
`python -m translator.targets.simd`, a test diffs it) and as HIP device code (inserted into the translated file
by the `simd` handler: HIP 5.2 declares none of them). Each definition stands alone: it splits the words into
lanes (sign- or zero-extended per CUDA's signedness), computes each lane in int (64-bit for 32-bit lanes) and
packs the lanes back, so no helper has to come first and locals cannot meet user macros (cp_ prefix).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.resources import shim_dir

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite


@dataclass(frozen=True)
class Style:
    """How one target spells a definition: qualifiers, the name it gets, the 64-bit integer type."""
    quals: str
    prefix: str  # CUDA's __vmaxs4 becomes prefix + "vmaxs4"
    i64: str


OPENCL = Style("static inline", "cp_", "long")
SYCL = Style("inline", "", "long long")  # inside namespace cpsycl
HIP = Style("static inline __attribute__((host, device))", "cp_", "long long")


@dataclass(frozen=True)
class Spec:
    """One intrinsic: lane width in bits, lane signedness, parameter types, what each lane computes (C over the
    lanes cp_x, cp_y, cp_z, or the lane result cp_t for `post`), and how lanes combine."""
    width: int
    signed: bool
    expr: str
    params: tuple[str, ...] = ("unsigned int", "unsigned int")
    ret: str = "unsigned int"
    post: str = "cp_t"  # applied to the lane result cp_t: a clamp for saturating forms
    kind: str = "pack"  # pack: lanes packed back; sum: lane results added; pred: *pred per lane (__vibmax)
    wrap_sum: bool = False  # __viaddmax*: a + b wraps to the lane width before it is compared


def _sat(width: int, signed: bool) -> str:
    lo, hi = (-(1 << (width - 1)), (1 << (width - 1)) - 1) if signed else (0, (1 << width) - 1)
    return f"(cp_t < {lo} ? {lo} : (cp_t > {hi} ? {hi} : cp_t))"


_MAX, _MIN = "(cp_x > cp_y ? cp_x : cp_y)", "(cp_x < cp_y ? cp_x : cp_y)"
# (un)signed rounded average, rounded half away from zero as CUDA's vavrg: (a + b + (a + b >= 0)) >> 1, written
# without shifting a negative value (implementation-defined in C)
_AVGS = "(cp_x + cp_y >= 0 ? (cp_x + cp_y + 1) / 2 : -((1 - cp_x - cp_y) / 2))"
_CMP = {"eq": "==", "ne": "!=", "ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _byte_and_half_specs() -> dict[str, Spec]:
    specs: dict[str, Spec] = {}
    for n, w in ((2, 16), (4, 8)):
        one = ("unsigned int",)
        table: dict[str, tuple[bool, str, str]] = {  # name -> (signed lanes, lane expression, post)
            "abs": (True, "(cp_x < 0 ? -cp_x : cp_x)", "cp_t"),
            "absss": (True, "(cp_x < 0 ? -cp_x : cp_x)", _sat(w, True)),
            "neg": (True, "(-cp_x)", "cp_t"),
            "negss": (True, "(-cp_x)", _sat(w, True)),
            "add": (False, "(cp_x + cp_y)", "cp_t"),
            "addss": (True, "(cp_x + cp_y)", _sat(w, True)),
            "addus": (False, "(cp_x + cp_y)", _sat(w, False)),
            "sub": (False, "(cp_x - cp_y)", "cp_t"),
            "subss": (True, "(cp_x - cp_y)", _sat(w, True)),
            "subus": (False, "(cp_x - cp_y)", _sat(w, False)),
            "avgs": (True, _AVGS, "cp_t"),
            "avgu": (False, "((cp_x + cp_y + 1) / 2)", "cp_t"),
            "haddu": (False, "((cp_x + cp_y) / 2)", "cp_t"),
            "absdiffs": (True, "(cp_x > cp_y ? cp_x - cp_y : cp_y - cp_x)", "cp_t"),
            "absdiffu": (False, "(cp_x > cp_y ? cp_x - cp_y : cp_y - cp_x)", "cp_t"),
            "maxs": (True, _MAX, "cp_t"), "maxu": (False, _MAX, "cp_t"),
            "mins": (True, _MIN, "cp_t"), "minu": (False, _MIN, "cp_t"),
        }
        for base, (signed, expr, post) in table.items():
            unary = base in ("abs", "absss", "neg", "negss")
            specs[f"__v{base}{n}"] = Spec(w, signed, expr, one if unary else ("unsigned int",) * 2, post=post)
        for op, sym in _CMP.items():
            # == and != are the same for both signednesses: CUDA has one name; the orderings have s and u forms
            forms = [("", False)] if op in ("eq", "ne") else [("s", True), ("u", False)]
            for sfx, signed in forms:
                specs[f"__vcmp{op}{sfx}{n}"] = Spec(w, signed, f"(cp_x {sym} cp_y ? -1 : 0)")
                specs[f"__vset{op}{sfx}{n}"] = Spec(w, signed, f"(cp_x {sym} cp_y ? 1 : 0)")
        for sfx, signed in (("s", True), ("u", False)):
            specs[f"__vsad{sfx}{n}"] = Spec(w, signed, "(cp_x > cp_y ? cp_x - cp_y : cp_y - cp_x)", kind="sum")
    return specs


def _minmax3_specs() -> dict[str, Spec]:
    """The sm_90 forms: 32-bit scalars (s32, u32) and two 16-bit lanes (s16x2, u16x2)."""
    specs: dict[str, Spec] = {}
    relu = "(cp_t > 0 ? cp_t : 0)"
    max3 = "(cp_x > cp_y ? (cp_x > cp_z ? cp_x : cp_z) : (cp_y > cp_z ? cp_y : cp_z))"
    min3 = "(cp_x < cp_y ? (cp_x < cp_z ? cp_x : cp_z) : (cp_y < cp_z ? cp_y : cp_z))"
    addmax, addmin = "(cp_s > cp_z ? cp_s : cp_z)", "(cp_s < cp_z ? cp_s : cp_z)"
    for lanes, w in (("32", 32), ("16x2", 16)):
        for sign in ("s", "u"):
            signed = sign == "s"
            scalar = "int" if signed and w == 32 else "unsigned int"
            two, three = (scalar,) * 2, (scalar,) * 3
            sfx = f"_{sign}{lanes}"
            specs[f"__vimax3{sfx}"] = Spec(w, signed, max3, three, scalar)
            specs[f"__vimin3{sfx}"] = Spec(w, signed, min3, three, scalar)
            specs[f"__viaddmax{sfx}"] = Spec(w, signed, addmax, three, scalar, wrap_sum=True)
            specs[f"__viaddmin{sfx}"] = Spec(w, signed, addmin, three, scalar, wrap_sum=True)
            pred = ("bool*",) if w == 32 else ("bool*", "bool*")
            specs[f"__vibmax{sfx}"] = Spec(w, signed, _MAX, two + pred, scalar, kind="pred")
            specs[f"__vibmin{sfx}"] = Spec(w, signed, _MIN, two + pred, scalar, kind="pred")
            if signed:
                specs[f"__vimax{sfx}_relu"] = Spec(w, True, _MAX, two, scalar, post=relu)
                specs[f"__vimin{sfx}_relu"] = Spec(w, True, _MIN, two, scalar, post=relu)
                specs[f"__vimax3{sfx}_relu"] = Spec(w, True, max3, three, scalar, post=relu)
                specs[f"__vimin3{sfx}_relu"] = Spec(w, True, min3, three, scalar, post=relu)
                specs[f"__viaddmax{sfx}_relu"] = Spec(w, True, addmax, three, scalar, post=relu, wrap_sum=True)
                specs[f"__viaddmin{sfx}_relu"] = Spec(w, True, addmin, three, scalar, post=relu, wrap_sum=True)
    return specs


SPECS: dict[str, Spec] = {**_byte_and_half_specs(), **_minmax3_specs()}


def target_name(cuda_name: str, style: Style) -> str:
    return style.prefix + cuda_name[2:]


def _lane(word: str, spec: Spec, style: Style, lane: str = "cp_i") -> str:
    """Lane `lane` of the unsigned int `word`, sign- or zero-extended to the lane type."""
    if spec.width == 32:
        return f"(((({style.i64}){word}) ^ 0x80000000) - 0x80000000)" if spec.signed else f"(({style.i64}){word})"
    mask, top = (1 << spec.width) - 1, 1 << (spec.width - 1)
    bits = f"(int)(({word} >> ({spec.width} * {lane})) & {mask:#x}u)"
    return f"(({bits} ^ {top:#x}) - {top:#x})" if spec.signed else f"({bits})"


def definition(cuda_name: str, style: Style) -> str:
    """The C definition of one intrinsic for a target."""
    spec = SPECS[cuda_name]
    names = ("cp_a", "cp_b", "cp_c")
    word_params = [p for p in spec.params if p != "bool*"]
    params = [f"{t} {names[i]}" for i, t in enumerate(word_params)]
    npred = spec.params.count("bool*")
    preds = ["cp_pred"] if npred == 1 else ["cp_pred_hi", "cp_pred_lo"][:npred]
    params += [f"bool* {p}" for p in preds]
    lane_t = style.i64 if spec.width == 32 else "int"
    n = 32 // spec.width
    body = [f"{lane_t} cp_{v} = {_lane(f'(unsigned int){names[i]}', spec, style)};"
            for i, v in enumerate("xyz"[:len(word_params)])]
    if spec.wrap_sum:  # the sum wraps to the lane width, then is read with the lane's signedness
        body.append(f"{lane_t} cp_s = {_lane('(unsigned int)(cp_x + cp_y)', spec, style, '0')};")
    body.append(f"{lane_t} cp_t = {spec.expr};")
    if spec.kind == "sum":
        body.append("cp_r += (unsigned int)(cp_t);")
    else:
        mask = (1 << spec.width) - 1
        shift = "" if spec.width == 32 else f" << ({spec.width} * cp_i)"
        body.append(f"cp_r |= ((unsigned int)({spec.post}) & {mask:#x}u){shift};")
    if spec.kind == "pred":
        cond = "cp_x >= cp_y" if "max" in cuda_name else "cp_x <= cp_y"
        if len(preds) == 1:
            body.append(f"*cp_pred = {cond};")
        else:
            body.append(f"if (cp_i == 1) *cp_pred_hi = {cond}; else *cp_pred_lo = {cond};")
    inner = "\n        ".join(body)
    return (f"{style.quals} {spec.ret} {target_name(cuda_name, style)}({', '.join(params)}) {{\n"
            f"    unsigned int cp_r = 0u;\n"
            f"    for (int cp_i = 0; cp_i < {n}; ++cp_i) {{\n        {inner}\n    }}\n"
            f"    return ({spec.ret})cp_r;\n}}\n")


def opencl_definitions(names: set[str]) -> str:
    """Definitions of the intrinsics (OpenCL names, cp_vmaxs4) a .cl program calls, in table order."""
    used = [c for c in SPECS if target_name(c, OPENCL) in names]
    if not used:
        return ""
    return "/* CUDA SIMD-within-a-word intrinsics */\n" + "".join(definition(c, OPENCL) for c in used)


def hip_definition(cuda_name: str) -> str:
    """A HIP definition guarded so that each translation unit defines it once, whichever files insert it."""
    guard = f"CUDAPORT_SIMD_{cuda_name[2:].upper()}"
    return f"#ifndef {guard}\n#define {guard}\n{definition(cuda_name, HIP)}#endif\n"


def hip_simd(site: NameSite, ctx: FileContext) -> bool:
    """HIP handler `simd`: rename the call to cp_<name> and insert that definition once into this file."""
    from translator.engine.core import include_anchor

    if site.name not in SPECS:
        return False
    ctx.replace(site.span, target_name(site.name, HIP), site.name)
    origin = f"simd definition {site.name}"
    if not any(e.origin == origin for e in ctx.edits):
        ctx.insert(include_anchor(ctx.parsed), hip_definition(site.name), origin)
    return True


SYCL_HEADER_PATH = shim_dir() / "sycl" / "include" / "cudaport_sycl" / "simd.hpp"


def sycl_header() -> str:
    head = ("// cudaport SYCL helper: CUDA's SIMD-within-a-word intrinsics (__vadd4, __vmaxs2, __vcmpgtu4,\n"
            "// __vsads2, __viaddmax_s16x2, __vibmax_u32, ...) as cpsycl::vadd4 etc.; SYCL 2020 has none of them.\n"
            "// Lane by lane in plain C++, host and device code. GENERATED by `python -m translator.targets.simd`\n"
            "// from translator/targets/simd.py: edit that table, not this file.\n"
            "#pragma once\n\nnamespace cpsycl {\n\n")
    return head + "\n".join(definition(c, SYCL) for c in SPECS) + "\n}  // namespace cpsycl\n"


if __name__ == "__main__":
    SYCL_HEADER_PATH.write_text(sycl_header())
    sys.stdout.write(f"wrote {SYCL_HEADER_PATH}\n")
