"""`auto` in device code (OpenCL C has none): spelled with the type clang deduced, or where clang cannot say
(a type that depends on a template parameter) with the initialiser's type when it is one cast, variable or
literal, pointers with their address space; for other initialisers the program is C++ for OpenCL (CP4040),
which deduces the type as CUDA does, rather than the translator guessing one. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.cxxonly import MARKER

SRC = r"""
#include <cuda_runtime.h>
__global__ void pairs(const unsigned int* in, unsigned int* out)
{
    auto p = (const uint2*)(in + 2 * threadIdx.x);
    auto* q = (const unsigned int*)in;
    auto n = (unsigned int)threadIdx.x;
    auto v = *p;
    out[n] = v.x * 10u + v.y + q[0];
}
void run(const unsigned int* in, unsigned int* out) { pairs<<<1, 32>>>(in, out); }
"""


@pytest.fixture(scope="module")
def result():
    return translate_text(SRC, "opencl", name="auto.cu")


def test_auto_gets_the_initialiser_type(result) -> None:
    cl_text = result.extra_files["auto.cl"].decode()
    assert "__global const uint2* p = (__global const uint2*)(in + 2 * (uint)get_local_id(0));" in cl_text
    assert "__global const unsigned int* q = " in cl_text and "uint n = (unsigned int)" in cl_text
    assert "uint2 v = *p;" in cl_text  # clang's deduced type
    assert "CP4032" not in [f.code for f in result.findings]


def test_dependent_auto_with_arithmetic_makes_a_cxx_program() -> None:
    src = SRC.replace("__global__ void pairs(const unsigned int* in", "template <typename T>\n"
                      "__global__ void pairs(const T* in").replace("pairs<<<", "pairs<unsigned int><<<")
    src = src.replace("auto n = (unsigned int)threadIdx.x;", "auto n = in[0] * 1.5;")
    r = translate_text(src, "opencl", name="auto.cu")
    cl = r.extra_files["auto.cl"].decode()
    assert "auto n = in[0] * 1.5;" in cl  # T's arithmetic: no one type here, C++ deduces it per instance
    assert cl.startswith(MARKER)
    codes = [f.code for f in r.findings]
    assert "CP4040" in codes and "CP4032" not in codes


@pytest.mark.opencl
def test_auto_declarations_run_on_pocl(pocl_run) -> None:
    src = SRC.replace("    auto v = *p;\n", "    uint2 v = *p;\n")
    x = np.arange(64, dtype=np.uint32) + 1
    out = np.zeros(32, np.uint32)
    pocl_run(translate_text(src, "opencl", name="auto.cu").extra_files["auto.cl"].decode(), "pairs", (32,), (32,),
             x, out)
    assert (out == x[0::2] * 10 + x[1::2] + x[0]).all()


def test_auto_of_pointer_arithmetic_and_elements() -> None:
    src = r"""
__global__ void rows(const float* x, float* out)
{
    int i = threadIdx.x;
    auto* o = out + 3 * i;
    const auto* r = x + 3 * i;
    auto e = x[i];
    auto d = o - out;
    o[0] = r[1] + e;
}
void run(const float* x, float* out) { rows<<<1, 32>>>(x, out); }
"""
    r = translate_text(src, "opencl", name="rows.cu")
    cl_text = r.extra_files["rows.cl"].decode()
    assert "__global float* o = out + 3 * i;" in cl_text and "__global const float* r = x + 3 * i;" in cl_text
    assert "float e = x[i];" in cl_text
    assert "long d = o - out;" in cl_text  # ptrdiff_t, as clang deduced it
    assert "CP4032" not in [f.code for f in r.findings]
