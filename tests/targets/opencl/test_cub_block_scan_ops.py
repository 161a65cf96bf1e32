"""cub::BlockScan's ExclusiveScan/InclusiveScan with an operator on the OpenCL target: a library functor
(`cub::Max()`, `cuda::minimum<>{}`: OpenCL C, op codes of cp_block_scan_op) and a user functor (C++ for OpenCL,
cp_block_scan_f), with and without an initial value and the block aggregate, on one item and on four items per
work-item. Run on PoCL and checked against NumPy's running max/min/sums. Before: CP2008 at every call; a prefix
callback after the operator still is."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

LIBRARY = r"""
#include <cub/cub.cuh>
__global__ void scans(const int* in, int* imax, int* emin, int* items, int* aggs)
{
    typedef cub::BlockScan<int, 64> BS;
    __shared__ typename BS::TempStorage ts;
    int x = in[blockIdx.x * 64 + threadIdx.x];
    int a, b, agg;
    BS(ts).InclusiveScan(x, a, cub::Max());
    BS(ts).ExclusiveScan(x, b, 1000, cuda::minimum<>{}, agg);
    imax[blockIdx.x * 64 + threadIdx.x] = a;
    emin[blockIdx.x * 64 + threadIdx.x] = b;
    int v[4];
    for (int i = 0; i < 4; i++) v[i] = in[blockIdx.x * 256 + threadIdx.x * 4 + i];
    int agg4;
    BS(ts).InclusiveScan(v, v, cub::Max(), agg4);
    for (int i = 0; i < 4; i++) items[blockIdx.x * 256 + threadIdx.x * 4 + i] = v[i];
    if (threadIdx.x == 0) { aggs[2 * blockIdx.x] = agg; aggs[2 * blockIdx.x + 1] = agg4; }
}
void run(const int* in, int* a, int* b, int* c, int* d) { scans<<<2, 64>>>(in, a, b, c, d); }
"""

FUNCTOR = r"""
#include <cub/cub.cuh>
struct Add3 {
    template <typename T> __device__ T operator()(const T& a, const T& b) const { return a + b + 3; }
};
__global__ void scans(const int* in, int* excl, int* items)
{
    typedef cub::BlockScan<int, 32> BS;
    __shared__ typename BS::TempStorage ts;
    int x = in[threadIdx.x];
    int e;
    BS(ts).ExclusiveScan(x, e, 5, Add3());
    excl[threadIdx.x] = e;
    int v[4];
    for (int i = 0; i < 4; i++) v[i] = in[threadIdx.x * 4 + i];
    BS(ts).ExclusiveScan(v, v, Add3());
    for (int i = 0; i < 4; i++) items[threadIdx.x * 4 + i] = v[i];
}
void run(const int* in, int* e, int* v) { scans<<<1, 32>>>(in, e, v); }
"""


@pytest.mark.opencl
def test_library_operators_on_pocl(pocl_run) -> None:  # type: ignore[no-untyped-def]
    res = translate_text(LIBRARY, "opencl", name="lib.cu")
    assert "CP2008" not in [f.code for f in res.findings]
    cl_text = res.extra_files["lib.cl"].decode()
    assert "C++ for OpenCL" not in cl_text.splitlines()[0]
    x = np.random.default_rng(4).integers(-500, 500, 512).astype(np.int32)
    imax, emin, items, aggs = (np.zeros(n, np.int32) for n in (128, 128, 512, 4))
    pocl_run(cl_text, "scans", (128,), (64,), x, imax, emin, items, aggs)
    for g in range(2):
        t = x[g * 64:(g + 1) * 64]
        assert np.array_equal(imax[g * 64:(g + 1) * 64], np.maximum.accumulate(t))
        running = np.minimum.accumulate(np.concatenate([[1000], t]))[:-1]
        assert np.array_equal(emin[g * 64:(g + 1) * 64], running)
        tile = x[g * 256:(g + 1) * 256]
        assert np.array_equal(items[g * 256:(g + 1) * 256], np.maximum.accumulate(tile))
        assert aggs[2 * g] == t.min() and aggs[2 * g + 1] == tile.max()


@pytest.mark.opencl
def test_a_user_operator_on_pocl(pocl_spir) -> None:  # type: ignore[no-untyped-def]
    res = translate_text(FUNCTOR, "opencl", name="fn.cu")
    assert "CP2008" not in [f.code for f in res.findings]
    prog = pocl_spir.build(res.extra_files["fn.cl"].decode())
    x = np.random.default_rng(6).integers(-9, 9, 128).astype(np.int32)
    excl, items = np.zeros(32, np.int32), np.zeros(128, np.int32)
    pocl_spir.run(prog, "scans", (32,), (32,), x, excl, items)
    acc, want = 5, []
    for v in x[:32]:
        want.append(acc)
        acc = acc + int(v) + 3
    assert excl.tolist() == want
    # no initial value: the first item keeps its input, every later one the fold of those before it
    acc, want = None, []
    for v in x:
        want.append(int(v) if acc is None else acc)
        acc = int(v) if acc is None else acc + int(v) + 3
    assert items.tolist() == want


def test_a_prefix_callback_after_the_operator_is_cp2008() -> None:
    src = ("#include <cub/cub.cuh>\nstruct P { int r; __device__ int operator()(int a) { return r; } };\n"
           "__global__ void k(int* o) {\n    typedef cub::BlockScan<int, 32> BS;\n"
           "    __shared__ typename BS::TempStorage ts;\n    P p{0};\n    int x = o[threadIdx.x];\n"
           "    BS(ts).ExclusiveScan(x, x, cub::Max(), p);\n    o[threadIdx.x] = x;\n}\n"
           "void run(int* o) { k<<<1, 32>>>(o); }\n")
    found = [f for f in translate_text(src, "opencl", name="cb.cu").findings if f.code == "CP2008"]
    assert [f.line for f in found] == [8]
