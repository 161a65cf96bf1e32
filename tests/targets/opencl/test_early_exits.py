"""Threads that return before a barrier: CUDA drops them from __syncthreads(), OpenCL needs every work-item at
each barrier (PoCL hangs otherwise). Top-level early returns become a flag guarding the work; the barriers stay
where every work-item reaches them. Run on PoCL with a block larger than the data, so that threads return."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

KERNEL = r"""
#define NS 50
__global__ void pairsum(const float* a, float* out, int n)
{
    int tx = threadIdx.x;
    int px = blockIdx.x * blockDim.x + tx;
    if (px >= n) return;
    int ty = threadIdx.y;
    if (ty >= NS) return;
    __shared__ float part[16 * NS];
    float v = a[px] * (ty + 1);
    part[tx * NS + ty] = v;
    __syncthreads();
    if (ty == 0) {
        float s = 0.f;
        for (int i = 0; i < NS; i++) s += part[tx * NS + i];
        out[px] = s;
    }
}

__global__ void nested(float* out, int n)
{
    for (int i = 0; i < 4; i++) {
        if (threadIdx.x >= n) return;
        __syncthreads();
    }
    out[threadIdx.x] = 1.f;
}
"""


def test_early_returns_become_a_flag_and_nested_ones_are_diagnosed() -> None:
    res = translate_text(KERNEL, "opencl", name="exits.cu")
    cl = res.extra_files["exits.cl"].decode()
    body = cl[cl.index("__kernel void pairsum"):cl.index("__kernel void nested")]
    assert "bool cp_live = !(px >= n);" in body
    assert "cp_live = cp_live && !(ty >= NS);" in body
    assert "float v; if (cp_live) { v = a[px] * (ty + 1); }" in body
    assert "return;" not in body
    assert any(f.code == "CP4036" and f.message.endswith("pairsum") for f in res.findings)
    assert any(f.code == "CP4035" and "nested:" in f.message for f in res.findings)


@pytest.mark.opencl
def test_kernel_with_returning_threads_runs_on_pocl(pocl) -> None:
    cl, ctx, q = pocl
    res = translate_text(KERNEL.split("__global__ void nested")[0], "opencl", name="exits.cu")
    prog = cl.Program(ctx, res.extra_files["exits.cl"].decode()).build()
    n = 40  # 3 groups of 16 along x: the last one has 8 threads past n; 64 along y: 14 past NS
    a = np.arange(n, dtype=np.float32) + 1
    out = np.zeros(48, np.float32)
    mf = cl.mem_flags
    da = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
    do = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
    prog.pairsum(q, (48, 64), (16, 64), da, do, np.int32(n))
    cl.enqueue_copy(q, out, do)
    q.finish()
    want = a * sum(range(1, 51))
    assert np.allclose(out[:n], want)
    assert not out[n:].any()
