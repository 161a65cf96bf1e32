"""A device function parameter declared as a 2-D array (`int t[N][3]`) is a pointer to rows of 3: the OpenCL
parameter keeps the inner dimension (`__private int (*t)[3]`) so that `t[k][j]` still indexes it. Built and
run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#define ROWS 8
__device__ void fill(int t[ROWS][3], int k, int v) { t[k][0] = v; t[k][1] = 2 * v; t[k][2] = 3 * v; }
__global__ void table(int* out)
{
    int t[ROWS][3];
    for (int k = 0; k < ROWS; k++) fill(t, k, k + threadIdx.x);
    out[threadIdx.x] = t[ROWS - 1][2] + t[1][1];
}
void run(int* out) { table<<<1, 16>>>(out); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="arr.cu").extra_files["arr.cl"].decode()


def test_inner_dimension_is_kept(cl_text: str) -> None:
    assert "void fill(__private int (*t)[3], int k, int v)" in cl_text


@pytest.mark.opencl
def test_rows_are_indexed_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    out = np.zeros(16, np.int32)
    buf = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
    prog.table(q, (16,), (16,), buf)
    cl.enqueue_copy(q, out, buf)
    q.finish()
    i = np.arange(16)
    assert (out == 3 * (7 + i) + 2 * (1 + i)).all()
