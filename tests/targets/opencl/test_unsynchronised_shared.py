"""CP4031: a kernel that passes values between threads through __shared__ memory with no barrier at all relies
on lock-step warps, which OpenCL does not have (PoCL runs the work-items one after another and the loads see
stale values). Where the exchange is between top-level statements every work-item reaches, the .cl gets the
barrier (test_warp_synchronous_shared); where it cannot (an early return, an exchange inside a device
function), the build is refused instead of producing a program that prints wrong numbers. Per-thread scratch
and kernels that synchronise are translated as before (the latter checked on PoCL)."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

WARP_SYNCHRONOUS = r"""
#include <cuda_runtime.h>
__global__ void shift_left(const float* in, float* out)
{
    __shared__ float tile[64];
    float* mine = &tile[threadIdx.x];
    mine[0] = in[threadIdx.x];
    out[threadIdx.x] = tile[(threadIdx.x + 1) % 32 + threadIdx.x / 32 * 32];
}
void run(const float* in, float* out) { shift_left<<<1, 64>>>(in, out); }
"""


def _codes(src: str) -> list[str]:
    return [f.code for f in translate_text(src, "opencl", name="r.cu").findings]


# an early return: a barrier after it would not be reached by every work-item, so none can be added
EARLY_RETURN = WARP_SYNCHRONOUS.replace("    __shared__ float tile[64];\n",
                                        "    __shared__ float tile[64];\n    if (in[0] < 0.0f) return;\n")


def test_top_level_exchange_gets_a_barrier_instead() -> None:
    r = translate_text(WARP_SYNCHRONOUS, "opencl", name="r.cu")
    assert "CP4031" not in [f.code for f in r.findings]
    assert "barrier(CLK_LOCAL_MEM_FENCE);" in r.extra_files["r.cl"].decode().split("__kernel void shift_left")[1]


def test_exchange_without_barrier_blocks_the_build() -> None:
    r = translate_text(EARLY_RETURN, "opencl", name="r.cu")
    assert "CP4031" in [f.code for f in r.findings]
    host = r.output.decode()
    assert any(ln.startswith('#error "CUDAPORT CP4031 at line') for ln in host.splitlines())
    assert '#error "CUDAPORT CP4031' in r.extra_files["r.cl"].decode()


def test_exchange_in_a_called_device_function_is_found() -> None:
    src = WARP_SYNCHRONOUS.replace("__global__ void shift_left(const float* in, float* out)\n{",
                                   "__device__ void body(const float* in, float* out)\n{")
    src = src.replace("void run(", "__global__ void shift_left(const float* in, float* out) { body(in, out); }\n"
                                   "void run(")
    assert "CP4031" in _codes(src)


def test_per_thread_scratch_needs_no_barrier() -> None:
    src = r"""
__global__ void twice(const float* in, float* out)
{
    __shared__ float s[64][2];
    s[threadIdx.x][0] = in[threadIdx.x];
    s[threadIdx.x][0] *= 2.0f;
    out[threadIdx.x] = s[threadIdx.x][0];
}
void run(const float* in, float* out) { twice<<<1, 64>>>(in, out); }
"""
    assert "CP4031" not in _codes(src)
    assert "CP4031" in _codes(src.replace("out[threadIdx.x] = s[threadIdx.x][0]",
                                          "out[threadIdx.x] = s[63 - threadIdx.x][0]"))


SYNCHRONISED = WARP_SYNCHRONOUS.replace("    out[threadIdx.x]", "    __syncthreads();\n    out[threadIdx.x]")


def test_synchronised_exchange_is_translated() -> None:
    assert "CP4031" not in _codes(SYNCHRONISED)


@pytest.mark.opencl
def test_synchronised_exchange_runs_on_pocl(pocl_run) -> None:
    x = np.arange(64, dtype=np.float32)
    out = np.zeros(64, np.float32)
    pocl_run(translate_text(SYNCHRONISED, "opencl", name="r.cu").extra_files["r.cl"].decode(), "shift_left",
             (64,), (64,), x, out)
    i = np.arange(64)
    assert (out == x[(i + 1) % 32 + i // 32 * 32]).all()


def test_shared_counters_updated_by_atomics_need_no_barrier() -> None:
    src = r"""
__global__ void count(int* out, int n)
{
    __shared__ int bins[32];
    for (int i = threadIdx.x; i < n; i += blockDim.x) atomicAdd(bins + (i & 31), 1);
    if (blockIdx.x == gridDim.x) out[threadIdx.x] = bins[threadIdx.x];
}
void run(int* out, int n) { count<<<1, 32>>>(out, n); }
"""
    assert "CP4031" not in _codes(src)


def test_a_column_owned_by_each_thread_needs_no_barrier() -> None:
    src = r"""
__global__ void hist(const int* v, float* out)
{
    __shared__ int counts[16][64];
    const int me = threadIdx.x;
    for (int i = 0; i < 16; i++) counts[i][me] = 0;
    counts[v[blockIdx.x * 64 + me] & 15][me]++;
    float s = 0;
    for (int k = 0; k < 16; k++) s += counts[k][me] * k;
    out[me] = s;
}
void run(const int* v, float* out) { hist<<<1, 64>>>(v, out); }
"""
    assert "CP4031" not in _codes(src)


def test_pointers_into_shared_memory_are_followed() -> None:
    own = r"""
__global__ void acc(float* out, int n)
{
    extern __shared__ float buf[];
    float* part = buf;
    float* rest = &buf[n * blockDim.x];
    for (int k = 0; k < n; k++) part[k * blockDim.x + threadIdx.x] = k;
    rest[threadIdx.x] = part[(n - 1) * blockDim.x + threadIdx.x];
    out[threadIdx.x] = rest[threadIdx.x];
}
void run(float* out, int n) { acc<<<1, 64, 2 * n * 64 * sizeof(float)>>>(out, n); }
"""
    assert "CP4031" not in _codes(own)
    swapped = own.replace("part[(n - 1) * blockDim.x + threadIdx.x]", "part[threadIdx.x ^ 1]")
    early = swapped.replace("    float* part = buf;\n", "    float* part = buf;\n    if (n < 0) return;\n")
    assert "CP4031" not in _codes(swapped) and "CP4031" in _codes(early)
