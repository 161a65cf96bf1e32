"""Python model of CUDA's SIMD-within-a-word intrinsics, written from the CUDA Math API's per-lane descriptions
(independently of translator/targets/simd.py's table), with the inputs, driver statements and comparison that
the tests of the OpenCL, C++ (SYCL) and HIP forms share."""

from __future__ import annotations

import functools
import re
from itertools import product

import numpy as np

from translator.targets import simd

M32 = (1 << 32) - 1
NAMES = sorted(simd.SPECS)


def _lanes(v: int, w: int, signed: bool) -> list[int]:
    out = []
    for i in range(32 // w):
        x = (v >> (w * i)) & ((1 << w) - 1)
        out.append(x - (1 << w) if signed and x >> (w - 1) else x)
    return out


def _pack(vals: list[int], w: int) -> int:
    return sum((x & ((1 << w) - 1)) << (w * i) for i, x in enumerate(vals))


def _clamp(x: int, w: int, signed: bool) -> int:
    lo, hi = (-(1 << (w - 1)), (1 << (w - 1)) - 1) if signed else (0, (1 << w) - 1)
    return min(max(x, lo), hi)


def _avg_away(s: int) -> int:  # (a + b) / 2 rounded half away from zero, as CUDA's signed vavrg
    return (abs(s) + 1) // 2 * (1 if s >= 0 else -1)


_OPS = {"eq": lambda x, y: x == y, "ne": lambda x, y: x != y, "ge": lambda x, y: x >= y,
        "gt": lambda x, y: x > y, "le": lambda x, y: x <= y, "lt": lambda x, y: x < y}
_LANEWISE = {  # base name -> (signed lanes, f(x, y, w))
    "abs": (True, lambda x, y, w: abs(x)), "absss": (True, lambda x, y, w: _clamp(abs(x), w, True)),
    "neg": (True, lambda x, y, w: -x), "negss": (True, lambda x, y, w: _clamp(-x, w, True)),
    "add": (False, lambda x, y, w: x + y), "addss": (True, lambda x, y, w: _clamp(x + y, w, True)),
    "addus": (False, lambda x, y, w: _clamp(x + y, w, False)), "sub": (False, lambda x, y, w: x - y),
    "subss": (True, lambda x, y, w: _clamp(x - y, w, True)), "subus": (False, lambda x, y, w: max(x - y, 0)),
    "avgs": (True, lambda x, y, w: _avg_away(x + y)), "avgu": (False, lambda x, y, w: (x + y + 1) // 2),
    "haddu": (False, lambda x, y, w: (x + y) // 2), "absdiffs": (True, lambda x, y, w: abs(x - y)),
    "absdiffu": (False, lambda x, y, w: abs(x - y)), "maxs": (True, lambda x, y, w: max(x, y)),
    "maxu": (False, lambda x, y, w: max(x, y)), "mins": (True, lambda x, y, w: min(x, y)),
    "minu": (False, lambda x, y, w: min(x, y)),
}


def model(name: str, a: int, b: int, c: int) -> tuple[int, int]:
    """(result as a 32-bit word, predicates: pred_hi << 1 | pred_lo, or pred) of CUDA's `name`."""
    m = re.fullmatch(r"__v(\w+?)([24])", name)
    if m and not name.startswith("__vi"):
        base, w = m.group(1), 16 if m.group(2) == "2" else 8
        if base in _LANEWISE:
            signed, f = _LANEWISE[base]
            return _pack([f(x, y, w) for x, y in zip(_lanes(a, w, signed), _lanes(b, w, signed), strict=True)], w), 0
        cmp = re.fullmatch(r"(cmp|set|sad)(eq|ne|ge|gt|le|lt)?([su]?)", base)
        assert cmp, name
        kind, op, sign = cmp.groups()
        xs, ys = _lanes(a, w, sign == "s"), _lanes(b, w, sign == "s")
        if kind == "sad":
            return sum(abs(x - y) for x, y in zip(xs, ys, strict=True)), 0
        true = (1 << w) - 1 if kind == "cmp" else 1
        return _pack([true if _OPS[op](x, y) else 0 for x, y in zip(xs, ys, strict=True)], w), 0
    m = re.fullmatch(r"__vi(b?)(add)?(max|min)(3?)_([su])(32|16x2)(_relu)?", name)
    assert m, name
    bmode, add, op, three, sign, lanes, relu = m.groups()
    w, signed = 32 if lanes == "32" else 16, sign == "s"
    pick = max if op == "max" else min
    res, preds = [], 0
    for i, (x, y, z) in enumerate(zip(_lanes(a, w, signed), _lanes(b, w, signed), _lanes(c, w, signed),
                                      strict=True)):
        if add:
            r = pick(_lanes(_pack([x + y], w), w, signed)[0], z)
        elif three:
            r = pick(x, y, z)
        else:
            r = pick(x, y)
        if relu:
            r = max(r, 0)
        if bmode:
            preds |= int(x >= y if op == "max" else x <= y) << i
        res.append(r)
    return _pack(res, w), preds


def inputs() -> np.ndarray:
    halves = [0x0000, 0x0001, 0x7FFF, 0x8000, 0x8001, 0xFFFF, 0x7FFE]
    bytes_ = [0x00, 0x01, 0x7F, 0x80, 0x81, 0xFF, 0xFE]
    rng = np.random.default_rng(12)
    words = [h << 16 | lo for h, lo in product(halves, halves)]
    words += [int.from_bytes(bytes(int(x) for x in rng.choice(bytes_, 4)), "little") for _ in range(20)]
    words += [int(x) for x in rng.integers(0, 1 << 32, 12)]
    rows = [(a, b, words[(i * 7 + j) % len(words)]) for i, a in enumerate(words) for j, b in enumerate(words)
            if (i + j) % 3 == 0]
    rows += [tuple(int(v) for v in rng.integers(0, 1 << 32, 3)) for _ in range(300)]
    return np.array(rows, np.uint32)


def calls(prefix: str) -> list[str]:
    """One statement per intrinsic for a driver over inputs a, b, c: stores the result and the predicates."""
    out = []
    for k, name in enumerate(NAMES):
        spec = simd.SPECS[name]
        words = [v if t == "unsigned int" else f"(int){v}" for v, t in zip("abc", spec.params, strict=False)
                 if t != "bool*"]
        preds = spec.params.count("bool*")
        args = ", ".join(words + (["&p0"] if preds == 1 else ["&p1", "&p0"] if preds else []))
        out.append(f"p0 = 0; p1 = 0; o[{2 * k}] = (unsigned int){prefix}{name[2:]}({args}); "
                   f"o[{2 * k + 1}] = (unsigned int)((p1 ? 2 : 0) | (p0 ? 1 : 0));")
    return out


def expected(rows: np.ndarray) -> np.ndarray:
    exp = np.zeros((len(rows), 2 * len(NAMES)), np.uint64)
    for i, (a, b, c) in enumerate(rows.tolist()):
        for k, name in enumerate(NAMES):
            r, p = model(name, a, b, c)
            exp[i, 2 * k], exp[i, 2 * k + 1] = r & M32, p
    return exp.astype(np.uint32)


@functools.cache
def reference() -> tuple[np.ndarray, np.ndarray]:
    """The inputs and the model's results for them (computed once per session: about 4 s)."""
    rows = inputs()
    return rows, expected(rows)


def compare(got: np.ndarray) -> None:
    """Every result of every intrinsic on the reference inputs equals the model's."""
    rows, exp = reference()
    bad = np.argwhere(got != exp)
    msgs = [f"{NAMES[k // 2]}({rows[i][0]:#x}, {rows[i][1]:#x}, {rows[i][2]:#x}): got {got[i, k]:#x}, "
            f"expected {exp[i, k]:#x}" for i, k in bad[:10]]
    assert not msgs, "\n".join(msgs)


KERNEL = r"""
__device__ unsigned int relu4(unsigned int v) { return __vmaxs4(v, 0); }
__global__ void k(const unsigned int* a, const unsigned int* b, unsigned int* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    bool hi, lo;
    unsigned int* o = out + 8 * i;
    o[0] = relu4(a[i]);
    o[1] = __vaddss2(a[i], b[i]);
    o[2] = __vavgs4(a[i], b[i]);
    o[3] = __vcmpgtu4(a[i], b[i]);
    o[4] = __vsads2(a[i], b[i]);
    o[5] = __viaddmax_s16x2_relu(a[i], b[i], 0x00010001u);
    o[6] = __vibmax_u16x2(a[i], b[i], &hi, &lo);
    o[7] = (unsigned int)__vimin3_s32((int)a[i], (int)b[i], 5) + (hi ? 2u : 0u) + (lo ? 1u : 0u);
}
"""


def kernel_model(a: int, b: int) -> list[int]:
    r6, p = model("__vibmax_u16x2", a, b, 0)
    return [model("__vmaxs4", a, 0, 0)[0], model("__vaddss2", a, b, 0)[0], model("__vavgs4", a, b, 0)[0],
            model("__vcmpgtu4", a, b, 0)[0], model("__vsads2", a, b, 0)[0],
            model("__viaddmax_s16x2_relu", a, b, 0x00010001)[0], r6,
            (model("__vimin3_s32", a, b, 5)[0] + p) & M32]


