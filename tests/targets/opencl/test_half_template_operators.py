"""A kernel template instantiated with __half that computes with C++ operators and conversions (`acc += x[i]`,
`static_cast<A>(v)`, `-(a * b) + a / b`, `a > b`): clang's pattern has dependent types, so the instance makes the
program C++ for OpenCL, whose cp_half has cuda_fp16.hpp's constructors, conversion and operators. Its float/half
conversions are done in software (PoCL 3.1's vload_half/vstore_half give garbage from SPIR), checked here against
the host's __float2half bit for bit, subnormals and ties included."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project

pytestmark = pytest.mark.opencl

PROG = r"""
#include <cstdio>
#include <cuda_fp16.h>
template <typename T, typename A, int N>
__global__ void sum(const T* in, T* out, T* scaled, T* rounded, int n)
{
    __shared__ A part[N];
    int tid = threadIdx.x;
    part[tid] = static_cast<A>(0);
    for (int i = tid; i < n; i += N) part[tid] += static_cast<A>(in[i]);
    __syncthreads();
    if (tid == 0) {
        A acc = 0;
        for (int i = 0; i < N; ++i) acc += part[i];
        *out = static_cast<T>(acc);
    }
    for (int i = tid; i < n; i += N) {
        T two = static_cast<T>(2);
        scaled[i] = -(in[i] * two) + in[i] / two;
        if (in[i] > two) scaled[i] -= two;
        float f = in[i];
        rounded[i] = static_cast<T>(f * 3.3f + (i % 3 == 0 ? 1e-6f : 0.0f));
    }
}
int main() {
    const int n = 64;
    __half h[n], *d, *o, *s, *r, ho, hs[n], hr[n];
    for (int i = 0; i < n; i++) h[i] = __float2half(0.25f * (i % 8));
    cudaMalloc(&d, sizeof(h)); cudaMalloc(&o, sizeof(__half)); cudaMalloc(&s, sizeof(h)); cudaMalloc(&r, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    sum<__half, __half, 32><<<1, 32>>>(d, o, s, r, n);
    cudaMemcpy(&ho, o, sizeof(__half), cudaMemcpyDeviceToHost);
    cudaMemcpy(hs, s, sizeof(h), cudaMemcpyDeviceToHost);
    cudaMemcpy(hr, r, sizeof(h), cudaMemcpyDeviceToHost);
    float want = 0;
    for (int i = 0; i < n; i++) want += 0.25f * (i % 8);
    if (__half2float(ho) != want) { printf("FAIL sum %f %f\n", __half2float(ho), want); return 1; }
    for (int i = 0; i < n; i++) {
        float x = 0.25f * (i % 8);
        if (__half2float(hs[i]) != -2 * x + x / 2 - (x > 2 ? 2 : 0)) { printf("FAIL scaled %d\n", i); return 1; }
        __half e = __float2half(x * 3.3f + (i % 3 == 0 ? 1e-6f : 0.0f));
        if (__half_as_ushort(e) != __half_as_ushort(hr[i])) { printf("FAIL rounded %d\n", i); return 1; }
    }
    printf("PASS\n");
    return 0;
}
"""

CONVERT = r"""
#include <cstdio>
#include <cuda_fp16.h>
template <typename T> __global__ void convert(const float* in, T* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) { T v = static_cast<T>(in[i]); out[i] = v * static_cast<T>(1); }
}
int main() {
    const int n = 4096;
    static float f[n]; static __half h[n];
    unsigned s = 12345;
    for (int i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        unsigned bits = (s & 0x807fffffu) | ((100u + (s >> 23) % 60u) << 23);  // |x| from 2^-27 to 2^32
        memcpy(&f[i], &bits, 4);
    }
    f[0] = 65520.0f; f[1] = -65519.0f; f[2] = 2.98023224e-8f; f[3] = 5.96046448e-8f * 1.5f; f[4] = 0.0f;
    float *d; __half* o;
    cudaMalloc(&d, sizeof(f)); cudaMalloc(&o, sizeof(h));
    cudaMemcpy(d, f, sizeof(f), cudaMemcpyHostToDevice);
    convert<__half><<<n / 64, 64>>>(d, o, n);
    cudaMemcpy(h, o, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++) {
        unsigned short a = __half_as_ushort(h[i]), b = __half_as_ushort(__float2half(f[i]));
        if (a != b) { printf("FAIL %d: %g -> %04x, host %04x\n", i, f[i], a, b); return 1; }
    }
    printf("PASS\n");
    return 0;
}
"""


def test_half_template_instance_with_operators_is_cxx_and_computes_as_cuda(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": PROG})
    cl = (out / "main.cl").read_text()
    assert cl.startswith("/* cudaport: C++ for OpenCL") and "C++ operators on `__half`" in cl.splitlines()[0]
    assert "part[tid] += " in cl
    assert "PASS" in build_and_run(out)


def test_software_half_conversions_match_the_host_bit_for_bit(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": CONVERT})
    assert (out / "main.cl").read_text().startswith("/* cudaport: C++ for OpenCL")
    assert "PASS" in build_and_run(out)


def test_half_template_without_operators_stays_opencl_c(tmp_path: Path) -> None:
    # copies, intrinsics, bit reinterpretation and casts to T from a number are OpenCL C (cp_to_half)
    src = """#include <cuda_fp16.h>
template <typename T> __global__ void copy(const T* in, T* out, float f) {
    T x = in[threadIdx.x];
    x = __hmax(x, in[0]);
    unsigned short bits = *(unsigned short*)(&x) & 0x7fff;
    x = *(T*)(&bits);
    out[threadIdx.x] = threadIdx.x ? x : (T)f;
}
void run(const __half* a, __half* b) { copy<<<1, 32>>>(a, b, 1.5f); }
"""
    out = translate_project(tmp_path, {"k.cu": src})
    assert not (out / "k.cl").read_text().startswith("/* cudaport: C++ for OpenCL")

