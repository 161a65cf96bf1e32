"""Two idioms of templated kernels: a macro the body expands names the kernel's template parameter
(`#define LOOP(i, n) for (Index i = ...)` in `template <typename Index>`), which in the .cl is #defined as the
instance's argument around the body; and a pointer initialised to nullptr, then pointed at shared memory, gets
the `__local` space of that later assignment. Run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
#define LOOP(i, n) for (Index i = threadIdx.x; i < n; i += blockDim.x)

template <typename T, typename Index, int USE_SHARED>
__global__ void copy_twice(const T* in, T* out, Index n)
{
    extern __shared__ unsigned char raw[];
    T* buf = nullptr;
    if (USE_SHARED) buf = reinterpret_cast<T*>(raw);
    LOOP(i, n) {
        if (USE_SHARED) { buf[i] = in[i]; out[i] = 2 * buf[i]; }
        else out[i] = 2 * in[i];
    }
}

void run(const float* in, float* out, long n)
{
    copy_twice<float, long, 1><<<1, 32, n * sizeof(float)>>>(in, out, n);
    copy_twice<float, long, 0><<<1, 32>>>(in, out, n);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="mt.cu").extra_files["mt.cl"].decode()


def test_macro_sees_the_instance_arguments(cl_text) -> None:
    assert cl_text.count("#define Index long") == 2 and cl_text.count("#undef Index") == 2
    assert cl_text.count("__local float* buf = 0;") == 2


@pytest.mark.opencl
def test_runs_on_pocl(cl_text, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    n = 100
    x = np.arange(n, dtype=np.float32)
    mf = cl.mem_flags
    bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    for name in ("copy_twice_float_long_1", "copy_twice_float_long_0"):
        out = np.zeros(n, np.float32)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        # extern __shared__ is the kernel's last argument, as the launch stub passes it
        getattr(prog, name)(q, (32,), (32,), bi, bo, np.int64(n), cl.LocalMemory(4 * n))
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert np.array_equal(out, 2 * x), name
