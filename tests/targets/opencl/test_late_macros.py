"""A macro the host code defines below the kernels (`#define SCALE 5` before `main`) does not apply to a kernel
parameter or local spelled the same in CUDA; the .cl puts macros before all functions, so such a macro stays out
of it. A macro defined before a kernel that uses it is kept. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#define OFFSET 100
__global__ void affine(int* out, const int SCALE)
{
    out[threadIdx.x] = SCALE * threadIdx.x + OFFSET;
}
#define SCALE 5
int main()
{
    int* d = nullptr;
    cudaMalloc(&d, 32 * sizeof(int));
    affine<<<1, 32>>>(d, SCALE);
    return 0;
}
"""


@pytest.fixture(scope="module")
def cl_text():
    return translate_text(SRC, "opencl", name="late.cu").extra_files["late.cl"].decode()


def test_macro_defined_after_its_spellings_stays_out_of_the_program(cl_text):
    assert "#define SCALE" not in cl_text and "#define OFFSET 100" in cl_text


@pytest.mark.opencl
def test_kernel_parameter_keeps_its_name_on_pocl(cl_text, pocl_run):
    out = np.zeros(32, np.int32)
    pocl_run(cl_text, "affine", (32,), (32,), out, np.int32(3))
    assert np.array_equal(out, 3 * np.arange(32) + 100)
