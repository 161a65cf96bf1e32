"""Overloaded device functions of one arity: each call gets the overload its argument types select (emitted
CP_OVL), not the first of that name. Emitting only the first made a `long long` overload serve the
`unsigned long long` and `double` calls through implicit conversions: a program that built, ran and printed
wrong numbers. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__device__ long long bump(long long* p, long long v) { *p -= v; return *p; }
__device__ unsigned long long bump(unsigned long long* p, unsigned long long v) { *p += v; return *p; }
__device__ double bump(double* p, double v) { *p *= v; return *p; }
template <typename T> __global__ void apply(T* x, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) bump(x + i, (T)3);
}
void run(long long* a, unsigned long long* b, double* c, int n)
{
    apply<long long><<<1, 64>>>(a, n);
    apply<unsigned long long><<<1, 64>>>(b, n);
    apply<double><<<1, 64>>>(c, n);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="ovl.cu").extra_files["ovl.cl"].decode()


def test_every_overload_that_is_called_is_emitted(cl_text: str) -> None:
    for t in ("long", "ulong", "double"):
        assert f"CP_OVL {t} bump(__global {t}* p, {t} v) {{" in cl_text


@pytest.mark.opencl
def test_each_instance_calls_its_own_overload_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    n = 40
    mf = cl.mem_flags
    for kernel, dtype, want in (("apply_long", np.int64, 10 - 3), ("apply_ulong", np.uint64, 10 + 3),
                                ("apply_double", np.float64, 10 * 3)):
        host = np.full(n, 10, dtype)
        buf = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=host)
        getattr(prog, kernel)(q, (64,), (64,), buf, np.int32(n))
        cl.enqueue_copy(q, host, buf)
        q.finish()
        assert (host == want).all(), kernel
