// streams_events: work split into chunks, each chunk copied in, processed and copied out on its own
// stream; a final kernel on another stream waits (cudaStreamWaitEvent) for every chunk's event and
// combines the chunks; events time the whole thing.
// Covers: cudaStreamCreate, cudaStreamCreateWithFlags(cudaStreamNonBlocking), cudaStreamDestroy,
// cudaMallocHost/cudaFreeHost and cudaHostAlloc (pinned host memory), cudaMemcpyAsync both ways,
// cudaMemsetAsync, kernels launched on a stream (<<<grid, block, 0, stream>>>), cudaEventCreate,
// cudaEventRecord on a stream and on the default stream, cudaStreamWaitEvent, cudaStreamQuery,
// cudaEventQuery, cudaEventSynchronize, cudaEventElapsedTime (checked >= 0), cudaStreamSynchronize,
// cudaEventDestroy.
// Check: exact (integers).
#include <cstdio>
#include <cstdlib>
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

#define NCHUNK 3
#define CHUNK 1024

__global__ void square_plus(const int* in, int* out, int add, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] * in[i] + add;
}

__global__ void combine_chunks(const int* chunks, int* combined, int n, int nchunks) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int s = combined[i];  // zeroed by cudaMemsetAsync on this stream
        for (int c = 0; c < nchunks; ++c) s += chunks[c * n + i];
        combined[i] = s;
    }
}

int main() {
    const size_t total = NCHUNK * CHUNK;
    int *h_in, *h_out, *h_combined;
    CHECK(cudaMallocHost((void**)&h_in, total * sizeof(int)));
    CHECK(cudaHostAlloc((void**)&h_out, total * sizeof(int), cudaHostAllocDefault));
    CHECK(cudaMallocHost(&h_combined, CHUNK * sizeof(int)));
    unsigned int seed = 246u;
    for (size_t i = 0; i < total; ++i) {
        seed = seed * 1664525u + 1013904223u;
        h_in[i] = (int)(seed >> 21) - 1024;
        h_out[i] = 0;
    }
    int *d_in, *d_out, *d_combined;
    CHECK(cudaMalloc(&d_in, total * sizeof(int)));
    CHECK(cudaMalloc(&d_out, total * sizeof(int)));
    CHECK(cudaMalloc(&d_combined, CHUNK * sizeof(int)));

    cudaStream_t streams[NCHUNK], final_stream;
    for (int c = 0; c < NCHUNK; ++c) CHECK(cudaStreamCreate(&streams[c]));
    CHECK(cudaStreamCreateWithFlags(&final_stream, cudaStreamNonBlocking));
    cudaEvent_t start, stop, chunk_done[NCHUNK];
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&stop));
    for (int c = 0; c < NCHUNK; ++c) CHECK(cudaEventCreate(&chunk_done[c]));

    CHECK(cudaEventRecord(start));  // default stream
    CHECK(cudaMemsetAsync(d_combined, 0, CHUNK * sizeof(int), final_stream));
    for (int c = 0; c < NCHUNK; ++c) {
        size_t off = (size_t)c * CHUNK;
        CHECK(cudaMemcpyAsync(d_in + off, h_in + off, CHUNK * sizeof(int), cudaMemcpyHostToDevice, streams[c]));
        square_plus<<<CHUNK / 256, 256, 0, streams[c]>>>(d_in + off, d_out + off, c, CHUNK);
        CHECK(cudaGetLastError());
        CHECK(cudaMemcpyAsync(h_out + off, d_out + off, CHUNK * sizeof(int), cudaMemcpyDeviceToHost, streams[c]));
        CHECK(cudaEventRecord(chunk_done[c], streams[c]));
        CHECK(cudaStreamWaitEvent(final_stream, chunk_done[c], 0));
    }
    combine_chunks<<<CHUNK / 128, 128, 0, final_stream>>>(d_out, d_combined, CHUNK, NCHUNK);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpyAsync(h_combined, d_combined, CHUNK * sizeof(int), cudaMemcpyDeviceToHost, final_stream));
    CHECK(cudaEventRecord(stop, final_stream));

    // The query may report cudaErrorNotReady while work is queued; anything else is an error.
    cudaError_t q = cudaStreamQuery(final_stream);
    if (q != cudaSuccess && q != cudaErrorNotReady) CHECK(q);
    for (int c = 0; c < NCHUNK; ++c) CHECK(cudaStreamSynchronize(streams[c]));
    CHECK(cudaStreamSynchronize(final_stream));
    CHECK(cudaEventSynchronize(stop));

    int errors = 0;
    if (cudaStreamQuery(final_stream) != cudaSuccess) {
        printf("cudaStreamQuery after synchronize is not cudaSuccess\n");
        ++errors;
    }
    if (cudaEventQuery(stop) != cudaSuccess) {
        printf("cudaEventQuery after synchronize is not cudaSuccess\n");
        ++errors;
    }
    float ms = -1.0f;
    CHECK(cudaEventElapsedTime(&ms, start, stop));
    printf("elapsed %.3f ms\n", ms);
    if (!(ms >= 0.0f)) {
        printf("elapsed time %f is negative\n", ms);
        ++errors;
    }
    for (int c = 0; c < NCHUNK; ++c) {
        for (int i = 0; i < CHUNK; ++i) {
            size_t g = (size_t)c * CHUNK + i;
            int expect = h_in[g] * h_in[g] + c;
            if (h_out[g] != expect) {
                if (errors < 10) printf("chunk %d [%d]: %d, expected %d\n", c, i, h_out[g], expect);
                ++errors;
            }
        }
    }
    for (int i = 0; i < CHUNK; ++i) {
        int expect = 0;
        for (int c = 0; c < NCHUNK; ++c) expect += h_in[c * CHUNK + i] * h_in[c * CHUNK + i] + c;
        if (h_combined[i] != expect) {
            if (errors < 10) printf("combined[%d]: %d, expected %d\n", i, h_combined[i], expect);
            ++errors;
        }
    }
    for (int c = 0; c < NCHUNK; ++c) {
        CHECK(cudaEventDestroy(chunk_done[c]));
        CHECK(cudaStreamDestroy(streams[c]));
    }
    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(stop));
    CHECK(cudaStreamDestroy(final_stream));
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_combined));
    CHECK(cudaFreeHost(h_in));
    CHECK(cudaFreeHost(h_out));
    CHECK(cudaFreeHost(h_combined));
    if (errors) {
        printf("FAIL streams_events\n");
        return 1;
    }
    printf("PASS streams_events\n");
    return 0;
}
