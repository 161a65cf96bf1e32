"""Idioms of ordinary CUDA programs translated to SYCL and type-checked with g++ against the SYCL 2020 headers:
`abs` of a float in device code (sycl::abs is integer-only: it did not type-check), and a launch in a #define whose
parameter is the kernel, for kernels with __shared__ memory: the command group makes the local_accessor the
kernels clang resolved at the macro's uses need (it was CP4509 "not defined in this file" and passed none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = [pytest.mark.sycl_headers, pytest.mark.gxx]

PROGRAM = r"""
#include <cstdlib>
#include <cmath>
#define RUN(k, n) k<<<1, 64>>>(d, n)
__global__ void flip(float* d, int n) {
  __shared__ float s[64];
  s[threadIdx.x] = abs(d[threadIdx.x] - n) + abs(-n);
  __syncthreads();
  d[threadIdx.x] = s[63 - threadIdx.x];
}
__global__ void flip2(float* d, int n) {
  __shared__ float s[64];
  s[threadIdx.x] = std::abs(-2.0 * d[threadIdx.x]);
  __syncthreads();
  d[threadIdx.x] = s[63 - threadIdx.x] + n;
}
int main() {
  float* d;
  int n = 64;
  cudaMalloc(&d, n * sizeof(float));
  RUN(flip, n);
  RUN(flip2, n);
  double h = abs(-2.5);  // host code keeps the C library's overloads
  cudaFree(d);
  return h > 0 ? 0 : 1;
}
"""


def test_typed_abs_and_macro_launch_type_check(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="idioms.cu")
    assert not [f for f in res.findings if f.code in ("CP4509", "CP4550")]
    text = res.output.decode()
    assert "sycl::fabs(d[item.get_local_id(2)] - n) + sycl::abs(-n)" in text
    assert "sycl::fabs(-2.0 * d[" in text
    assert "sycl::local_accessor<float[64], 0> s(cgh);" in text.split("#define RUN")[1].split("\n\n")[0]
    done = typecheck_text(tmp_path, "idioms.cpp", text)
    assert done.returncode == 0, done.stderr[-3000:]


def test_kernels_needing_different_command_groups_through_one_macro_are_an_error() -> None:
    src = PROGRAM.replace("__shared__ float s[64];\n  s[threadIdx.x] = std::abs", "float s[64];\n  s[threadIdx.x] = "
                          "std::abs")
    res = translate_text(src, "sycl", name="idioms.cu")
    assert [f.code for f in res.findings if f.code == "CP4550"] == ["CP4550"]


def test_functions_of_other_files_are_sycl_external(tmp_path: Path) -> None:
    # SYCL compiles a function for the device in another translation unit only when it is SYCL_EXTERNAL
    kern = "__device__ float twice(float x);\n__device__ float twice(float x) { return 2 * x; }\n" \
           "__global__ void k(float* d) { d[threadIdx.x] = twice(threadIdx.x); }\n" \
           "static __global__ void local_only(float* d) {}\nnamespace { __global__ void hidden(float* d) {} }\n" \
           "__device__ float here(float x) { return x; }\n"
    main = "__global__ void k(float* d);\nint main() { float* d; cudaMalloc(&d, 128); k<<<1, 32>>>(d); return 0; }\n"
    texts = {}
    for name, src in (("kern.cu", kern), ("main.cu", main)):
        texts[name] = translate_text(src, "sycl", name=name).output.decode()
    assert "SYCL_EXTERNAL float twice(float x);" in texts["kern.cu"]
    assert "SYCL_EXTERNAL float twice(float x) {" in texts["kern.cu"]
    assert "SYCL_EXTERNAL void k(float* d, const sycl::nd_item<3>& item) {" in texts["kern.cu"]
    assert "SYCL_EXTERNAL void k(float* d, const sycl::nd_item<3>& item);" in texts["main.cu"]
    for unmarked in ("static void local_only", "namespace { void hidden", "\nfloat here("):
        assert unmarked in texts["kern.cu"]
    for name, text in texts.items():
        done = typecheck_text(tmp_path, name.replace(".cu", ".cpp"), text)
        assert done.returncode == 0, done.stderr[-3000:]
