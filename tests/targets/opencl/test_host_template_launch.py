"""A kernel template launched from a host function template that is only ever called with deduced arguments
(`sum_rows(d_in, ...)`): the .cl gets the instances clang instantiated, the host stub names them, and a launch
whose instance cannot be worked out is the blocking CP4008 instead of a launch that fails at run time. The
instances are built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
template <typename T, int K>
__global__ void sum_rows(T* out, const T* in, int d)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < d) {
        T x = 0;
        for (int k = 0; k < K; ++k) x += in[k * d + i];
        out[i] = x;
    }
}
template <typename T>
void run(const T* in, T* out, int d, int k)
{
    if (k == 2) sum_rows<T, 2><<<1, 64>>>(out, in, d);
    else sum_rows<T, 3><<<1, 64>>>(out, in, d);
}
void go(const float* fin, float* fout, const int* iin, int* iout, int d)
{
    run(fin, fout, d, 2);
    run(iin, iout, d, 3);
}
"""

UNCALLED = r"""
#include <cuda_runtime.h>
template <typename T> __global__ void fill(T* out, T v) { out[threadIdx.x] = v; }
template <typename T> void never_called(T* out) { fill<T><<<1, 32>>>(out, T(1)); }
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="deduced.cu")


def test_deduced_calls_of_the_host_template_instantiate_the_kernel(result):
    cl = result.extra_files["deduced.cl"].decode()
    for name in ("sum_rows_float_2", "sum_rows_float_3", "sum_rows_int_2", "sum_rows_int_3"):
        assert f"__kernel void {name}(" in cl
    assert not [f for f in result.findings if f.code in ("CP4003", "CP4008")]


def test_launch_without_instance_is_a_blocking_diagnostic():
    res = translate_text(UNCALLED, "opencl", name="uncalled.cu")
    assert [f.code for f in res.findings if f.code == "CP4008"]
    assert "CUDAPORT CP4008" in res.output.decode()


@pytest.mark.opencl
def test_deduced_instances_build_and_run_on_pocl(result, pocl):
    cl, ctx, q = pocl
    prog = cl.Program(ctx, result.extra_files["deduced.cl"].decode()).build()
    d = 40
    mf = cl.mem_flags
    for dtype, k in ((np.float32, 2), (np.int32, 3)):
        inp = np.arange(k * d, dtype=dtype)
        out = np.zeros(d, dtype)
        bi = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=inp)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        name = f"sum_rows_{'float' if dtype == np.float32 else 'int'}_{k}"
        getattr(prog, name)(q, (64,), (64,), bo, bi, np.int32(d))
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert np.array_equal(out, inp.reshape(k, d).sum(axis=0))


CONSTANTS = r"""
#include <cuda_runtime.h>
template <typename T, int B> __global__ void fill(T* out) { out[threadIdx.x] = T(B); }
void plain(float* out)
{
    using value_t = float;
    constexpr int WIDTH = 16;
    fill<value_t, WIDTH><<<1, 32>>>(out);
}
template <typename T> void dependent(T* out)
{
    const int WIDTH = sizeof(T) == 8 ? 32 : 96;
    fill<T, WIDTH><<<1, 32>>>(out);
}
void go(double* d) { dependent(d); }
"""


def test_host_constant_template_arguments_take_clangs_values_or_block():
    res = translate_text(CONSTANTS, "opencl", name="consts.cu")
    cl = res.extra_files["consts.cl"].decode()
    assert "__kernel void fill_float_16(" in cl  # outside a template clang knows the specialization
    assert "WIDTH" not in cl
    # inside the host template the constant depends on T: folded per instantiation (dependent<double>: 32)
    assert "__kernel void fill_double_32(" in cl
    assert not [f for f in res.findings if f.code == "CP4008"]


DEDUCED_IN_TEMPLATE = r"""
#include <cuda_runtime.h>
template <typename T> __global__ void neg(T* out, const T* in) { out[threadIdx.x] = -in[threadIdx.x]; }
template <typename T> void run(T* out, const T* in) { neg<<<1, 32>>>(out, in); }
void go(float* f, const float* g, double* d, const double* e) { run(f, g); run<double>(d, e); }
"""


def test_deduced_launch_inside_a_host_template_takes_its_instantiations():
    res = translate_text(DEDUCED_IN_TEMPLATE, "opencl", name="dedtpl.cu")
    cl = res.extra_files["dedtpl.cl"].decode()
    assert "__kernel void neg_float(" in cl and "__kernel void neg_double(" in cl
    assert "type-parameter" not in cl and not [f for f in res.findings if f.code == "CP4008"]
