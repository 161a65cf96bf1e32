"""Generates a synthetic CUDA project that looks like real code (kernels with shared memory and atomics,
launches, runtime calls with error checks, comments and strings that mention CUDA names), for the speed
benchmarks. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

_KERNEL = """
// Kernel {k}: scales and accumulates; cudaMemcpy in this comment must not change.
template <typename T>
__global__ void kernel_{k}(const T* __restrict__ in, T* out, int n, float alpha) {{
  __shared__ T tile[256];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  T v = i < n ? in[i] : T(0);
  tile[threadIdx.x] = v * alpha + sinf(alpha) * expf(-alpha);
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {{
    if (threadIdx.x < s) tile[threadIdx.x] += tile[threadIdx.x + s];
    __syncthreads();
  }}
  if (threadIdx.x == 0) atomicAdd(&out[blockIdx.x % 16], tile[0]);
  float w = __shfl_down_sync(0xffffffff, (float)v, 1);
  if (i < n && w > 1e30f) out[i] = v;
}}
"""

_HOST = """
static void run_{k}(const float* h_in, float* h_out, int n) {{
  float *d_in = nullptr, *d_out = nullptr;
  CHECK(cudaMalloc(&d_in, n * sizeof(float)));
  CHECK(cudaMalloc(&d_out, 16 * sizeof(float)));
  cudaStream_t stream;
  CHECK(cudaStreamCreate(&stream));
  cudaEvent_t start, stop;
  cudaEventCreate(&start);
  cudaEventCreate(&stop);
  CHECK(cudaMemcpyAsync(d_in, h_in, n * sizeof(float), cudaMemcpyHostToDevice, stream));
  CHECK(cudaMemsetAsync(d_out, 0, 16 * sizeof(float), stream));
  cudaEventRecord(start, stream);
  kernel_{k}<float><<<(n + 255) / 256, 256, 0, stream>>>(d_in, d_out, n, {alpha}f);
  CHECK(cudaGetLastError());
  cudaEventRecord(stop, stream);
  CHECK(cudaMemcpyAsync(h_out, d_out, 16 * sizeof(float), cudaMemcpyDeviceToHost, stream));
  CHECK(cudaStreamSynchronize(stream));
  float ms = 0.0f;
  cudaEventElapsedTime(&ms, start, stop);
  printf("kernel_{k}: %f ms (cudaEventElapsedTime)\\n", ms);
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  CHECK(cudaStreamDestroy(stream));
  CHECK(cudaFree(d_in));
  CHECK(cudaFree(d_out));
}}
"""

_HEADER = """// Generated benchmark unit {f}.
#include <cuda_runtime.h>
#include <cstdio>
#include "common.cuh"
"""

_COMMON = """#pragma once
#include <cuda_runtime.h>
#include <cstdio>
#define CHECK(x) do {{ cudaError_t e = (x); if (e != cudaSuccess) {{ \\
  printf("%s:%d %s\\n", __FILE__, __LINE__, cudaGetErrorString(e)); }} }} while (0)
"""


def generate(root: Path, files: int, kernels_per_file: int = 4, seed: int = 1) -> int:
    """Write `files` .cu files (plus a header and a CMakeLists.txt) under root. Returns total lines."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "common.cuh").write_text(_COMMON.format())
    total = _COMMON.count("\n")
    sources = []
    for f in range(files):
        sub = root / f"module{f % 10}"
        sub.mkdir(exist_ok=True)
        parts = [_HEADER.format(f=f).replace('"common.cuh"', '"../common.cuh"')]
        for j in range(kernels_per_file):
            k = f * kernels_per_file + j
            parts.append(_KERNEL.format(k=k))
            parts.append(_HOST.format(k=k, alpha=round(rng.uniform(0.1, 2.0), 3)))
        text = "".join(parts)
        path = sub / f"unit{f}.cu"
        path.write_text(text)
        sources.append(path.relative_to(root).as_posix())
        total += text.count("\n")
    (root / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.18)\nproject(bench LANGUAGES CXX CUDA)\n"
        f"add_library(bench STATIC {' '.join(sources)})\n")
    return total
