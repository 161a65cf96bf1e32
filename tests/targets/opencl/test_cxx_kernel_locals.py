"""Kernel-scope __shared__ memory of a C++ for OpenCL program, with many work-groups running at once on PoCL:
each work-group gets its own copy. Clang mangles such variables in C++ (`_ZZ1kE1s`) and PoCL 3.1 allocates
per work-group only the __local globals named `kernel.var`, so the work-groups shared one array (a race: a
few wrong values per run); the .cl names them `kernel.var` with an asm label. Compiled to SPIR, run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
template <typename T> struct Id { __device__ T operator()(T a) const { return a; } };
__global__ void k(int* out)
{
    __shared__ int s[128];
    Id<int> id;
    int g = blockIdx.x, l = threadIdx.x, bad = 0;
    for (int it = 0; it < 200; ++it) {
        __syncthreads();
        s[l] = g * 1000 + it;
        __syncthreads();
        bad += s[(l + 1) % 128] != id(g * 1000 + it);
    }
    out[blockIdx.x * blockDim.x + threadIdx.x] = bad;
}
void run(int* out) { k<<<512, 128>>>(out); }
"""


@pytest.fixture(scope="module")
def cl_text() -> str:
    return translate_text(SRC, "opencl", name="kl.cu").extra_files["kl.cl"].decode()


def test_locals_get_opencl_c_names(cl_text: str) -> None:
    assert cl_text.startswith("/* cudaport: C++ for OpenCL")
    assert '__asm__("k.s")' in cl_text


@pytest.mark.opencl
def test_work_groups_do_not_share_locals_on_pocl(cl_text: str, pocl_spir) -> None:
    prog = pocl_spir.build(cl_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    n = 512 * 128
    out = np.full(n, -1, np.int32)
    bo = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
    for _ in range(3):
        prog.k(q, (n,), (128,), bo)
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert not out.any(), int(np.count_nonzero(out))


def test_only_local_variables_are_labelled() -> None:
    from translator.targets.opencl.cxxonly import kernel_local_names

    text = ("__kernel void q(__local int* l_mem) {\n  __local float s[4][4];\n"
            "  __local task_t* t = (__local task_t*)&l_mem[1];\n  volatile __local int flag;\n}\n")
    out = kernel_local_names(text)
    assert '__local float s[4][4] __asm__("q.s");' in out and 'volatile __local int flag __asm__("q.flag");' in out
    assert "__local task_t* t = (__local task_t*)&l_mem[1];" in out
