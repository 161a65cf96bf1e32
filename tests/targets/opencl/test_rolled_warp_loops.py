"""`#pragma unroll` on loops whose body holds warp shuffles comes off in the .cl (poclopt.rolled_warp_loops): each
emulated shuffle is two work-group barriers, and PoCL compiles every barrier of straight-line code as a region of
its own (a fully unrolled butterfly over a thread's values took it minutes per kernel). A loop without warp code
keeps its pragma. The program (a butterfly Walsh-Hadamard transform across a warp, over several values per
thread, through a device function as well) is built with `cudaport build` and run on PoCL, where it checks its
numbers against a host transform."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project
from translator.targets.opencl.poclopt import UNROLL_DROPPED

MAIN = r"""
#include <cstdio>
#include <cuda_runtime.h>

template <int kItems>
__device__ void butterfly(float x[kItems])
{
    int lane = threadIdx.x % 32;
    #pragma unroll
    for (int step = 0; step < 5; ++step) {
        const int mask = 1 << step;
        const float sign = (lane & mask) ? -1.f : 1.f;
        #pragma unroll
        for (int i = 0; i < kItems; ++i) {
            float other = __shfl_xor_sync(0xffffffff, x[i], mask);
            x[i] = sign * x[i] + other;
        }
    }
}

__global__ void transform(const float* in, float* out, float* sums)
{
    float x[4];
    #pragma unroll
    for (int i = 0; i < 4; ++i) x[i] = in[threadIdx.x * 4 + i];
    butterfly<4>(x);
    float s = x[0];
    #pragma unroll 2
    for (int d = 16; d > 0; d >>= 1) s += __shfl_down_sync(0xffffffff, s, d);
    #pragma unroll
    for (int i = 0; i < 4; ++i) out[threadIdx.x * 4 + i] = x[i];
    if (threadIdx.x == 0) sums[0] = s;
}

int main()
{
    const int n = 32 * 4;
    float h_in[n], h_out[n], want[n], h_sum;
    for (int i = 0; i < n; i++) h_in[i] = (float)((i * 7) % 11) - 5.0f;
    // the transform of each value slot across the 32 lanes: out[l][i] = sum_m (-1)^popcount(l & m) in[m][i]
    float total = 0.0f;
    for (int l = 0; l < 32; l++)
        for (int i = 0; i < 4; i++) {
            float acc = 0.0f;
            for (int m = 0; m < 32; m++) acc += (__builtin_popcount(l & m) % 2 ? -1.0f : 1.0f) * h_in[m * 4 + i];
            want[l * 4 + i] = acc;
        }
    for (int l = 0; l < 32; l++) total += want[l * 4];
    float *d_in, *d_out, *d_sum;
    cudaMalloc(&d_in, sizeof(h_in));
    cudaMalloc(&d_out, sizeof(h_out));
    cudaMalloc(&d_sum, sizeof(float));
    cudaMemcpy(d_in, h_in, sizeof(h_in), cudaMemcpyHostToDevice);
    transform<<<1, 32>>>(d_in, d_out, d_sum);
    cudaMemcpy(h_out, d_out, sizeof(h_out), cudaMemcpyDeviceToHost);
    cudaMemcpy(&h_sum, d_sum, sizeof(float), cudaMemcpyDeviceToHost);
    bool ok = h_sum == total;
    for (int i = 0; i < n; i++) ok = ok && h_out[i] == want[i];
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translate_project(tmp_path_factory.mktemp("rolled"), {"main.cu": MAIN})


def test_pragmas_come_off_warp_loops_only(out: Path) -> None:
    cl_text = (out / "main.cl").read_text()
    # the two loops of the butterfly and the shuffle-down reduction lose theirs; the load and store loops keep them
    assert cl_text.count(UNROLL_DROPPED) == 3
    assert cl_text.count("#pragma unroll\n") == 2 and "#pragma unroll 2" not in cl_text


@pytest.mark.opencl
def test_rolled_warp_loops_run_on_pocl(out: Path) -> None:
    assert build_and_run(out).strip() == "PASS"
