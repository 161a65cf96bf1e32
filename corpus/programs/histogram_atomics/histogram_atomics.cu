// histogram_atomics: 256-bin histogram of bytes. Each block builds a private histogram in shared
// memory with shared-memory atomics, then merges it into the global histogram with global atomics.
// Covers: atomicAdd on unsigned int in __shared__ and in global memory, uchar4 loads (four bytes per
// thread and iteration, .x/.y/.z/.w), grid-stride loop, shared array cleared by a block-stride loop,
// cudaMemset of the output.
// Check: exact (counts).
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

#define BINS 256

__global__ void histogram256(const uchar4* data, int n4, unsigned int* hist) {
    __shared__ unsigned int local_hist[BINS];
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) {
        local_hist[b] = 0u;
    }
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += gridDim.x * blockDim.x) {
        uchar4 v = data[i];
        atomicAdd(&local_hist[v.x], 1u);
        atomicAdd(&local_hist[v.y], 1u);
        atomicAdd(&local_hist[v.z], 1u);
        atomicAdd(&local_hist[v.w], 1u);
    }
    __syncthreads();
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) {
        if (local_hist[b] != 0u) {
            atomicAdd(&hist[b], local_hist[b]);
        }
    }
}

int main() {
    const int n4 = 4096;  // 16 KiB of bytes
    std::vector<unsigned char> h_bytes(4 * n4);
    unsigned int seed = 12u;
    for (size_t i = 0; i < h_bytes.size(); ++i) {
        seed = seed * 1664525u + 1013904223u;
        // skewed distribution: low bins are hit more often, some bins never
        unsigned int r = seed >> 16;
        h_bytes[i] = (unsigned char)((r % 3u == 0u) ? (r % 16u) : (r % 200u));
    }
    uchar4* d_data;
    unsigned int* d_hist;
    CHECK(cudaMalloc(&d_data, n4 * sizeof(uchar4)));
    CHECK(cudaMalloc(&d_hist, BINS * sizeof(unsigned int)));
    CHECK(cudaMemcpy(d_data, h_bytes.data(), h_bytes.size(), cudaMemcpyHostToDevice));
    CHECK(cudaMemset(d_hist, 0, BINS * sizeof(unsigned int)));

    histogram256<<<8, 128>>>(d_data, n4, d_hist);
    CHECK(cudaGetLastError());

    std::vector<unsigned int> h_hist(BINS), expect(BINS, 0u);
    CHECK(cudaMemcpy(h_hist.data(), d_hist, BINS * sizeof(unsigned int), cudaMemcpyDeviceToHost));
    for (size_t i = 0; i < h_bytes.size(); ++i) expect[h_bytes[i]]++;

    int errors = 0;
    for (int b = 0; b < BINS; ++b) {
        if (h_hist[b] != expect[b]) {
            if (errors < 10) printf("bin %d: %u, expected %u\n", b, h_hist[b], expect[b]);
            ++errors;
        }
    }
    CHECK(cudaFree(d_data));
    CHECK(cudaFree(d_hist));
    if (errors) {
        printf("%d mismatches\nFAIL histogram_atomics\n", errors);
        return 1;
    }
    printf("PASS histogram_atomics\n");
    return 0;
}
