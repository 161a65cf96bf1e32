"""C casts to CUDA's half/bfloat16 in generated OpenCL (a template instantiated with __half turns `(T)v` into
`(cp_half)v`) become the prelude's overloaded conversions; the program builds and converts on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.halfcast import storage_casts

KERNEL = r"""
#include <cuda_fp16.h>
template <typename T>
__global__ void fill(T* out, const int* in, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (T)(in[i] * 0.5f) ;
}
__global__ void ints(__half* out, const int* in, int n) {
    int i = threadIdx.x;
    if (i < n) out[i] = __float2half(__half2float((__half)in[i]) + 1.0f);
}
void run(__half* h, const int* d, int n) { fill<__half><<<1, 64>>>(h, d, n); ints<<<1, 64>>>(h, d, n); }
"""


def test_operands_of_storage_casts() -> None:
    text = "x = (cp_half)v; y[i] = (cp_bfloat16)(a + b) * 2; z = (cp_half)f(x)[3].y; w = (cp_half)(float)q;"
    assert storage_casts(text) == ("x = cp_to_half(v); y[i] = cp_to_bfloat16((a + b)) * 2; "
                                   "z = cp_to_half(f(x)[3].y); w = cp_to_half((float)q);")
    assert storage_casts("void g(cp_half); cp_half h = (cp_half){0};") == "void g(cp_half); cp_half h = (cp_half){0};"


@pytest.mark.opencl
def test_template_cast_to_half_runs_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    res = translate_text(KERNEL, "opencl", name="hc.cu")
    src = res.extra_files["hc.cl"].decode()
    assert "(cp_half)" not in src.split("__kernel", 1)[1]
    prog = cl.Program(ctx, src).build()
    n = 64
    a = np.arange(n, dtype=np.int32) - 20
    out = np.zeros(n, np.float16)
    mf = cl.mem_flags
    din = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
    dout = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    kernels = [k for k in prog.all_kernels() if k.function_name.startswith("fill")]
    assert len(kernels) == 1
    kernels[0](q, (n,), (n,), dout, din, np.int32(n))
    cl.enqueue_copy(q, out, dout)
    q.finish()
    assert np.array_equal(out, (a * 0.5).astype(np.float16))
    prog.ints(q, (n,), (n,), dout, din, np.int32(n))
    cl.enqueue_copy(q, out, dout)
    q.finish()
    assert np.array_equal(out, (a + 1).astype(np.float16))
