"""Explicit specialisations of device function templates (`template <> __half from_float(float)` and
`template <> __nv_bfloat16 from_float(float)` differ in the result only: each gets its OpenCL name and
`from_float<T>(x)` calls the one for T), a warp shuffle of a __half, a variable named `half` (an OpenCL C type
keyword) and min/max in a template whose value arguments change the argument types; built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_fp16.h>
#include <cuda_bf16.h>
template <typename T> __device__ T from_float(const float x);
template <typename T> __device__ float to_float(const T x);
template <> inline __device__ __half from_float(const float x) { return __float2half(x); }
template <> inline __device__ __nv_bfloat16 from_float(const float x) { return __float2bfloat16(x); }
template <> inline __device__ float to_float(const __half x) { return __half2float(x); }
template <> inline __device__ float to_float(const __nv_bfloat16 x) { return __bfloat162float(x); }
template <typename T, unsigned int B>
__global__ void k(const float* in, T* out, float* back, int* ints)
{
    int i = threadIdx.x;
    T v = from_float<T>(in[i] * 3.0f);
    out[i] = __shfl_xor_sync(0xffffffff, v, 1);
    back[i] = to_float(out[i]);
    unsigned short half = 1 << (i % 4);
    ints[i] = half + max((B - 2), min(i, B + 2));
}
void run(const float* in, __half* h, __nv_bfloat16* b, float* f, int* i)
{
    k<__half, 5><<<1, 32>>>(in, h, f, i);
    k<__nv_bfloat16, 5><<<1, 32>>>(in, b, f + 32, i + 32);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="spec.cu").extra_files["spec.cl"].decode()


def test_specialisations_differing_in_result_are_named_apart(cl_text: str) -> None:
    assert "cp_half from_float_half(const float x)" in cl_text
    assert "cp_bfloat16 from_float_nv_bfloat16(const float x)" in cl_text


@pytest.mark.opencl
def test_specialisations_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    x = (np.arange(32, dtype=np.float32) - 10) / 7
    mf = cl.mem_flags
    bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    h, b = np.zeros(32, np.float16), np.zeros(32, np.uint16)
    f, i = np.zeros(64, np.float32), np.zeros(64, np.int32)
    bh, bb, bf, bi = (cl.Buffer(ctx, mf.READ_WRITE, a.nbytes) for a in (h, b, f, i))
    lanes = np.arange(32)
    for name, out, off in (("k_half_5", bh, 0), ("k_nv_bfloat16_5", bb, 32)):
        getattr(prog, name)(q, (32,), (32,), bx, out, bf.get_sub_region(off * 4, 128),
                            bi.get_sub_region(off * 4, 128))
    for host, dev in ((h, bh), (b, bb), (f, bf), (i, bi)):
        cl.enqueue_copy(q, host, dev)
    q.finish()
    y = x * 3
    assert np.array_equal(h, y.astype(np.float16)[lanes ^ 1])
    bits = y.view(np.uint32).astype(np.uint64)
    bf16 = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    assert np.array_equal(b, bf16[lanes ^ 1])
    assert np.array_equal(f[:32], h.astype(np.float32))
    assert np.array_equal(f[32:], (b.astype(np.uint32) << 16).view(np.float32))
    want = (1 << (lanes % 4)) + np.maximum(3, np.minimum(lanes, 7))
    assert np.array_equal(i[:32], want) and np.array_equal(i[32:], want)
