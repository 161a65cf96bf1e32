"""A device function template called with constants the kernel body computes from its own template arguments
(`warp_reduce<T, WARP_BATCH, WARP_SIZE>(sum)` after `constexpr int WARP_SIZE = (P < WSZ) ? P : WSZ;`): each
kernel instance calls the clone for the folded values (the clone was named `warp_reduce_WARP_BATCH_WARP_SIZE`
and its body used the kernel's names, undefined there), and an array list-initialised without `=`
(`T sum[N]{0.0f};`, C++) gets C's `= {...}`. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
template <typename acc_t, int WB, int WS>
__device__ __forceinline__ void warp_reduce(acc_t *sum) {
  for (int offset = WS / 2; offset > 0; offset /= 2)
    for (int i = 0; i < WB; ++i) sum[i] += __shfl_xor_sync(0xffffffff, sum[i], offset, WS);
}
#define WSZ 32
template <typename T, int L>
__global__ void k(const T* in, T* out)
{
  constexpr int P = 1 << L;
  constexpr int WARP_SIZE = (P < WSZ) ? P : WSZ;
  constexpr int WARP_BATCH = (P <= 128) ? 2 : 1;
  T sum[WARP_BATCH]{0.0f};
  int zeros[4]{};
  for (int i = 0; i < WARP_BATCH; ++i) sum[i] = in[threadIdx.x + i * 32] + zeros[i];
  warp_reduce<T, WARP_BATCH, WARP_SIZE>(sum);
  for (int i = 0; i < WARP_BATCH; ++i) out[threadIdx.x + i * 32] = sum[i];
}
void run(const float* in, float* out)
{
  k<float, 3><<<1, 32>>>(in, out);
  k<float, 8><<<1, 32>>>(in, out);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="wr.cu").extra_files["wr.cl"].decode()


def test_clones_are_named_by_the_folded_values(cl_text: str) -> None:
    assert "warp_reduce_2_8(sum, cp_wscratch);" in cl_text and "warp_reduce_1_32(sum, cp_wscratch);" in cl_text
    assert "WARP_SIZE_" not in cl_text
    assert "sum[WARP_BATCH]= {0.0f};" in cl_text and "zeros[4]= {0};" in cl_text


@pytest.mark.opencl
def test_constant_template_arguments_on_pocl(cl_text: str, pocl_run) -> None:
    prog = cl_text
    x = np.random.default_rng(3).integers(-8, 8, 64).astype(np.float32)
    for kern, width, batch in (("k_float_3", 8, 2), ("k_float_8", 32, 1)):
        out = np.zeros(64, np.float32)
        prog = pocl_run(prog, kern, (32,), (32,), x, out)
        want = np.zeros(64, np.float32)
        for b in range(batch):
            seg = x[b * 32:(b + 1) * 32].reshape(-1, width).sum(axis=1)
            want[b * 32:(b + 1) * 32] = np.repeat(seg, width)
        assert np.array_equal(out, want)
