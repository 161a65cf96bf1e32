"""`auto` and dependent `typename` in device code cannot be spelled in OpenCL C and are not rewritten yet: the
function is poisoned with the error CP4009, so the .cl and the host file carry an #error and `cudaport build`
refuses the tree instead of the program failing to build its kernels when it runs. Host code keeps its `auto`."""

from __future__ import annotations

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <typename T> __global__ void copy(T* out, const T* in)
{
    auto p = in + threadIdx.x;
    out[threadIdx.x] = *p;
}
__global__ void plain(float* out) { out[threadIdx.x] = 1.0f; }
void go(float* o, const float* i)
{
    auto grid = dim3(1);
    copy<float><<<grid, 32>>>(o, i);
    plain<<<grid, 32>>>(o);
}
"""


def test_auto_in_a_kernel_is_a_blocking_diagnostic():
    res = translate_text(SRC, "opencl", name="auto.cu")
    assert [f.code for f in res.findings if f.code == "CP4009"] == ["CP4009"]
    cl = res.extra_files["auto.cl"].decode()
    assert '#error "CUDAPORT CP4009' in cl and "__kernel void plain(" in cl
    host = res.output.decode()
    assert "CUDAPORT CP4009" in host and "auto grid = dim3(1);" in host


TYPENAME = r"""
#include <cuda_runtime.h>
template <typename T> struct Loader { struct Storage { T v[32]; }; };
template <typename T> __global__ void load(T* out)
{
    __shared__ typename Loader<T>::Storage s;
    s.v[threadIdx.x] = T(1);
    out[threadIdx.x] = s.v[threadIdx.x];
}
void go(float* o) { load<float><<<1, 32>>>(o); }
"""


def test_dependent_typename_in_a_kernel_is_a_blocking_diagnostic():
    res = translate_text(TYPENAME, "opencl", name="tn.cu")
    assert [f.code for f in res.findings if f.code == "CP4009"] == ["CP4009"]
    assert '#error "CUDAPORT CP4009' in res.extra_files["tn.cl"].decode()
