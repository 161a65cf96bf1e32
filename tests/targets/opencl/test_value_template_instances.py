"""Device function templates as real CUDA writes them, built and run on PoCL: declared through a specifier macro
(`#define DI __device__ inline`), called with fewer explicit arguments than parameters (the defaults apply,
`bool aT = false`), with instances that differ only in template values (one OpenCL function each, not one
name defined twice); scalars and vectors initialised with parentheses (`constexpr unsigned W(4)`,
`unsigned x(i * 2)`, `uchar4 e(t[i])`: a function declaration in C); a functional cast in a macro's
replacement list; a non-template kernel named `kernel`."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#define DI __device__ inline
#define ROOT(a) int(sqrtf(a))
constexpr unsigned int W(4);
template <int n, bool neg = false>
DI void scale(const double* a, double* out)
{
    for (int i = 0; i < n; i++) out[i] = neg ? -a[i] * n : a[i] * n;
}
DI double twice(double x) { return 2.0 * x; }
template <int r>
__global__ void series(const double* a, double* o)
{
    double l[r];
    scale<r>(a + r * threadIdx.x, l);
    scale<r, true>(l, o + r * threadIdx.x);
    o[r * threadIdx.x] += twice(1.0);
}
__global__ void kernel(const uchar4* t, const float* f, int* o)
{
    unsigned int x(threadIdx.x * 1);
    uchar4 e(t[x]);
    o[x] = e.x + e.w * W - ROOT(f[x]);
}
void run(const double* a, double* o, const uchar4* t, const float* f, int* i)
{
    series<W><<<1, 8>>>(a, o);
    kernel<<<1, 8>>>(t, f, i);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="vt.cu").extra_files["vt.cl"].decode()


def test_value_instances_are_named_apart(cl_text: str) -> None:
    assert "void scale_4_0(" in cl_text and "void scale_4_1(" in cl_text
    assert "false ? -a[i] * 4" in cl_text  # the default, not a value of the caller


@pytest.mark.opencl
def test_value_template_instances_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    rng = np.random.default_rng(2)
    a = rng.standard_normal(32)
    t = rng.integers(0, 255, (8, 4)).astype(np.uint8)
    f = rng.uniform(0, 100, 8).astype(np.float32)
    mf = cl.mem_flags
    ba = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
    bt = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=t)
    bf = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=f)
    o, i = np.zeros(32), np.zeros(8, np.int32)
    bo, bi = cl.Buffer(ctx, mf.READ_WRITE, o.nbytes), cl.Buffer(ctx, mf.READ_WRITE, i.nbytes)
    prog.series_4(q, (8,), (8,), ba, bo)
    prog.cp_kernel(q, (8,), (8,), bt, bf, bi)
    cl.enqueue_copy(q, o, bo)
    cl.enqueue_copy(q, i, bi)
    q.finish()
    want = -a * 16
    want[::4] += 2.0
    assert np.allclose(o, want)
    assert np.array_equal(i, t[:, 0].astype(np.int32) + t[:, 3].astype(np.int32) * 4 - np.sqrt(f).astype(np.int32))
