"""CUDA code that lets the first lanes of a warp write `__shared__` memory and lane 0 read it without
`__syncthreads()` (warp-synchronous): the .cl gets a barrier between the two top-level statements, because
PoCL runs each work-item through a whole barrier-free region before the next one. No barrier is added after an
early `return` (not every work-item would reach it). Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.warpsync import BARRIER, add_exchange_barriers

SRC = r"""
#include <cuda_runtime.h>
#define PARTS 8
__global__ void partial_sums(const float* in, float* out)
{
    __shared__ float part[PARTS];
    float s = 0.0f;
    for (int i = threadIdx.x; i < 256; i += blockDim.x) s += in[blockIdx.x * 256 + i];
    if (threadIdx.x < PARTS) part[threadIdx.x] = s;
    if (threadIdx.x == 0) {
        float t = 0.0f;
        for (int k = 0; k < PARTS; k++) t += part[k];
        out[blockIdx.x] = t;
    }
}
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="wsync.cu")


def test_barrier_between_shared_write_and_read_of_other_lanes(result):
    cl = result.extra_files["wsync.cl"].decode()
    body = cl[cl.index("__kernel void partial_sums"):]
    assert body.count(BARRIER) == 1
    assert body.index("= s;") < body.index(BARRIER) < body.index("t += part[k]")


def test_no_barrier_after_an_early_return_or_an_existing_barrier():
    early = ("__kernel void k(__global int* o) {\n  __local int s[4];\n  if (get_local_id(0) > 3) return;\n"
             "  s[get_local_id(0)] = 1;\n  o[0] = s[3];\n}\n")
    assert add_exchange_barriers(early) == early
    synced = ("__kernel void k(__global int* o) {\n  __local int s[4];\n  s[get_local_id(0)] = 1;\n"
              "  barrier(CLK_LOCAL_MEM_FENCE);\n  o[0] = s[3];\n}\n")
    assert add_exchange_barriers(synced) == synced


@pytest.mark.opencl
def test_warp_synchronous_exchange_runs_correctly_on_pocl(result, pocl_run):
    groups = 4
    inp = np.random.default_rng(3).uniform(0, 1, groups * 256).astype(np.float32)
    out = np.zeros(groups, np.float32)
    pocl_run(result.extra_files["wsync.cl"].decode(), "partial_sums",
             (groups * 8,), (8,), inp, out)  # one lane per part
    np.testing.assert_allclose(out, inp.reshape(groups, 256).sum(axis=1), rtol=1e-5)


def test_barrier_goes_above_the_pragma_of_the_loop_it_precedes():
    src = SRC.replace("        for (int k = 0; k < PARTS; k++) t += part[k];\n", "")
    src = src.replace("    if (threadIdx.x == 0) {\n        float t = 0.0f;\n",
                      "    float t = 0.0f;\n#pragma unroll 4\n    for (int k = 0; k < PARTS; k++) t += part[k];\n"
                      "    if (threadIdx.x == 0) {\n")
    cl = translate_text(src, "opencl", name="wsync.cu").extra_files["wsync.cl"].decode()
    body = cl[cl.index("__kernel void partial_sums"):]
    assert body.count(BARRIER) == 1
    assert body.index(BARRIER) < body.index("#pragma unroll 4") < body.index("for (int k = 0")
    pragma_line = next(ln for ln in body.splitlines() if "#pragma unroll 4" in ln)
    assert pragma_line.strip() == "#pragma unroll 4"  # a directive must start its own line
