// CUB block primitives with several items per thread and user functors: BlockScan ExclusiveSum/InclusiveSum over
// 4 items per thread (bare names after `using namespace cub;`, the BLOCK_SCAN_WARP_SCANS algorithm), and
// BlockAdjacentDifference SubtractLeft/SubtractRightPartialTile with a functor taking references, and BlockReduce's
// Reduce with a functor struct whose templated operator() returns std::common_type (C++ for OpenCL on OpenCL).
#include <cub/block/block_scan.cuh>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_adjacent_difference.cuh>
#include <type_traits>

using namespace cub;

#define THREADS 64
#define ITEMS 4

struct Minus {
    template <typename D> __device__ D operator()(D& a, D& b) { return a - b; }
};

struct Bigger {
    template <typename T, typename U>
    __device__ typename std::common_type<T, U>::type operator()(T&& a, U&& b) const { return a > b ? a : b; }
};

__global__ void scan_items(const int* in, int* excl, int* incl, int* totals, int n) {
    typedef BlockScan<int, THREADS, BLOCK_SCAN_WARP_SCANS> Scan;
    __shared__ typename Scan::TempStorage ts;
    int base = blockIdx.x * THREADS * ITEMS + threadIdx.x * ITEMS;
    int v[ITEMS], e[ITEMS];
    for (int i = 0; i < ITEMS; i++) v[i] = base + i < n ? in[base + i] : 0;
    int total;
    Scan(ts).ExclusiveSum(v, e, total);
    __syncthreads();
    Scan(ts).InclusiveSum(v, v);
    for (int i = 0; i < ITEMS; i++)
        if (base + i < n) {
            excl[base + i] = e[i];
            incl[base + i] = v[i];
        }
    if (threadIdx.x == 0) totals[blockIdx.x] = total;
}

__global__ void adjacent(const int* in, int* left, int* right, float* maxes, int n) {
    using AD = BlockAdjacentDifference<int, THREADS>;
    using BR = cub::BlockReduce<float, THREADS>;
    __shared__ typename AD::TempStorage ts;
    __shared__ typename BR::TempStorage rs;
    int tile = blockIdx.x * THREADS * ITEMS;
    int valid = n - tile < THREADS * ITEMS ? n - tile : THREADS * ITEMS;
    int base = tile + threadIdx.x * ITEMS;
    int v[ITEMS], o[ITEMS];
    for (int i = 0; i < ITEMS; i++) v[i] = base + i < n ? in[base + i] : 0;
    AD(ts).SubtractLeftPartialTile(v, o, Minus(), valid);
    for (int i = 0; i < ITEMS; i++)
        if (base + i < n) left[base + i] = o[i];
    AD(ts).SubtractRightPartialTile(v, o, Minus(), valid);
    for (int i = 0; i < ITEMS; i++)
        if (base + i < n) right[base + i] = o[i];
    float m = BR(rs).Reduce(0.25f * (float)(v[0] + v[ITEMS - 1]), Bigger{}, (valid + ITEMS - 1) / ITEMS);
    if (threadIdx.x == 0) maxes[blockIdx.x] = m;
}
