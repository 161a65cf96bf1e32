"""Shared memory and the work-item where the SYCL launch cannot hand them over: a __shared__ variable of a
__device__ function, several names in one __shared__ declaration, a kernel's __shared__ object whose type is a
typedef local to the kernel, and member functions/constructors that read threadIdx (CUB-style block classes).
The translation must type-check with g++ against the SYCL 2020 headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = pytest.mark.sycl_headers

PROGRAM = r"""
#include <cstdio>
__device__ int linear_tid(int bx) { return threadIdx.y * bx + threadIdx.x; }

template <typename T, int N>
struct BlockSum {
  struct TempStorage { T partial[N]; };
  TempStorage& temp;
  int tid;
  __device__ TempStorage& Private() { __shared__ TempStorage s; return s; }
  __device__ BlockSum() : temp(Private()), tid(linear_tid(N)) {}
  __device__ BlockSum(TempStorage& t) : temp(t), tid(linear_tid(N)) {}
  __device__ T Sum(T v) {
    temp.partial[tid] = v;
    __syncthreads();
    T acc = 0;
    for (int i = 0; i < N; ++i) acc += temp.partial[i];
    __syncthreads();
    return acc + 0 * threadIdx.x;
  }
};

template <int N>
__global__ void k(const float* in, float* out) {
  typedef BlockSum<float, N> Sum;
  __shared__ typename Sum::TempStorage storage;
  __shared__ float a[N], b[N];
  int i = threadIdx.x;
  a[i] = in[i];
  b[i] = 2 * in[i];
  __syncthreads();
  out[i] = Sum(storage).Sum(a[i]) + Sum().Sum(b[i]);
}

int main() {
  float *in, *out;
  cudaMalloc(&in, 32 * sizeof(float));
  cudaMalloc(&out, 32 * sizeof(float));
  k<32><<<1, 32>>>(in, out);
  cudaDeviceSynchronize();
  printf("done\n");
  return 0;
}
"""


def test_block_class_with_shared_members_type_checks(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="blocksum.cu")
    text = res.output.decode()
    codes = {f.code for f in res.findings}
    assert "CP4503" not in codes and {"CP4512", "CP4513"} <= codes
    assert "__shared__" not in text
    assert "this_work_item::get_nd_item<3>()" in text
    res2 = typecheck_text(tmp_path, "blocksum.cpp", text)
    assert res2.returncode == 0, res2.stderr[-3000:] + "\n" + text
