"""User kernels and device functions named like OpenCL C builtins (`normalize`, `dot`, `clamp`, `max`): the .cl
names them cp_<name>, the host keeps the CUDA name for its launch stub and launches the OpenCL name; calls of
CUDA's own `max` stay OpenCL's builtin. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__device__ float dot(float2 a, float2 b) { return a.x * b.x + a.y * b.y; }
__device__ float clamp(float v) { return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v); }
__global__ void normalize(const float2* v, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = clamp(dot(v[i], v[i])) + max(i, 2);
}
template <typename T> __global__ void max(T* x, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = x[i] > T(0) ? x[i] : T(0);
}
void run(const float2* v, float* out, int n)
{
    normalize<<<1, 64>>>(v, out, n);
    max<float><<<1, 64>>>(out, n);
}
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="clash.cu")


def test_clashing_names_are_renamed_in_the_program_only(result):
    cl = result.extra_files["clash.cl"].decode()
    host = result.output.decode()
    assert "__kernel void cp_normalize(" in cl and "__kernel void cp_max_float(" in cl
    assert "CP_OVL float cp_dot(" in cl and "CP_OVL float cp_clamp(" in cl and "cp_clamp(cp_dot(" in cl
    assert "+ max(i, 2)" in cl  # CUDA's own max is OpenCL's
    assert "cp_launch_normalize(" in host and '"cp_normalize"' in host and 'std::string("cp_max_")' in host


@pytest.mark.opencl
def test_clashing_names_build_and_run_on_pocl(result, pocl_run):
    n = 50
    v = np.random.default_rng(1).uniform(-1, 1, (n, 2)).astype(np.float32)
    out = np.zeros(n, np.float32)
    pocl_run(result.extra_files["clash.cl"].decode(), "cp_normalize", (64,), (64,), v, out, np.int32(n))
    i = np.arange(n)
    want = np.clip((v * v).sum(1), 0, 1) + np.maximum(i, 2)
    assert np.allclose(out, want, rtol=1e-6)
