"""Threads that leave a __device__ function before its barriers: `if (threadIdx.x < FILL) { work; __syncthreads();
return; }` lets some threads do other work, meet the rest at the first barrier and drop out (CUDA counts returned
threads as arrived). On OpenCL every work-item must reach each barrier: the branch becomes a flag, its work runs
under the negated flag and the function's barriers stay where everyone reaches them. A return every work-item of the
group takes together (a condition on blockIdx and parameters) stays as written. Run on PoCL, checking numbers."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SOURCE = r"""
#include <cuda_runtime.h>
template <int FILL>
__device__ void fill_and_sum(int* out, int* sums, const int* in, int n) {
    if (threadIdx.x < FILL) {
        for (int i = threadIdx.x; i < n; i += FILL) out[i] = -1;
        // the other threads' barrier
        __syncthreads();
        return;
    }
    const int tid = threadIdx.x - FILL;
    __shared__ int part[64];
    part[tid] = in[blockIdx.x * 64 + tid] * 2;
    __syncthreads();
    if (tid == 0) {
        int s = 0;
        for (int i = 0; i < 64; i++) s += part[i];
        sums[blockIdx.x] = s;
    }
}
template <int FILL>
__global__ void split(int* out, int* sums, const int* in, int n) { fill_and_sum<FILL>(out, sums, in, n); }

__device__ void odd_blocks(int* out, int n) {
    if (blockIdx.x % 2 || n < 0) { out[blockIdx.x] = 7; return; }
    __syncthreads();
    out[blockIdx.x] = 1;
}
__global__ void halves(int* out, int n) { odd_blocks(out, n); }

void run(int* out, int* sums, const int* in, int n) {
    split<32><<<2, 96>>>(out, sums, in, n);
    halves<<<4, 8>>>(out, n);
}
"""


def _translate():  # type: ignore[no-untyped-def]
    res = translate_text(SOURCE, "opencl", name="dev_exits.cu")
    return res, res.extra_files["dev_exits.cl"].decode()


def test_device_function_exit_branch_becomes_a_flag_and_uniform_returns_stay() -> None:
    res, cl = _translate()
    # external, not static: the hoisted __shared__ array comes in as a __local parameter (emit.takes_local)
    body = cl[cl.index("\nCP_OVL void fill_and_sum_32(__global"):]
    body = body[:body.index("\n}\n")]
    assert "bool cp_live = !((uint)get_local_id(0) < 32); if (!cp_live) { for (" in body
    assert "return;" not in body and body.count("barrier(") == 1
    odd = cl[cl.index("static CP_OVL void odd_blocks(__global int* out, int n) {"):]
    assert "return; }" in odd[:odd.index("\n}\n")] and "cp_live" not in odd[:odd.index("\n}\n")]
    assert any(f.code == "CP4036" and f.message.endswith("fill_and_sum") for f in res.findings)
    assert not any(f.code == "CP4035" for f in res.findings)


@pytest.mark.opencl
def test_device_function_exit_branch_runs_on_pocl(pocl_run) -> None:
    _res, text = _translate()
    n = 500
    inp = np.arange(128, dtype=np.int32)
    out = np.zeros(n, np.int32)
    sums = np.zeros(2, np.int32)
    prog = pocl_run(text, "split_32", (2 * 96,), (96,), out, sums, inp, np.int32(n))
    assert (out == -1).all()
    assert sums.tolist() == [2 * int(inp[:64].sum()), 2 * int(inp[64:].sum())]
    flags = np.zeros(4, np.int32)
    pocl_run(prog, "halves", (4 * 8,), (8,), flags, np.int32(n))
    assert flags.tolist() == [1, 7, 1, 7]
