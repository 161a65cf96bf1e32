// multi_kernel_pipeline: a bucketing pipeline of four kernels queued back to back with no host
// synchronisation in between: classify each value into a bucket (a __host__ __device__ function
// shared with the host reference), count bucket sizes with atomics, turn counts into offsets in a
// single-thread kernel, and scatter the values into their buckets through atomic cursors.
// Covers: __host__ __device__ function, __device__ function taking a pointer to global memory
// (claim_slot), a <<<1, 1>>> serial kernel, implicit ordering of launches on the default stream,
// cudaMemset between launches, atomicAdd return values used as indices.
// Check: exact. Bucket sizes, offsets, and each bucket's contents as a multiset (sorted on the
// host) -- the order inside a bucket depends on scheduling and is not checked.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>
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

#define NBUCKETS 10

__host__ __device__ int bucket_of(int v) {
    int m = v % 1000;
    if (m < 0) m += 1000;
    return (m * m) % NBUCKETS;
}

__device__ unsigned int claim_slot(unsigned int* cursor) {
    return atomicAdd(cursor, 1u);
}

__global__ void classify(const int* in, int* bucket, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) bucket[i] = bucket_of(in[i]);
}

__global__ void count_buckets(const int* bucket, unsigned int* counts, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(&counts[bucket[i]], 1u);
}

__global__ void exclusive_offsets(const unsigned int* counts, unsigned int* offsets, unsigned int* cursors) {
    unsigned int running = 0;
    for (int b = 0; b < NBUCKETS; ++b) {
        offsets[b] = running;
        cursors[b] = running;
        running += counts[b];
    }
}

__global__ void scatter(const int* in, const int* bucket, unsigned int* cursors, int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[claim_slot(&cursors[bucket[i]])] = in[i];
}

int main() {
    const int n = 4000;
    std::vector<int> h_in(n);
    unsigned int seed = 97531u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = (int)(seed >> 8) - (1 << 23);
    }
    int *d_in, *d_bucket, *d_out;
    unsigned int *d_counts, *d_offsets, *d_cursors;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMalloc(&d_bucket, n * sizeof(int)));
    CHECK(cudaMalloc(&d_out, n * sizeof(int)));
    CHECK(cudaMalloc(&d_counts, NBUCKETS * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_offsets, NBUCKETS * sizeof(unsigned int)));
    CHECK(cudaMalloc(&d_cursors, NBUCKETS * sizeof(unsigned int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    const int threads = 256, blocks = (n + threads - 1) / threads;
    classify<<<blocks, threads>>>(d_in, d_bucket, n);
    CHECK(cudaGetLastError());
    CHECK(cudaMemset(d_counts, 0, NBUCKETS * sizeof(unsigned int)));
    count_buckets<<<blocks, threads>>>(d_bucket, d_counts, n);
    CHECK(cudaGetLastError());
    exclusive_offsets<<<1, 1>>>(d_counts, d_offsets, d_cursors);
    CHECK(cudaGetLastError());
    scatter<<<blocks, threads>>>(d_in, d_bucket, d_cursors, d_out, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());

    std::vector<int> out(n);
    std::vector<unsigned int> counts(NBUCKETS), offsets(NBUCKETS), cursors(NBUCKETS);
    CHECK(cudaMemcpy(out.data(), d_out, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(counts.data(), d_counts, NBUCKETS * sizeof(unsigned int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(offsets.data(), d_offsets, NBUCKETS * sizeof(unsigned int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(cursors.data(), d_cursors, NBUCKETS * sizeof(unsigned int), cudaMemcpyDeviceToHost));

    std::vector<std::vector<int>> expect(NBUCKETS);
    for (int i = 0; i < n; ++i) expect[bucket_of(h_in[i])].push_back(h_in[i]);
    int errors = 0;
    unsigned int running = 0;
    for (int b = 0; b < NBUCKETS; ++b) {
        unsigned int cnt = (unsigned int)expect[b].size();
        if (counts[b] != cnt || offsets[b] != running || cursors[b] != running + cnt) {
            printf("bucket %d: count %u offset %u cursor %u, expected %u %u %u\n", b, counts[b], offsets[b],
                   cursors[b], cnt, running, running + cnt);
            ++errors;
        } else {
            std::vector<int> got(out.begin() + running, out.begin() + running + cnt);
            std::sort(got.begin(), got.end());
            std::sort(expect[b].begin(), expect[b].end());
            if (got != expect[b]) {
                printf("bucket %d holds different values\n", b);
                ++errors;
            }
        }
        running += cnt;
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_bucket));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_counts));
    CHECK(cudaFree(d_offsets));
    CHECK(cudaFree(d_cursors));
    if (errors) {
        printf("FAIL multi_kernel_pipeline\n");
        return 1;
    }
    printf("PASS multi_kernel_pipeline\n");
    return 0;
}
