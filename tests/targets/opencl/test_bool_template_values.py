"""A kernel template with a bool value parameter launched with a host constant (`const bool exact = true;
k<exact><<<...>>>`): the .cl kernel is named after clang's value of the argument, which libclang reads as a
signed one-bit integer (-1 for true). The host stub names it `k_1`, so the .cl must too: the program used to
fail at run time with "kernel 'k_1' not found". Built and run on PoCL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project

SRC = r"""#include <cstdio>
#include <cuda_runtime.h>
template <bool Twice, int Add>
__global__ void k(int* out) { out[threadIdx.x] = (Twice ? 2 : 1) * threadIdx.x + Add; }
int main() {
    const bool twice = true;
    const bool once = false;
    const int add = -1;
    int *d, h[64];
    cudaMalloc(&d, sizeof(h));
    k<twice, add><<<1, 32>>>(d);
    k<once, add><<<1, 32>>>(d + 32);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 32; i++)
        if (h[i] != 2 * i - 1 || h[32 + i] != i - 1) { printf("FAIL at %d: %d %d\n", i, h[i], h[32 + i]); return 1; }
    printf("PASS\n");
    return 0;
}
"""


@pytest.mark.opencl
def test_bool_value_arguments_name_the_kernel_as_the_host_does(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": SRC})
    cl = (out / "main.cl").read_text()
    assert "__kernel void k_1_m1(" in cl and "__kernel void k_0_m1(" in cl
    assert "PASS" in build_and_run(out)
