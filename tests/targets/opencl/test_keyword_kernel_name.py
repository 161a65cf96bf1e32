"""A kernel named like an OpenCL C keyword (`kernel`, `local`): the .cl renames the
identifier `cp_<name>` (instances are `cp_kernel_float`; a non-template kernel is `cp_kernel`) and still finds its
parameter list and body (the analysis looked for the CUDA spelling in the renamed text and emitted garbage).
Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <typename T>
__global__ void kernel(T* x, T v) { x[threadIdx.x] = v * threadIdx.x; }
__global__ void local(float* x) { x[threadIdx.x] += 1.0f; }
void run(float* x) { kernel<float><<<1, 16>>>(x, 2.0f); local<<<1, 16>>>(x); }
"""


@pytest.fixture(scope="module")
def cl_text():
    return translate_text(SRC, "opencl", name="kw.cu").extra_files["kw.cl"].decode()


def test_keyword_kernel_is_renamed_with_its_parameters(cl_text):
    assert "__kernel void cp_kernel_float(__global float* x CP_OFF(x), float v) {" in cl_text
    assert "__kernel void cp_local(__global float* x CP_OFF(x)) {" in cl_text


def test_host_stub_launches_the_renamed_kernel():
    host = translate_text(SRC, "opencl", name="kw.cu").output.decode()
    assert '"cp_local"' in host and 'std::string("cp_kernel_")' in host


@pytest.mark.opencl
def test_keyword_kernel_runs_on_pocl(cl_text, pocl_run):
    out = np.zeros(16, np.float32)
    prog = pocl_run(cl_text, "cp_kernel_float", (16,), (16,), out, np.float32(2.0))
    pocl_run(prog, "cp_local", (16,), (16,), out)
    assert np.array_equal(out, 2.0 * np.arange(16, dtype=np.float32) + 1.0)
