"""CUDA bit intrinsics (__popc, __clz, __ffs, __brev, __byte_perm, __funnelshift_*, 64-bit forms) translated to
OpenCL run on PoCL, and their SYCL templates (plain C++ lambdas) compiled with g++, both checked against a
Python model of CUDA's documented semantics on edge values and random words."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from translator.api import translate_text
from translator.engine.ruleset import load_rules

M32, M64 = (1 << 32) - 1, (1 << 64) - 1
EDGE = [0, 1, 2, 3, 0x80000000, 0x7FFFFFFF, M32, 0x12345678, 0xF0F0F0F0, 0x00010000]


def _signed(x: int, bits: int) -> int:
    return x - (1 << bits) if x >> (bits - 1) else x


def _model(a: int, b: int, s: int, w: int) -> list[int]:
    """CUDA results for one input set, as the kernel below stores them (all as 64-bit words)."""
    def clz(x: int, bits: int) -> int:
        return bits - x.bit_length()

    def byte_perm(x: int, y: int, sel: int) -> int:
        t = (y << 32) | x
        return sum(((t >> (8 * ((sel >> (4 * i)) & 7))) & 0xFF) << (8 * i) for i in range(4))

    t = (b << 32) | a
    return [bin(a).count("1"), clz(a, 32), (a & -a).bit_length(), int(f"{a:032b}"[::-1], 2),
            bin(w).count("1"), clz(w, 64), (w & -w).bit_length(), int(f"{w:064b}"[::-1], 2),
            byte_perm(a, b, s), ((t << (s & 31)) >> 32) & M32, ((t << min(s, 32)) >> 32) & M32,
            (t >> (s & 31)) & M32, (t >> min(s, 32)) & M32]


KERNEL = r"""
__global__ void bits(const unsigned int* a, const unsigned int* b, const unsigned int* s,
                     const unsigned long long* w, unsigned long long* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    unsigned long long* o = out + 13 * i;
    o[0] = __popc(a[i]); o[1] = __clz((int)a[i]); o[2] = __ffs((int)a[i]); o[3] = __brev(a[i]);
    o[4] = __popcll(w[i]); o[5] = __clzll((long long)w[i]); o[6] = __ffsll((long long)w[i]); o[7] = __brevll(w[i]);
    o[8] = __byte_perm(a[i], b[i], s[i]);
    o[9] = __funnelshift_l(a[i], b[i], s[i]); o[10] = __funnelshift_lc(a[i], b[i], s[i]);
    o[11] = __funnelshift_r(a[i], b[i], s[i]); o[12] = __funnelshift_rc(a[i], b[i], s[i]);
}
"""


def _inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    n = 64
    a = np.array(EDGE + list(rng.integers(0, 1 << 32, n - len(EDGE))), np.uint32)
    b = rng.integers(0, 1 << 32, n).astype(np.uint32)
    s = np.array([0, 31, 32, 33, 0x7654, 0x3210, 0x5140, 63, 1, 0xFFFF] + list(rng.integers(0, 1 << 16, n - 10)),
                 np.uint32)
    w = np.array([0, 1, M64, 1 << 63] + [int(x) | (int(y) << 32) for x, y in zip(a[4:], b[4:], strict=True)],
                 np.uint64)
    return a, b, s, w


@pytest.mark.opencl
def test_bit_intrinsics_on_pocl_match_cuda_semantics(pocl):
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="bits.cu")
    assert not [f for f in res.findings if f.code == "CP2002"]
    prog = cl.Program(ctx, res.extra_files["bits.cl"].decode()).build()
    a, b, s, w = _inputs()
    n = len(a)
    out = np.zeros(13 * n, np.uint64)
    mf = cl.mem_flags
    bufs = [cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x) for x in (a, b, s, w, out)]
    prog.bits(q, (n,), (n,), *bufs, np.int32(n))
    cl.enqueue_copy(q, out, bufs[4])
    q.finish()
    got = out.reshape(n, 13)
    for i in range(n):
        want = _model(int(a[i]), int(b[i]), int(s[i]), int(w[i]))
        # __clz/__popc return int, stored as a 64-bit word: mask to compare the value CUDA computes
        assert [int(x) & (M64 if k in (3, 7) else M32) for k, x in enumerate(got[i])] == want, (i, hex(a[i]))


@pytest.mark.gxx
def test_sycl_bit_intrinsic_templates_are_correct_cpp(tmp_path):
    rules = load_rules()
    exprs = {}
    for name, args in (("__brev", "a"), ("__brevll", "w"), ("__byte_perm", "a, b, s"), ("__funnelshift_l", "a, b, s"),
                       ("__funnelshift_lc", "a, b, s"), ("__funnelshift_r", "a, b, s"),
                       ("__funnelshift_rc", "a, b, s")):
        tmpl = rules.get(name).targets["sycl"].template
        parts = [p.strip() for p in args.split(",")]
        for k, p in enumerate(parts, 1):
            tmpl = tmpl.replace(f"${k}", p)
        exprs[name] = tmpl
    a, b, s, w = _inputs()
    lines = "\n".join(f"{x} {y} {z} {v}" for x, y, z, v in zip(a, b, s, w, strict=True))
    fmt = " ".join(["%llu"] * len(exprs))
    src = "#include <cstdio>\nint main() { unsigned int a, b, s; unsigned long long w;\n" \
          f"while (std::scanf(\"%u %u %u %llu\", &a, &b, &s, &w) == 4) std::printf(\"{fmt}\\n\", " \
          + ", ".join(f"(unsigned long long)({e})" for e in exprs.values()) + ");\n}\n"
    (tmp_path / "t.cpp").write_text(src)
    subprocess.run(["g++", "-std=c++17", "-o", str(tmp_path / "t"), str(tmp_path / "t.cpp")], check=True)
    out = subprocess.run([str(tmp_path / "t")], input=lines, capture_output=True, text=True, check=True).stdout
    for row, x, y, z, v in zip(out.splitlines(), a, b, s, w, strict=True):
        m = _model(int(x), int(y), int(z), int(v))
        assert [int(t) for t in row.split()] == [m[3], m[7], m[8], m[9], m[10], m[11], m[12]]
