"""Explicit specialisations of a device function template that write their template arguments after the name
(`template <> void copy_vector<float, 2>(float*, const float*)`), with the same parameter types for every
specialisation: each is emitted under its own OpenCL name and `copy_vector<T, N>(...)` in a kernel instance calls
the one for its arguments (the declarator was read as a call, and the .cl held pieces of the primary's
prototype). The specialisations name the element type through a typedef and the kernel passes the count
through a local constant computed from its template argument and a macro: both are resolved to choose one;
built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#define MAX_VEC 2
typedef float Real;
template <typename D, int N> __device__ __inline__ void copy_vector(D *dst, const D *src);
template <> __device__ __inline__ void copy_vector<Real, 1>(Real *dst, const Real *src) { *dst = *src; }
template <> __device__ __inline__ void copy_vector<Real, 2>(Real *dst, const Real *src) {
  *((float2 *)dst) = *((float2 *)src);
}
template <typename T, int W>
__global__ void k(const T* in, T* out)
{
    constexpr int N = (W < MAX_VEC) ? W : MAX_VEC;
    int i = threadIdx.x * N;
    T tmp[N];
    copy_vector<T, N>(tmp, in + i);
    for (int j = 0; j < N; ++j) tmp[j] *= (T)(N + 1);
    copy_vector<T, N>(out + i, tmp);
}
void run(const float* in, float* out)
{
    k<float, 1><<<1, 32>>>(in, out);
    k<float, 4><<<1, 32>>>(in, out);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="cv.cu").extra_files["cv.cl"].decode()


def test_each_specialisation_gets_its_name(cl_text: str) -> None:
    assert "copy_vector_float_1(__private Real* dst, __global const Real* src) { *dst = *src; }" in cl_text
    assert "copy_vector_float_2(__global Real* dst, __private const Real* src)" in cl_text
    assert cl_text.count("copy_vector_float_2(tmp, in + i);") == 1
    assert "copy_vector <" not in cl_text and "copy_vector<" not in cl_text


@pytest.mark.opencl
def test_specialisations_by_argument_on_pocl(cl_text: str, pocl_run) -> None:
    prog = cl_text
    x = np.arange(64, dtype=np.float32) - 7
    for n, kern in ((1, "k_float_1"), (2, "k_float_4")):
        out = np.zeros(64, np.float32)
        prog = pocl_run(prog, kern, (32,), (32,), x, out)
        want = np.zeros(64, np.float32)
        want[:32 * n] = x[:32 * n] * (n + 1)
        assert np.array_equal(out, want)


def test_constants_defined_through_conditional_constants_fold() -> None:
    from translator.targets.opencl.constfold import fold

    names = {"P": "(1 << 3)", "W": "((P < 32) ? P : 32)", "IT": "(P / W)", "E": "((IT < 4) ? 1 : 4)"}
    assert fold("E", names) == "1"
    assert fold("(1 < 2) ? (3 > 4 ? 5 : 6) : 7", {}) == "6"
    assert fold("P ? W : 0", names) == "8"
