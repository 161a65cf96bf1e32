// device_globals_symbols: module-scope device variables. A one-pass sum: every block reduces its
// chunk, stores the partial into a __device__ array, fences, and takes a ticket with atomicInc on a
// __device__ counter; the block that draws the last ticket adds all partials into a __device__
// result. Parameters come from a __constant__ struct.
// Covers: __device__ scalars and arrays, __constant__ struct, cudaMemcpyToSymbol (device and
// constant symbols), cudaMemcpyFromSymbol (scalar and array), cudaGetSymbolAddress + cudaMemcpy,
// __threadfence before publishing, atomicInc wrapping the ticket counter back to 0 for the next
// launch, a __shared__ bool broadcast, volatile reads of other blocks' results.
// Check: exact (integers), over two launches to show the counter reset itself.
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

#define MAX_BLOCKS 64
#define THREADS 128

struct Config {
    int n;
    int multiplier;
};

__constant__ Config c_cfg;
__device__ int g_partials[MAX_BLOCKS];
__device__ unsigned int g_tickets;
__device__ long long g_result;

__global__ void fenced_sum(const int* in) {
    __shared__ int s[THREADS];
    __shared__ bool am_last;
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    s[threadIdx.x] = i < c_cfg.n ? in[i] * c_cfg.multiplier : 0;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        g_partials[blockIdx.x] = s[0];
        __threadfence();  // the partial must be visible to all blocks before the ticket is taken
        unsigned int ticket = atomicInc(&g_tickets, gridDim.x - 1);  // wraps to 0 after the last
        am_last = (ticket == gridDim.x - 1);
    }
    __syncthreads();
    if (am_last && threadIdx.x == 0) {
        volatile int* partials = g_partials;
        long long total = 0;
        for (unsigned int b = 0; b < gridDim.x; ++b) total += partials[b];
        g_result = total;
    }
}

int main() {
    const int n = 5000;
    const int blocks = (n + THREADS - 1) / THREADS;  // 40 <= MAX_BLOCKS
    std::vector<int> h_in(n);
    unsigned int seed = 2468u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = (int)(seed >> 16) - 32768;
    }
    int* d_in;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    unsigned int zero = 0u;
    CHECK(cudaMemcpyToSymbol(g_tickets, &zero, sizeof(zero)));
    long long minus_one = -1;
    CHECK(cudaMemcpyToSymbol(g_result, &minus_one, sizeof(minus_one), 0, cudaMemcpyHostToDevice));

    int errors = 0;
    for (int round = 0; round < 2; ++round) {
        Config cfg;
        cfg.n = n;
        cfg.multiplier = round + 1;
        CHECK(cudaMemcpyToSymbol(c_cfg, &cfg, sizeof(Config)));
        fenced_sum<<<blocks, THREADS>>>(d_in);
        CHECK(cudaGetLastError());
        CHECK(cudaDeviceSynchronize());

        long long result = 0;
        unsigned int tickets = 99u;
        std::vector<int> partials(blocks), partials_via_address(blocks);
        CHECK(cudaMemcpyFromSymbol(&result, g_result, sizeof(result)));
        CHECK(cudaMemcpyFromSymbol(&tickets, g_tickets, sizeof(tickets), 0, cudaMemcpyDeviceToHost));
        CHECK(cudaMemcpyFromSymbol(partials.data(), g_partials, blocks * sizeof(int)));
        int* partials_ptr = nullptr;
        CHECK(cudaGetSymbolAddress((void**)&partials_ptr, g_partials));
        CHECK(cudaMemcpy(partials_via_address.data(), partials_ptr, blocks * sizeof(int),
                         cudaMemcpyDeviceToHost));

        long long expect_total = 0;
        for (int b = 0; b < blocks; ++b) {
            int expect = 0;
            for (int i = b * THREADS; i < (b + 1) * THREADS && i < n; ++i) expect += h_in[i] * cfg.multiplier;
            expect_total += expect;
            if (partials[b] != expect || partials_via_address[b] != expect) {
                if (errors < 10)
                    printf("round %d partial %d: %d / %d, expected %d\n", round, b, partials[b],
                           partials_via_address[b], expect);
                ++errors;
            }
        }
        if (result != expect_total) {
            printf("round %d: total %lld, expected %lld\n", round, result, expect_total);
            ++errors;
        }
        if (tickets != 0u) {
            printf("round %d: ticket counter is %u, expected to wrap to 0\n", round, tickets);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    if (errors) {
        printf("FAIL device_globals_symbols\n");
        return 1;
    }
    printf("PASS device_globals_symbols\n");
    return 0;
}
