"""Explicit float-to-integer conversions in OpenCL device code saturate as CUDA's do (cvt.rzi: out-of-range
values clamp to the type's limits, NaN becomes 0), instead of OpenCL C's undefined behaviour; run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

KERNEL = r"""
__global__ void conv(const float* f, int* i32, unsigned int* u32, long long* i64, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    i32[i] = (int)f[i];
    u32[i] = static_cast<unsigned int>(f[i]);
    i64[i] = (long long)(double)f[i] + (int)i * 0;
}
"""

VALUES = [0.0, 1.5, -1.5, 2.5e9, -2.5e9, 3e38, -3e38, float("inf"), float("-inf"), float("nan"), 4294967040.0,
          -0.99, 123456.7]


def _sat(x: float, lo: int, hi: int) -> int:
    if x != x:
        return 0
    if x >= hi:
        return hi
    if x <= lo:
        return lo
    return int(x)  # truncation toward zero


def test_casts_become_saturating_conversions() -> None:
    cl_text = translate_text(KERNEL, "opencl", name="conv.cu").extra_files["conv.cl"].decode()
    body = cl_text[cl_text.index("__kernel void conv"):]
    assert "convert_int_sat_rtz(f[i])" in body
    assert "convert_uint_sat_rtz(f[i])" in body
    assert "convert_long_sat_rtz((double)f[i])" in body
    assert "(int)i" in body  # an integer cast stays as written


@pytest.mark.opencl
def test_saturating_conversions_on_pocl_match_cuda(pocl) -> None:
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="conv.cu")
    prog = cl.Program(ctx, res.extra_files["conv.cl"].decode()).build()
    f = np.array(VALUES, np.float32)
    n = len(f)
    outs = [np.zeros(n, np.int32), np.zeros(n, np.uint32), np.zeros(n, np.int64)]
    mf = cl.mem_flags
    bufs = [cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x) for x in (f, *outs)]
    prog.conv(q, (n,), (n,), *bufs, np.int32(n))
    for buf, out in zip(bufs[1:], outs, strict=True):
        cl.enqueue_copy(q, out, buf)
    q.finish()
    for k, x in enumerate(f.tolist()):
        assert outs[0][k] == _sat(x, -2**31, 2**31 - 1), x
        assert outs[1][k] == _sat(x, 0, 2**32 - 1), x
        assert outs[2][k] == _sat(x, -2**63, 2**63 - 1), x
