"""`extern __shared__` in a __device__ function is the launch's dynamic local memory (was CP4503): the function
takes it as a pointer parameter, every function that calls it (up to the kernel) takes it too and passes it on,
and the kernel's launch makes it from the dynamic local accessor, also when the kernel already has a dynamic
array of its own or is launched through a kernel value. The translation is type-checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = pytest.mark.sycl_headers

PROGRAM = r"""
template <typename T>
__device__ void histogram(const T* in, int n);
__device__ int twice(int x) {
  extern __shared__ int bins[];
  return bins[x] * 2;
}
__device__ void count(const float* in, int n) { histogram(in, n); }
__global__ void count_kernel(const float* in, int* out, int n) {
  count(in, n);
  out[threadIdx.x] = twice(threadIdx.x);
}
__global__ void own_too(const float* in, int n) {
  extern __shared__ float scratch[];
  scratch[threadIdx.x] = 0.f;
  histogram<float>(in, n);
}
template <typename T>
__device__ void histogram(const T* in, int n) {
  extern __shared__ int bins[];
  if (threadIdx.x < n) bins[threadIdx.x] = (int)in[threadIdx.x];
  __syncthreads();
}
int main() {
  float* in; int* out;
  cudaMalloc(&in, 32 * sizeof(float));
  cudaMalloc(&out, 32 * sizeof(int));
  count_kernel<<<1, 32, 32 * sizeof(int)>>>(in, out, 32);
  own_too<<<1, 32, 32 * sizeof(float)>>>(in, 32);
  auto k = count_kernel;
  k<<<1, 32, 32 * sizeof(int)>>>(in, out, 32);
  cudaDeviceSynchronize();
  return 0;
}
"""


def test_device_functions_take_the_dynamic_local_memory_from_their_callers(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="bins.cu")
    assert not [f for f in res.findings if f.code in ("CP4503", "CP4514")]
    text = res.output.decode()
    assert "extern __shared__" not in text
    assert "void histogram(const T* in, int n, const sycl::nd_item<3>& item, int* bins);" in text
    assert "int twice(int x, int* bins) {" in text
    assert "void count(const float* in, int n, const sycl::nd_item<3>& item, int* bins) {" in text
    assert "{ histogram(in, n, item, bins); }" in text
    assert "out[item.get_local_id(2)] = twice(item.get_local_id(2), bins);" in text
    assert "histogram<float>(in, n, item, bins);" in text
    assert "own_too(in, 32, item, cpsycl::local_ptr<float>(dynamic_shared), cpsycl::local_ptr<int>(dynamic_shared));" \
        in text
    res2 = typecheck_text(tmp_path, "t.cpp", text)
    assert res2.returncode == 0, res2.stderr[-3000:] + "\n" + text
