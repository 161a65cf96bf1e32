"""A device function template with a template template parameter (`template <typename acc_t, int WB,
template <typename> class ReduceOp>`, called as `reduce<float, 2, Max>(...)` with functor class templates): the
parameter list is read with its nested angle brackets (it ended at `<typename>`, and `ReduceOp<acc_t>` stayed in
the clone, undeclared), each clone gets its functor, and the functors move to the program, which becomes C++ for
OpenCL. Compiled to SPIR and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
template <typename T> struct Add { __device__ __forceinline__ T operator()(T a, T b) const { return a + b; } };
template <typename T> struct Max {
  __device__ __forceinline__ T operator()(T a, T b) const { return a < b ? b : a; }
};
template <typename acc_t, int WB,
          template <typename> class ReduceOp>
__device__ __forceinline__ void reduce(acc_t *sum, acc_t v) {
  ReduceOp<acc_t> r;
  for (int i = 0; i < WB; ++i) sum[i] = r(sum[i], v);
}
__global__ void k(const float* in, float* out)
{
  float s[2] = {in[threadIdx.x], in[threadIdx.x + 32]};
  float m[2] = {in[threadIdx.x], in[threadIdx.x + 32]};
  reduce<float, 2, Add>(s, 1.5f);
  reduce<float, 2, Max>(m, 0.0f);
  out[threadIdx.x] = s[0] * s[1] + m[0] - m[1];
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="tt.cu").extra_files["tt.cl"].decode()


def test_each_clone_uses_its_functor(cl_text: str) -> None:
    assert "ReduceOp" not in cl_text
    assert "reduce_2_Add(" in cl_text and "Add<float> r;" in cl_text and "Max<float> r;" in cl_text


@pytest.mark.opencl
def test_template_template_parameters_on_pocl(cl_text: str, pocl_spir) -> None:
    prog = pocl_spir.build(cl_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    x = np.random.default_rng(5).uniform(-2, 2, 64).astype(np.float32)
    mf = cl.mem_flags
    bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    out = np.zeros(32, np.float32)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    prog.k(q, (32,), (32,), bx, bo)
    cl.enqueue_copy(q, out, bo)
    q.finish()
    a, b = x[:32], x[32:]
    want = (a + 1.5) * (b + 1.5) + np.maximum(a, 0) - np.maximum(b, 0)
    assert np.allclose(out, want.astype(np.float32), rtol=1e-5)
