"""A kernel template launched from a host template with a local alias as its argument (`using Kt =
traits<N, T>; k<Kt><<<...>>>(d);`, the shape of kernel-traits code): the alias is resolved and instantiated per
call of the host template (the host stub named `Ktraits`, undeclared outside the function, and g++ stopped);
the traits class keeps its member alias (`typedef T input_t;`, it was dropped), the program is C++ for OpenCL.
Built with `cudaport build` and run on PoCL; the program checks its numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import cudaport_build, run_built, translate_project

pytestmark = pytest.mark.opencl

PROGRAM = r"""#include <cstdio>
template <int N, typename T> struct traits { static constexpr int kN = N; using input_t = T; };
template <typename K>
__global__ void k(typename K::input_t* d) {
  using input_t = typename K::input_t;
  if (threadIdx.x < K::kN) d[threadIdx.x] = (input_t)(K::kN + threadIdx.x);
}
template <int N, typename T>
void launch(T* d) {
  using Kt = traits<N, T>;
  k<Kt><<<1, 64>>>(d);
}
int main() {
  float* f; int* i;
  cudaMalloc(&f, 64 * sizeof(float)); cudaMalloc(&i, 64 * sizeof(int));
  cudaMemset(f, 0, 64 * sizeof(float)); cudaMemset(i, 0, 64 * sizeof(int));
  launch<32, float>(f);
  launch<16, int>(i);
  float hf[64]; int hi[64];
  cudaMemcpy(hf, f, sizeof hf, cudaMemcpyDeviceToHost);
  cudaMemcpy(hi, i, sizeof hi, cudaMemcpyDeviceToHost);
  for (int k = 0; k < 64; k++)
    if (hf[k] != (k < 32 ? 32.0f + k : 0.0f) || hi[k] != (k < 16 ? 16 + k : 0)) {
      printf("FAIL at %d: %f %d\n", k, hf[k], hi[k]); return 1; }
  printf("PASS\n");
  return 0;
}
"""


def test_local_alias_arguments_build_and_run(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    cl = (out / "main.cl").read_text()
    assert "k_traits_32_float(" in cl and "k_traits_16_int(" in cl and "typedef T input_t;" in cl
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out)
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout + proc.stderr
