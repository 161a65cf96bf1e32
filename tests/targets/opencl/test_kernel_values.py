"""Kernels the host code holds in variables, and device-code shapes of library-using programs, built and run on
PoCL: a launch through a function pointer assigned several kernels (cudaConfigureCall's semantics), a launch
through a local `auto` alias of a template kernel instance, an `extern __shared__` array of a device function,
a __shared__ array sized by a constant of the kernel body, `if constexpr (std::is_same_v<T, ...>)` in a kernel
template, functions qualified through a macro (`#define HD __host__ __device__`), __dp4a, and OpenMP host code
in cudaport's own build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project
from translator.api import translate_text

pytestmark = pytest.mark.opencl


PROGRAM = r"""#include <cstdio>
#include <type_traits>
#include <cuda_runtime.h>
#include <omp.h>
#ifndef HD_OFF
#define HD __host__ __device__
#else
#define HD
#endif

HD int twice(int v) { return 2 * v; }

__global__ void add_one(int* d, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] += 1; }
__global__ void times_three(int* d, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] *= 3; }

template <typename T, int N>
__global__ void fill(T* d, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    if constexpr (std::is_same_v<T, unsigned>) d[i] = (T)(N + 1000);
    else d[i] = (T)(twice(N) + __dp4a(0x01020304, 0x01010101, 0));
}

__device__ void block_reverse(int* d) {
    extern __shared__ int dyn[];
    dyn[threadIdx.x] = d[blockIdx.x * blockDim.x + threadIdx.x];
    __syncthreads();
    d[blockIdx.x * blockDim.x + threadIdx.x] = dyn[blockDim.x - 1 - threadIdx.x];
}
__global__ void reverse(int* d) { block_reverse(d); }

__global__ void shift(int* d) {
    const unsigned int tile = 256 / sizeof(int);  // 64
    __shared__ int buf[tile];
    buf[threadIdx.x] = d[threadIdx.x];
    __syncthreads();
    d[threadIdx.x] = buf[(threadIdx.x + 1) % tile];
}

int main() {
    const int n = 1000;
    int *d, h[n];
    unsigned* u;
    cudaMalloc(&d, sizeof(h));
    cudaMalloc(&u, sizeof(h));
    int bad = 0;

    auto filler = fill<int, 5>;
    filler<<<(n + 127) / 128, 128>>>(d, n);
    void (*step)(int*, int);
    for (int k = 0; k < 2; k++) {
        if (k == 0) step = &add_one; else step = times_three;
        step<<<(n + 63) / 64, 64>>>(d, n);
    }
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) bad += h[i] != (2 * 5 + 10 + 1) * 3;

    fill<unsigned, 7><<<(n + 127) / 128, 128>>>(u, n);
    cudaMemcpy(h, u, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) bad += h[i] != 1007;

    for (int i = 0; i < 256; i++) h[i] = i;
    cudaMemcpy(d, h, 256 * sizeof(int), cudaMemcpyHostToDevice);
    reverse<<<4, 64, 64 * sizeof(int)>>>(d);
    cudaMemcpy(h, d, 256 * sizeof(int), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 256; i++) bad += h[i] != (i / 64) * 64 + 63 - i % 64;

    for (int i = 0; i < 64; i++) h[i] = i;
    cudaMemcpy(d, h, 64 * sizeof(int), cudaMemcpyHostToDevice);
    shift<<<1, 64>>>(d);
    cudaMemcpy(h, d, 64 * sizeof(int), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 64; i++) bad += h[i] != (i + 1) % 64;

    int threads = 0;
    #pragma omp parallel reduction(+ : threads)
    threads += 1;
    cudaFree(d);
    cudaFree(u);
    printf("%s %d\n", bad == 0 && threads >= 1 && twice(2) == 4 ? "PASS" : "FAIL", bad);
    return bad != 0;
}
"""


def test_kernel_values_aliases_and_device_shapes_run_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    host = (out / "main.cpp").read_text()
    assert "CUDAPORT CP4005" not in host
    assert "(cpSetLaunchConfig(" in host and "cp_launch_fill<int, 5>(" in host
    cl = (out / "main.cl").read_text()
    assert "__kernel void fill_uint_7(" in cl and cl.count("__kernel void fill_int_5(") == 1
    assert "static CP_OVL int twice(" in cl
    assert "PASS" in build_and_run(out)


def test_kernel_pointer_of_unknown_shape_stays_cp4005() -> None:
    src = "#include <cuda_runtime.h>\nvoid run(kernel_t k, int* d) { k<<<1, 1>>>(d); }\n"
    r = translate_text(src, "opencl", name="k.cu")
    assert "CP4005" in [f.code for f in r.findings]


def test_alias_used_otherwise_is_not_rewritten() -> None:
    # the alias is used as a value too, so it stays; clang types it as a function pointer, so the launch goes
    # through the kernel's value function with the pending configuration (it was CP4005 before that)
    src = ("#include <cuda_runtime.h>\n__global__ void k(int* d) { d[0] = 1; }\n"
           "void run(int* d) { auto a = k; use(a); a<<<1, 1>>>(d); }\n")
    r = translate_text(src, "opencl", name="k.cu")
    text = r.output.decode()
    assert "auto a = k; use(a); (cpSetLaunchConfig(1, 1, 0, 0), a(d));" in text
    assert "kernel k as a value" in text and "CP4005" not in [f.code for f in r.findings]


MACRO_PROGRAM = r"""#include <cstdio>
#include <cuda_runtime.h>
typedef int value_t;
template <typename T, int A, int B>
__global__ void put(T* d, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] = (T)(A * 10 + B); }
#define DISPATCH(size, Func, T, grid, ...)                          \
  do {                                                              \
    if (size >= 100) Func<T, 1, 2><<<grid, 128>>>(__VA_ARGS__);      \
    else Func<T, 3, 4><<<grid, 128>>>(__VA_ARGS__);                  \
  } while (0)
int main() {
    int *d, h[200];
    cudaMalloc(&d, sizeof(h));
    int bad = 0;
    DISPATCH(200, put, value_t, 2, d, 200);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 200; i++) bad += h[i] != 12;
    DISPATCH(50, put, value_t, 2, d, 200);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 200; i++) bad += h[i] != 34;
    cudaFree(d);
    printf("%s %d\n", bad ? "FAIL" : "PASS", bad);
    return bad != 0;
}
"""


def test_launch_of_a_macro_parameter_kernel_runs_every_instance_the_invocations_name(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": MACRO_PROGRAM})
    assert "cp_launch_ ## Func<T, 1, 2>(grid, 128, 0, 0, __VA_ARGS__)" in (out / "main.cpp").read_text()
    cl = (out / "main.cl").read_text()
    assert "__kernel void put_int_1_2(" in cl and "__kernel void put_int_3_4(" in cl
    assert "PASS" in build_and_run(out)
