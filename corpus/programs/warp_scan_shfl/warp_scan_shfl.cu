// warp_scan_shfl: inclusive prefix sums inside each block built from warp shuffles: every warp scans
// with __shfl_up_sync (Hillis-Steele), warp totals are scanned by warp 0 through shared memory, and
// each lane adds its warp's offset; the block total is broadcast with __shfl_sync.
// Covers: __shfl_up_sync with the lane >= offset guard, __shfl_sync broadcast from lane 31
// (warpSize - 1), warpSize-derived lane/warp ids, blockDim a multiple of 32, a __device__ function
// that takes a pointer to __shared__ memory and one that returns a warp-scanned value.
// Check: exact (integers): per-element inclusive sums within each block and per-block totals.
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

#define FULL 0xffffffffu
#define THREADS 256

__device__ int warp_inclusive_scan(int v, int lane) {
    for (int offset = 1; offset < warpSize; offset <<= 1) {
        int up = __shfl_up_sync(FULL, v, offset);
        if (lane >= offset) v += up;
    }
    return v;
}

// Warp 0 turns warp_totals[0..nwarps) into exclusive offsets in place.
__device__ void scan_warp_totals(int* warp_totals, int nwarps, int lane) {
    int t = lane < nwarps ? warp_totals[lane] : 0;
    int inc = warp_inclusive_scan(t, lane);
    if (lane < nwarps) warp_totals[lane] = inc - t;
}

__global__ void block_scan(const int* in, int* out, int* block_totals, int n) {
    __shared__ int warp_totals[32];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % warpSize;
    int warp = threadIdx.x / warpSize;
    int v = i < n ? in[i] : 0;
    int inc = warp_inclusive_scan(v, lane);
    int warp_total = __shfl_sync(FULL, inc, warpSize - 1);
    if (lane == 0) warp_totals[warp] = warp_total;
    __syncthreads();
    if (warp == 0) scan_warp_totals(warp_totals, blockDim.x / warpSize, lane);
    __syncthreads();
    inc += warp_totals[warp];
    if (i < n) out[i] = inc;
    if (threadIdx.x == blockDim.x - 1) block_totals[blockIdx.x] = inc;
}

int main() {
    const int n = 5000;
    const int blocks = (n + THREADS - 1) / THREADS;
    std::vector<int> in(n), out(n), totals(blocks);
    unsigned int seed = 1111u;
    for (auto& v : in) {
        seed = seed * 1664525u + 1013904223u;
        v = (int)(seed >> 26) - 20;
    }
    int *d_in, *d_out, *d_totals;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMalloc(&d_out, n * sizeof(int)));
    CHECK(cudaMalloc(&d_totals, blocks * sizeof(int)));
    CHECK(cudaMemcpy(d_in, in.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    block_scan<<<blocks, THREADS>>>(d_in, d_out, d_totals, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(out.data(), d_out, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(totals.data(), d_totals, blocks * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int b = 0; b < blocks; ++b) {
        int running = 0;
        for (int i = b * THREADS; i < (b + 1) * THREADS; ++i) {
            running += i < n ? in[i] : 0;
            if (i < n && out[i] != running) {
                if (errors < 10) printf("out[%d] = %d, expected %d\n", i, out[i], running);
                ++errors;
            }
        }
        if (totals[b] != running) {
            if (errors < 10) printf("block %d total %d, expected %d\n", b, totals[b], running);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_totals));
    if (errors) {
        printf("%d mismatches\nFAIL warp_scan_shfl\n", errors);
        return 1;
    }
    printf("PASS warp_scan_shfl\n");
    return 0;
}
