"""`auto` and dependent `typename` in device code: OpenCL C has neither. `auto` initialised by pointer
arithmetic takes the pointer's type in each instance; a dependent `typename` makes the program C++ for OpenCL
(CP4040), compiled offline to SPIR, and built and run here on PoCL. Host code keeps its `auto`."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.cxxonly import MARKER

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


def test_dependent_typename_in_a_kernel_makes_a_cxx_program():
    res = translate_text(TYPENAME, "opencl", name="tn.cu")
    assert [f.code for f in res.findings] == ["CP4040"]
    cl = res.extra_files["tn.cl"].decode()
    assert cl.startswith(MARKER) and "typename Loader<float>::Storage" in cl


@pytest.mark.opencl
def test_dependent_typename_runs_on_pocl(pocl_spir):
    cl = pocl_spir.cl
    prog = pocl_spir.build(translate_text(TYPENAME, "opencl", name="tn.cu").extra_files["tn.cl"].decode())
    out = np.zeros(32, np.float32)
    buf = cl.Buffer(pocl_spir.ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
    prog.load_float(pocl_spir.queue, (32,), (32,), buf)
    cl.enqueue_copy(pocl_spir.queue, out, buf)
    pocl_spir.queue.finish()
    assert (out == 1.0).all()
