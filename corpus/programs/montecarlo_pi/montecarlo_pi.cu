// montecarlo_pi: estimates pi by counting random points inside a quarter circle. Every thread runs
// its own xorshift generator, seeded from its global id by a hash that is a __host__ __device__
// function, so the host can replay exactly the same streams.
// Covers: __host__ __device__ functions used on both sides, unsigned long long atomicAdd into a
// global counter, int atomicAdd into a __shared__ per-block counter, grid-stride-free fixed work per
// thread, integer-only geometry (no float rounding differences between host and device).
// Check: exact (counts); pi estimate must also be within 0.05 of 3.14159 as a sanity check.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

#define SAMPLES_PER_THREAD 64
#define COORD_BITS 15
#define RADIUS2 ((1u << COORD_BITS) * (1u << COORD_BITS))

__host__ __device__ unsigned int hash_seed(unsigned int x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x ? x : 1u;  // xorshift must not start at 0
}

__host__ __device__ unsigned int xorshift32(unsigned int* state) {
    unsigned int x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

__host__ __device__ int count_inside(unsigned int thread_id) {
    unsigned int state = hash_seed(thread_id);
    int inside = 0;
    for (int s = 0; s < SAMPLES_PER_THREAD; ++s) {
        unsigned int x = xorshift32(&state) >> (32 - COORD_BITS);
        unsigned int y = xorshift32(&state) >> (32 - COORD_BITS);
        if (x * x + y * y < RADIUS2) ++inside;
    }
    return inside;
}

__global__ void pi_kernel(unsigned long long* total_inside, int* block_inside) {
    __shared__ int s_inside;
    if (threadIdx.x == 0) s_inside = 0;
    __syncthreads();
    unsigned int tid = blockIdx.x * blockDim.x + threadIdx.x;
    int inside = count_inside(tid);
    atomicAdd(&s_inside, inside);
    atomicAdd(total_inside, (unsigned long long)inside);
    __syncthreads();
    if (threadIdx.x == 0) block_inside[blockIdx.x] = s_inside;
}

int main() {
    const int blocks = 32, threads = 128;
    unsigned long long* d_total;
    int* d_blocks;
    CHECK(cudaMalloc(&d_total, sizeof(unsigned long long)));
    CHECK(cudaMalloc(&d_blocks, blocks * sizeof(int)));
    CHECK(cudaMemset(d_total, 0, sizeof(unsigned long long)));
    pi_kernel<<<blocks, threads>>>(d_total, d_blocks);
    CHECK(cudaGetLastError());
    unsigned long long total = 0;
    std::vector<int> per_block(blocks);
    CHECK(cudaMemcpy(&total, d_total, sizeof(total), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(per_block.data(), d_blocks, blocks * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    unsigned long long expect_total = 0;
    for (int b = 0; b < blocks; ++b) {
        int expect = 0;
        for (int t = 0; t < threads; ++t) expect += count_inside((unsigned int)(b * threads + t));
        expect_total += (unsigned long long)expect;
        if (per_block[b] != expect) {
            if (errors < 10) printf("block %d: %d inside, expected %d\n", b, per_block[b], expect);
            ++errors;
        }
    }
    if (total != expect_total) {
        printf("total inside %llu, expected %llu\n", total, expect_total);
        ++errors;
    }
    double samples = (double)blocks * threads * SAMPLES_PER_THREAD;
    double pi = 4.0 * (double)total / samples;
    printf("pi ~ %.5f from %.0f samples\n", pi, samples);
    if (fabs(pi - 3.14159265) > 0.05) {
        printf("estimate too far from pi\n");
        ++errors;
    }
    CHECK(cudaFree(d_total));
    CHECK(cudaFree(d_blocks));
    if (errors) {
        printf("FAIL montecarlo_pi\n");
        return 1;
    }
    printf("PASS montecarlo_pi\n");
    return 0;
}
