"""C++ in kernels on the OpenCL target, end to end: each program uses one construct OpenCL C cannot express, is
translated as C++ for OpenCL (CP4040), built with `cudaport build` (the kernel check compiles it offline to SPIR
and builds it on the device) and run on PoCL, checking the numbers. A device error in such a program fails the
build at the .cl line, function and CUDA file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, cudaport_build, translate_project
from translator.targets.opencl.cxxonly import MARKER

pytestmark = pytest.mark.opencl

MAIN = r"""
int main() {
    const int n = 200;
    float *d, h[n];
    cudaMalloc(&d, sizeof(h));
    run(d, n);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    cudaFree(d);
    for (int i = 0; i < n; i++)
        if (fabsf(h[i] - (WANT)) > 1e-4f) { printf("FAIL at %d: %f\n", i, h[i]); return 1; }
    printf("PASS\n");
    return 0;
}
"""


def _run_program(tmp_path: Path, device: str, want: str, header: str = "") -> str:
    files = {"main.cu": "#include <cstdio>\n#include <cmath>\n#include <cuda_runtime.h>\n"
             + ('#include "types.h"\n' if header else "") + device + MAIN.replace("WANT", want)}
    if header:
        files["types.h"] = header
    out = translate_project(tmp_path, files)
    cl = (out / "main.cl").read_text()
    assert cl.startswith(MARKER), cl[:200]
    return build_and_run(out)


def test_member_functions_and_a_host_constructor(tmp_path: Path) -> None:
    # a struct passed by pointer whose __host__ __device__ member functions the kernel calls; its host-only
    # constructor and printer (iostream) stay out of the .cl
    header = r"""#pragma once
#include <iostream>
__device__ float shift(float v) { return v + 0.25f; }
struct Line {
    float a, b;
    Line(float a_, float b_) : a(a_), b(b_) { }
    void print() const { std::cout << a << " " << b << std::endl; }
    __host__ __device__ float at(int i) const { return a * i + this->b; }
    __device__ float twice(int i) const { return 2.0f * shift(at(i)); }
};
"""
    device = r"""
__global__ void eval(float* out, const Line* line, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = line->twice(i) + line->at(1);
}
void run(float* d, int n) {
    Line h(0.5f, 3.0f);
    Line* dl;
    cudaMalloc(&dl, sizeof(Line));
    cudaMemcpy(dl, &h, sizeof(Line), cudaMemcpyHostToDevice);
    eval<<<(n + 63) / 64, 64>>>(d, dl, n);
    cudaDeviceSynchronize();
    cudaFree(dl);
}
"""
    assert "PASS" in _run_program(tmp_path, device, "2.0f * (0.5f * i + 3.25f) + 3.5f", header)


def test_class_template_by_value_holding_a_pointer(tmp_path: Path) -> None:
    # the accessor is a kernel parameter by value with a device pointer inside (bytes on the OpenCL side),
    # operator[] returns a reference, a trait picks the index type
    device = r"""
#include <type_traits>
template <typename T, int N, typename I = typename std::conditional<(N > 1), long, int>::type>
struct Acc {
    T* data;
    I size;
    __device__ T& operator[](I i) { return data[i * N]; }
    __device__ I length() const { return size; }
};
template <typename T>
__global__ void fill(Acc<T, 1> a, T base) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < a.length()) { a[i] = base + i; a[i] *= 2; }
}
void run(float* d, int n) {
    Acc<float, 1> a = {d, n};
    fill<<<(n + 63) / 64, 64>>>(a, 1.5f);
    cudaDeviceSynchronize();
}
"""
    assert "PASS" in _run_program(tmp_path, device, "2.0f * (1.5f + i)")


def test_operator_overloads_on_a_struct(tmp_path: Path) -> None:
    device = r"""
struct Cplx {
    float re, im;
    __device__ Cplx operator*(const Cplx& o) const { return {re * o.re - im * o.im, re * o.im + im * o.re}; }
    __device__ Cplx& operator+=(const Cplx& o) { re += o.re; im += o.im; return *this; }
};
__device__ Cplx square_plus(Cplx z, Cplx c) { Cplx r = z * z; r += c; return r; }
__global__ void julia(float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    Cplx z = {0.01f * i, 0.5f};
    z = square_plus(z, Cplx{0.25f, -0.5f});
    out[i] = z.re + 10.0f * z.im;
}
void run(float* d, int n) { julia<<<(n + 63) / 64, 64>>>(d, n); cudaDeviceSynchronize(); }
"""
    want = "(0.01f * i) * (0.01f * i) - 0.25f + 0.25f + 10.0f * (2.0f * 0.01f * i * 0.5f - 0.5f)"
    assert "PASS" in _run_program(tmp_path, device, want)


def test_lambdas_references_and_auto(tmp_path: Path) -> None:
    # a capturing lambda, a local reference, `auto` of a call result (OpenCL C could not spell its type)
    device = r"""
__device__ float scaled(float v, int k) { return v * k; }
__global__ void k(float* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    auto sq = [](float v) { return v * v; };
    auto plus_i = [&](float v) { return v + i; };
    auto s = scaled(0.5f, i);
    float r = sq(2.0f) + plus_i(s);
    float& ref = r;
    ref *= 2.0f;
    if (i < n) out[i] = r;
}
void run(float* d, int n) { k<<<(n + 63) / 64, 64>>>(d, n); cudaDeviceSynchronize(); }
"""
    assert "PASS" in _run_program(tmp_path, device, "2.0f * (4.0f + 0.5f * i + i)")


def test_device_error_in_a_cxx_program_fails_the_build(tmp_path: Path) -> None:
    src = r"""#include <cuda_runtime.h>
__host__ __device__ float sq(float x) { return x * x; }
struct Box {
    float v;
    // valid C++ (the host compiles it), but OpenCL has no function pointers: only the device rejects it
    __device__ float get() const { float (*f)(float) = &sq; return f(v); }
};
__global__ void k(float* out, const Box* b) { out[threadIdx.x] = b->get(); }
int main() { float* d = nullptr; Box* b = nullptr; k<<<1, 32>>>(d, b); return 0; }
"""
    out = translate_project(tmp_path, {"main.cu": src})
    b = cudaport_build(out)
    assert b.returncode == 4, b.stdout + b.stderr
    assert "main.cl: the OpenCL device rejected this kernel program: main.cl:" in b.stderr
    assert "(in get, translated from main.cu): pointers to functions are not allowed" in b.stderr


def test_numeric_limits_in_device_code(pocl_spir) -> None:
    # std::numeric_limits<T>::x() on a concrete T: OpenCL C constants; on a template parameter a member of a
    # class template specialisation (C++ for OpenCL, the program's own std subset)
    import numpy as np

    from translator.api import translate_text

    src = r"""
#include <limits>
__global__ void lim(float* f, int* i) {
    f[0] = std::numeric_limits<float>::max();
    f[1] = std::numeric_limits<float>::lowest();
    f[2] = -std::numeric_limits<float>::infinity();
    f[3] = std::numeric_limits<float>::epsilon();
    i[0] = std::numeric_limits<int>::max();
    i[1] = std::numeric_limits<int>::min();
}
void run(float* f, int* i) { lim<<<1, 1>>>(f, i); }
"""
    r = translate_text(src, "opencl", name="lim.cu")
    assert not {"CP4032", "CP4033", "CP4050"} & {x.code for x in r.findings}
    text = r.extra_files["lim.cl"].decode()
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    # concrete types give OpenCL C constants (spelling.py); C++ for OpenCL's std subset has them too
    prog = pocl_spir.build(text) if text.startswith("/* cudaport: C++ for OpenCL") else cl.Program(ctx, text).build()
    f, i = np.zeros(4, np.float32), np.zeros(2, np.int32)
    bf = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=f)
    bi = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=i)
    prog.lim(q, (1,), (1,), bf, bi)
    cl.enqueue_copy(q, f, bf)
    cl.enqueue_copy(q, i, bi)
    q.finish()
    fi = np.finfo(np.float32)
    assert list(f) == [fi.max, -fi.max, -np.inf, fi.eps] and list(i) == [2**31 - 1, -2**31]


def test_aligned_class_template_and_a_local_alias(pocl_spir) -> None:
    # `template <...> struct alignas(...) X` is a class template named X (not T or N) and travels to the .cl;
    # the kernel names an instance through a local `using`
    import numpy as np

    from translator.api import translate_text

    src = r"""
template <typename T, int N>
struct alignas(sizeof(T) * N) pack_t { T v[N]; };
template <typename T, int N>
__global__ void copy(const T* in, T* out) {
    using vec_t = pack_t<T, N>;
    const vec_t* src = reinterpret_cast<const vec_t*>(in) + threadIdx.x;
    vec_t* dst = reinterpret_cast<vec_t*>(out) + threadIdx.x;
    *dst = *src;
    dst->v[0] += 1;
}
void run(const int* in, int* out) { copy<int, 2><<<1, 16>>>(in, out); }
"""
    r = translate_text(src, "opencl", name="pack.cu")
    cl_text = r.extra_files["pack.cl"].decode()
    assert "CP4040" in [x.code for x in r.findings] and "struct __attribute__((aligned(" in cl_text
    prog = pocl_spir.build(cl_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    x, out = np.arange(32, dtype=np.int32), np.zeros(32, np.int32)
    bi = cl.Buffer(ctx, cl.mem_flags.READ_ONLY | cl.mem_flags.COPY_HOST_PTR, hostbuf=x)
    bo = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
    prog.copy_int_2(q, (16,), (16,), bi, bo)
    cl.enqueue_copy(q, out, bo)
    q.finish()
    want = x.copy()
    want[0::2] += 1
    assert (out == want).all()


def test_typename_of_a_member_through_an_alias_keeps_its_qualifier(tmp_path: Path) -> None:
    # `typedef Holder<T> H; typedef typename H::type U;` (CUB-style): `H::` is a class's, not a namespace's, so
    # the C++ program keeps it (flattening it left `typename type`, which clang rejects)
    src = r"""
#include <cstdio>
template <typename T> struct Holder { typedef T type; };
template <typename T> __device__ T twice(T x) {
    typedef Holder<T> H; typedef typename H::type U; U y = x * 2; return y;
}
__global__ void k(float* d) { d[threadIdx.x] = twice(d[threadIdx.x]); }
int main() {
    float h[32], *d;
    for (int i = 0; i < 32; i++) h[i] = i + 0.5f;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    k<<<1, 32>>>(d);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 32; i++) if (h[i] != 2 * i + 1.0f) { printf("FAIL %d\n", i); return 1; }
    printf("PASS\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": src})
    assert "typedef typename H::type U;" in (out / "main.cl").read_text()
    assert "PASS" in build_and_run(out)
