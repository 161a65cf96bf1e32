"""Pointer declarations in device code: the address space of `T *p, a[N];` belongs to the whole declaration, so
the list is split where its declarators need different spaces; a pointer declared without an initialiser takes
the space of its first later assignment (`p = &shared[i]`); device memset/memcpy work on every address space.
Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cuda_runtime.h>
__global__ void mixed(const int* in, int* out)
{
    __shared__ int buf[64];
    int *p, tmp[4];
    p = &buf[threadIdx.x];
    memset(tmp, 0, sizeof(tmp));
    memcpy(tmp + 1, in + threadIdx.x, sizeof(int));
    *p = tmp[1] + tmp[0] + tmp[2];
    __syncthreads();
    int *q = &buf[63 - threadIdx.x], k = 2;
    out[threadIdx.x] = *q * k;
}
void run(const int* in, int* out) { mixed<<<1, 64>>>(in, out); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="decl.cu").extra_files["decl.cl"].decode()


def test_declaration_lists_are_split_by_address_space(cl_text: str) -> None:
    assert "__local int *p; int tmp[4];" in cl_text
    assert "__local int *q = &buf[63 - (uint)get_local_id(0)]; int k = 2;" in cl_text


@pytest.mark.opencl
def test_split_declarations_run_on_pocl(cl_text: str, pocl_run) -> None:
    x = np.arange(64, dtype=np.int32) * 3
    out = np.zeros(64, np.int32)
    pocl_run(cl_text, "mixed", (64,), (64,), x, out)
    assert (out == x[::-1] * 2).all()
