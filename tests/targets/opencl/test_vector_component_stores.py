"""A store to one component of a CUDA vector in global memory is a scalar store in the .cl: CUDA's double4 is
a struct, so threads may write different components of one element (a lattice update writing its neighbours'
`.x`, `.y`, ...), while an OpenCL vector component store may be compiled as read-modify-write of the whole
vector, which loses the other threads' writes (a Boltzmann solver of the real-code set failed its own check
in about half of its runs on PoCL). Checked on the text and, run many times on PoCL, on the numbers."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__global__ void spread(const double* in, double4* out, float4* f, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    // each thread writes one component of four different elements: its own and three neighbours'
    out[i].x = in[i];
    out[(i + 1) % n].y = 2.0 * in[i];
    out[(i + 2) % n].z = 3.0 * in[i];
    out[(i + 3) % n].w = 4.0 * in[i];
    f[i].y += 1.0f;
    double4 mine = out[i];   // a whole-vector read stays a vector read
    (void)mine;
}
void run(const double* in, double4* out, float4* f, int n) { spread<<<(n + 63) / 64, 64>>>(in, out, f, n); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="v.cu").extra_files["v.cl"].decode()


def test_component_stores_become_scalar_stores(cl_text: str) -> None:
    body = cl_text[cl_text.index("__kernel void spread"):]
    assert "((__global double*)&out[i])[0] = in[i];" in body
    assert "((__global double*)&out[(i + 3) % n])[3] = 4.0 * in[i];" in body
    assert "((__global float*)&f[i])[1] += 1.0f;" in body
    assert "double4 mine = out[i];" in body


@pytest.mark.opencl
def test_neighbouring_component_stores_keep_every_write_on_pocl(pocl, cl_text: str) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    n = 4096
    x = np.arange(n, dtype=np.float64) + 1.0
    mf = cl.mem_flags
    for _ in range(5):
        out = np.zeros((n, 4), np.float64)
        f = np.zeros((n, 4), np.float32)
        bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        bf = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=f)
        prog.spread(q, (n,), (64,), bi, bo, bf, np.int32(n))
        cl.enqueue_copy(q, out, bo)
        cl.enqueue_copy(q, f, bf)
        q.finish()
        for c in range(4):
            assert (out[:, c] == (c + 1) * np.roll(x, c)).all(), f"component {c} lost writes"
        assert (f[:, 1] == 1.0).all() and (f[:, [0, 2, 3]] == 0.0).all()
