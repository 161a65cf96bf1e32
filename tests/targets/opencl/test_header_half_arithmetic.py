"""Half and bfloat16 operators in the device code of a project header (`a * a + a` on two __half): the header is
parsed with clang when its device code names those types (headers.needs_ast), so that halfconv.py writes the
operators out (`cp_hadd(cp_hmul(a, a), a)`) as in a .cu file; without the AST the .cl computed on two cp_half
structs, which OpenCL C rejects. A plain kernel, a template kernel's explicit specialisations for __half and
__nv_bfloat16 and a device function, launched from the header's host code; translated, built with `cudaport
build` and run on PoCL, where the program checks its numbers (exact in both formats)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.opencl.projects import build_and_run, translate_project
from translator.frontend import specializations
from translator.targets.opencl.headers import needs_ast

HEADER = r"""
#pragma once
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>

__device__ __half twice(__half a) { return a + a; }

__global__ void plain_half(const float* in, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    __half a = __float2half(in[i]);
    __half r = a * a + twice(a);
    out[i] = __half2float(r);
}

template <typename T>
__global__ void poly(const float* in, float* out, int n);

template <>
__global__ void poly<__half>(const float* in, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    __half a = __float2half(in[i]);
    __half r = a * a;
    r += a;
    out[i] = __half2float(r);
}

template <>
__global__ void poly<__nv_bfloat16>(const float* in, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    __nv_bfloat16 a = __float2bfloat16(in[i]);
    __nv_bfloat16 r = a * a - a;
    out[i] = __bfloat162float(r);
}

inline void run_all(const float* in, float* o1, float* o2, float* o3, int n)
{
    plain_half<<<(n + 63) / 64, 64>>>(in, o1, n);
    poly<__half><<<(n + 63) / 64, 64>>>(in, o2, n);
    poly<__nv_bfloat16><<<(n + 63) / 64, 64>>>(in, o3, n);
}
"""

MAIN = r"""
#include <cstdio>
#include "poly.h"

int main()
{
    const int n = 100;
    float h_in[n], h1[n], h2[n], h3[n];
    for (int i = 0; i < n; i++) h_in[i] = 0.5f * (i % 8);
    float *d_in, *d1, *d2, *d3;
    cudaMalloc(&d_in, sizeof(h_in));
    cudaMalloc(&d1, sizeof(h1));
    cudaMalloc(&d2, sizeof(h2));
    cudaMalloc(&d3, sizeof(h3));
    cudaMemcpy(d_in, h_in, sizeof(h_in), cudaMemcpyHostToDevice);
    run_all(d_in, d1, d2, d3, n);
    cudaMemcpy(h1, d1, sizeof(h1), cudaMemcpyDeviceToHost);
    cudaMemcpy(h2, d2, sizeof(h2), cudaMemcpyDeviceToHost);
    cudaMemcpy(h3, d3, sizeof(h3), cudaMemcpyDeviceToHost);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        float a = h_in[i];
        ok = ok && h1[i] == a * a + 2 * a && h2[i] == a * a + a && h3[i] == a * a - a;
    }
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not specializations.specializations_available():
        tool_missing("no clang++ installed")
    return translate_project(tmp_path_factory.mktemp("hdr_half"), {"poly.h": HEADER, "main.cu": MAIN})


def test_only_headers_with_half_device_code_need_the_ast() -> None:
    assert needs_ast(HEADER.encode())
    assert not needs_ast(b"__global__ void k(float* x) { x[0] = 1.0f; }")
    assert not needs_ast(b"struct half_pair { int half; };")  # host code: no device qualifiers


def test_header_operators_are_written_out(out: Path) -> None:
    cl_text = (out / "main.cl").read_text()
    kernels = cl_text[cl_text.index("__kernel void plain_half("):]
    assert "cp_hmul(a, a)" in kernels and "a * a" not in kernels


@pytest.mark.opencl
def test_header_half_arithmetic_runs_on_pocl(out: Path) -> None:
    assert build_and_run(out).strip() == "PASS"
