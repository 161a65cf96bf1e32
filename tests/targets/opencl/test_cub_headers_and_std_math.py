"""Two things a CUB program needed beyond the block primitives (HeCBench's quantVLLM): CUB's own headers included
one by one (`<cub/util_type.cuh>`) must not stop clang (they are stubs, as <cub/cub.cuh> is), or the kernel
template launched through host function templates with deduced arguments finds no instance (CP4008); and
`std::nearbyint` in device code (the .cl flattens `std::`) must be OpenCL's rint. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cmath>
#include <cub/util_type.cuh>
#include <cub/block/block_reduce.cuh>

template <typename T>
__global__ void round_kernel(const T* in, int* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (int)std::nearbyint((float)in[i] * 0.5f);
}

template <typename T>
void launch(const T* in, int* out, int n)
{
    round_kernel<T><<<(n + 63) / 64, 64>>>(in, out, n);
}

template <typename T>
void run_all(const T* in, int* out, int n)
{
    launch(in, out, n);
}

void entry(const float* in, int* out, int n) { run_all<float>(in, out, n); }
"""


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="rnd.cu")


def test_clang_parses_and_the_instance_is_found(translated) -> None:  # type: ignore[no-untyped-def]
    codes = [f.code for f in translated.findings]
    assert "CP1001" not in codes and "CP4008" not in codes, translated.findings
    assert "__kernel void round_kernel_float(" in translated.extra_files["rnd.cl"].decode()


@pytest.mark.opencl
def test_nearbyint_rounds_half_to_even_on_pocl(translated, pocl_run) -> None:  # type: ignore[no-untyped-def]
    x = np.arange(-20, 21, dtype=np.float32)
    out = np.zeros(x.size, np.int32)
    pocl_run(translated.extra_files["rnd.cl"].decode(), "round_kernel_float", (64,), (64,), x, out, np.int32(x.size))
    assert np.array_equal(out, np.rint(x * np.float32(0.5)).astype(np.int32))
