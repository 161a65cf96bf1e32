"""CUDA half and bfloat16 on OpenCL without cl_khr_fp16: a kernel using __half operators, implicit float
conversions, half2 intrinsics, integer conversions and bfloat16 rounding is translated, run on PoCL and
compared bit for bit with NumPy's float16 (CUDA's IEEE binary16, round to nearest even); the host shim's
__half/__nv_bfloat16 are compiled with g++ and give the same bits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from translator.api import translate_text
from translator.engine.ruleset import load_rules
from translator.resources import shim_dir
from translator.targets.opencl.halfconv import CL_TYPES

KERNEL = r"""
#include <cuda_fp16.h>
#include <cuda_bf16.h>
__global__ void halves(const __half* a, const __half* b, const __half* c, __half* out, __half2* pairs, int* ints,
                       __nv_bfloat16* bf, const float* f, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    __half two = 2.0f;
    out[4 * i] = a[i] + b[i] * two;                 // two half roundings, as cuda_fp16.hpp's operators
    out[4 * i + 1] = __hfma(a[i], b[i], c[i]);      // one rounding, as CUDA's fma.rn.f16
    out[4 * i + 2] = a[i] < b[i] ? __hmax(a[i], b[i]) : -a[i];
    float s = a[i];
    s += b[i];
    out[4 * i + 3] = s;                               // float sum, rounded once
    __half2 p = __halves2half2(a[i], b[i]);
    pairs[2 * i] = __hadd2(p, __float2half2_rn(1.0f));
    pairs[2 * i + 1] = __hgt2(p, __lowhigh2highlow(p));
    ints[2 * i] = __half2int_rn(a[i]);
    ints[2 * i + 1] = __hadd(ints[2 * i], 7);         // CUDA's integer halving add shares the name
    bf[i] = __float2bfloat16(f[i]);
}
"""


def _model(a: np.ndarray, b: np.ndarray, c: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, ...]:
    h = np.float16
    out = np.stack([(a + b * h(2)).astype(h),
                    (a.astype(np.float64) * b + c).astype(h),
                    np.where(a < b, np.fmax(a, b), -a),
                    (a.astype(np.float32) + b.astype(np.float32)).astype(h)], axis=1).ravel()
    pairs = np.stack([a + h(1), b + h(1), (a > b).astype(h), (b > a).astype(h)], axis=1).ravel()
    ints = np.rint(a.astype(np.float32)).astype(np.int32)
    u = f.view(np.uint32).astype(np.uint64)
    bf = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    return out, pairs, np.stack([ints, (ints + 7) >> 1], axis=1).ravel(), bf


@pytest.mark.opencl
def test_half_kernel_on_pocl_matches_binary16(pocl):
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="halves.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    prog = cl.Program(ctx, res.extra_files["halves.cl"].decode()).build()
    rng = np.random.default_rng(3)
    n = 256
    a = rng.uniform(-40, 40, n).astype(np.float16)
    b = rng.uniform(-40, 40, n).astype(np.float16)
    c = rng.uniform(-40, 40, n).astype(np.float16)
    a[:4] = [0.5, 1.5, 2.5, -2.5]  # ties for __half2int_rn
    # fma inputs where rounding to float first and then to half would give a different half
    for k, (x, y, z) in enumerate([(0x3A94, 0x7700, 0x8B44), (0x027D, 0x166E, 0x0AC9), (0x7600, 0x3B9E, 0x0C24)]):
        a[4 + k], b[4 + k], c[4 + k] = (np.uint16(v).view(np.float16) for v in (x, y, z))
    f = np.concatenate([rng.standard_normal(n - 3), [1.00390625, 1.01171875, 3e38]]).astype(np.float32)
    mf = cl.mem_flags
    ins = [cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x) for x in (a, b, c)]
    outs = [np.zeros(4 * n, np.float16), np.zeros(4 * n, np.float16), np.zeros(2 * n, np.int32),
            np.zeros(n, np.uint16)]
    obufs = [cl.Buffer(ctx, mf.READ_WRITE, x.nbytes) for x in outs]
    fbuf = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=f)
    prog.halves(q, (n,), (64,), *ins, *obufs, fbuf, np.int32(n))
    for host, dev in zip(outs, obufs, strict=True):
        cl.enqueue_copy(q, host, dev)
    for got, want in zip(outs, _model(a, b, c, f), strict=True):
        assert np.array_equal(got.view(np.uint16) if got.dtype == np.float16 else got,
                              want.view(np.uint16) if want.dtype == np.float16 else want)


def test_half_without_an_explicit_conversion_fails_to_compile_rather_than_computing_on_bits():
    """Template bodies are not in the AST as instances: a half there stays a struct, never a ushort."""
    src = "#include <cuda_fp16.h>\ntemplate <typename T> __global__ void k(T* p) { p[0] = p[1] + p[2]; }\n" \
          "void run(__half* d) { k<__half><<<1, 1>>>(d); }\n"
    cl_text = translate_text(src, "opencl", name="t.cu").extra_files["t.cl"].decode()
    # the store converts (cp_to_half), the sum of two storage structs is left as written
    assert "p[0] = cp_to_half(p[1] + p[2])" in cl_text and "typedef struct { ushort cp_bits; } cp_half;" in cl_text


def test_cl_type_table_matches_the_rules():
    rules = load_rules()
    for name, cl_name in CL_TYPES.items():
        assert rules.get(name).for_target("opencl").rename == cl_name, name


@pytest.mark.gxx
def test_host_half_has_cuda_bits(tmp_path: Path):
    src = tmp_path / "h.cpp"
    src.write_text('#include "cudaport_opencl.h"\n#include <cstdio>\nint main() {\n'
                   "  const float v[] = {0.1f, 65504.f, 65519.f, 65520.f, 1e-7f, 5.96e-8f, -2.98e-8f, -0.f, 1e-5f};\n"
                   '  for (float x : v) printf("%04x %04x ", __float2half(x).__x, __float2bfloat16(x).__x);\n'
                   "  __half h = 1.5f; h += 1; printf(\"%g %zu\\n\", __half2float(h), sizeof(__half2)); }\n")
    exe = tmp_path / "h"
    subprocess.run(["g++", "-std=c++17", "-I", str(shim_dir() / "opencl" / "include"), str(src), "-o", str(exe)],
                   check=True)
    words = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.split()
    v = np.array([0.1, 65504, 65519, 65520, 1e-7, 5.96e-8, -2.98e-8, -0.0, 1e-5], np.float32)
    with np.errstate(over="ignore"):
        halfs = v.astype(np.float16).view(np.uint16)
    u = v.view(np.uint32).astype(np.uint64)
    bfs = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    assert [int(w, 16) for w in words[0:18:2]] == list(halfs)
    assert [int(w, 16) for w in words[1:18:2]] == list(bfs)
    assert words[18:] == ["2.5", "4"]
