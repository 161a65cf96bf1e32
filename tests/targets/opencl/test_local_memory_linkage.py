"""A kernel that passes its `__shared__` array (or the warp-emulation scratch) to a device function. Were the
function `static` in the .cl, LLVM would bind its `__local` pointer parameter to the one kernel-scope array every
caller passes (IPSCCP, then the parameter is dropped), and PoCL 3.1, which gives each work-group its own copy of
a kernel-scope array only where the kernel itself names it, would share that array between concurrent
work-groups: wrong block sums whenever PoCL optimises. Such functions are emitted external (neither static nor
inline), in OpenCL C and in C++ for OpenCL programs alike, and so are the prelude's helpers that take the warp
scratch. Run on PoCL optimised, many work-groups, several launches, exact numbers."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from translator.api import translate_text
from translator.targets.opencl.cxxonly import MARKER
from translator.targets.opencl.prelude import PRELUDE

BLOCK, GROUPS, ROUNDS = 128, 2048, 64

SRC = r"""
#define BLOCK 128

// the block's values summed through the caller's shared array, a barrier per level of the tree
__device__ __noinline__ int block_sum(int* buf, int v)
{
    int t = threadIdx.x;
    buf[t] = v;
    __syncthreads();
    for (int w = BLOCK / 2; w > 0; w /= 2) {
        if (t < w) buf[t] += buf[t + w];
        __syncthreads();
    }
    int r = buf[0];
    __syncthreads();
    return r;
}

// each thread gets the value of the thread at the mirrored index
static __device__ __forceinline__ int mirror(int* buf, int v)
{
    int t = threadIdx.x;
    buf[t] = v;
    __syncthreads();
    int r = buf[BLOCK - 1 - t];
    __syncthreads();
    return r;
}

__device__ int warp_sum(int v)
{
    for (int o = 16; o > 0; o /= 2) v += __shfl_xor_sync(0xffffffff, v, o);
    return v;
}

PLUS_TYPE

__global__ void rounds(const int* in, int* out, int* sums, int n_rounds)
{
    __shared__ int buf[BLOCK];
    int g = blockIdx.x * BLOCK + threadIdx.x;
    int v = in[g];
    int total = 0;
    for (int r = 0; r < n_rounds; ++r) {
        total += block_sum(buf, PLUS(v, r));
        v = mirror(buf, v);
    }
    total += block_sum(buf, v);
    out[g] = mirror(buf, v) + blockIdx.x;
    if (threadIdx.x == 0) sums[blockIdx.x] = total;
}

__global__ void warp_totals(const int* in, int* out)
{
    __shared__ int part[BLOCK / 32];
    int v = warp_sum(in[blockIdx.x * BLOCK + threadIdx.x]);
    if (threadIdx.x % 32 == 0) part[threadIdx.x / 32] = v;
    __syncthreads();
    if (threadIdx.x < 32) {
        int w = threadIdx.x < BLOCK / 32 ? part[threadIdx.x] : 0;
        w = warp_sum(w);
        if (threadIdx.x == 0) out[blockIdx.x] = w;
    }
}

void run(const int* in, int* out, int* sums, int* totals, int blocks, int n_rounds)
{
    rounds<<<blocks, BLOCK>>>(in, out, sums, n_rounds);
    warp_totals<<<blocks, BLOCK>>>(in, totals);
}
"""

C_SRC = SRC.replace("PLUS_TYPE", "").replace("PLUS(v, r)", "v + r")
# a struct with a member function makes the program C++ for OpenCL (cxxonly.py), compiled offline to SPIR
CXX_SRC = SRC.replace("PLUS_TYPE", "struct Acc { int v; __device__ int plus(int d) const { return v + d; } };") \
    .replace("PLUS(v, r)", "Acc{v}.plus(r)")


def _cl(src: str, name: str) -> str:
    r = translate_text(src, "opencl", name=f"{name}.cu")
    return r.extra_files[f"{name}.cl"].decode()


def _heads(cl_text: str, fname: str) -> list[str]:
    """The lines that declare or define device function `fname` after the prelude."""
    user = cl_text[cl_text.index("translated by cudaport from"):]
    return [line for line in user.splitlines() if re.search(rf"\b{fname}\s*\(", line) and "__local" in line
            and not line.startswith(" ")]


@pytest.mark.parametrize("src, name, cxx", [(C_SRC, "lm", False), (CXX_SRC, "lmx", True)])
def test_functions_taking_local_pointers_are_external(src: str, name: str, cxx: bool) -> None:
    cl_text = _cl(src, name)
    assert cl_text.startswith(MARKER) == cxx
    for fname in ("block_sum", "mirror", "warp_sum"):
        heads = _heads(cl_text, fname)
        assert len(heads) == 2, (fname, heads)  # prototype and definition
        for h in heads:
            assert not re.match(r"\s*(static|inline)\b", h) and " inline " not in h, h
    assert "__attribute__((noinline))" in _heads(cl_text, "block_sum")[0]
    # a device function without a __local parameter stays static
    plain = _cl("__device__ int twice(int v) { return 2 * v; }\n"
                "__global__ void k(int* x) { x[threadIdx.x] = twice(x[threadIdx.x]); }\n"
                "void run(int* x) { k<<<1, 32>>>(x); }\n", "plain")
    assert "static CP_OVL int twice(int v)" in plain


def test_prelude_helpers_taking_the_warp_scratch_are_external() -> None:
    for line in PRELUDE.splitlines():
        if re.match(r"\s*(static\s+)?(inline\s+)?\w+\s+cp_\w+\s*\(__local\b", line):
            assert not line.startswith(("static", "inline")), line


def _expected(inp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    blocks = inp.reshape(GROUPS, BLOCK).astype(np.int64)
    sums = (ROUNDS + 1) * blocks.sum(1) + BLOCK * ROUNDS * (ROUNDS - 1) // 2
    final = blocks if ROUNDS % 2 == 0 else blocks[:, ::-1]
    out = (final[:, ::-1] + np.arange(GROUPS)[:, None]).ravel()
    return out.astype(np.int32), sums.astype(np.int32), blocks.sum(1).astype(np.int32)


def _check_runs(cl: Any, ctx: Any, queue: Any, prog: Any) -> None:
    inp = np.random.default_rng(7).integers(0, 1000, BLOCK * GROUPS).astype(np.int32)
    want_out, want_sums, want_totals = _expected(inp)
    mf = cl.mem_flags
    b_in = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=inp)
    rounds, warp_totals = cl.Kernel(prog, "rounds"), cl.Kernel(prog, "warp_totals")
    for run in range(3):
        out = np.zeros(BLOCK * GROUPS, np.int32)
        sums = np.zeros(GROUPS, np.int32)
        totals = np.zeros(GROUPS, np.int32)
        b_out = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        b_sums = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=sums)
        b_totals = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=totals)
        rounds(queue, (BLOCK * GROUPS,), (BLOCK,), b_in, b_out, b_sums, np.int32(ROUNDS))
        warp_totals(queue, (BLOCK * GROUPS,), (BLOCK,), b_in, b_totals)
        for host, dev in ((out, b_out), (sums, b_sums), (totals, b_totals)):
            cl.enqueue_copy(queue, host, dev)
        queue.finish()
        assert np.array_equal(sums, want_sums), f"run {run}: {int((sums != want_sums).sum())} wrong block sums"
        assert np.array_equal(out, want_out), f"run {run}: {int((out != want_out).sum())} wrong values"
        assert np.array_equal(totals, want_totals), f"run {run}: {int((totals != want_totals).sum())} wrong totals"


@pytest.mark.opencl
def test_shared_array_passed_to_device_functions_on_pocl(pocl) -> None:
    cl, ctx, queue = pocl
    prog = cl.Program(ctx, _cl(C_SRC, "lm")).build()  # optimised, as the shim builds it
    _check_runs(cl, ctx, queue, prog)


@pytest.mark.opencl
def test_shared_array_passed_to_device_functions_cxx_on_pocl(pocl_spir) -> None:
    prog = pocl_spir.build(_cl(CXX_SRC, "lmx"))
    _check_runs(pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue, prog)
