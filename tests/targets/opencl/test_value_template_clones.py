"""A device function template whose instances differ only in a value template parameter (`step<ERODE>(...)` and
`step<DILATE>(...)` with the same parameter types) gets one .cl function per argument, named after it: two
overloads with one signature would be one function defined twice. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <int OP>
__device__ void step(const int* in, int* out, int i) { out[i] = OP == 0 ? in[i] + 1 : in[i] * 3; }

template <int OP>
__global__ void apply(const int* in, int* out) { step<OP>(in, out, threadIdx.x); }

void run(const int* in, int* out)
{
    apply<0><<<1, 32>>>(in, out);
    apply<1><<<1, 32>>>(in, out);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="clones.cu").extra_files["clones.cl"].decode()


def test_each_value_gets_its_own_function(cl_text) -> None:
    assert cl_text.count("void cp_step_0(") == 2 and cl_text.count("void cp_step_1(") == 2  # prototype + definition
    assert "cp_step_0(in, out, " in cl_text and "cp_step_1(in, out, " in cl_text  # `step` is an OpenCL builtin


@pytest.mark.opencl
def test_value_clones_run_on_pocl(cl_text, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    x = np.arange(32, dtype=np.int32)
    mf = cl.mem_flags
    bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    for name, want in (("apply_0", x + 1), ("apply_1", x * 3)):
        out = np.zeros_like(x)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        getattr(prog, name)(q, (32,), (32,), bi, bo)
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert np.array_equal(out, want), name
