"""Warp intrinsics reached through a user macro (`#define XOR(v, m) __shfl_xor_sync(~0u, v, m)`): the kernel
that uses the macro gets the warp scratch the expansion names, and a use under a thread-dependent branch is
CP4001 like a direct call. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#define XOR(v, m) __shfl_xor_sync(0xffffffff, v, m)
#define BUTTERFLY(v, m) ((v) + XOR(v, m))
__global__ void warp_total(const int* in, int* out)
{
    int v = in[blockIdx.x * blockDim.x + threadIdx.x];
    for (int m = 16; m > 0; m /= 2) v = BUTTERFLY(v, m);
    out[blockIdx.x * blockDim.x + threadIdx.x] = v;
}
__global__ void divergent(int* out)
{
    int v = threadIdx.x;
    if (threadIdx.x < 7) v = XOR(v, 1);
    out[threadIdx.x] = v;
}
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="wmacro.cu")


def test_kernel_using_a_warp_macro_gets_the_scratch(result):
    cl = result.extra_files["wmacro.cl"].decode()
    body = cl[cl.index("__kernel void warp_total"):cl.index("__kernel void divergent")]
    assert "cp_wscratch[CP_WARP_SCRATCH]" in body


def test_warp_macro_under_a_branch_is_flagged(result):
    assert any(f.code == "CP4001" and "divergent" in f.message for f in result.findings)


@pytest.mark.opencl
def test_warp_macro_reduction_runs_on_pocl(result, pocl_run):
    inp = np.arange(128, dtype=np.int32)
    out = np.zeros(128, np.int32)
    pocl_run(result.extra_files["wmacro.cl"].decode(), "warp_total", (128,), (64,), inp, out)
    assert np.array_equal(out, np.repeat(inp.reshape(4, 32).sum(axis=1), 32))
