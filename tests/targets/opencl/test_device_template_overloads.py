"""Overloaded device function templates (`template <typename T, int BX, int BY> f(T&)` beside `template <typename T>
f(T&)`): an explicit-argument call instantiates only the templates those arguments fit, and a __shared__ array the
template sizes by its parameters (`__shared__ int s[BX * BY];`), declared by each calling kernel, gets the largest
size of the function's instances instead of the parameters' names. Built and run on PoCL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import cudaport_build, run_built, translate_project
from translator.api import translate_text

PROGRAM = r"""#include <cstdio>
#include <cuda_runtime.h>
#define NT 64
template <typename T, int BX, int BY>
__device__ void block_sum(T& v) {
    __shared__ int part[BX * BY];
    int t = threadIdx.y * BX + threadIdx.x;
    part[t] = v;
    __syncthreads();
    if (t == 0) { T s = 0; for (int i = 0; i < BX * BY; i++) s += part[i]; part[0] = s; }
    __syncthreads();
    v = part[0];
}
template <typename T>
__device__ void block_sum(T& v) {
    __shared__ int part[NT];
    part[threadIdx.x] = v;
    __syncthreads();
    if (threadIdx.x == 0) { T s = 0; for (int i = 0; i < NT; i++) s += part[i]; part[0] = s + 1000; }
    __syncthreads();
    v = part[0];
}
template <typename T, int BX, int BY>
__global__ void sum2d(const T* in, T* out) {
    T v = in[blockIdx.x * BX * BY + threadIdx.y * BX + threadIdx.x];
    block_sum<T, BX, BY>(v);
    if (threadIdx.x == 0 && threadIdx.y == 0) out[blockIdx.x] = v;
}
template <typename T>
__global__ void sum1d(const T* in, T* out) {
    T v = in[blockIdx.x * NT + threadIdx.x];
    block_sum<T>(v);
    if (threadIdx.x == 0) out[blockIdx.x] = v;
}
int main() {
    const int n = 4 * 128;
    int h[n], r[4];
    for (int i = 0; i < n; i++) h[i] = i % 10;
    int *d_in, *d_out;
    cudaMalloc(&d_in, sizeof(h));
    cudaMalloc(&d_out, sizeof(r));
    cudaMemcpy(d_in, h, sizeof(h), cudaMemcpyHostToDevice);
    int bad = 0;
    sum2d<int, 4, 32><<<4, dim3(4, 32)>>>(d_in, d_out);
    cudaMemcpy(r, d_out, sizeof(r), cudaMemcpyDeviceToHost);
    for (int b = 0; b < 4; b++) { int s = 0; for (int i = 0; i < 128; i++) s += h[b * 128 + i]; bad += r[b] != s; }
    sum2d<int, 2, 16><<<4, dim3(2, 16)>>>(d_in, d_out);
    cudaMemcpy(r, d_out, sizeof(r), cudaMemcpyDeviceToHost);
    for (int b = 0; b < 4; b++) { int s = 0; for (int i = 0; i < 32; i++) s += h[b * 32 + i]; bad += r[b] != s; }
    sum1d<int><<<4, NT>>>(d_in, d_out);
    cudaMemcpy(r, d_out, sizeof(r), cudaMemcpyDeviceToHost);
    for (int b = 0; b < 4; b++) { int s = 1000; for (int i = 0; i < NT; i++) s += h[b * NT + i]; bad += r[b] != s; }
    cudaFree(d_in); cudaFree(d_out);
    printf("%s %d\n", bad ? "FAIL" : "PASS", bad);
    return bad != 0;
}
"""


def test_overloads_are_chosen_by_explicit_arguments_and_shared_sizes_by_instances() -> None:
    cl = translate_text(PROGRAM, "opencl", name="main.cu").extra_files["main.cl"].decode()
    body = cl[cl.index("/* translated by cudaport"):]
    assert "block_sum_4_32(&(v), cp_sh_block_sum_part);" in body and "block_sum(&(v), cp_sh_block_sum_part);" in body
    assert "block_sum_int_int" not in body and "BX * BY]" not in body.split("static CP_OVL void block_sum_4_32(")[0]
    assert body.count("__local int cp_sh_block_sum_part[128];") == 3


@pytest.mark.opencl
def test_template_sized_shared_of_overloaded_device_functions_runs_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr
