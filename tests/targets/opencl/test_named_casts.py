"""C++ named casts in device code become C casts parenthesised whole: `reinterpret_cast<T*>(p)[i]` indexes the
cast pointer, while the bare C cast `(T*)(p)[i]` would cast the element p[i]. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.spelling import cxx_to_c_types

SRC = r"""
#include <cuda_runtime.h>
__global__ void widen(const unsigned char* in, unsigned int* out, float* halves)
{
    uchar4 v = reinterpret_cast<const uchar4*>(in)[threadIdx.x];
    reinterpret_cast<uint2*>(out)[threadIdx.x] = make_uint2(v.x + v.y, v.z + v.w);
    halves[threadIdx.x] = static_cast<float>(static_cast<int>(v.x) + 1) / 2;
}
void run(const unsigned char* in, unsigned int* out, float* halves) { widen<<<1, 16>>>(in, out, halves); }
"""


def test_named_cast_is_one_postfix_expression() -> None:
    assert cxx_to_c_types("reinterpret_cast<const T*>(p)[i]") == "((const T*)(p))[i]"
    assert cxx_to_c_types("static_cast<float>(a) / b") == "((float)(a)) / b"


@pytest.mark.opencl
def test_cast_pointers_are_indexed_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, translate_text(SRC, "opencl", name="cast.cu").extra_files["cast.cl"].decode()).build()
    x = np.arange(64, dtype=np.uint8) * 3
    out = np.zeros(32, np.uint32)
    halves = np.zeros(16, np.float32)
    mf = cl.mem_flags
    bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    bh = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=halves)
    prog.widen(q, (16,), (16,), bi, bo, bh)
    cl.enqueue_copy(q, out, bo)
    cl.enqueue_copy(q, halves, bh)
    q.finish()
    v = x.reshape(16, 4).astype(np.uint32)
    assert (out.reshape(16, 2) == np.stack([v[:, 0] + v[:, 1], v[:, 2] + v[:, 3]], 1)).all()
    assert np.allclose(halves, (v[:, 0] + 1) / 2)
