"""Macros defined in `#if`/`#elif`/`#else` branches reach the .cl under the same conditions (each branch's
definition used to be emitted and the last one won, so a kernel saw another configuration than the host). An
include guard is no condition; a value-setting `#ifndef X / #define X v` is. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#ifndef CFG_H
#define CFG_H
#include <cuda_runtime.h>
#ifndef MODE
#define MODE 2
#endif
#if MODE == 1
#define SCALE 10
#elif MODE == 2
#define SCALE 20
#else
#define SCALE 30
#endif
__global__ void scale(int* x) { x[threadIdx.x] = SCALE * threadIdx.x; }
#endif
"""


@pytest.fixture(scope="module")
def cl_text():
    return translate_text(SRC, "opencl", name="cond.cu").extra_files["cond.cl"].decode()


def test_branch_definitions_keep_their_conditions(cl_text):
    assert "#if !defined(MODE)\n#define MODE 2\n#endif" in cl_text
    assert "#if !(MODE == 1) && (MODE == 2)\n#define SCALE 20\n#endif" in cl_text
    assert "#if !(MODE == 1) && !(MODE == 2)\n#define SCALE 30\n#endif" in cl_text
    assert "CFG_H" not in cl_text


@pytest.mark.opencl
@pytest.mark.parametrize(("options", "factor"), [([], 20), (["-DMODE=1"], 10), (["-DMODE=3"], 30)])
def test_the_active_branch_is_the_one_the_kernel_sees_on_pocl(cl_text, pocl_run, options, factor):
    out = np.zeros(16, np.int32)
    pocl_run(cl_text, "scale", (16,), (16,), out, options=options)
    assert np.array_equal(out, factor * np.arange(16))
