"""A template kernel with default template arguments in a header, launched from the file that includes it: the
header keeps the launch stub's declaration with the defaults and the including file defines the stub, which may
not repeat them (g++: redefinition of default argument). Its __shared__ array is sized by a body constant of a
fixed-width type (`const uint32_t n = 256 / sizeof(T);`), which the hoisted declaration must take the value of.
Built and run on PoCL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import cudaport_build, run_built, translate_project
from translator.targets.opencl.host import without_default_arguments

HEADER = r"""#pragma once
#include <cstdint>
template <typename T, int SCALE = 3>
__global__ void reverse_scaled(const T* in, T* out) {
    const uint32_t tile = 256 / sizeof(T);
    __shared__ T buf[tile];
    buf[threadIdx.x] = in[blockIdx.x * tile + threadIdx.x];
    __syncthreads();
    out[blockIdx.x * tile + threadIdx.x] = buf[tile - 1 - threadIdx.x] * (T)SCALE;
}
"""

MAIN = r"""#include <cstdio>
#include <cuda_runtime.h>
#include "kernels.h"
int main() {
    const int n = 4 * 64;
    int h[n], *d_in, *d_out;
    for (int i = 0; i < n; i++) h[i] = i;
    cudaMalloc(&d_in, sizeof(h));
    cudaMalloc(&d_out, sizeof(h));
    cudaMemcpy(d_in, h, sizeof(h), cudaMemcpyHostToDevice);
    int bad = 0;
    reverse_scaled<int><<<4, 64>>>(d_in, d_out);
    cudaMemcpy(h, d_out, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) bad += h[i] != 3 * ((i / 64) * 64 + 63 - i % 64);
    reverse_scaled<int, 5><<<4, 64>>>(d_in, d_out);
    cudaMemcpy(h, d_out, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) bad += h[i] != 5 * ((i / 64) * 64 + 63 - i % 64);
    cudaFree(d_in);
    cudaFree(d_out);
    printf("%s %d\n", bad ? "FAIL" : "PASS", bad);
    return bad != 0;
}
"""


def test_default_arguments_are_dropped_from_template_heads() -> None:
    assert without_default_arguments("template<int B = 128>") == "template<int B>"
    assert (without_default_arguments("template <typename T, int N = sizeof(T) * 2, typename U = std::pair<int, int>>")
            == "template <typename T, int N, typename U>")
    assert without_default_arguments("template <int A = (3 > 2), int B = 4>") == "template <int A, int B>"
    assert without_default_arguments("template <typename T>") == "template <typename T>"


@pytest.mark.opencl
def test_header_template_kernel_with_defaults_builds_and_runs_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"kernels.h": HEADER, "main.cu": MAIN})
    assert "template <typename T, int SCALE = 3> static cudaError_t cp_launch_reverse_scaled(" in (
        out / "kernels.h").read_text()
    assert "template <typename T, int SCALE>\nstatic cudaError_t cp_launch_reverse_scaled(" in (
        out / "main.cpp").read_text()
    cl = (out / "main.cl").read_text()
    assert "__local int buf[(256 / sizeof(int))];" in cl
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr
