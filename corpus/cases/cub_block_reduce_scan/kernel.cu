// CUB block primitives inside kernels: BlockReduce Sum through a device function template, Reduce with cub::Max
// (libcu++ cuda::maximum) over the first `valid` threads of a 2-D block, BlockScan ExclusiveSum and InclusiveSum with the block total.
#include <cub/cub.cuh>

#define THREADS 128

template <typename T>
__device__ T block_sum(T v) {
    typedef cub::BlockReduce<T, THREADS> BlockReduceT;
    __shared__ typename BlockReduceT::TempStorage storage;
    return BlockReduceT(storage).Sum(v);
}

__global__ void reduce_kernel(const float* in, const int* keys, float* sums, int* maxes, int n, int valid) {
    using MaxReduce = cub::BlockReduce<int, 32, cub::BLOCK_REDUCE_WARP_REDUCTIONS, 4>;
    __shared__ typename MaxReduce::TempStorage max_storage;
    int t = threadIdx.y * blockDim.x + threadIdx.x;
    int i = blockIdx.x * THREADS + t;
    float v = i < n ? in[i] : 0.0f;
    float s = block_sum(v);
    int m = MaxReduce(max_storage).Reduce(i < n ? keys[i] : -1, cuda::maximum<>{}, valid);
    if (t == 0) {
        sums[blockIdx.x] = s;
        maxes[blockIdx.x] = m;
    }
}

__global__ void scan_kernel(const int* in, int* excl, int* incl, int* totals, int n) {
    typedef cub::BlockScan<int, THREADS> BlockScanT;
    __shared__ typename BlockScanT::TempStorage s1, s2;
    int i = blockIdx.x * THREADS + threadIdx.x;
    int x = i < n ? in[i] : 0;
    int e, c, total;
    BlockScanT(s1).ExclusiveSum(x, e);
    BlockScanT(s2).InclusiveSum(x, c, total);
    if (i < n) {
        excl[i] = e;
        incl[i] = c;
    }
    if (threadIdx.x == 0) totals[blockIdx.x] = total;
}
