"""CP4033: device code that needs C++ (a class template passed by value, `typename`, member functions) cannot
be written in OpenCL C; it is reported and the host build refuses it, instead of an executable whose kernels
fail to compile when it runs. Plain structs and function templates are translated as before."""

from __future__ import annotations

from translator.api import translate_text

ACCESSOR = r"""
#include <cuda_runtime.h>
template <typename T, int N> struct Acc { T* p; int n; __device__ T& operator[](int i) { return p[i]; } };
__global__ void scale(Acc<float, 1> a)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < a.n) a[i] *= 2.0f;
}
void run(Acc<float, 1> a) { scale<<<1, 64>>>(a); }
"""


def _codes(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in r.findings]


def test_class_template_parameter_blocks_the_build() -> None:
    r = translate_text(ACCESSOR, "opencl", name="acc.cu")
    assert "CP4033" in _codes(r)
    assert any(ln.startswith('#error "CUDAPORT CP4033 at line') for ln in r.output.decode().splitlines())
    assert "parameter of class template type Acc<...>" in r.extra_files["acc.cl"].decode()


def test_typename_in_a_device_function_is_reported() -> None:
    src = r"""
template <typename T> struct Box { typedef T type; };
template <typename T> __device__ T twice(T v) { typename Box<T>::type w = v; return w + w; }
__global__ void k(float* x) { x[threadIdx.x] = twice(x[threadIdx.x]); }
void run(float* x) { k<<<1, 32>>>(x); }
"""
    assert "CP4033" in _codes(translate_text(src, "opencl", name="t.cu"))


def test_plain_structs_and_function_templates_are_not_reported() -> None:
    src = r"""
struct Pair { float a, b; };
template <typename T> __device__ T add(T x, T y) { return x + y; }
__global__ void k(Pair* p, float* out) { out[threadIdx.x] = add(p[threadIdx.x].a, p[threadIdx.x].b); }
void run(Pair* p, float* out) { k<<<1, 32>>>(p, out); }
"""
    assert "CP4033" not in _codes(translate_text(src, "opencl", name="p.cu"))
