"""Idioms of ordinary CUDA programs, translated to OpenCL, built with `cudaport build` and run on PoCL (the program
checks its numbers and prints PASS):
- a launch in a #define whose parameter is the kernel (`#define RUN(k, n) k<<<...>>>(d, n)`), used with a plain and a
  template kernel: the kernels come from clang's resolution at the macro's uses (it was CP4005 "no definition");
- a user macro named like a template parameter of the shim header (`#define T 256` before the includes): the shim
  header comes first, as nvcc's implicit cuda_runtime.h does (g++ used to read `template <class 256>`);
- device functions of one name in two namespaces, with the same and with different signatures: each call binds to
  the one clang resolved (the .cl had two `scale` (a redefinition), and with different signatures the overload
  matching the argument types, a wrong answer with exit code 0); kernels of one name in two namespaces likewise
  (both stubs launched the one `.cl` kernel `k`: a wrong answer with exit code 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import cudaport_build, run_built, translate_project

pytestmark = pytest.mark.opencl

PROGRAM = r"""#define T 256
#include <cstdio>
#define RUN(k, n) k<<<(n + T - 1) / T, T>>>(d, n)
namespace a { __device__ float scale(float x) { return x * 2.0f; } }
namespace b { __device__ float scale(float x) { return x * 3.0f; } }
namespace c { __device__ float shift(float x) { return x + 1.0f; } }
namespace e { __device__ double shift(double x) { return x + 100.0; } }
__global__ void fill(float* d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) d[i] = a::scale((float)i) + b::scale(1.0f) + e::shift(0.5f);
}
namespace p { template <typename U> __global__ void bump(U* d) { d[threadIdx.x] += 1; } }
namespace q { template <typename U> __global__ void bump(U* d) { d[threadIdx.x] *= 2; } }
template <typename U> __global__ void twice(U* d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) d[i] = c::shift(d[i] * (U)2);
}
int main() {
  const int n = 1000;
  float* d;
  cudaMalloc(&d, n * sizeof(float));
  RUN(fill, n);
  RUN(twice<float>, n);
  p::bump<float><<<1, 64>>>(d);
  q::bump<float><<<1, 64>>>(d);
  static float h[n];
  cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost);
  cudaFree(d);
  for (int i = 0; i < n; i++) {
    float want = (2.0f * i + 3.0f + 100.5f) * 2.0f + 1.0f;
    if (i < 64) want = (want + 1.0f) * 2.0f;  // p::bump, then q::bump
    if (h[i] != want) { printf("FAIL at %d: %f, want %f\n", i, h[i], want); return 1; }
  }
  printf("PASS\n");
  return 0;
}
"""


def test_macro_launches_user_macros_and_namespaces_build_and_run(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    cl = (out / "main.cl").read_text()
    assert "a__scale" in cl and "b__scale" in cl and "e__shift" in cl
    assert "__kernel void twice_float(" in cl and "__kernel void p__bump_float(" in cl and "q__bump_float(" in cl
    host = (out / "main.cpp").read_text()
    assert host.index("#include <cudaport_opencl.h>") < host.index("#define T 256")
    assert "cp_launch_ ## k(" in host
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr


DISPATCH = r"""#include <cstdio>
// the kernel is a macro parameter and the launch sits in a host template: the instances come from the host
// template's calls (a deduced one and an explicit one)
#define DISPATCH(Func, ...) Func<T, 5><<<1, 64>>>(__VA_ARGS__)
template <typename U, int B> __global__ void add(U* d, int n) { if ((int)threadIdx.x < n) d[threadIdx.x] += (U)B; }
template <typename U, int B> __global__ void mul(U* d, int n) { if ((int)threadIdx.x < n) d[threadIdx.x] *= (U)B; }
template <typename T> void run(T* d, int n) { DISPATCH(add, d, n); DISPATCH(mul, d, n); }
int main() {
  float* f; int* i;
  cudaMalloc(&f, 64 * sizeof(float)); cudaMalloc(&i, 64 * sizeof(int));
  cudaMemset(f, 0, 64 * sizeof(float)); cudaMemset(i, 0, 64 * sizeof(int));
  run(f, 64);
  run<int>(i, 64);
  float hf[64]; int hi[64];
  cudaMemcpy(hf, f, sizeof hf, cudaMemcpyDeviceToHost);
  cudaMemcpy(hi, i, sizeof hi, cudaMemcpyDeviceToHost);
  for (int k = 0; k < 64; k++)
    if (hf[k] != 25.0f || hi[k] != 25) { printf("FAIL at %d: %f %d\n", k, hf[k], hi[k]); return 1; }
  printf("PASS\n");
  return 0;
}
"""


def test_macro_launches_in_host_templates_build_and_run(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": DISPATCH})
    cl = (out / "main.cl").read_text()
    for k in ("add_float_5", "add_int_5", "mul_float_5", "mul_int_5"):
        assert f"__kernel void {k}(" in cl
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr
