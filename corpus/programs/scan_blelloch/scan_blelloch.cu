// scan_blelloch: exclusive prefix sum of n ints. Each block scans 2*blockDim.x elements in shared
// memory with the work-efficient up-sweep/down-sweep scheme and writes its total; the totals are
// scanned by one block, then added back to every element of the following blocks.
// Covers: `extern __shared__` dynamic shared memory sized at launch (third <<<>>> argument), two
// launches of the same kernel with different dynamic sizes, a multi-kernel pipeline on the default
// stream, __syncthreads at the top of a loop body.
// Check: exact (integers), including the grand total.
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

// Exclusive scan of a chunk of 2*blockDim.x elements; needs 2*blockDim.x ints of dynamic shared memory.
__global__ void scan_chunk(const int* in, int* out, int* chunk_totals, int n) {
    extern __shared__ int temp[];
    int tid = threadIdx.x;
    int m = 2 * blockDim.x;
    int base = blockIdx.x * m;
    temp[2 * tid] = (base + 2 * tid < n) ? in[base + 2 * tid] : 0;
    temp[2 * tid + 1] = (base + 2 * tid + 1 < n) ? in[base + 2 * tid + 1] : 0;

    int offset = 1;
    for (int d = m >> 1; d > 0; d >>= 1) {  // up-sweep: build partial sums in place
        __syncthreads();
        if (tid < d) {
            int ai = offset * (2 * tid + 1) - 1;
            int bi = offset * (2 * tid + 2) - 1;
            temp[bi] += temp[ai];
        }
        offset *= 2;
    }
    __syncthreads();
    if (tid == 0) {
        chunk_totals[blockIdx.x] = temp[m - 1];
        temp[m - 1] = 0;
    }
    for (int d = 1; d < m; d *= 2) {  // down-sweep: distribute the prefixes
        offset >>= 1;
        __syncthreads();
        if (tid < d) {
            int ai = offset * (2 * tid + 1) - 1;
            int bi = offset * (2 * tid + 2) - 1;
            int t = temp[ai];
            temp[ai] = temp[bi];
            temp[bi] += t;
        }
    }
    __syncthreads();
    if (base + 2 * tid < n) out[base + 2 * tid] = temp[2 * tid];
    if (base + 2 * tid + 1 < n) out[base + 2 * tid + 1] = temp[2 * tid + 1];
}

__global__ void add_chunk_offsets(int* out, const int* chunk_offsets, int n) {
    int i = blockIdx.x * (2 * blockDim.x) + threadIdx.x;
    int add = chunk_offsets[blockIdx.x];
    if (i < n) out[i] += add;
    if (i + blockDim.x < n) out[i + blockDim.x] += add;
}

int main() {
    const int n = 3001;
    const int threads = 128;                 // one block scans 256 elements
    const int chunks = (n + 2 * threads - 1) / (2 * threads);
    const int top_threads = 16;              // 32 >= chunks: the totals fit one block
    std::vector<int> h_in(n), h_out(n);
    unsigned int seed = 555u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        h_in[i] = (int)(seed >> 24) - 100;
    }
    int *d_in, *d_out, *d_totals, *d_offsets, *d_grand;
    CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CHECK(cudaMalloc(&d_out, n * sizeof(int)));
    CHECK(cudaMalloc(&d_totals, chunks * sizeof(int)));
    CHECK(cudaMalloc(&d_offsets, chunks * sizeof(int)));
    CHECK(cudaMalloc(&d_grand, sizeof(int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    scan_chunk<<<chunks, threads, 2 * threads * sizeof(int)>>>(d_in, d_out, d_totals, n);
    CHECK(cudaGetLastError());
    scan_chunk<<<1, top_threads, 2 * top_threads * sizeof(int)>>>(d_totals, d_offsets, d_grand, chunks);
    CHECK(cudaGetLastError());
    add_chunk_offsets<<<chunks, threads>>>(d_out, d_offsets, n);
    CHECK(cudaGetLastError());

    int h_grand = 0;
    CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&h_grand, d_grand, sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    int running = 0;
    for (int i = 0; i < n; ++i) {
        if (h_out[i] != running) {
            if (errors < 10) printf("out[%d] = %d, expected %d\n", i, h_out[i], running);
            ++errors;
        }
        running += h_in[i];
    }
    if (h_grand != running) {
        printf("grand total %d, expected %d\n", h_grand, running);
        ++errors;
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_totals));
    CHECK(cudaFree(d_offsets));
    CHECK(cudaFree(d_grand));
    if (errors) {
        printf("FAIL scan_blelloch\n");
        return 1;
    }
    printf("PASS scan_blelloch\n");
    return 0;
}
