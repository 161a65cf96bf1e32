"""Device idioms of real CUDA that OpenCL C spells differently, built and run on PoCL: `max(char, int)` and
`min(int, unsigned)` (CUDA's overloads convert; OpenCL's max is one builtin per type, mixed arguments are
ambiguous), `fminf(x, 2)`, `reinterpret_cast<const half2*>(p)` (the cast needs the pointer's address space),
`half h(f)` (OpenCL C has no direct-initialisation), and a `__device__` function right after a `#define` that
ends in `]` (it was taken for a lambda's capture list and left out of the .cl). The host side: a struct with
a `__host__ __device__` constructor is a type, not a device variable to register."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_fp16.h>
#define AT(i) data[(i)]
__device__ __host__
int clamp3(int a, int b, int c) { return a < b ? b : (a > c ? c : a); }
struct Pos {
  __host__ __device__ Pos(int x_, int y_) : x(x_), y(y_) {}
  int x, y;
};
__global__ void mixed(const int* data, int* out, unsigned* uout, float* f, const half* h, half* hout, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    char4 b;
    b.x = AT(i) & 0xFF;
    out[i] = max(b.x, 0) + clamp3(AT(i), -5, 5) * 1000;
    uout[i] = min(AT(i), 100u);
    f[i] = fminf(f[i], 2);
    if (i < n / 2) {
        half2 pair = reinterpret_cast<const half2*>(h)[i];
        half2* dst = reinterpret_cast<half2*>(hout) + i;
        *dst = __hadd2(pair, pair);
    }
    float twice = __half2float(h[i]) * 2.0f;
    half direct(twice);
    hout[n + i] = direct;
}
void run(const int* d, int* o, unsigned* u, float* f, const half* h, half* ho, int n)
{ mixed<<<(n + 63) / 64, 64>>>(d, o, u, f, h, ho, n); }
"""


def test_struct_with_device_constructor_is_no_device_symbol() -> None:
    res = translate_text(SRC, "opencl", name="mixed.cu")
    assert "cpRegisterSymbol" not in res.output.decode()
    assert "clamp3(int a, int b, int c)" in res.extra_files["mixed.cl"].decode()


def test_header_without_device_code_keeps_host_half() -> None:
    res = translate_text("void ref(const half* a, half* b) { b[0] = a[0]; }\n", "opencl",
                         name="reference.h")
    assert "const half* a" in res.output.decode() and "cp_half" not in res.output.decode()


@pytest.mark.opencl
def test_mixed_arguments_and_half_casts_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, translate_text(SRC, "opencl", name="mixed.cu").extra_files["mixed.cl"].decode()).build()
    n = 128
    rng = np.random.default_rng(5)
    data = rng.integers(-300, 300, n).astype(np.int32)
    f = rng.uniform(0, 4, n).astype(np.float32)
    h = rng.uniform(-8, 8, n).astype(np.float16)
    f0 = f.copy()
    mf = cl.mem_flags
    bd = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=data)
    bf = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=f)
    bh = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=h)
    out, uout, hout = np.zeros(n, np.int32), np.zeros(n, np.uint32), np.zeros(2 * n, np.float16)
    bo, bu, bho = (cl.Buffer(ctx, mf.READ_WRITE, x.nbytes) for x in (out, uout, hout))
    prog.mixed(q, (n,), (64,), bd, bo, bu, bf, bh, bho, np.int32(n))
    for host, dev in ((out, bo), (uout, bu), (f, bf), (hout, bho)):
        cl.enqueue_copy(q, host, dev)
    q.finish()
    low = (data & 0xFF).astype(np.uint8).view(np.int8).astype(np.int32)  # CUDA's char is signed here
    assert np.array_equal(out, np.maximum(low, 0) + np.clip(data, -5, 5) * 1000)
    assert np.array_equal(uout, np.minimum(data.astype(np.uint32), 100))  # unsigned min: negatives are huge
    assert np.array_equal(f, np.minimum(f0, 2))
    assert np.array_equal(hout[: n], h * np.float16(2))
    assert np.array_equal(hout[n:], (h.astype(np.float32) * 2).astype(np.float16))
