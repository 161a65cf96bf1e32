"""Overloaded __device__ functions (same name, different parameter types) are all emitted to the .cl, each
call going to the overload its argument types choose, and the program runs on PoCL with CUDA's results."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

KERNEL = r"""
__device__ float scale(const float v, const float s) { return v * s; }
__device__ int scale(const int v, const int s) { return v << s; }
__global__ void both(const float* f, const int* i, float* fo, int* io, int n) {
    int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k < n) { fo[k] = scale(f[k], 0.5f); io[k] = scale(i[k], 3); }
}
"""


@pytest.mark.opencl
def test_overload_chosen_by_argument_types(pocl):
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="ovl.cu")
    text = res.extra_files["ovl.cl"].decode()
    assert text.count("scale(const float v, const float s) {") == 1
    assert text.count("scale(const int v, const int s) {") == 1
    prog = cl.Program(ctx, text).build()
    n = 32
    f = np.arange(n, dtype=np.float32)
    i = np.arange(n, dtype=np.int32)
    fo, io = np.zeros_like(f), np.zeros_like(i)
    mf = cl.mem_flags
    bufs = [cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x) for x in (f, i, fo, io)]
    prog.both(q, (n,), (n,), *bufs, np.int32(n))
    cl.enqueue_copy(q, fo, bufs[2])
    cl.enqueue_copy(q, io, bufs[3])
    assert np.array_equal(fo, f * 0.5) and np.array_equal(io, i << 3)
