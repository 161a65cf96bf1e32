"""CUB block primitives with functors on the OpenCL target: cub::BlockAdjacentDifference (SubtractLeft and
SubtractRight, with and without the tile's predecessor/successor, the partial-tile forms) over several items per
work-item with a user functor taking non-const references, and cub::BlockReduce's Reduce with a user struct whose
templated operator() returns `std::common_type<T, U>::type`. The functors' classes make the program C++ for
OpenCL: compiled to SPIR and run on PoCL, every element checked against NumPy. A library difference functor
(`cuda::std::minus<>{}`) keeps the program OpenCL C. Before: CP2008 at each call (no BlockAdjacentDifference, no
user functor) and, once mapped, no std::common_type in C++ for OpenCL. Also BlockScan with a block prefix callback
(CUB's running total over tiles), one item and four per work-item."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cub/cub.cuh>
#include <type_traits>

struct Diff {
    template <typename D> __device__ D operator()(D& a, D& b) { return a - b; }
};

struct Larger {
    template <typename T, typename U>
    __device__ __forceinline__ typename std::common_type<T, U>::type operator()(T&& t, U&& u) const
    { return t > u ? t : u; }
};

template <int THREADS>
__global__ void adjacent(const int* in, int* left, int* right, int* lpred, int* rsucc, int* lpart, int* rpart,
                         float* maxes, int valid)
{
    using AD = cub::BlockAdjacentDifference<int, THREADS>;
    typedef cub::BlockReduce<float, THREADS> BR;
    __shared__ typename AD::TempStorage ts;
    __shared__ typename BR::TempStorage rs;
    int base = blockIdx.x * THREADS * 4 + threadIdx.x * 4;
    int v[4], o[4];
    for (int i = 0; i < 4; i++) v[i] = in[base + i];
    AD(ts).SubtractLeft(v, o, Diff());
    for (int i = 0; i < 4; i++) left[base + i] = o[i];
    AD(ts).SubtractRight(v, o, Diff());
    for (int i = 0; i < 4; i++) right[base + i] = o[i];
    AD(ts).SubtractLeft(v, o, Diff(), 1000);
    for (int i = 0; i < 4; i++) lpred[base + i] = o[i];
    AD(ts).SubtractRight(v, o, Diff(), -1000);
    for (int i = 0; i < 4; i++) rsucc[base + i] = o[i];
    AD(ts).SubtractLeftPartialTile(v, o, Diff(), valid);
    for (int i = 0; i < 4; i++) lpart[base + i] = o[i];
    AD(ts).SubtractRightPartialTile(v, v, Diff(), valid);
    for (int i = 0; i < 4; i++) rpart[base + i] = v[i];
    float m = BR(rs).Reduce((float)in[base] * 0.5f, Larger{}, valid / 4);
    if (threadIdx.x == 0) maxes[blockIdx.x] = m;
}

void run(const int* in, int* l, int* r, int* lp, int* rs, int* lt, int* rt, float* m, int blocks, int valid)
{
    adjacent<64><<<blocks, 64>>>(in, l, r, lp, rs, lt, rt, m, valid);
}
"""

LIBRARY_OP = r"""
#include <cub/cub.cuh>
__global__ void diff(const int* in, int* out)
{
    typedef cub::BlockAdjacentDifference<int, 32> AD;
    __shared__ typename AD::TempStorage ts;
    int v[2];
    v[0] = in[threadIdx.x * 2];
    v[1] = in[threadIdx.x * 2 + 1];
    AD(ts).SubtractLeft(v, v, cuda::std::minus<>{});
    out[threadIdx.x * 2] = v[0];
    out[threadIdx.x * 2 + 1] = v[1];
}
void run(const int* in, int* out) { diff<<<1, 32>>>(in, out); }
"""

THREADS, ITEMS, BLOCKS, VALID = 64, 4, 2, 150


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="adj.cu")


def _left(t: np.ndarray, pred: int | None, valid: int) -> np.ndarray:
    out = t.copy()
    for j in range(len(t)):
        if j < valid and (j > 0 or pred is not None):
            out[j] = t[j] - (t[j - 1] if j else pred)
    return out


def _right(t: np.ndarray, succ: int | None, valid: int | None = None) -> np.ndarray:
    """valid: a partial tile's count (SubtractRightPartialTile), whose last valid item is copied."""
    out = t.copy()
    n = len(t)
    valid = n + 1 if valid is None else valid
    for j in range(n):
        if j + 1 < valid and (j + 1 < n or succ is not None):
            out[j] = t[j] - (t[j + 1] if j + 1 < n else succ)
    return out


def test_the_calls_are_mapped(translated) -> None:  # type: ignore[no-untyped-def]
    assert "CP2008" not in [f.code for f in translated.findings]
    cl_text = translated.extra_files["adj.cl"].decode()
    assert "CP_BLOCK_ADJ_LEFT(int, ts, v, o, (4), CP_FN_CALL, (Diff()), INT_MAX, 1, (1000));" in cl_text
    assert "cp_block_reduce_f<float>(rs," in cl_text


@pytest.mark.opencl
def test_adjacent_differences_and_functor_reduce_on_pocl(translated, pocl_spir) -> None:  # type: ignore[no-untyped-def]
    prog = pocl_spir.build(translated.extra_files["adj.cl"].decode())
    tile = THREADS * ITEMS
    x = np.random.default_rng(5).integers(-100, 100, BLOCKS * tile).astype(np.int32)
    outs = [np.zeros(BLOCKS * tile, np.int32) for _ in range(6)] + [np.zeros(BLOCKS, np.float32)]
    pocl_spir.run(prog, "adjacent_64", (BLOCKS * THREADS,), (THREADS,), x, *outs, np.int32(VALID))
    for g in range(BLOCKS):
        t = x[g * tile:(g + 1) * tile]
        got = [o[g * tile:(g + 1) * tile] for o in outs[:6]]
        want = [_left(t, None, tile), _right(t, None), _left(t, 1000, tile), _right(t, -1000),
                _left(t, None, VALID), _right(t, None, VALID)]
        for k, (a, b) in enumerate(zip(got, want, strict=True)):
            bad = np.flatnonzero(a != b)
            assert bad.size == 0, (g, k, bad[:5], a[bad[:5]], b[bad[:5]])
        # Reduce over the first VALID // 4 work-items' values
        firsts = t[0:VALID // 4 * ITEMS:ITEMS].astype(np.float32) * np.float32(0.5)
        assert outs[6][g] == firsts.max()


@pytest.mark.opencl
def test_a_library_difference_stays_opencl_c(pocl_run) -> None:  # type: ignore[no-untyped-def]
    res = translate_text(LIBRARY_OP, "opencl", name="lib.cu")
    assert "CP2008" not in [f.code for f in res.findings]
    cl_text = res.extra_files["lib.cl"].decode()
    assert "C++ for OpenCL" not in cl_text.splitlines()[0]
    x = np.random.default_rng(1).integers(-9, 9, 64).astype(np.int32)
    out = np.zeros(64, np.int32)
    pocl_run(cl_text, "diff", (32,), (32,), x, out)
    assert np.array_equal(out, _left(x, None, 64))


CALLBACK = r"""
#include <cub/cub.cuh>

struct RunningPrefix {
    int running;
    __device__ RunningPrefix(int start) : running(start) {}
    __device__ int operator()(int block_aggregate) { int old = running; running += block_aggregate; return old; }
};

// CUB's documented idiom: one block scans a long array tile by tile, the callback carrying the running total
__global__ void scan_tiles(const int* in, int* one, int* four, int tiles)
{
    typedef cub::BlockScan<int, 64> BS;
    __shared__ typename BS::TempStorage ts;
    RunningPrefix a(0), b(100);
    for (int t = 0; t < tiles; t++) {
        int x = in[t * 64 + threadIdx.x];
        BS(ts).ExclusiveSum(x, x, a);
        one[t * 64 + threadIdx.x] = x;
        __syncthreads();
    }
    for (int t = 0; t < tiles / 4; t++) {
        int v[4];
        for (int i = 0; i < 4; i++) v[i] = in[t * 256 + threadIdx.x * 4 + i];
        BS(ts).InclusiveSum(v, v, b);
        for (int i = 0; i < 4; i++) four[t * 256 + threadIdx.x * 4 + i] = v[i];
        __syncthreads();
    }
}

void run(const int* in, int* one, int* four, int tiles) { scan_tiles<<<1, 64>>>(in, one, four, tiles); }
"""


@pytest.mark.opencl
def test_block_prefix_callbacks_carry_a_running_total_on_pocl(pocl_spir) -> None:  # type: ignore[no-untyped-def]
    res = translate_text(CALLBACK, "opencl", name="cb.cu")
    assert "CP2008" not in [f.code for f in res.findings]
    cl_text = res.extra_files["cb.cl"].decode()
    assert "(x) = cp_block_scan_cb<int>(ts, x, 1, a)" in cl_text
    assert "CP_BLOCK_SCAN_ITEMS_CB(int, ts, v, v, (4), 0, b);" in cl_text
    tiles = 8
    x = np.random.default_rng(9).integers(-20, 20, tiles * 64).astype(np.int32)
    one, four = np.zeros_like(x), np.zeros_like(x)
    pocl_spir.run(pocl_spir.build(cl_text), "scan_tiles", (64,), (64,), x, one, four, np.int32(tiles))
    incl = np.cumsum(x, dtype=np.int32)
    assert np.array_equal(one, incl - x)
    assert np.array_equal(four, incl + 100)
