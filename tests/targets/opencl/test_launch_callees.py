"""Launches whose callee is an expression holding kernel pointers, and the kernel-attribute calls, on PoCL: a
table of kernels indexed in a loop, a member of a struct, and a function returning a kernel pointer are decided by
clang's types (the holder's type is a pointer to a function), each launches the kernel it holds with the pending
configuration, and cudaFuncGetAttributes/cudaFuncSetAttribute answer from the device. Before, `table[t]<<<>>>` was
not seen as a launch and reached g++ as `<<<`, and the attribute calls were CP2002 and undefined."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project

PROGRAM = r"""
#include <cstdio>
#include <cuda_runtime.h>
typedef void (*kfn)(float*, int);
__global__ void add_one(float* a, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) a[i] += 1.0f; }
__global__ void twice(float* a, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) a[i] *= 2.0f; }
__global__ void minus_three(float* a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] -= 3.0f;
}
struct Ops { kfn first; kfn table[2]; };
static kfn pick(int k) { return k ? twice : add_one; }
int main() {
  const int n = 1000;
  float h[n];
  for (int i = 0; i < n; i++) h[i] = (float)i;
  float* d;
  cudaMalloc(&d, sizeof(h));
  cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
  kfn table[3] = {add_one, twice, minus_three};
  for (int t = 0; t < 3; t++) table[t]<<<(n + 127) / 128, 128>>>(d, n);   // (i + 1) * 2 - 3
  Ops ops = {twice, {minus_three, add_one}};
  Ops* p = &ops;
  ops.first<<<(n + 63) / 64, 64>>>(d, n);                                 // * 2
  p->table[0]<<<(n + 63) / 64, 64>>>(d, n);                               // - 3
  pick(1)<<<(n + 255) / 256, 256>>>(d, n);                                // * 2
  cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    float want = (((i + 1.0f) * 2.0f - 3.0f) * 2.0f - 3.0f) * 2.0f;
    if (h[i] != want) { printf("FAIL at %d: %f, want %f\n", i, h[i], want); return 1; }
  }
  cudaFuncAttributes attr;
  if (cudaFuncGetAttributes(&attr, twice) != cudaSuccess || attr.maxThreadsPerBlock < 64 ||
      attr.maxThreadsPerBlock > 1024) { printf("FAIL: attributes %d\n", attr.maxThreadsPerBlock); return 1; }
  if (cudaFuncSetAttribute(twice, cudaFuncAttributeMaxDynamicSharedMemorySize, 1024) != cudaSuccess ||
      cudaFuncSetAttribute(twice, cudaFuncAttributeMaxDynamicSharedMemorySize, 1 << 30) == cudaSuccess) {
    printf("FAIL: set attribute\n");
    return 1;
  }
  cudaGetLastError();
  if (cudaFuncSetCacheConfig(twice, cudaFuncCachePreferL1) != cudaSuccess) { printf("FAIL: cache\n"); return 1; }
  printf("PASS %d\n", attr.maxThreadsPerBlock);
  cudaFree(d);
  return 0;
}
"""


@pytest.mark.opencl
def test_kernels_launched_through_tables_members_and_calls_run_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    host = (out / "main.cpp").read_text()
    assert "<<<" not in host.replace("pending <<<>>>", "") and "CUDAPORT CP4005" not in host and "CP2002" not in host
    assert "(cpSetLaunchConfig((n + 127) / 128, 128, 0, 0), table[t](d, n))" in host
    assert "PASS" in build_and_run(out)
