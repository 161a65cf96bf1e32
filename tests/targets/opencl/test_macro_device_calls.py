"""A __device__ function called only from a macro body (a #define inside the kernel or at file scope) is emitted
into the .cl, with __global pointer parameters; the program builds and runs on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
__device__ int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }
__device__ float twice(const float* p) { return 2.0f * p[0]; }
__device__ float unused(float x) { return x; }
#define TW(p) twice(p)
__global__ void k(const float* u, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
#define AT(j) u[clampi(j, 0, n - 1)]
    if (i < n) out[i] = AT(i - 1) + AT(i + 1) + TW(u + i);
#undef AT
}
"""


@pytest.fixture(scope="module")
def program() -> str:
    return translate_text(SRC, "opencl", name="m.cu").extra_files["m.cl"].decode()


def test_functions_called_from_macros_are_emitted(program):
    assert "static CP_OVL int clampi(int v, int lo, int hi) {" in program
    assert "static CP_OVL float twice(__global const float* p) {" in program
    assert "unused" not in program


@pytest.mark.opencl
def test_macro_calls_build_and_run_on_pocl(program, pocl_run):
    n = 37
    u = np.random.default_rng(2).uniform(-1, 1, n).astype(np.float32)
    out = np.zeros(n, np.float32)
    pocl_run(program, "k", (64,), (64,), u, out, np.int32(n))
    i = np.arange(n)
    want = u[np.clip(i - 1, 0, n - 1)] + u[np.clip(i + 1, 0, n - 1)] + 2 * u
    assert np.allclose(out, want, rtol=1e-6)
