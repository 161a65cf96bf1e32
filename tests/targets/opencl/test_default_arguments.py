"""Device functions with default arguments (`T shfl_xor(T v, int lane, int width = warpSize, unsigned mask =
0xffffffff)`, and a non-template one): OpenCL C has none, so each call that omits them passes the defaults
(the .cl called the function with too few arguments: "no matching function"). Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
template <typename T>
__device__ __forceinline__ T shfl_xor(T value, int laneMask, int width = warpSize,
                                      unsigned int mask = 0xffffffff) {
  return __shfl_xor_sync(mask, value, laneMask, width);
}
__device__ int scaled(int v, int by = 3, int plus = 1) { return v * by + plus; }
__global__ void k(const float* in, float* out, int* ints)
{
  int i = threadIdx.x;
  out[i] = shfl_xor(in[i], 1) + shfl_xor(in[i], 2, 4);
  ints[i] = scaled(i) + scaled(i, 2) + scaled(i, 1, 0);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="da.cu").extra_files["da.cl"].decode()


def test_omitted_arguments_are_passed(cl_text: str) -> None:
    assert "scaled(i, 3, 1) + scaled(i, 2, 1) + scaled(i, 1, 0)" in cl_text
    assert ", 0xffffffff" in cl_text


@pytest.mark.opencl
def test_default_arguments_on_pocl(cl_text: str, pocl_run) -> None:
    x = np.arange(32, dtype=np.float32) * 1.5
    out = np.zeros(32, np.float32)
    ints = np.zeros(32, np.int32)
    pocl_run(cl_text, "k", (32,), (32,), x, out, ints)
    lanes = np.arange(32)
    assert np.array_equal(out, x[lanes ^ 1] + x[lanes ^ 2])
    assert np.array_equal(ints, (3 * lanes + 1) + (2 * lanes + 1) + lanes)
