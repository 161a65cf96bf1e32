"""A file-scope macro expanded once per CUDA type (`WIDTH(long2, 2)`, `WIDTH(longlong2, 2)`) defines one explicit
specialisation per type in CUDA; OpenCL spells longlong2 and long2 alike, so the two expansions define the same
specialisation twice and the device rejected the program (CUB's AlignBytes table in real code). The .cl keeps the
first and notes the second; the program runs on PoCL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project

PROGRAM = r"""
#include <cstdio>
#include <cuda_runtime.h>
template <typename T> struct Width { enum { N = 1 }; };
#define WIDTH(t, n) template <> struct Width<t> { enum { N = n }; };
WIDTH(long2, 2)
WIDTH(longlong2, 2)
WIDTH(float4, 4)
WIDTH(int4, 4)
template <typename T> __global__ void widths(int* out) { out[threadIdx.x] = Width<T>::N * 10 + (int)threadIdx.x; }
int main() {
  int* d;
  int h[32];
  cudaMalloc(&d, sizeof(h));
  int want[3] = {40, 20, 10};
  for (int round = 0; round < 3; round++) {
    if (round == 0) widths<float4><<<1, 32>>>(d);
    if (round == 1) widths<longlong2><<<1, 32>>>(d);
    if (round == 2) widths<float><<<1, 32>>>(d);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 32; i++)
      if (h[i] != want[round] + i) { printf("FAIL round %d at %d: %d\n", round, i, h[i]); return 1; }
  }
  printf("PASS\n");
  return 0;
}
"""


@pytest.mark.opencl
def test_expansions_identical_in_opencl_types_are_emitted_once(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROGRAM})
    cl = (out / "main.cl").read_text()
    assert cl.count("WIDTH(long2, 2)") == 1 and "WIDTH(...) again" in cl, cl[-2000:]
    assert "PASS" in build_and_run(out)
