// reduce_warp_shuffle: block sums with warp shuffles: each warp reduces with __shfl_down_sync, the
// warp totals go through shared memory to warp 0, which reduces them again; __shfl_sync broadcasts
// each warp's total back to all its lanes, which write it out per element.
// Covers: __shfl_down_sync reduction, __shfl_sync broadcast from lane 0, warpSize (lane and warp ids),
// __launch_bounds__, __forceinline__ __device__ function, full-warp participation (blockDim is a
// multiple of 32 and every thread reaches every shuffle; out-of-range threads contribute 0).
// Check: exact (integers): the block sums and the per-element warp sums.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

#define FULL_MASK 0xffffffffu
#define THREADS 256

__forceinline__ __device__ int warp_reduce_sum(int v) {
    for (int offset = warpSize / 2; offset > 0; offset /= 2) {
        v += __shfl_down_sync(FULL_MASK, v, offset);
    }
    return v;  // the full sum is valid in lane 0
}

__global__ void __launch_bounds__(THREADS) block_sum(const int* in, int* block_sums, int* warp_sums, int n) {
    __shared__ int warp_totals[32];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % warpSize;
    int warp = threadIdx.x / warpSize;
    int v = (i < n) ? in[i] : 0;

    int wsum = warp_reduce_sum(v);
    int wsum_all = __shfl_sync(FULL_MASK, wsum, 0);  // every lane gets its warp's total
    if (i < n) {
        warp_sums[i] = wsum_all;
    }
    if (lane == 0) {
        warp_totals[warp] = wsum;
    }
    __syncthreads();
    if (warp == 0) {
        int nwarps = blockDim.x / warpSize;
        int t = (lane < nwarps) ? warp_totals[lane] : 0;
        t = warp_reduce_sum(t);
        if (lane == 0) {
            block_sums[blockIdx.x] = t;
        }
    }
}

int main() {
    const int n = 4000;
    const int blocks = (n + THREADS - 1) / THREADS;
    std::vector<int> h_in(n), h_warp(n), h_block(blocks);
    unsigned int seed = 31337u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        h_in[i] = (int)(seed % 20001u) - 10000;
    }
    int *d_in, *d_block, *d_warp;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMalloc(&d_block, blocks * sizeof(int)));
    CHECK(cudaMalloc(&d_warp, n * sizeof(int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    block_sum<<<blocks, THREADS>>>(d_in, d_block, d_warp, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_block.data(), d_block, blocks * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(h_warp.data(), d_warp, n * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int b = 0; b < blocks; ++b) {
        int expect = 0;
        for (int i = b * THREADS; i < (b + 1) * THREADS && i < n; ++i) expect += h_in[i];
        if (h_block[b] != expect) {
            if (errors < 10) printf("block_sums[%d] = %d, expected %d\n", b, h_block[b], expect);
            ++errors;
        }
    }
    for (int i = 0; i < n; ++i) {
        int start = i - i % 32;
        int expect = 0;
        for (int j = start; j < start + 32 && j < n; ++j) expect += h_in[j];
        if (h_warp[i] != expect) {
            if (errors < 10) printf("warp_sums[%d] = %d, expected %d\n", i, h_warp[i], expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_block));
    CHECK(cudaFree(d_warp));
    if (errors) {
        printf("%d mismatches\nFAIL reduce_warp_shuffle\n", errors);
        return 1;
    }
    printf("PASS reduce_warp_shuffle\n");
    return 0;
}
