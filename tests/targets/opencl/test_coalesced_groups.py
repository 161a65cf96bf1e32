"""cooperative_groups::coalesced_threads() on OpenCL: the group of the calling thread alone (one of the sets of
converged threads CUDA's independent thread scheduling allows), so a warp-aggregated atomic increment called in
divergent code needs no warp exchange. Built and run on PoCL: every selected element gets a distinct slot."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SOURCE = r"""
#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__device__ int agg_inc(int* ctr) {
    auto g = cooperative_groups::coalesced_threads();
    int res = 0;
    if (g.thread_rank() == 0) res = atomicAdd(ctr, g.size());
    return g.shfl(res, 0) + g.thread_rank();
}

__device__ int votes(int v) {
    cg::coalesced_group g = cg::coalesced_threads();
    g.sync();
    return g.any(v > 5) + 2 * g.all(v > 5) + 4 * (int)g.ballot(v > 5) + 8 * cg::reduce(g, v, cg::plus<int>());
}

__global__ void select_positive(int* dst, int* count, int* vote, const int* src, int n) {
    int i = threadIdx.x + blockIdx.x * blockDim.x;
    if (i < n && src[i] > 0) dst[agg_inc(count)] = src[i];
    if (i < n) vote[i] = votes(src[i]);
}
"""


def _translate():  # type: ignore[no-untyped-def]
    res = translate_text(SOURCE, "opencl", name="coalesced.cu")
    return res, res.extra_files["coalesced.cl"].decode()


def test_coalesced_group_members_are_those_of_one_thread() -> None:
    res, cl = _translate()
    assert not any(f.code == "CP2008" for f in res.findings), [f.message for f in res.findings]
    assert "const int g = (1);" in cl
    assert "if (0 == 0) res = cp_atomicAdd(ctr, 1);" in cl and "return (res) + 0;" in cl
    assert "cp_shfl(" not in cl[cl.index("/* translated by cudaport"):]


def test_coalesced_group_other_members_stay_cp2008() -> None:
    src = SOURCE.replace("g.shfl(res, 0)", "g.shfl_xor(res, 1)")
    res = translate_text(src, "opencl", name="coalesced.cu")
    assert any(f.code == "CP2008" and "used this way" in f.message for f in res.findings)


@pytest.mark.opencl
def test_aggregated_increment_runs_on_pocl(pocl_run) -> None:
    _res, text = _translate()
    n = 1000
    rng = np.random.default_rng(7)
    src = rng.integers(-10, 10, n).astype(np.int32)
    dst = np.zeros(n, np.int32)
    count = np.zeros(1, np.int32)
    vote = np.zeros(n, np.int32)
    pocl_run(text, "select_positive", (1024,), (128,), dst, count, vote, src, np.int32(n))
    positive = src[src > 0]
    assert count[0] == len(positive)
    assert sorted(dst[:count[0]].tolist()) == sorted(positive.tolist())
    big = (src > 5).astype(np.int32)
    assert vote.tolist() == (big + 2 * big + 4 * big + 8 * src).tolist()
