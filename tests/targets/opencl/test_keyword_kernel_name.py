"""A kernel named like an OpenCL C keyword (`kernel`, `local`): the .cl renames the
identifier `cp_<name>` (instances are `kernel_float`) and still finds its
parameter list and body (the analysis looked for the CUDA spelling in the renamed text and emitted garbage).
Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <typename T>
__global__ void kernel(T* x, T v) { x[threadIdx.x] = v * threadIdx.x; }
void run(float* x) { kernel<float><<<1, 16>>>(x, 2.0f); }
"""


@pytest.fixture(scope="module")
def cl_text():
    return translate_text(SRC, "opencl", name="kw.cu").extra_files["kw.cl"].decode()


def test_keyword_kernel_is_renamed_with_its_parameters(cl_text):
    assert "__kernel void kernel_float(__global float* x CP_OFF(x), float v) {" in cl_text


@pytest.mark.opencl
def test_keyword_kernel_runs_on_pocl(cl_text, pocl):
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    out = np.zeros(16, np.float32)
    buf = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
    prog.kernel_float(q, (16,), (16,), buf, np.float32(2.0))
    cl.enqueue_copy(q, out, buf)
    q.finish()
    assert np.array_equal(out, 2.0 * np.arange(16, dtype=np.float32))
