"""Warp calls under a thread-dependent `if` (OpenCL target, hoist.py): the rewrite that lets every work-item reach
the emulation's barriers, and the shapes that must keep CP4001 (argument that reads memory, a function that
stores, nested divergence, loops, else branches). Text-level checks on translate_text output."""

from __future__ import annotations

import re

import pytest

from translator.api import translate_text

HEAD = r"""
#include <cuda_runtime.h>
__device__ float warp_sum(float v) {
    for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
    return v;
}
__device__ float warp_sum_store(float v, float* dump) {
    for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
    dump[0] = v;
    return v;
}
__device__ void scan_in_place(int* a, int n, int lane) {
    int t = lane < n ? a[lane] : 0;
    int s = __shfl_up_sync(0xffffffffu, t, 1);
    if (lane < n) a[lane] = s + t;
}
"""


def _translate(body: str, launch: str = "k<<<1, 64>>>(in, out);"):
    src = HEAD + "__global__ void k(float* in, float* out) {\n" + body + "\n}\n" + \
        "void run(float* in, float* out) { " + launch + " }\n"
    res = translate_text(src, "opencl", name="w.cu")
    cl = res.extra_files["w.cl"].decode()
    codes = [f.code for f in res.findings]
    return cl, codes


def _kernel(cl: str) -> str:
    return cl[cl.index("__kernel void k("):].split("\n}\n")[0]


def test_assignment_from_a_warp_function_is_hoisted_out_of_the_if():
    cl, codes = _translate("""
    int lane = threadIdx.x % 32;
    float v = in[threadIdx.x];
    if (lane < 16) v = warp_sum(v);
    out[threadIdx.x] = v;""")
    assert "CP4001" not in codes
    k = _kernel(cl)
    assert re.search(r"const int (cp_pred_0) = \(lane < 16\) \? 1 : 0; float (cp_w_\w+) = warp_sum\(v, cp_wscratch\); "
                     r"if \(\1\) v = \2;", k), k


def test_block_with_locals_and_a_guarded_store_is_predicated():
    cl, codes = _translate("""
    int lane = threadIdx.x % 32;
    int warp = threadIdx.x / 32;
    if (warp == 0) {
        float t = lane < 2 ? in[lane] : 0.0f;
        t += warp_sum(t);
        if (lane == 0) out[0] = t;
    }""")
    assert "CP4001" not in codes
    k = _kernel(cl)
    assert "float t = cp_pred_0 ? (lane < 2 ? in[lane] : 0.0f) : (float)0;" in k
    assert re.search(r"float cp_w_\w+ = warp_sum\(t, cp_wscratch\); if \(cp_pred_0\) t \+= cp_w_\w+;", k), k
    assert "if (cp_pred_0) { if (lane == 0) out[0] = t; }" in k


def test_void_function_that_stores_gets_a_predicated_clone():
    src = HEAD + r"""
__global__ void k(int* a) {
    __shared__ int s[32];
    int lane = threadIdx.x % 32;
    s[lane] = a[threadIdx.x];
    __syncthreads();
    if (threadIdx.x < 32) scan_in_place(s, 8, lane);
    __syncthreads();
    a[threadIdx.x] = s[lane];
}
void run(int* a) { k<<<1, 64>>>(a); }
"""
    res = translate_text(src, "opencl", name="w.cu")
    cl = res.extra_files["w.cl"].decode()
    assert "CP4001" not in [f.code for f in res.findings]
    assert "scan_in_place_cp_pred(cp_pred_0, s, 8, lane, cp_wscratch);" in cl
    clone = cl[cl.index("void scan_in_place_cp_pred(int cp_p,"):]
    assert "int t = cp_p ? (lane < n ? a[lane] : 0) : (int)0;" in clone
    assert "if (cp_p) { if (lane < n) a[lane] = s + t; }" in clone


@pytest.mark.parametrize("body", [
    # the argument reads memory: work-items outside the branch could read out of bounds
    "int lane = threadIdx.x % 32; float v = 0.0f; if (lane < 16) v = warp_sum(in[lane + 100]); out[0] = v;",
    # the function stores to memory
    "int lane = threadIdx.x % 32; float v = in[0]; if (lane < 16) v = warp_sum_store(v, out); out[1] = v;",
    # nested divergence: the warp call sits under a second thread-dependent if
    "int lane = threadIdx.x % 32; float v = in[0]; if (lane < 16) { if (lane > 2) v = warp_sum(v); } out[0] = v;",
    # an else branch
    "int lane = threadIdx.x % 32; float v = in[0]; if (lane < 16) v = warp_sum(v); else v = 1.0f; out[0] = v;",
    # a thread-dependent loop: iteration counts differ per work-item
    "int lane = threadIdx.x % 32; float v = in[0]; for (int j = 0; j < lane; ++j) v = warp_sum(v); out[0] = v;",
    # an argument with a side effect
    "int lane = threadIdx.x % 32; float v = in[0]; if (lane < 16) v = warp_sum(v++); out[0] = v;",
    # a return inside the branch
    "int lane = threadIdx.x % 32; float v = in[0]; if (lane < 16) { v = warp_sum(v); return; } out[0] = v;",
    # a non-scalar local declared in the branch
    "int lane = threadIdx.x % 32; if (lane < 16) { float2 p = make_float2(in[0], 1.0f); out[0] = warp_sum(p.x); }",
])
def test_unsafe_shapes_keep_cp4001_and_are_not_rewritten(body):
    cl, codes = _translate(body)
    assert "CP4001" in codes
    assert "cp_pred_" not in _kernel(cl)


def test_warp_call_outside_any_branch_is_left_alone():
    cl, codes = _translate("float v = warp_sum(in[threadIdx.x]); out[threadIdx.x] = v;")
    assert "CP4001" not in codes
    assert "cp_pred_" not in cl
