// Stream-ordered allocation: cudaMallocAsync memory is usable by work enqueued after it in the stream, and
// cudaFreeAsync after that work leaves its results intact; the default pool keeps its attributes and
// reports the counters it does not track as not supported rather than as a made-up number.
#include "shim_check.h"

int main() {
    int pools = 0;
    CHECK_CUDA(cudaDeviceGetAttribute(&pools, cudaDevAttrMemoryPoolsSupported, 0));
    CHECK(pools == 1);
    cudaMemPool_t pool = nullptr, again = nullptr;
    CHECK_CUDA(cudaDeviceGetDefaultMemPool(&pool, 0));
    CHECK_CUDA(cudaDeviceGetDefaultMemPool(&again, 0));
    CHECK(pool != nullptr && pool == again);
    CHECK_ERR(cudaDeviceGetDefaultMemPool(&again, 5), cudaErrorInvalidDevice);
    unsigned long long threshold = ~0ull, back = 0;
    CHECK_CUDA(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold));
    CHECK_CUDA(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &back));
    CHECK(back == threshold);
    int reuse = 0;
    CHECK_CUDA(cudaMemPoolGetAttribute(pool, cudaMemPoolReuseAllowOpportunistic, &reuse));
    CHECK(reuse == 1);
    CHECK_ERR(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &back), cudaErrorNotSupported);
    CHECK_ERR(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &back), cudaErrorInvalidValue);
    CHECK_CUDA(cudaMemPoolTrimTo(pool, 0));
    cudaGetLastError();

    cudaStream_t s;
    CHECK_CUDA(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
    const int n = 1 << 16;
    int* h = (int*)malloc(n * sizeof(int));
    int* out = (int*)malloc(n * sizeof(int));
    for (int i = 0; i < n; i++) h[i] = i * 3 + 1;
    int *a = nullptr, *b = nullptr;
    CHECK_CUDA(cudaMallocAsync(&a, n * sizeof(int), s));
    CHECK_CUDA(cudaMallocAsync(&b, n * sizeof(int), s));
    CHECK_CUDA(cudaMemcpyAsync(a, h, n * sizeof(int), cudaMemcpyHostToDevice, s));
    CHECK_CUDA(cudaMemcpyAsync(b, a, n * sizeof(int), cudaMemcpyDeviceToDevice, s));
    CHECK_CUDA(cudaFreeAsync(a, s));  // after the copy that reads it, in stream order
    CHECK_CUDA(cudaMemcpyAsync(out, b, n * sizeof(int), cudaMemcpyDeviceToHost, s));
    CHECK_CUDA(cudaFreeAsync(b, s));
    CHECK_CUDA(cudaStreamSynchronize(s));
    for (int i = 0; i < n; i++) CHECK(out[i] == i * 3 + 1);
    CHECK_ERR(cudaMallocAsync(&a, 16, (cudaStream_t)0x10), cudaErrorInvalidResourceHandle);
    CHECK_CUDA(cudaStreamDestroy(s));
    free(h);
    free(out);
    printf("PASS\n");
    return 0;
}
