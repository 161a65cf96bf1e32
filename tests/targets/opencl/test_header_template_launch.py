"""A template kernel that a header defines and launches from its own host template (`run(d_in, ...)`, deduced),
the header included by the file with main(): the including file's program gets the instances clang made
there, and the header's launch calls the stub. The kernel's `__shared__` array is sized by a constant the body
declares first (`const int half = W / 2;`), which the hoisted `__local` declaration must not lose. Translated,
built with `cudaport build` and run on PoCL, where the program checks its own numbers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.opencl.projects import cudaport_build, translate_project
from translator.frontend import specializations

HEADER = r"""
#pragma once
#include <cuda_runtime.h>
const int W = 64;

template <typename T>
__global__ void pair_sums(const T* in, T* out)
{
    const int pairs = W / 2;
    __shared__ T tile[pairs];
    int t = threadIdx.x;
    if (t < pairs) tile[t] = in[2 * t] + in[2 * t + 1];
    __syncthreads();
    if (t < pairs) out[t] = tile[pairs - 1 - t];
}

template <typename T>
void run(const T* d_in, T* d_out) { pair_sums<<<1, W>>>(d_in, d_out); }
"""

MAIN = r"""
#include <cstdio>
#include "pairs.h"

template <typename T>
bool check()
{
    T h_in[W], h_out[W / 2];
    for (int i = 0; i < W; i++) h_in[i] = (T)(i % 7);
    T *d_in, *d_out;
    cudaMalloc(&d_in, sizeof(h_in));
    cudaMalloc(&d_out, sizeof(h_out));
    cudaMemcpy(d_in, h_in, sizeof(h_in), cudaMemcpyHostToDevice);
    run(d_in, d_out);
    cudaMemcpy(h_out, d_out, sizeof(h_out), cudaMemcpyDeviceToHost);
    bool ok = true;
    for (int t = 0; t < W / 2; t++) {
        int s = W / 2 - 1 - t;
        ok = ok && h_out[t] == h_in[2 * s] + h_in[2 * s + 1];
    }
    cudaFree(d_in);
    cudaFree(d_out);
    return ok;
}

int main()
{
    bool ok = check<float>() && check<int>();
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not specializations.specializations_available():
        tool_missing("no clang++ installed")
    return translate_project(tmp_path_factory.mktemp("hdr"), {"pairs.h": HEADER, "main.cu": MAIN})


def test_including_file_gets_the_instances(out: Path) -> None:
    cl_text = (out / "main.cl").read_text()
    assert "__kernel void pair_sums_float(" in cl_text and "__kernel void pair_sums_int(" in cl_text
    assert "__local float tile[(W / 2)];" in cl_text
    assert "cp_launch_pair_sums(" in (out / "pairs.h").read_text()
    assert "CP4005" not in (out / "pairs.h").read_text()


@pytest.mark.opencl
def test_header_launch_runs_on_pocl(out: Path) -> None:
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    (exe,) = b.stdout.split()
    r = subprocess.run([exe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "PASS", r.stdout + r.stderr
