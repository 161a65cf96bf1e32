"""A loop that reaches a barrier after a work-group-uniform `continue` (rsc's RANSAC kernel has this shape):
PoCL 3.1's optimiser skips the code after the barrier, so the .cl is marked CP_POCL_NO_OPT and the runtime
shim builds it with -cl-opt-disable on PoCL. Checked on PoCL with the options the shim uses; a program without
the shape is not marked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.poclopt import continue_before_barrier

SRC = r"""
__global__ void k(const int* c, int* out, int n)
{
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        if (c[i] < 0) continue;
        __syncthreads();
        if (threadIdx.x == 0) out[i] = 1;
    }
}
void run(const int* c, int* out, int n) { k<<<8, 16>>>(c, out, n); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="cb.cu").extra_files["cb.cl"].decode()


def test_marked_and_the_shim_honours_the_mark(cl_text: str) -> None:
    assert "#define CP_POCL_NO_OPT 1" in cl_text
    launch = Path(__file__).resolve().parents[3] / "runtime_shim" / "opencl" / "src" / "launch.cpp"
    assert 'source.find("CP_POCL_NO_OPT")' in launch.read_text()
    plain = translate_text(SRC.replace("continue;", "out[i] = 2;"), "opencl", name="p.cu")
    assert "CP_POCL_NO_OPT" not in plain.extra_files["p.cl"].decode()
    assert not continue_before_barrier("for (;;) { barrier(0); if (x) continue; }")


@pytest.mark.opencl
def test_continue_before_barrier_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build(options="-cl-opt-disable")
    n = 200
    c = np.where(np.arange(n) % 3 == 0, -1, 1).astype(np.int32)
    mf = cl.mem_flags
    bc = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=c)
    out = np.zeros(n, np.int32)
    bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    prog.k(q, (8 * 16,), (16,), bc, bo, np.int32(n))
    cl.enqueue_copy(q, out, bo)
    q.finish()
    assert np.array_equal(out, (c >= 0).astype(np.int32))
