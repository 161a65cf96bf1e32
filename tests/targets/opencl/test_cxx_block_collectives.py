"""CUB-style block collectives written in the program itself (BlockLoad/BlockStore copies, as HeCBench's
blockAccess and quantBnB carry): class templates whose algorithm is a nested partial specialisation, a TempStorage
wrapped in a word-array class, member functions that call device function templates (blocked and striped
gathers) and a device function, and a kernel that declares its `__shared__ typename L::TempStorage` after the
typedefs it names. The program is C++ for OpenCL; compiled to SPIR and run on PoCL for the direct, striped and
transposing (through __local TempStorage, with barriers) loads, checking every element.

What broke before: the kernel-scope __local declarations moved above the typedefs they name (unknown type
name), the member functions' templates were not in the .cl (only instances the kernels call directly were),
and CUB's PrivateStorage() kept `__shared__` in a member function, which OpenCL refuses in any non-kernel
function, instantiated or not (now a private variable behind a static_assert naming CP4041)."""

from __future__ import annotations

import numpy as np
import pytest

from translator.api import translate_text

SRC = r"""
#include <type_traits>

struct Empty {
    template <typename T> __host__ __device__ Empty& operator=(const T&) { return *this; }
};

template <typename T>
struct Raw {
    typedef typename std::conditional<sizeof(T) % 4 == 0, unsigned int, unsigned char>::type Word;
    Word words[sizeof(T) / sizeof(Word)];
    __host__ __device__ T& Alias() { return reinterpret_cast<T&>(*this); }
};

__device__ __forceinline__ int FlatTid(int dx, int dy)
{
    return (dy == 1 ? 0 : threadIdx.y * dx) + threadIdx.x;
}

template <typename T, int N, typename It>
__device__ __forceinline__ void GatherBlocked(int tid, It src, T (&v)[N], int valid)
{
    for (int i = 0; i < N; i++)
        if (tid * N + i < valid) v[i] = src[tid * N + i];
}

template <typename T, int N, int THREADS, typename It>
__device__ __forceinline__ void GatherStriped(int tid, It src, T (&v)[N], int valid)
{
    for (int i = 0; i < N; i++)
        if (i * THREADS + tid < valid) v[i] = src[i * THREADS + tid];
}

template <typename T, int N, typename It>
__device__ __forceinline__ void ScatterBlocked(int tid, It dst, T (&v)[N], int valid)
{
    It p = dst + tid * N;
    for (int i = 0; i < N; i++)
        if (tid * N + i < valid) p[i] = v[i];
}

enum MoveAlgo { MOVE_DIRECT, MOVE_STRIPED, MOVE_TRANSPOSE };

template <typename T, int THREADS, int N, MoveAlgo ALGO = MOVE_DIRECT, int DY = 1>
class TileLoad
{
    template <MoveAlgo A, int D> struct Impl;

    template <int D> struct Impl<MOVE_DIRECT, D> {
        typedef Empty Storage;
        int tid;
        __device__ Impl(Storage&, int t) : tid(t) {}
        template <typename It> __device__ void Load(It src, T (&v)[N], int valid) { GatherBlocked(tid, src, v, valid); }
    };
    template <int D> struct Impl<MOVE_STRIPED, D> {
        typedef Empty Storage;
        int tid;
        __device__ Impl(Storage&, int t) : tid(t) {}
        template <typename It> __device__ void Load(It src, T (&v)[N], int valid) {
            GatherStriped<T, N, THREADS * DY>(tid, src, v, valid);
        }
    };
    template <int D> struct Impl<MOVE_TRANSPOSE, D> {
        struct Storage { T buf[THREADS * DY * N]; };
        Storage& s;
        int tid;
        __device__ Impl(Storage& st, int t) : s(st), tid(t) {}
        template <typename It> __device__ void Load(It src, T (&v)[N], int valid) {
            T tmp[N];
            GatherStriped<T, N, THREADS * DY>(tid, src, tmp, valid);
            for (int i = 0; i < N; i++) s.buf[i * THREADS * DY + tid] = tmp[i];
            __syncthreads();
            for (int i = 0; i < N; i++) v[i] = s.buf[tid * N + i];
            __syncthreads();
        }
    };

    typedef Impl<ALGO, 0> Internal;
    typedef typename Internal::Storage _Storage;

    __device__ __forceinline__ _Storage& Private()
    {
        __shared__ _Storage private_storage;
        return private_storage;
    }

    _Storage& storage;
    int tid;

public:
    struct TempStorage : Raw<_Storage> {};

    __device__ TileLoad() : storage(Private()), tid(FlatTid(THREADS, DY)) {}
    __device__ TileLoad(TempStorage& ts) : storage(ts.Alias()), tid(FlatTid(THREADS, DY)) {}

    template <typename It>
    __device__ void Load(It src, T (&v)[N], int valid) { Internal(storage, tid).Load(src, v, valid); }
};

template <typename T, int THREADS, int N>
class TileStore
{
    typedef Empty _Storage;
    _Storage& storage;
    int tid;
public:
    struct TempStorage : Raw<_Storage> {};
    __device__ TileStore(TempStorage& ts) : storage(ts.Alias()), tid(FlatTid(THREADS, 1)) {}
    template <typename It>
    __device__ void Store(It dst, T (&v)[N], int valid) { ScatterBlocked(tid, dst, v, valid); }
};

template <int THREADS, int N, MoveAlgo ALGO>
__global__ void tile_kernel(const float* in, int* out, int n)
{
    float v[N];
    int q[N];
    typedef TileLoad<float, THREADS, N, ALGO> Loader;
    typedef TileStore<int, THREADS, N> Storer;
    __shared__ typename Loader::TempStorage load_ts;
    __shared__ typename Storer::TempStorage store_ts;
    for (int base = blockIdx.x * THREADS * N; base < n; base += gridDim.x * THREADS * N) {
        int valid = min(n - base, THREADS * N);
        for (int i = 0; i < N; i++) v[i] = -1.0f;
        Loader(load_ts).Load(in + base, v, valid);
        for (int i = 0; i < N; i++) q[i] = int(v[i] * 2.0f) + i * 1000;
        Storer(store_ts).Store(out + base, q, valid);
    }
}

void run(const float* in, int* out, int n)
{
    tile_kernel<64, 4, MOVE_DIRECT><<<3, 64>>>(in, out, n);
    tile_kernel<64, 4, MOVE_STRIPED><<<3, 64>>>(in, out + n, n);
    tile_kernel<64, 4, MOVE_TRANSPOSE><<<3, 64>>>(in, out + 2 * n, n);
}
"""

THREADS, ITEMS, GROUPS, N = 64, 4, 3, 1000


@pytest.fixture(scope="module")
def translated():  # type: ignore[no-untyped-def]
    return translate_text(SRC, "opencl", name="tiles.cu")


@pytest.fixture(scope="module")
def cl_text(translated) -> str:  # type: ignore[no-untyped-def]
    return translated.extra_files["tiles.cl"].decode()


def test_storage_declared_with_the_aliases_spelled_out(cl_text: str) -> None:
    assert "__local typename TileLoad<float, 64, 4, 2>::TempStorage load_ts" in cl_text
    assert '__asm__("tile_kernel_64_4_2.load_ts")' in cl_text  # its work-group's own copy on PoCL


def test_member_function_templates_come_before_the_classes(cl_text: str) -> None:
    assert cl_text.index("void GatherStriped(") < cl_text.index("class TileLoad")
    assert cl_text.index("int FlatTid(int dx, int dy);") < cl_text.index("class TileLoad")


def test_shared_in_a_member_function_is_cp4041(translated, cl_text: str) -> None:  # type: ignore[no-untyped-def]
    assert "__shared__ _Storage" not in cl_text and "_Storage private_storage;" in cl_text
    assert 'static_assert(sizeof(*this) == 0, "cudaport CP4041' in cl_text
    codes = [f.code for f in translated.findings]
    assert codes.count("CP4041") == 1, codes


def _expected(x: np.ndarray, striped: bool) -> np.ndarray:
    out = np.empty(N, np.int32)
    tile = THREADS * ITEMS
    for base in range(0, N, tile):
        valid = min(N - base, tile)
        for t in range(THREADS):
            for i in range(ITEMS):
                j = t * ITEMS + i
                if j >= valid:
                    continue
                src = i * THREADS + t if striped else j
                v = x[base + src] if src < valid else np.float32(-1.0)
                out[base + j] = int(np.trunc(np.float32(v) * np.float32(2.0))) + i * 1000
    return out


@pytest.mark.opencl
def test_direct_striped_and_transposed_loads_on_pocl(cl_text: str, pocl_spir) -> None:  # type: ignore[no-untyped-def]
    prog = pocl_spir.build(cl_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    x = np.random.default_rng(7).uniform(-100, 100, N).astype(np.float32)
    bx = cl.Buffer(ctx, cl.mem_flags.READ_ONLY | cl.mem_flags.COPY_HOST_PTR, hostbuf=x)
    for algo, striped in ((0, False), (1, True), (2, False)):
        out = np.full(N, -7, np.int32)
        bo = cl.Buffer(ctx, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=out)
        getattr(prog, f"tile_kernel_64_4_{algo}")(q, (GROUPS * THREADS,), (THREADS,), bx, bo, np.int32(N))
        cl.enqueue_copy(q, out, bo)
        q.finish()
        want = _expected(x, striped)
        bad = np.flatnonzero(out != want)
        assert bad.size == 0, (algo, bad[:5], out[bad[:5]], want[bad[:5]])


DEFAULT_STORAGE = r"""
template <int THREADS>
struct Counter {
    struct Storage { int hits[THREADS]; };
    __device__ Storage& Private() { __shared__ Storage s; return s; }
    Storage& st;
    __device__ Counter() : st(Private()) {}
    __device__ int Bump() { st.hits[threadIdx.x] = threadIdx.x; __syncthreads(); return st.hits[0]; }
};
__global__ void count(int* out) { out[threadIdx.x] = Counter<32>().Bump(); }
void run(int* out) { count<<<1, 32>>>(out); }
"""


@pytest.mark.opencl
def test_calling_the_private_storage_fails_naming_cp4041(pocl_spir) -> None:  # type: ignore[no-untyped-def]
    # the default constructor's storage would be a __local variable of a member function: no OpenCL for it,
    # and the device build names the diagnostic instead of clang's "cannot be declared in local address space"
    res = translate_text(DEFAULT_STORAGE, "opencl", name="dflt.cu")
    assert [f.code for f in res.findings].count("CP4041") == 1
    with pytest.raises(AssertionError, match="CP4041"):
        pocl_spir.build(res.extra_files["dflt.cl"].decode())
