"""A device function template whose argument type the translator's own expression typing cannot work out
(`scale(in[i] * 3 + in[0] - in[0])`, `in` a `const T*` of doubles): the template argument comes from the
instance clang made (double), not from a guess at the calling kernel's first template argument (int), which
builds and makes `(U)0.5` zero.
Where clang's instances disagree the guess stays, said by CP4003. Checked on the text and on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.frontend.specializations import specializations_available

pytestmark = pytest.mark.skipif(not specializations_available(), reason="needs an installed clang++")

SRC = r"""
#include <cuda_runtime.h>
template <typename U> __device__ U scale(U v) { return v * (U)0.5; }
template <typename A, typename T>
__global__ void k(A* out, const T* in, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = scale(in[i] * 3 + in[0] - in[0]);
}
void run(int* out, const double* in, int n) { k<int, double><<<(n + 63) / 64, 64>>>(out, in, n); }
"""

TWO = SRC.replace("void run(", "__global__ void g(int* o) { o[0] = scale(o[0]); }\nvoid run(")


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="d.cu")


def test_argument_comes_from_clangs_instance(result) -> None:
    cl_text = result.extra_files["d.cl"].decode()
    assert "double scale(double v)" in cl_text and "int scale(" not in cl_text
    assert not [f for f in result.findings if f.code == "CP4003"]


def test_disagreeing_instances_leave_a_said_guess() -> None:
    res = translate_text(TWO, "opencl", name="d.cu")
    assert [f for f in res.findings if f.code == "CP4003" and "assumed" in f.message]


@pytest.mark.opencl
def test_clangs_instance_keeps_the_fraction_on_pocl(pocl_run, result) -> None:
    n = 100
    x = np.arange(n, dtype=np.float64)
    out = np.zeros(n, np.int32)
    pocl_run(result.extra_files["d.cl"].decode(), "k_int_double", (128,), (64,), out, x, np.int32(n))
    np.testing.assert_array_equal(out, np.floor(1.5 * x).astype(np.int32))
