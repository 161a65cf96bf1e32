"""Two C++ spellings inside kernel bodies that OpenCL C writes differently: `static_assert(c, "why")` becomes
C11's `_Static_assert` (checked per instance, template arguments substituted), and a struct the body defines
gets a typedef so `U x;` and casts to `U const*` name it (with the pointer's address space). Run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <int N>
__global__ void sums(const float* in, float* out)
{
    static_assert(N % 2 == 0, "N must be even");
    static_assert(N > 0);
    struct alignas(sizeof(float) * N) U { float v[N]; };
    U u = *reinterpret_cast<U const*>(&in[threadIdx.x * N]);
    float s = 0;
    for (int i = 0; i < N; i++) s += u.v[i];
    out[threadIdx.x] = s;
}
void run(const float* in, float* out) { sums<4><<<1, 8>>>(in, out); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="ls.cu").extra_files["ls.cl"].decode()


def test_spellings(cl_text) -> None:
    assert '_Static_assert(4 % 2 == 0, "N must be even");' in cl_text and '_Static_assert(4 > 0, "");' in cl_text
    assert "typedef struct U U;" in cl_text
    assert "U u = *((__global U const*)(&in[" in cl_text


@pytest.mark.opencl
def test_runs_on_pocl(cl_text, pocl_run) -> None:
    x = np.arange(32, dtype=np.float32)
    out = np.zeros(8, np.float32)
    pocl_run(cl_text, "sums_4", (8,), (8,), x, out)
    assert np.array_equal(out, x.reshape(8, 4).sum(axis=1))
