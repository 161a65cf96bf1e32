"""cub::WarpReduce on the OpenCL target: `Sum` and `Reduce` with CUB's functors over full 32-lane warps and over
logical warps of 8 lanes, with an array of TempStorage (one per warp, the CUB idiom), through the warp
emulation's cp_tile_reduce. Run on PoCL and checked against NumPy. A valid-items count is CP2008 at the call.
Before: CP2008 at every WarpReduce."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cub/cub.cuh>
__global__ void warps(const float* in, float* sums, int* maxes)
{
    typedef cub::WarpReduce<float> W;
    using W8 = cub::WarpReduce<int, 8>;
    __shared__ typename W::TempStorage ts[4];
    __shared__ typename W8::TempStorage t8[16];
    int t = threadIdx.x;
    float v = in[blockIdx.x * 128 + t];
    float s = W(ts[t / 32]).Sum(v);
    int m = W8(t8[t / 8]).Reduce((int)(v * 100.0f), cub::Max());
    if (t % 32 == 0) sums[blockIdx.x * 4 + t / 32] = s;
    if (t % 8 == 0) maxes[blockIdx.x * 16 + t / 8] = m;
}
void run(const float* in, float* s, int* m) { warps<<<2, 128>>>(in, s, m); }
"""


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="warps.cu")


def test_mapped(translated) -> None:  # type: ignore[no-untyped-def]
    assert "CP2008" not in [f.code for f in translated.findings]
    cl_text = translated.extra_files["warps.cl"].decode()
    assert "cp_tile_reduce(cp_wscratch, (int)((int)(v * 100.0f)), 1, (8))" in cl_text


def test_a_partial_warp_sum_is_cp2008() -> None:
    src = SRC.replace("W(ts[t / 32]).Sum(v)", "W(ts[t / 32]).Sum(v, 7)")
    found = [f for f in translate_text(src, "opencl", name="w.cu").findings if f.code == "CP2008"]
    assert [f.line for f in found] == [11]


@pytest.mark.opencl
def test_warp_reductions_on_pocl(translated, pocl_run) -> None:  # type: ignore[no-untyped-def]
    x = np.random.default_rng(2).uniform(-1, 1, 256).astype(np.float32)
    sums, maxes = np.zeros(8, np.float32), np.zeros(32, np.int32)
    pocl_run(translated.extra_files["warps.cl"].decode(), "warps", (256,), (128,), x, sums, maxes)
    assert np.allclose(sums, x.reshape(8, 32).sum(axis=1), rtol=1e-5, atol=1e-5)
    assert np.array_equal(maxes, (x * np.float32(100.0)).astype(np.int32).reshape(32, 8).max(axis=1))
