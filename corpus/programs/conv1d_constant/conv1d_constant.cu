// conv1d_constant: 1D convolution with a filter held in __constant__ memory. Each block stages its
// inputs plus a halo of RADIUS cells on both sides in shared memory (zero outside the signal).
// Covers: __constant__ arrays and a __constant__ scalar written with cudaMemcpyToSymbol, including
// the offset argument (the filter is uploaded in two pieces), a read-back with cudaMemcpyFromSymbol,
// static shared array sized by macros, #pragma unroll over the taps.
// Check: exact. Inputs are integers and the weights multiples of 1/16, so every sum is exact.
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

#define RADIUS 4
#define TAPS (2 * RADIUS + 1)
#define BLOCK 128

__constant__ float c_filter[TAPS];
__constant__ float c_scale;

__global__ void conv1d(const float* in, float* out, int n) {
    __shared__ float s_in[BLOCK + 2 * RADIUS];
    int gi = blockIdx.x * blockDim.x + threadIdx.x;
    int li = threadIdx.x + RADIUS;
    s_in[li] = gi < n ? in[gi] : 0.0f;
    if (threadIdx.x < RADIUS) {
        int left = gi - RADIUS;
        int right = gi + BLOCK;
        s_in[threadIdx.x] = left >= 0 && left < n ? in[left] : 0.0f;
        s_in[li + BLOCK] = right < n ? in[right] : 0.0f;
    }
    __syncthreads();
    if (gi < n) {
        float acc = 0.0f;
#pragma unroll
        for (int k = -RADIUS; k <= RADIUS; ++k) {
            acc += c_filter[k + RADIUS] * s_in[li + k];
        }
        out[gi] = acc * c_scale;
    }
}

int main() {
    const int n = 4000;
    std::vector<float> h_in(n), h_out(n), filter(TAPS);
    unsigned int seed = 1234u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = (float)((int)(seed >> 24) - 128);
    }
    for (int k = 0; k < TAPS; ++k) filter[k] = (float)(k - RADIUS) / 16.0f + 0.25f;
    const float scale = 2.0f;

    // Upload the filter in two pieces to exercise the offset argument.
    const int first = 5;
    CHECK(cudaMemcpyToSymbol(c_filter, filter.data(), first * sizeof(float)));
    CHECK(cudaMemcpyToSymbol(c_filter, filter.data() + first, (TAPS - first) * sizeof(float),
                             first * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpyToSymbol(c_scale, &scale, sizeof(float)));
    std::vector<float> readback(TAPS);
    CHECK(cudaMemcpyFromSymbol(readback.data(), c_filter, TAPS * sizeof(float)));

    float *d_in, *d_out;
    CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CHECK(cudaMalloc(&d_out, n * sizeof(float)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    conv1d<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(d_in, d_out, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int k = 0; k < TAPS; ++k) {
        if (readback[k] != filter[k]) {
            printf("constant filter[%d] reads back %f, expected %f\n", k, readback[k], filter[k]);
            ++errors;
        }
    }
    for (int i = 0; i < n; ++i) {
        float acc = 0.0f;
        for (int k = -RADIUS; k <= RADIUS; ++k) {
            int j = i + k;
            acc += filter[k + RADIUS] * (j >= 0 && j < n ? h_in[j] : 0.0f);
        }
        float expect = acc * scale;
        if (h_out[i] != expect) {
            if (errors < 10) printf("out[%d] = %f, expected %f\n", i, h_out[i], expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    if (errors) {
        printf("%d mismatches\nFAIL conv1d_constant\n", errors);
        return 1;
    }
    printf("PASS conv1d_constant\n");
    return 0;
}
