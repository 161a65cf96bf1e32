"""Device code with a local type alias (`using pack_t = uint4;`), std::numeric_limits constants, a macro that
names the enclosing template's parameter (`#define TO_ACC(x) static_cast<acc_t>(x)`) and the address of a macro
expansion (`&AT(out, i)` with `#define AT(t, i) t[i]`), built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.spelling import numeric_limit

SRC = r"""
#include <limits>
#define TO_ACC(x) static_cast<acc_t>(x)
#define AT(t, i) t[i]
template <typename acc_t>
__global__ void pack(const float* in, float* out, int* ints)
{
    using pack_t = uint4;
    const unsigned i = threadIdx.x;
    pack_t p = reinterpret_cast<const pack_t*>(in)[i];
    float* dst = &AT(out, 4 * i);
    dst[0] = __uint_as_float(p.w);
    dst[1] = i == 0 ? -std::numeric_limits<float>::infinity() : TO_ACC(i) / 2;
    ints[2 * i] = std::numeric_limits<int>::max() - i;
    ints[2 * i + 1] = std::numeric_limits<unsigned char>::max();
}
void run(const float* in, float* out, int* ints) { pack<float><<<1, 8>>>(in, out, ints); }
"""


def test_numeric_limit_spellings() -> None:
    assert numeric_limit("double", "lowest") == "(-DBL_MAX)"
    assert numeric_limit("unsigned int", "min") == "(0u)"
    assert numeric_limit("cp_half", "max") is None  # left for the OpenCL compiler to reject


@pytest.mark.opencl
def test_aliases_limits_and_macros_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    cl_text = translate_text(SRC, "opencl", name="alias.cu").extra_files["alias.cl"].decode()
    assert "#define acc_t float" in cl_text and "using" not in cl_text.split("pack_float")[1]
    prog = cl.Program(ctx, cl_text).build()
    x = np.arange(32, dtype=np.float32) + 0.5
    mf = cl.mem_flags
    bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    out = np.zeros(32, np.float32)
    ints = np.zeros(16, np.int32)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    bn = cl.Buffer(ctx, mf.READ_WRITE, ints.nbytes)
    prog.pack_float(q, (8,), (8,), bi, bo, bn)
    cl.enqueue_copy(q, out, bo)
    cl.enqueue_copy(q, ints, bn)
    q.finish()
    assert np.array_equal(out[0::4], x[3::4])
    assert out[1] == -np.inf and np.array_equal(out[5::4], np.arange(1, 8, dtype=np.float32) / 2)
    assert np.array_equal(ints[0::2], 2**31 - 1 - np.arange(8)) and (ints[1::2] == 255).all()
