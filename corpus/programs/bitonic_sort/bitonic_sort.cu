// bitonic_sort: every block sorts its own segment of SEG keys (int key + int payload) in shared memory
// with a bitonic network; blocks sort alternately ascending and descending.
// Covers: static __shared__ arrays indexed with XOR partners (tid ^ j), nested loops of
// __syncthreads with uniform trip counts, a __device__ compare-and-swap taking two shared pointers,
// a kernel argument that selects the direction per block (blockIdx.x & 1).
// Check: exact: each segment equals the host's std::sort result (keys, and payloads that travel with
// their keys; keys are distinct so the payload order is unique).
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>
#include <utility>
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

#define SEG 512

__device__ void compare_swap(int* keys, int* vals, int a, int b, bool ascending) {
    if ((keys[a] > keys[b]) == ascending) {
        int k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        int v = vals[a];
        vals[a] = vals[b];
        vals[b] = v;
    }
}

__global__ void bitonic_sort_segments(int* keys, int* vals, int alternate) {
    __shared__ int s_keys[SEG];
    __shared__ int s_vals[SEG];
    unsigned int tid = threadIdx.x;
    int base = blockIdx.x * SEG;
    s_keys[tid] = keys[base + tid];
    s_vals[tid] = vals[base + tid];
    __syncthreads();
    bool block_ascending = !(alternate && (blockIdx.x & 1));
    for (unsigned int k = 2; k <= SEG; k <<= 1) {
        for (unsigned int j = k >> 1; j > 0; j >>= 1) {
            unsigned int partner = tid ^ j;
            if (partner > tid) {
                bool up = ((tid & k) == 0) == block_ascending;
                compare_swap(s_keys, s_vals, tid, partner, up);
            }
            __syncthreads();
        }
    }
    keys[base + tid] = s_keys[tid];
    vals[base + tid] = s_vals[tid];
}

int main() {
    const int segments = 8, n = segments * SEG;
    std::vector<int> h_keys(n), h_vals(n);
    // Distinct keys: a multiplicative permutation of 0..n-1, shifted to include negatives.
    for (int i = 0; i < n; ++i) {
        h_keys[i] = (int)(((unsigned int)i * 2654435761u) % 1000003u) - 500000;
        h_vals[i] = i;
    }
    int *d_keys, *d_vals;
    CHECK(cudaMalloc(&d_keys, n * sizeof(int)));
    CHECK(cudaMalloc(&d_vals, n * sizeof(int)));
    CHECK(cudaMemcpy(d_keys, h_keys.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_vals, h_vals.data(), n * sizeof(int), cudaMemcpyHostToDevice));
    bitonic_sort_segments<<<segments, SEG>>>(d_keys, d_vals, 1);
    CHECK(cudaGetLastError());
    std::vector<int> out_keys(n), out_vals(n);
    CHECK(cudaMemcpy(out_keys.data(), d_keys, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(out_vals.data(), d_vals, n * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int s = 0; s < segments; ++s) {
        std::vector<std::pair<int, int>> seg;
        for (int i = s * SEG; i < (s + 1) * SEG; ++i) seg.push_back(std::make_pair(h_keys[i], h_vals[i]));
        std::sort(seg.begin(), seg.end());
        if (s & 1) std::reverse(seg.begin(), seg.end());
        for (int i = 0; i < SEG; ++i) {
            int g = s * SEG + i;
            if (out_keys[g] != seg[i].first || out_vals[g] != seg[i].second) {
                if (errors < 10)
                    printf("segment %d pos %d: (%d,%d), expected (%d,%d)\n", s, i, out_keys[g], out_vals[g],
                           seg[i].first, seg[i].second);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(d_keys));
    CHECK(cudaFree(d_vals));
    if (errors) {
        printf("%d mismatches\nFAIL bitonic_sort\n", errors);
        return 1;
    }
    printf("PASS bitonic_sort\n");
    return 0;
}
