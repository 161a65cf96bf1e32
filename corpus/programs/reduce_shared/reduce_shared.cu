// reduce_shared: sum of n ints with a shared-memory tree reduction in two passes (blocks write
// partial sums, then one block reduces the partials).
// Covers: static 1D __shared__ array, __syncthreads inside a loop, __device__ functions that take a
// pointer to global memory (load_or_zero) and a pointer to shared memory (tree_reduce), so the
// translator must infer the address space of each pointer parameter from its call sites; each thread
// loads two elements (i and i + blockDim.x).
// Check: exact (integers; per-block partials are checked too).
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

#define BLOCK 256

__device__ int load_or_zero(const int* data, int i, int n) {
    return i < n ? data[i] : 0;
}

// Reduces buf[0..BLOCK) into buf[0]; every thread of the block must call it.
__device__ void tree_reduce(int* buf, unsigned int tid) {
    for (unsigned int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (tid < stride) {
            buf[tid] += buf[tid + stride];
        }
        __syncthreads();
    }
}

__global__ void reduce_sum(const int* in, int* partial, int n) {
    __shared__ int sdata[BLOCK];
    unsigned int tid = threadIdx.x;
    int i = blockIdx.x * (blockDim.x * 2) + threadIdx.x;
    sdata[tid] = load_or_zero(in, i, n) + load_or_zero(in, i + blockDim.x, n);
    __syncthreads();
    tree_reduce(sdata, tid);
    if (tid == 0) {
        partial[blockIdx.x] = sdata[0];
    }
}

int main() {
    const int n = 5000;
    std::vector<int> h_in(n);
    unsigned int seed = 1u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        h_in[i] = (int)(seed >> 20) - 2048;  // in [-2048, 2047]
    }
    const int blocks = (n + 2 * BLOCK - 1) / (2 * BLOCK);
    int *d_in, *d_partial, *d_total;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMalloc(&d_partial, blocks * sizeof(int)));
    CHECK(cudaMalloc(&d_total, sizeof(int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    reduce_sum<<<blocks, BLOCK>>>(d_in, d_partial, n);
    CHECK(cudaGetLastError());
    reduce_sum<<<1, BLOCK>>>(d_partial, d_total, blocks);  // blocks <= 2 * BLOCK
    CHECK(cudaGetLastError());

    std::vector<int> h_partial(blocks);
    int h_total = 0;
    CHECK(cudaMemcpy(h_partial.data(), d_partial, blocks * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&h_total, d_total, sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    int expect_total = 0;
    for (int b = 0; b < blocks; ++b) {
        int expect = 0;
        for (int i = b * 2 * BLOCK; i < (b + 1) * 2 * BLOCK && i < n; ++i) expect += h_in[i];
        expect_total += expect;
        if (h_partial[b] != expect) {
            if (errors < 10) printf("partial[%d] = %d, expected %d\n", b, h_partial[b], expect);
            ++errors;
        }
    }
    if (h_total != expect_total) {
        printf("total = %d, expected %d\n", h_total, expect_total);
        ++errors;
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_partial));
    CHECK(cudaFree(d_total));
    if (errors) {
        printf("FAIL reduce_shared\n");
        return 1;
    }
    printf("PASS reduce_shared\n");
    return 0;
}
