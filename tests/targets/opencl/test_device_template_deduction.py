"""A device function template called with a sum of casts through a macro that names the caller's template
parameter (`#define TO_ACC(x) static_cast<acc_t>(x)`, `twice(TO_ACC(a) + TO_ACC(b))`): its argument type is the
cast's type in the caller's instance (float), not the caller's first template argument (int), which would
truncate. Checked on the text and on the numbers (PoCL)."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#define TO_ACC(x) static_cast<acc_t>(x)
template <typename T> __device__ T twice(T v) { return v * (T)2.5; }
template <typename scalar_t, typename acc_t>
__global__ void k(const scalar_t* in, acc_t* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = twice(TO_ACC(in[i]) + TO_ACC(in[i]) - TO_ACC(1));
}
void run(const int* in, float* out, int n) { k<int, float><<<(n + 63) / 64, 64>>>(in, out, n); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="d.cu").extra_files["d.cl"].decode()


def test_argument_type_comes_from_the_macro_cast(cl_text: str) -> None:
    assert "float twice(float v)" in cl_text and "int twice(" not in cl_text


@pytest.mark.opencl
def test_deduced_instance_keeps_the_fraction_on_pocl(pocl_run, cl_text: str) -> None:
    n = 100
    x = np.arange(n, dtype=np.int32)
    out = np.zeros(n, np.float32)
    pocl_run(cl_text, "k_int_float", (128,), (64,), x, out, np.int32(n))
    np.testing.assert_array_equal(out, (2 * x - 1).astype(np.float32) * np.float32(2.5))
