"""Library calls in device code resolved by the types clang gives them (targets/opencl/stdlib.py): `abs` on a
float is fabs (OpenCL's abs is integer-only: a build error), `abs` on an int keeps CUDA's signed result (OpenCL's
returns uint, so `abs(a) - abs(b)` wrapped), `min`/`max` of mixed types take the CUDA overload's type (OpenCL calls
min(int, uint) ambiguous), `std::min<int>`/`std::max`, `std::swap` and `std::numeric_limits<T>::max()` (which
became `numeric_limits<float>max()`), in a plain kernel and in a template. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#include <limits>
#include <algorithm>
template <typename T> __device__ T smallest_of(const T* x, int n) {
    T best = std::numeric_limits<T>::max();
    for (int i = 0; i < n; ++i) best = std::min(best, x[i]);
    return best;
}
__global__ void typed(const float* f, const int* a, float* out, int* iout, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float lo = std::numeric_limits<float>::lowest();
    float x = f[i], y = -f[i];
    std::swap(x, y);
    unsigned u = 3;
    out[i] = abs(x) + max(lo, x) + max(x, 0.5) + std::max(y, -100.0f)
           + std::numeric_limits<float>::epsilon() * 0.0f;
    iout[i] = abs(a[i]) - abs(a[i] + 10) + min(a[i], u) + std::min<int>(a[i], 2)
            + (std::numeric_limits<int>::min() < 0 ? 1000 : 0) + smallest_of(a, n);
}
void run(const float* f, const int* a, float* out, int* iout, int n) { typed<<<1, 64>>>(f, a, out, iout, n); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    r = translate_text(SRC, "opencl", name="typed.cu")
    assert not [f for f in r.findings if f.code == "CP4050"]
    return r.extra_files["typed.cl"].decode()


def test_calls_take_the_functions_their_types_select(cl_text: str) -> None:
    body = cl_text[cl_text.index("__kernel void typed"):]
    assert "fabs(x)" in body and "((int)abs(a[i]))" in body
    # CUDA's max(float, double) computes in double: fmax with x converted (the math-argument pass may write the
    # same conversion once more inside this one; the value is the same)
    term = next(t for t in body.split(" + ") if "0.5" in t)
    assert term.startswith("fmax(") and "(double)" in term.split(",")[0] and "x" in term.split(",")[0]
    assert "min(a[i], 2)" in body and "min<int>" not in body
    assert "numeric_limits<" not in cl_text and "((float)(-FLT_MAX))" in body
    assert "cp_limits_max((int)0)" in cl_text  # the template's numeric_limits<T>, per instance


def _expected(f: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = -f, f  # swapped
    out = np.abs(x) + np.maximum(np.float32(-3.4028235e38), x) + np.maximum(x.astype(np.float64), 0.5) \
        + np.maximum(y, -100.0)
    au = a.astype(np.int64)
    mixed = np.minimum(au & 0xFFFFFFFF, 3)  # min(int, unsigned) compares as unsigned: -5 is 4294967291
    iout = np.abs(au) - np.abs(au + 10) + mixed + np.minimum(au, 2) + 1000 + au.min()
    return out.astype(np.float32), iout.astype(np.int32)


@pytest.mark.opencl
def test_typed_calls_compute_what_cuda_computes_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    n = 64
    rng = np.random.default_rng(5)
    f = rng.uniform(-50, 50, n).astype(np.float32)
    a = rng.integers(-40, 40, n).astype(np.int32)
    mf = cl.mem_flags
    bf = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=f)
    ba = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
    out = np.zeros(n, np.float32)
    iout = np.zeros(n, np.int32)
    bo = cl.Buffer(ctx, mf.WRITE_ONLY, out.nbytes)
    bi = cl.Buffer(ctx, mf.WRITE_ONLY, iout.nbytes)
    cl.Kernel(prog, "typed")(q, (64,), (64,), bf, ba, bo, bi, np.int32(n))
    cl.enqueue_copy(q, out, bo)
    cl.enqueue_copy(q, iout, bi)
    q.finish()
    want_f, want_i = _expected(f, a)
    assert np.allclose(out, want_f, rtol=1e-6)
    assert (iout == want_i).all()
