"""SYCL: a kernel used as a value (its address assigned, compared, passed, a specialisation held in `auto`) names a
host launcher written after the kernel, which takes a cpsycl::launch_config first and submits the parallel_for
with the kernel's local accessors; the function-pointer declarators that hold it get that parameter and a
launch through the pointer passes the configuration. Runtime calls naming the kernel are left to the rules, and
a file clang cannot parse keeps CP4514 at each `&kernel`. Each translation is type-checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = pytest.mark.sycl_headers


def _typecheck(tmp_path: Path, text: str) -> None:
    res = typecheck_text(tmp_path, "t.cpp", text)
    assert res.returncode == 0, res.stderr[-3000:] + "\n" + text


PROGRAM = r"""
__global__ void scale(float* x) { x[threadIdx.x] *= 2.0f; }
__global__ void shift(float* x) { x[threadIdx.x] += 1.0f; }
int main() {
  float* d;
  cudaMalloc(&d, 256 * sizeof(float));
  void (*kernel)(float*) = &scale;
  if (kernel == &scale) kernel = shift;
  scale<<<1, 256>>>(d);
  kernel<<<1, 256>>>(d);
  return 0;
}
"""


def test_kernel_values_become_host_launchers_and_pointer_launches_pass_the_configuration(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="k.cu")
    assert not [f for f in res.findings if f.code == "CP4514"]
    text = res.output.decode()
    assert "void (*kernel)(const cpsycl::launch_config&, float*) = &scale_cudaport_launch;" in text
    assert "if (kernel == &scale_cudaport_launch) kernel = shift_cudaport_launch;" in text
    assert "kernel(cpsycl::launch_config(1, 256), d);" in text
    assert "cpsycl::default_queue().parallel_for" in text  # the direct launch is untouched
    _typecheck(tmp_path, text)


def test_a_kernel_passed_to_a_runtime_call_is_left_to_the_rules() -> None:
    call = "  cudaFuncAttributes attr;\n  cudaFuncGetAttributes(&attr, scale);"
    cuda = PROGRAM.replace("  scale<<<1, 256>>>(d);", call)
    res = translate_text(cuda, "sycl", name="a.cu")
    assert not [f for f in res.findings if f.code == "CP4514"]
    assert "(&attr, scale)" in res.output.decode()


def test_a_local_variable_named_like_a_kernel_is_not_flagged() -> None:
    cuda = "__global__ void scale(float* x) {}\nint main() {\n  int scale = 3;\n  int y = scale;\n  return y;\n}\n"
    res = translate_text(cuda, "sycl", name="v.cu")
    assert not [f for f in res.findings if f.code == "CP4514"]


def test_without_clang_only_the_address_of_a_kernel_is_flagged() -> None:
    """A file clang cannot parse (here: an unknown namespace alias) is translated from tokens: `&kernel` is still
    CP4514, a plain name after `=` is not (it may be a variable)."""
    cuda = PROGRAM.replace("int main() {", "namespace nope = not_declared_anywhere;\nint main() {")
    res = translate_text(cuda, "sycl", name="f.cu")
    assert any(f.code == "CP1001" for f in res.findings)
    assert [f.line for f in res.findings if f.code == "CP4514"] == [8, 9]


TABLE = r"""
#include <cstdio>
#define TILE 16
typedef void (*tile_kernel)(float* __restrict__, const float* __restrict__, int);
__global__ void copy_tile(float* __restrict__ o, const float* __restrict__ i, int n) {
  __shared__ float tile[TILE][TILE + 1];
  int x = blockIdx.x * TILE + threadIdx.x;
  tile[threadIdx.y][threadIdx.x] = x < n ? i[x] : 0.f;
  __syncthreads();
  if (x < n) o[x] = tile[threadIdx.y][threadIdx.x];
}
__global__ void add_one(float* __restrict__ o, const float* __restrict__ i, int n) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  if (x < n) o[x] = i[x] + 1.f;
}
template <typename T, int WARP>
__global__ void warp_sum(T* out, const T* in, int n) {
  extern __shared__ T partial[];
  T v = in[threadIdx.x];
  for (int s = WARP / 2; s > 0; s /= 2) v += __shfl_down_sync(0xffffffff, v, s);
  partial[threadIdx.x / WARP] = v;
  __syncthreads();
  if (threadIdx.x == 0) out[blockIdx.x] = partial[0];
}
static void run_all(tile_kernel k, float* o, const float* i, int n, cudaStream_t s) {
  k<<<n / TILE, dim3(TILE, TILE), 0, s>>>(o, i, n);
}
int main() {
  float *o, *i;
  cudaMalloc(&o, 256 * sizeof(float));
  cudaMalloc(&i, 256 * sizeof(float));
  tile_kernel table[2] = {&copy_tile, add_one};
  cudaStream_t s;
  cudaStreamCreate(&s);
  for (int t = 0; t < 2; t++) {
    run_all(table[t], o, i, 256, s);
    printf("%s\\n", table[t] == &copy_tile ? "copy" : "add");
  }
  auto sum = warp_sum<float, 32>;
  sum<<<1, 64, 2 * sizeof(float)>>>(o, i, 64);
  cudaStreamSynchronize(s);
  return 0;
}
"""


def test_kernel_tables_typedefs_parameters_and_template_aliases(tmp_path: Path) -> None:
    res = translate_text(TABLE, "sycl", name="table.cu")
    assert not [f for f in res.findings if f.code in ("CP4514", "CP4509")]
    text = res.output.decode()
    assert "typedef void (*tile_kernel)(const cpsycl::launch_config&, float* __restrict__," in text
    assert "tile_kernel table[2] = {&copy_tile_cudaport_launch, add_one_cudaport_launch};" in text
    assert "k(cpsycl::launch_config(n / TILE, cpsycl::dim3(TILE, TILE), 0, s), o, i, n);" in text
    assert "auto sum = warp_sum_cudaport_launch<float, 32>;" in text
    assert "sum(cpsycl::launch_config(1, 64, 2 * sizeof(float)), o, i, 64);" in text
    # the launchers make the kernels' local memory and keep their sub-group size
    assert "sycl::local_accessor<float[TILE][TILE + 1], 0> tile(cgh);" in text
    assert "sycl::range<1>(cudaport_cfg.shared_bytes)" in text and "reqd_sub_group_size(32)" in text
    _typecheck(tmp_path, text)
