// warp_vote: warp vote functions. Each thread tests a predicate; each warp records the ballot mask,
// any/all flags and the count, and compacts its passing elements to the front of its 32-slot segment
// using the rank computed from the ballot (popcount of the lanes below).
// Covers: __ballot_sync, __any_sync, __all_sync, __activemask (every lane must find its own bit set),
// __popc, lane masks with warpSize, full-warp participation (blockDim multiple of 32, no early exit
// before the votes, n a multiple of 32), warps where the predicate is all true / all false / mixed.
// Check: exact.
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

__global__ void vote(const int* data, int threshold, unsigned int* ballots, int* any_all_count,
                     int* compacted, int* active_ok) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x % warpSize;
    int warp = i / warpSize;
    unsigned int active = __activemask();
    int v = data[i];
    int pred = v > threshold;
    unsigned int mask = __ballot_sync(FULL, pred);
    int any = __any_sync(FULL, pred);
    int all = __all_sync(FULL, pred);
    active_ok[i] = (active >> lane) & 1u;
    if (lane == 0) {
        ballots[warp] = mask;
        any_all_count[3 * warp + 0] = any;
        any_all_count[3 * warp + 1] = all;
        any_all_count[3 * warp + 2] = __popc(mask);
    }
    int rank = __popc(mask & ((1u << lane) - 1u));  // passing lanes below me
    int count = __popc(mask);
    if (pred) {
        compacted[warp * warpSize + rank] = v;
    } else {
        compacted[warp * warpSize + count + (lane - rank)] = -1;  // failing slots at the back
    }
}

int main() {
    const int threads = 128, blocks = 6, n = threads * blocks, warps = n / 32;
    const int threshold = 50;
    std::vector<int> data(n);
    unsigned int seed = 321u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        int r = (int)(seed >> 25);  // [0, 127]
        int w = i / 32;
        data[i] = (w % 4 == 0) ? 100 + r : (w % 4 == 1) ? r % 40 : r;  // all pass / none / mixed
    }
    int *d_data, *d_aac, *d_comp, *d_active;
    unsigned int* d_ballots;
    CHECK(cudaMalloc(&d_data, n * sizeof(int)));
    CHECK(cudaMalloc(&d_ballots, warps * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_aac, 3 * warps * sizeof(int)));
    CHECK(cudaMalloc(&d_comp, n * sizeof(int)));
    CHECK(cudaMalloc(&d_active, n * sizeof(int)));
    CHECK(cudaMemcpy(d_data, data.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    vote<<<blocks, threads>>>(d_data, threshold, d_ballots, d_aac, d_comp, d_active);
    CHECK(cudaGetLastError());
    std::vector<unsigned int> ballots(warps);
    std::vector<int> aac(3 * warps), comp(n), active(n);
    CHECK(cudaMemcpy(ballots.data(), d_ballots, warps * sizeof(unsigned int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(aac.data(), d_aac, 3 * warps * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(comp.data(), d_comp, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(active.data(), d_active, n * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int w = 0; w < warps; ++w) {
        unsigned int mask = 0u;
        std::vector<int> expect;
        for (int l = 0; l < 32; ++l) {
            int v = data[w * 32 + l];
            if (v > threshold) {
                mask |= 1u << l;
                expect.push_back(v);
            }
        }
        int count = (int)expect.size();
        while ((int)expect.size() < 32) expect.push_back(-1);
        int e_any = mask != 0u, e_all = mask == FULL;
        if (ballots[w] != mask || (aac[3 * w] != 0) != e_any || (aac[3 * w + 1] != 0) != e_all ||
            aac[3 * w + 2] != count) {
            if (errors < 10)
                printf("warp %d: ballot %08x any %d all %d count %d, expected %08x %d %d %d\n", w, ballots[w],
                       aac[3 * w], aac[3 * w + 1], aac[3 * w + 2], mask, e_any, e_all, count);
            ++errors;
        }
        for (int l = 0; l < 32; ++l) {
            if (comp[w * 32 + l] != expect[l]) {
                if (errors < 10) printf("warp %d slot %d: %d, expected %d\n", w, l, comp[w * 32 + l], expect[l]);
                ++errors;
            }
            if (active[w * 32 + l] != 1) {
                if (errors < 10) printf("warp %d lane %d: own bit missing from __activemask()\n", w, l);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(d_data));
    CHECK(cudaFree(d_ballots));
    CHECK(cudaFree(d_aac));
    CHECK(cudaFree(d_comp));
    CHECK(cudaFree(d_active));
    if (errors) {
        printf("%d mismatches\nFAIL warp_vote\n", errors);
        return 1;
    }
    printf("PASS warp_vote\n");
    return 0;
}
