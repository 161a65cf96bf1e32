"""A user struct named like an OpenCL C vector type that CUDA lacks (`int8`) is `cp_int8` in the .cl (it would
redefine the builtin); `alignas(N)` becomes `__attribute__((aligned(N)))`; a by-value double2 parameter whose
type carries an inline diagnostic comment is no pointer (the comment's `*/` made it one). Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
typedef struct alignas(32) { int s0, s1, s2, s3, s4, s5, s6, s7; } int8;
__device__ int8 twice(int8 v) { v.s0 *= 2; v.s7 *= 2; return v; }
__device__ double dot2(const double2 a, const double2 b) { return a.x * b.x + a.y * b.y; }
__global__ void k(const int8* in, int* out, double* d)
{
    int i = threadIdx.x;
    int8 v = twice(in[i]);
    out[i] = v.s0 + v.s7;
    d[i] = dot2(make_double2(i, 1.0), make_double2(2.0, 0.5));
}
"""


@pytest.fixture(scope="module")
def cl_text():
    return translate_text(SRC, "opencl", name="vec.cu").extra_files["vec.cl"].decode()


def test_user_vector_type_is_renamed_and_aligned(cl_text):
    assert "cp_int8;" in cl_text and "__attribute__((aligned(32)))" in cl_text and "alignas" not in cl_text
    assert "CP_OVL cp_int8 twice(cp_int8 v)" in cl_text


@pytest.mark.opencl
def test_user_vector_type_runs_on_pocl(cl_text, pocl_run):
    n = 16
    inp = np.arange(n * 8, dtype=np.int32).reshape(n, 8)
    out = np.zeros(n, np.int32)
    dd = np.zeros(n, np.float64)
    pocl_run(cl_text, "k", (n,), (n,), inp, out, dd)
    assert np.array_equal(out, 2 * (inp[:, 0] + inp[:, 7]))
    np.testing.assert_allclose(dd, 2.0 * np.arange(n) + 0.5)
