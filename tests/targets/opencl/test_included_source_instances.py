"""A .cu that another source includes textually (`#include "kernels.cu"` after the macros it uses) with a
kernel template launched from a host template: clang cannot parse the included file alone (its macros are
the includer's), so the kernel's instances are the ones clang made in the includer's unit. Translated, built
and run on PoCL, where the program checks its numbers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.opencl.projects import cudaport_build, translate_project
from translator.frontend import specializations

KERNELS = r"""
template <typename V>
__global__ void scale(V* x, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = x[i] * FACTOR;
}

template <typename V>
void run(V* h, int n)
{
    V* d;
    cudaMalloc(&d, n * sizeof(V));
    cudaMemcpy(d, h, n * sizeof(V), cudaMemcpyHostToDevice);
    scale<<<(n + 63) / 64, 64>>>(d, n);
    cudaMemcpy(h, d, n * sizeof(V), cudaMemcpyDeviceToHost);
    cudaFree(d);
}
"""

MAIN = r"""
#include <cstdio>
#include <cuda_runtime.h>
#define FACTOR 3
#include "kernels.cu"

int main()
{
    float f[100];
    int k[100];
    for (int i = 0; i < 100; i++) { f[i] = i * 0.5f; k[i] = i; }
    run(f, 100);
    run(k, 100);
    bool ok = true;
    for (int i = 0; i < 100; i++) ok = ok && f[i] == i * 1.5f && k[i] == 3 * i;
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not specializations.specializations_available():
        tool_missing("no clang++ installed")
    return translate_project(tmp_path_factory.mktemp("inc"), {"kernels.cu": KERNELS, "main.cu": MAIN})


def test_instances_come_from_the_includer(out: Path) -> None:
    cl_text = (out / "kernels.cl").read_text()
    assert "__kernel void scale_float(" in cl_text and "__kernel void scale_int(" in cl_text
    assert "CP4008" not in (out / "kernels.cpp").read_text()


@pytest.mark.opencl
def test_included_source_runs_on_pocl(out: Path) -> None:
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    (exe,) = b.stdout.split()
    r = subprocess.run([exe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "PASS", r.stdout + r.stderr
