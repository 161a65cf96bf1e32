// saxpy_grid_stride: y = a*x + y with a grid-stride loop over more elements than threads.
// Covers: grid-stride loop (gridDim.x * blockDim.x), cudaMemset, cudaPeekAtLastError after a launch,
// a second launch of the same kernel with a different grid, counting visited elements per index.
// Check: y is float, compared with relative tolerance 1e-5 (the device may contract a*x+y into an
// FMA, the host may not); the visit counter is int and compared exactly (each index exactly once).
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

static unsigned int g_seed = 7u;
static float lcg_uniform() {  // in [-1, 1)
    g_seed = g_seed * 1664525u + 1013904223u;
    return (float)(g_seed >> 8) / 8388608.0f - 1.0f;
}

__global__ void saxpy(int n, float a, const float* x, float* y, int* visits) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        y[i] = a * x[i] + y[i];
        visits[i] += 1;
    }
}

int main() {
    const int n = 10007;
    const float a = 2.5f;
    std::vector<float> h_x(n), h_y(n), h_out(n);
    std::vector<int> h_visits(n);
    for (int i = 0; i < n; ++i) {
        h_x[i] = lcg_uniform();
        h_y[i] = lcg_uniform();
    }
    float *d_x, *d_y;
    int* d_visits;
    CHECK(cudaMalloc(&d_x, n * sizeof(float)));
    CHECK(cudaMalloc(&d_y, n * sizeof(float)));
    CHECK(cudaMalloc(&d_visits, n * sizeof(int)));
    CHECK(cudaMemcpy(d_x, h_x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_y, h_y.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemset(d_visits, 0, n * sizeof(int)));

    // First pass: few blocks, so each thread strides many times.
    saxpy<<<4, 128>>>(n, a, d_x, d_y, d_visits);
    CHECK(cudaPeekAtLastError());
    // Second pass: a grid that covers n in one stride.
    saxpy<<<(n + 255) / 256, 256>>>(n, a, d_x, d_y, d_visits);
    CHECK(cudaPeekAtLastError());
    CHECK(cudaDeviceSynchronize());
    CHECK(cudaMemcpy(h_out.data(), d_y, n * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(h_visits.data(), d_visits, n * sizeof(int), cudaMemcpyDeviceToHost));

    const float rtol = 1e-5f, atol = 1e-6f;
    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float expect = a * h_x[i] + h_y[i];
        expect = a * h_x[i] + expect;
        float diff = fabsf(h_out[i] - expect);
        if (diff > atol + rtol * fabsf(expect) || h_visits[i] != 2) {
            if (errors < 10)
                printf("mismatch at %d: y %f expected %f, visits %d expected 2\n", i, h_out[i], expect,
                       h_visits[i]);
            ++errors;
        }
    }
    CHECK(cudaFree(d_x));
    CHECK(cudaFree(d_y));
    CHECK(cudaFree(d_visits));
    if (errors) {
        printf("%d mismatches\nFAIL saxpy_grid_stride\n", errors);
        return 1;
    }
    printf("PASS saxpy_grid_stride\n");
    return 0;
}
