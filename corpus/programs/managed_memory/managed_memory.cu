// managed_memory: unified memory used from both sides. The host fills a managed array, a kernel
// updates it in place, the host reads and changes it again, a second kernel reduces it into a
// managed counter; copies between managed, device and host memory use cudaMemcpyDefault.
// Covers: cudaMallocManaged (with cudaMemAttachGlobal), host access after cudaDeviceSynchronize,
// a managed scalar written by atomicAdd, cudaMemcpy with cudaMemcpyDefault (managed -> device,
// device -> host) and cudaMemcpyHostToHost, cudaMemGetInfo (free <= total, total > 0).
// Check: exact (integers).
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

__global__ void triple_plus_index(int* data, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) data[i] = 3 * data[i] + i;
}

__global__ void sum_into(const int* data, int n, long long* total) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd((unsigned long long*)total, (unsigned long long)(long long)data[i]);
}

int main() {
    size_t free_bytes = 0, total_bytes = 0;
    CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
    printf("device memory: %zu free of %zu bytes\n", free_bytes, total_bytes);
    int errors = 0;
    if (total_bytes == 0 || free_bytes > total_bytes) {
        printf("cudaMemGetInfo returned implausible values\n");
        ++errors;
    }

    const int n = 3000;
    int* data;
    long long* total;
    CHECK(cudaMallocManaged(&data, n * sizeof(int)));
    CHECK(cudaMallocManaged((void**)&total, sizeof(long long), cudaMemAttachGlobal));
    std::vector<int> original(n);
    unsigned int seed = 1357u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        original[i] = (int)(seed >> 20) - 2048;
        data[i] = original[i];  // host writes managed memory directly
    }
    *total = 0;

    triple_plus_index<<<(n + 255) / 256, 256>>>(data, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());  // required before the host touches managed memory again
    for (int i = 0; i < n; ++i) {
        int expect = 3 * original[i] + i;
        if (data[i] != expect) {
            if (errors < 10) printf("after kernel 1: data[%d] = %d, expected %d\n", i, data[i], expect);
            ++errors;
        }
        data[i] -= i;  // host edit: now 3 * original
    }
    sum_into<<<(n + 127) / 128, 128>>>(data, n, total);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    long long expect_total = 0;
    for (int i = 0; i < n; ++i) expect_total += 3LL * original[i];
    if (*total != expect_total) {
        printf("managed total %lld, expected %lld\n", *total, expect_total);
        ++errors;
    }

    // cudaMemcpyDefault infers the direction from the pointers (unified addressing).
    int* d_copy;
    CHECK(cudaMalloc(&d_copy, n * sizeof(int)));
    CHECK(cudaMemcpy(d_copy, data, n * sizeof(int), cudaMemcpyDefault));
    std::vector<int> back(n), back2(n);
    CHECK(cudaMemcpy(back.data(), d_copy, n * sizeof(int), cudaMemcpyDefault));
    CHECK(cudaMemcpy(back2.data(), back.data(), n * sizeof(int), cudaMemcpyHostToHost));
    for (int i = 0; i < n; ++i) {
        if (back2[i] != 3 * original[i]) {
            if (errors < 10) printf("copied back[%d] = %d, expected %d\n", i, back2[i], 3 * original[i]);
            ++errors;
        }
    }
    CHECK(cudaFree(d_copy));
    CHECK(cudaFree(data));
    CHECK(cudaFree(total));
    if (errors) {
        printf("FAIL managed_memory\n");
        return 1;
    }
    printf("PASS managed_memory\n");
    return 0;
}
