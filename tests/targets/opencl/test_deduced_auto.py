"""`auto` declarations whose initialiser is arithmetic or a call take the type clang deduced (OpenCL C has no
auto): 64-bit index arithmetic stays 64-bit, a product promoted to double stays double, a struct copy keeps
its struct; built and run on PoCL against NumPy."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
struct Acc { float sum; int n; };

__global__ void wide(const int* a, const int* b, long long* prod, double* halves, const Acc* accs, float* mean,
                     const float* f, float* g, size_t stride)
{
    auto i = static_cast<size_t>(blockIdx.x) * stride + threadIdx.x;
    auto p = (long long)a[i] * b[i];
    const auto h = a[i] * 0.5;
    auto acc = accs[i];
    auto q = reinterpret_cast<const float*>(f) + i;
    prod[i] = p;
    halves[i] = h;
    mean[i] = acc.sum / acc.n;
    g[i] = *q * 2.0f;
}

template <typename T>
__global__ void twice(const T* in, T* out)
{
    auto p = reinterpret_cast<const T*>(in);
    out[threadIdx.x] = p[threadIdx.x] * 2;
}

void run(const int* a, const int* b, long long* prod, double* halves, const Acc* accs, float* mean,
         const float* f, float* g, size_t n, const float* x, float* y)
{
    wide<<<1, n>>>(a, b, prod, halves, accs, mean, f, g, 0);
    twice<float><<<1, n>>>(x, y);
}
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="wide.cu")


def test_auto_takes_the_deduced_type(result) -> None:
    cl_text = result.extra_files["wide.cl"].decode()
    body = cl_text[cl_text.index("__kernel void wide"):]
    assert "ulong i = " in body and "long p = " in body and "const double h = " in body
    assert "Acc acc = accs[i];" in body and "__global const float* q = " in body
    # a type that depends on T: the token pass spells the whole (parenthesised) cast per instance
    assert "__global const float* p = ((__global const float*)(in));" in cl_text
    assert "CP4032" not in [f.code for f in result.findings]


@pytest.mark.opencl
def test_deduced_autos_run_on_pocl(pocl, result) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, result.extra_files["wide.cl"].decode()).build()
    n = 16
    rng = np.random.default_rng(7)
    a = rng.integers(100_000, 2_000_000, n).astype(np.int32)  # products overflow 32 bits
    b = rng.integers(100_000, 2_000_000, n).astype(np.int32)
    accs = np.zeros(n, dtype=[("sum", np.float32), ("n", np.int32)])
    accs["sum"] = rng.random(n, dtype=np.float32) * 10
    accs["n"] = rng.integers(1, 9, n)
    f = rng.random(n, dtype=np.float32)
    mf = cl.mem_flags

    def buf(x: np.ndarray):  # type: ignore[no-untyped-def]
        return cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x)

    prod, halves, mean, g = np.zeros(n, np.int64), np.zeros(n, np.float64), np.zeros(n, np.float32), \
        np.zeros(n, np.float32)
    bufs = [buf(x) for x in (a, b, prod, halves, accs, mean, f, g)]
    kernel = next(k for k in prog.all_kernels() if k.function_name.startswith("wide"))
    kernel(q, (n,), (n,), *bufs, np.uint64(0))
    for k, out in ((2, prod), (3, halves), (5, mean), (7, g)):
        cl.enqueue_copy(q, out, bufs[k])
    x, y = rng.random(n, dtype=np.float32), np.zeros(n, np.float32)
    bx, by = buf(x), buf(y)
    twice = next(k for k in prog.all_kernels() if k.function_name.startswith("twice"))
    twice(q, (n,), (n,), bx, by)
    cl.enqueue_copy(q, y, by)
    q.finish()
    assert (prod == a.astype(np.int64) * b).all()
    assert np.allclose(halves, a * 0.5, rtol=0, atol=0)
    assert np.allclose(mean, accs["sum"] / accs["n"], rtol=1e-6)
    assert (g == f * 2).all() and (y == x * 2).all()
