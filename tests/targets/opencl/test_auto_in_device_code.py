"""`auto` and dependent `typename` in device code: OpenCL C has neither. `auto` initialised by pointer
arithmetic takes the pointer's type in each instance; a dependent `typename` is the error CP4033, so the .cl
carries an #error and `cudaport build` refuses the tree instead of the program failing to build its kernels
when it runs. Host code keeps its `auto`."""

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


def test_auto_in_a_kernel_takes_the_type_of_each_instance():
    res = translate_text(SRC, "opencl", name="auto.cu")
    assert not [f for f in res.findings if f.severity.value == "error"]
    cl = res.extra_files["auto.cl"].decode().split("translated by cudaport from auto.cu")[1]
    assert "__global const float* p = in + " in cl and "auto " not in cl and "__kernel void plain(" in cl
    assert "auto grid = dim3(1);" in res.output.decode()


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
    assert [f.code for f in res.findings if f.code == "CP4033"] == ["CP4033"]
    assert '#error "CUDAPORT CP4033' in res.extra_files["tn.cl"].decode()
