"""A C cast to an arithmetic type of a half or bfloat16 value inside a template instance (`(acc_t)src[i]` with
input_t = __half, acc_t = float): CUDA converts through the storage type's `operator float()`, which clang's AST
of the template body does not show; the instance's .cl converts with cp_f instead of casting the storage
struct (the OpenCL compiler rejected it). Likewise a float assigned to a half element (`out[i] = x / s;` with
output_t = __half) goes through cp_to_half. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_fp16.h>
template <typename input_t, typename acc_t>
__global__ void widen(const input_t* src, acc_t* dst, input_t* back, int n)
{
    input_t tmp[2];
    int i = threadIdx.x;
    tmp[0] = src[i];
    tmp[1] = src[n - 1 - i];
    dst[i] = (acc_t)tmp[0] * (acc_t)2 + (double)src[i] - (acc_t)tmp[1];
    acc_t wide = dst[i];
    if (i % 2) back[i] = wide / (acc_t)4;
    else back[i] = tmp[0];
}
void run(const __half* h, float* f, __half* b, int n)
{
    widen<__half, float><<<1, 32>>>(h, f, b, n);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="w.cu").extra_files["w.cl"].decode()


def test_casts_of_storage_values_convert(cl_text: str) -> None:
    assert "(float)cp_f(tmp[0])" in cl_text and "(double)cp_f(src[i])" in cl_text
    assert "(float)2" in cl_text
    assert "back[i] = cp_to_half(wide / (float)4);" in cl_text and "back[i] = cp_to_half(tmp[0]);" in cl_text


@pytest.mark.opencl
def test_storage_operand_casts_on_pocl(cl_text: str, request: pytest.FixtureRequest) -> None:
    from translator.targets.opencl.cxxonly import MARKER

    if cl_text.startswith(MARKER):  # a __half instance converting to T is C++ for OpenCL (halftemplates.py)
        spir = request.getfixturevalue("pocl_spir")
        cl, ctx, q = spir.cl, spir.ctx, spir.queue
        prog = spir.build(cl_text)
    else:
        cl, ctx, q = request.getfixturevalue("pocl")
        prog = cl.Program(ctx, cl_text).build()
    x = (np.arange(32, dtype=np.float32) / 8 - 1.5).astype(np.float16)
    mf = cl.mem_flags
    bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    out = np.zeros(32, np.float32)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    back = np.zeros(32, np.float16)
    bb = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=back)
    prog.widen_half_float(q, (32,), (32,), bx, bo, bb, np.int32(32))
    cl.enqueue_copy(q, out, bo)
    cl.enqueue_copy(q, back, bb)
    q.finish()
    xf = x.astype(np.float32)
    assert np.allclose(out, 3 * xf - xf[::-1], rtol=1e-6)
    want = np.where(np.arange(32) % 2 == 1, (out / 4).astype(np.float16), x)
    assert np.array_equal(back, want)
