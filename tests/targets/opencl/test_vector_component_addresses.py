"""The address of one component of a CUDA vector (`&v.x`) in device code: CUDA's float4 is a struct, OpenCL's a
vector whose components have no address, so the .cl takes the vector's address cast to its component type
(keeping its address space) plus the component's index. Checked on the text and on the numbers (PoCL) for a
private vector reinterpreted as two halves of 16 bits, a global element, a pointer's `->`, and __local memory."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__device__ float third(float4* q) { float* c = &q->z; return *c; }
__global__ void parts(const float4* in, float4* out, unsigned* bits, float* thirds, int n)
{
    __shared__ float4 tile[64];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float4 v = in[i];
    // the bits of v.y seen as two 16-bit halves, as code reinterprets a vector register
    unsigned short* h = reinterpret_cast<unsigned short*>(&v.y);
    bits[i] = (unsigned)h[0] | ((unsigned)h[1] << 16);
    float* w = &out[i].w;
    *w = v.w * 2.0f;
    tile[threadIdx.x] = v;
    __syncthreads();
    float* y = &tile[threadIdx.x].y;
    out[i].x = *y + 1.0f;
    thirds[i] = third(&v);
}
void run(const float4* in, float4* out, unsigned* bits, float* thirds, int n)
{
    parts<<<(n + 63) / 64, 64>>>(in, out, bits, thirds, n);
}
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="a.cu").extra_files["a.cl"].decode()


def test_component_addresses_go_through_the_vector(cl_text: str) -> None:
    body = cl_text[cl_text.index("float third("):]
    assert "CP_VEC_ELEM_ADDR(q, z)" in body
    assert "CP_VEC_ELEM_ADDR(&v, y)" in body and "(__private unsigned short*)(CP_VEC_ELEM_ADDR(&v, y))" in body
    assert "__global float* w;" in body and "__local float* y;" in body
    assert "CP_VEC_ELEM_ADDR(&out[i], w)" in body and "CP_VEC_ELEM_ADDR(&tile[(uint)get_local_id(0)], y)" in body
    assert "&v.y" not in body


@pytest.mark.opencl
def test_component_addresses_read_and_write_the_right_component_on_pocl(pocl_run, cl_text: str) -> None:
    n = 200
    x = (np.arange(n * 4, dtype=np.float32) * 0.5 + 1.0).reshape(n, 4)
    out = np.zeros((n, 4), np.float32)
    bits = np.zeros(n, np.uint32)
    thirds = np.zeros(n, np.float32)
    pocl_run(cl_text, "parts", (256,), (64,), x, out, bits, thirds, np.int32(n))
    np.testing.assert_array_equal(bits, x[:, 1].view(np.uint32))
    np.testing.assert_array_equal(out[:, 3], x[:, 3] * 2.0)
    np.testing.assert_array_equal(out[:, 0], x[:, 1] + 1.0)
    np.testing.assert_array_equal(thirds, x[:, 2])
