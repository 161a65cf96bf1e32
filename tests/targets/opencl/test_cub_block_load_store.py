"""cub::BlockLoad and cub::BlockStore in device code on the OpenCL target (OpenCL C, prelude macros): every
algorithm CUB has (DIRECT, STRIPED, VECTORIZE, TRANSPOSE, WARP_TRANSPOSE; the store's default and STRIPED), the
guarded forms with a valid count and an out-of-bounds default, and TempStorage declared alone or as members of a
__shared__ union (the CUB idiom for storage reused between collectives). Only STRIPED changes which element a
work-item's item is; the others are blocked, their TempStorage only coalesces. Run on PoCL with a partial last
tile, checking every element against NumPy. Before: CP2008 at each cub::BlockLoad/BlockStore."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <cub/cub.cuh>

__global__ void moves(const float* in, float* blocked, int* striped, float* vec, float* warp, int n)
{
    typedef cub::BlockLoad<float, 64, 4, cub::BLOCK_LOAD_TRANSPOSE> LoadT;
    typedef cub::BlockLoad<float, 64, 4, cub::BLOCK_LOAD_STRIPED> LoadS;
    using LoadV = cub::BlockLoad<float, 64, 4, cub::BLOCK_LOAD_VECTORIZE>;
    typedef cub::BlockLoad<float, 64, 4, cub::BLOCK_LOAD_WARP_TRANSPOSE> LoadW;
    typedef cub::BlockStore<float, 64, 4, cub::BLOCK_STORE_WARP_TRANSPOSE> StoreW;
    typedef cub::BlockStore<int, 64, 4, cub::BLOCK_STORE_STRIPED> StoreS;
    typedef cub::BlockStore<float, 64, 4> StoreD;
    __shared__ union {
        typename LoadT::TempStorage load;
        typename StoreW::TempStorage store;
    } temp;
    __shared__ typename LoadS::TempStorage ls;
    __shared__ typename LoadV::TempStorage lv;
    __shared__ typename LoadW::TempStorage lw;
    __shared__ typename StoreS::TempStorage ss;
    __shared__ typename StoreD::TempStorage sd;
    int base = blockIdx.x * 256;
    int valid = min(n - base, 256);
    float a[4], b[4], c[4];
    int q[4];
    LoadT(temp.load).Load(in + base, a, valid, -5.0f);
    __syncthreads();
    StoreD(sd).Store(blocked + base, a, valid);
    LoadS(ls).Load(in + base, b, valid, 0.5f);
    for (int i = 0; i < 4; i++) q[i] = int(b[i] * 4.0f) + threadIdx.x * 10;
    StoreS(ss).Store(striped + base, q, valid);
    if (valid == 256) {
        LoadV(lv).Load(in + base, c);
        StoreD(sd).Store(vec + base, c);
    }
    LoadW(lw).Load(in + base, c, valid);
    StoreW(temp.store).Store(warp + base, c, valid);
}

void run(const float* in, float* b, int* s, float* v, float* w, int n)
{
    moves<<<(n + 255) / 256, 64>>>(in, b, s, v, w, n);
}
"""

THREADS, ITEMS, N = 64, 4, 900


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="moves.cu")


def test_no_cub_is_left_unmapped(translated) -> None:  # type: ignore[no-untyped-def]
    assert "CP2008" not in [f.code for f in translated.findings]
    cl_text = translated.extra_files["moves.cl"].decode()
    assert "CP_BLOCK_LOAD_OOB(in + base, b, (4), (64), 1, (int)(valid), 0.5f);" in cl_text
    assert "__local union {" in cl_text and "} temp;" in cl_text  # the union hoisted whole


def test_an_algorithm_given_by_a_template_parameter_is_cp2008() -> None:
    src = ("#include <cub/cub.cuh>\ntemplate <cub::BlockLoadAlgorithm A> __global__ void k(const int* p, int* o) {\n"
           "    typedef cub::BlockLoad<int, 32, 2, A> L;\n    __shared__ typename L::TempStorage ts;\n"
           "    int v[2];\n    L(ts).Load(p, v);\n    o[threadIdx.x] = v[0] + v[1];\n}\n"
           "void run(const int* p, int* o) { k<cub::BLOCK_LOAD_DIRECT><<<1, 32>>>(p, o); }\n")
    assert "CP2008" in [f.code for f in translate_text(src, "opencl", name="algo.cu").findings]


def _tiles(x: np.ndarray, striped: bool, oob: float | None) -> np.ndarray:
    """What each work-item holds, as (tile, thread, item) -> value (NaN: left unset)."""
    tiles = -(-N // (THREADS * ITEMS))
    out = np.full((tiles, THREADS, ITEMS), np.nan, np.float32)
    for g in range(tiles):
        base = g * THREADS * ITEMS
        valid = min(N - base, THREADS * ITEMS)
        for t in range(THREADS):
            for i in range(ITEMS):
                j = i * THREADS + t if striped else t * ITEMS + i
                out[g, t, i] = x[base + j] if j < valid else (np.nan if oob is None else oob)
    return out


@pytest.mark.opencl
def test_loads_and_stores_on_pocl(translated, pocl) -> None:  # type: ignore[no-untyped-def]
    cl, ctx, q = pocl
    prog = cl.Program(ctx, translated.extra_files["moves.cl"].decode()).build()
    x = np.random.default_rng(3).uniform(-50, 50, N).astype(np.float32)
    mf = cl.mem_flags
    bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
    outs = {"blocked": np.float32, "striped": np.int32, "vec": np.float32, "warp": np.float32}
    host = {k: np.full(N, -99, t) for k, t in outs.items()}
    bufs = {k: cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=v) for k, v in host.items()}
    groups = -(-N // (THREADS * ITEMS))
    prog.moves(q, (groups * THREADS,), (THREADS,), bx, *bufs.values(), np.int32(N))
    for k in outs:
        cl.enqueue_copy(q, host[k], bufs[k])
    q.finish()
    # blocked loads stored blocked give the input back, the TRANSPOSE one included
    assert np.array_equal(host["blocked"], x)
    assert np.array_equal(host["warp"], x)
    full = (N // (THREADS * ITEMS)) * THREADS * ITEMS  # VECTORIZE only in the full tiles
    assert np.array_equal(host["vec"][:full], x[:full]) and (host["vec"][full:] == -99).all()
    # a striped load (0.5 past the end) and a striped store: element i * THREADS + t of each tile is item i of t
    held = _tiles(x, True, 0.5)
    want = np.full(N, -99, np.int32)
    for g in range(groups):
        base = g * THREADS * ITEMS
        for t in range(THREADS):
            for i in range(ITEMS):
                j = i * THREADS + t
                if base + j < N:
                    want[base + j] = int(np.trunc(held[g, t, i] * np.float32(4.0))) + t * 10
    assert np.array_equal(host["striped"], want), np.flatnonzero(host["striped"] != want)[:5]
