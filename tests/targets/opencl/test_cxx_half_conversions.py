"""half conversions in a C++ for OpenCL program (a functor class template makes the program C++): the prelude's
cp_f/cp_to_half go through vload_half/vstore_half on private addresses, which C++ for OpenCL sees as generic
pointers; the generic forwarders must reach PoCL's private builtins (with clang-15's header they called
themselves, the recursion was folded to undef and every half read as 0). Compiled to SPIR, run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_fp16.h>
template <typename T> struct Twice { __device__ T operator()(T a) const { return a * (T)2; } };
template <typename input_t, typename acc_t>
__global__ void widen(const input_t* src, acc_t* dst, input_t* back)
{
    Twice<acc_t> twice;
    input_t tmp[4];
    int i = threadIdx.x;
    *((float2*)tmp) = *((const float2*)(src + 4 * (i / 4)));
    acc_t w = (acc_t)tmp[i % 4];
    dst[i] = w;
    back[i] = twice(w) + (acc_t)0.25;
}
void run(const __half* h, float* f, __half* b) { widen<__half, float><<<1, 32>>>(h, f, b); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="hw.cu").extra_files["hw.cl"].decode()


def test_program_is_cxx(cl_text: str) -> None:
    assert cl_text.startswith("/* cudaport: C++ for OpenCL")


@pytest.mark.opencl
def test_half_conversions_in_cxx_program_on_pocl(cl_text: str, pocl_spir) -> None:
    prog = pocl_spir.build(cl_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    x = (np.arange(32) / 8 - 1.5).astype(np.float16)
    mf = cl.mem_flags
    bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    out, back = np.zeros(32, np.float32), np.zeros(32, np.float16)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    bb = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=back)
    prog.widen_half_float(q, (32,), (32,), bx, bo, bb)
    cl.enqueue_copy(q, out, bo)
    cl.enqueue_copy(q, back, bb)
    q.finish()
    assert np.array_equal(out, x.astype(np.float32))
    assert np.array_equal(back, (2 * x.astype(np.float32) + 0.25).astype(np.float16))
