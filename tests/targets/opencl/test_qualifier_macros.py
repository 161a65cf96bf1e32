"""Device functions whose qualifiers come from a macro (`#define HD __host__ __device__`, `#define DEV
__device__`), in the .cu file and in a header it includes, go into the .cl like those written with the
qualifiers (they were missing: "use of undeclared identifier" when the program built its kernels). The macro
itself stays out of the .cl. Built with `cudaport build` and run on PoCL, checking the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project
from translator.frontend.lexer import lex
from translator.frontend.sites import TokenView, find_kernels, qualifier_macros

HEADER = r"""#pragma once
#define HD __host__ __device__
#define DEV __device__
HD int twice(int v) { return 2 * v; }
DEV inline int plus(int a, int& out) { out = a + 1; return out; }
"""

MAIN = r"""#include <cstdio>
#include <cuda_runtime.h>
#include "ops.h"
#define LOCAL_DEV static __device__
LOCAL_DEV int square(int v) { return v * v; }
__global__ void k(int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int r = 0;
    if (i < n) out[i] = twice(i) + square(i) + plus(i, r) + r;
}
int main() {
    const int n = 100;
    int *d, h[n];
    cudaMalloc(&d, sizeof(h));
    k<<<(n + 63) / 64, 64>>>(d, n);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++)
        if (h[i] != 2 * i + i * i + 2 * (i + 1)) { printf("FAIL at %d: %d\n", i, h[i]); return 1; }
    if (twice(3) != 6) { printf("FAIL host\n"); return 1; }
    printf("PASS\n");
    return 0;
}
"""


def test_qualifier_macros_are_recognised() -> None:
    data = b"#define HD __host__ __device__\n#define F(x) __device__\n#define N 4\nHD int f(int a) { return a; }\n"
    view = TokenView.build(data, lex(data)[0])
    assert qualifier_macros(view) == {"HD": ("__host__", "__device__")}
    found = find_kernels(view, "__device__", through_macros=True)
    assert [(k.name, k.qualifiers) for k in found] == [("f", ("__host__", "__device__"))]
    assert find_kernels(view, "__device__") == []


@pytest.mark.opencl
def test_macro_qualified_device_functions_run_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"ops.h": HEADER, "main.cu": MAIN})
    cl = (out / "main.cl").read_text()
    assert "twice" in cl and "square" in cl and "#define HD" not in cl
    assert "PASS" in build_and_run(out)
