// vector_add: c[i] = a[i] + b[i] over a 1D grid.
// Covers: 1D threadIdx/blockIdx/blockDim, __restrict__, printf from a kernel (thread 0 only),
// device query (cudaGetDeviceCount, cudaGetDeviceProperties, cudaSetDevice), cudaMalloc/cudaFree,
// cudaMemcpy host<->device, cudaGetLastError after a launch, cudaDeviceSynchronize.
// Check: exact. Inputs are small integers stored as float, so every sum is exactly representable.
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

static unsigned int g_seed = 20240601u;
static unsigned int lcg_next() {
    g_seed = g_seed * 1664525u + 1013904223u;
    return g_seed;
}

__global__ void vector_add(const float* __restrict__ a, const float* __restrict__ b,
                           float* __restrict__ c, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i == 0) {
        printf("vector_add: grid %u x block %u\n", gridDim.x, blockDim.x);
    }
    if (i < n) {
        c[i] = a[i] + b[i];
    }
}

int main() {
    int device_count = 0;
    CHECK(cudaGetDeviceCount(&device_count));
    if (device_count < 1) {
        printf("no device\nFAIL vector_add\n");
        return 1;
    }
    CHECK(cudaSetDevice(0));
    cudaDeviceProp prop;
    CHECK(cudaGetDeviceProperties(&prop, 0));
    printf("device: %s, %d SMs, maxThreadsPerBlock %d\n", prop.name, prop.multiProcessorCount,
           prop.maxThreadsPerBlock);

    const int n = 4099;  // not a multiple of the block size: exercises the bounds check
    const size_t bytes = n * sizeof(float);
    std::vector<float> h_a(n), h_b(n), h_c(n, -1.0f);
    for (int i = 0; i < n; ++i) {
        h_a[i] = (float)(lcg_next() % 2001) - 1000.0f;
        h_b[i] = (float)(lcg_next() % 2001) - 1000.0f;
    }

    float *d_a = nullptr, *d_b = nullptr, *d_c = nullptr;
    CHECK(cudaMalloc((void**)&d_a, bytes));
    CHECK(cudaMalloc((void**)&d_b, bytes));
    CHECK(cudaMalloc(&d_c, bytes));
    CHECK(cudaMemcpy(d_a, h_a.data(), bytes, cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_b, h_b.data(), bytes, cudaMemcpyHostToDevice));

    int block = prop.maxThreadsPerBlock >= 256 ? 256 : prop.maxThreadsPerBlock;
    int grid = (n + block - 1) / block;
    vector_add<<<grid, block>>>(d_a, d_b, d_c, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    CHECK(cudaMemcpy(h_c.data(), d_c, bytes, cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int i = 0; i < n; ++i) {
        float expect = h_a[i] + h_b[i];
        if (h_c[i] != expect) {
            if (errors < 10) printf("mismatch at %d: got %f expected %f\n", i, h_c[i], expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_a));
    CHECK(cudaFree(d_b));
    CHECK(cudaFree(d_c));
    if (errors) {
        printf("%d mismatches\nFAIL vector_add\n", errors);
        return 1;
    }
    printf("PASS vector_add\n");
    return 0;
}
