"""cub::BlockScan on the OpenCL target with several items per work-item (an array in a blocked arrangement),
written with bare names after `using namespace cub;`, the algorithm a template parameter of the kernel whose
launches name CUB's enumerators (BLOCK_SCAN_RAKING / RAKING_MEMOIZE / WARP_SCANS: one shared implementation),
inclusive and exclusive with the block aggregate, and a Reduce with cub's bare `Max()` functor. Built and run on
PoCL (OpenCL C) and checked against NumPy. Before: CP2008 at `using namespace cub;` and CP4008 at the launches
(the enumerators were not constants the translator could evaluate)."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cub/block/block_scan.cuh>
#include <cub/block/block_reduce.cuh>

using namespace cub;

template <int THREADS, int ITEMS, BlockScanAlgorithm ALGO>
__global__ void scans(const int* in, int* excl, int* incl, int* totals, int* maxes)
{
    typedef BlockScan<int, THREADS, ALGO> Scan;
    using Red = BlockReduce<int, THREADS>;
    __shared__ typename Scan::TempStorage ts;
    __shared__ typename Red::TempStorage rs;
    int base = blockIdx.x * THREADS * ITEMS;
    int v[ITEMS], e[ITEMS];
    for (int i = 0; i < ITEMS; i++) v[i] = in[base + threadIdx.x * ITEMS + i];
    int total;
    Scan(ts).ExclusiveSum(v, e, total);
    __syncthreads();
    Scan(ts).InclusiveSum(v, v);
    for (int i = 0; i < ITEMS; i++) {
        excl[base + threadIdx.x * ITEMS + i] = e[i];
        incl[base + threadIdx.x * ITEMS + i] = v[i];
    }
    int m = Red(rs).Reduce(v[ITEMS - 1], Max());
    if (ALGO == BLOCK_SCAN_WARP_SCANS && ALGO != cub::BLOCK_SCAN_RAKING) m += 1000;
    if (threadIdx.x == 0) { totals[blockIdx.x] = total; maxes[blockIdx.x] = m; }
}

template <int THREADS, int ITEMS, BlockScanAlgorithm ALGO>
void run(const int* in, int* excl, int* incl, int* totals, int* maxes, int blocks)
{
    scans<THREADS, ITEMS, ALGO><<<blocks, THREADS>>>(in, excl, incl, totals, maxes);
}

void all(const int* in, int* excl, int* incl, int* totals, int* maxes, int blocks)
{
    run<64, 4, BLOCK_SCAN_RAKING>(in, excl, incl, totals, maxes, blocks);
    run<32, 8, BLOCK_SCAN_RAKING_MEMOIZE>(in, excl, incl, totals, maxes, blocks);
    run<128, 1, cub::BLOCK_SCAN_WARP_SCANS>(in, excl, incl, totals, maxes, blocks);
}
"""

BLOCKS = 3


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="scans.cu")


def test_no_diagnostic_and_instances_named_by_the_enumerator_values(translated) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in translated.findings if f.code in ("CP2008", "CP4008")], translated.findings
    cl_text = translated.extra_files["scans.cl"].decode()
    for name in ("scans_64_4_0", "scans_32_8_1", "scans_128_1_2"):
        assert f"__kernel void {name}(" in cl_text
    assert "CP_BLOCK_SCAN_ITEMS(int, ts, v, e, (4), 1, (total) =);" in cl_text
    assert "cp_block_reduce(rs, v[4 - 1], 1, -1)" in cl_text
    assert "if (0 == 2 && 0 != 0) m += 1000;" in cl_text  # enumerators in device code: their values


def test_a_bare_cub_class_without_mapping_is_cp2008_at_its_use() -> None:
    src = ("#include <cub/cub.cuh>\nusing namespace cub;\n__global__ void k(int* o) {\n"
           "    typedef BlockRadixSort<int, 32, 2> S;\n    o[threadIdx.x] = 0;\n}\n"
           "void run(int* o) { k<<<1, 32>>>(o); }\n")
    found = [f for f in translate_text(src, "opencl", name="bare.cu").findings if f.code == "CP2008"]
    assert found and found[0].line == 4 and "BlockRadixSort" in found[0].message


@pytest.mark.opencl
def test_scans_on_pocl(translated, pocl_run) -> None:  # type: ignore[no-untyped-def]
    prog = translated.extra_files["scans.cl"].decode()
    for threads, items, algo in ((64, 4, 0), (32, 8, 1), (128, 1, 2)):
        tile = threads * items
        x = np.random.default_rng(threads).integers(-50, 50, BLOCKS * tile).astype(np.int32)
        outs = [np.zeros(BLOCKS * tile, np.int32), np.zeros(BLOCKS * tile, np.int32), np.zeros(BLOCKS, np.int32),
                np.zeros(BLOCKS, np.int32)]
        prog = pocl_run(prog, f"scans_{threads}_{items}_{algo}", (BLOCKS * threads,), (threads,), x, *outs)
        tiles = x.reshape(BLOCKS, tile)
        incl = np.cumsum(tiles, axis=1, dtype=np.int32)
        assert np.array_equal(outs[1], incl.ravel()), (threads, items)
        assert np.array_equal(outs[0], (incl - tiles).ravel()), (threads, items)
        assert np.array_equal(outs[2], incl[:, -1]), (threads, items)
        # the max over the work-items' last inclusive values (+1000 in the WARP_SCANS instance: its test in the
        # kernel body compares the enumerators' values)
        want = incl[:, items - 1::items].max(axis=1) + (1000 if algo == 2 else 0)
        assert np.array_equal(outs[3], want), (threads, items)

