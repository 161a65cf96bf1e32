// Stream-ordered allocation (cudaMallocAsync, cudaFreeAsync) and the default memory pool. The allocation is
// made at once, so it is valid for everything enqueued after the call in any stream; the free goes through
// cudaFree, which waits for the device: both orderings are at least as strict as CUDA's. The pool caches no
// memory, so its reuse policies and release threshold are stored (and read back) but change nothing.
#include "cp_internal.hpp"

struct CUmemPoolHandle_st {
    int device = 0;
    int reuse[3] = {1, 1, 1};  // cudaMemPoolReuse*: CUDA's defaults are enabled
    unsigned long long release_threshold = 0;
};

namespace {

CUmemPoolHandle_st& default_pool() {
    static CUmemPoolHandle_st pool;
    return pool;
}

bool known(cudaMemPool_t pool) { return pool == &default_pool(); }

cudaError_t check_stream(cudaStream_t stream) {
    std::unique_lock<std::mutex> lock;  // released before the allocation call takes it again
    cudaError_t e = cp::enter(lock);
    if (e != cudaSuccess) return e;
    return cp::stream_of(stream) ? cudaSuccess : cp::fail(cudaErrorInvalidResourceHandle);
}

}  // namespace

cudaError_t cudaMallocAsync(void** devPtr, size_t size, cudaStream_t stream) {
    cudaError_t e = check_stream(stream);
    return e != cudaSuccess ? e : cudaMalloc(devPtr, size);
}

cudaError_t cudaFreeAsync(void* devPtr, cudaStream_t stream) {
    cudaError_t e = check_stream(stream);
    return e != cudaSuccess ? e : cudaFree(devPtr);
}

cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t* memPool, int device) {
    int count = 0;
    cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) return e;
    if (!memPool) return cp::fail(cudaErrorInvalidValue);
    if (device < 0 || device >= count) return cp::fail(cudaErrorInvalidDevice);
    *memPool = &default_pool();
    return cudaSuccess;
}

cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value) {
    if (!known(memPool)) return cp::fail(cudaErrorInvalidResourceHandle);
    if (!value) return cp::fail(cudaErrorInvalidValue);
    switch (attr) {
    case cudaMemPoolReuseFollowEventDependencies:
    case cudaMemPoolReuseAllowOpportunistic:
    case cudaMemPoolReuseAllowInternalDependencies:
        memPool->reuse[attr - cudaMemPoolReuseFollowEventDependencies] = *(int*)value;
        return cudaSuccess;
    case cudaMemPoolAttrReleaseThreshold:
        memPool->release_threshold = *(unsigned long long*)value;
        return cudaSuccess;
    default:  // the usage counters are read-only (CUDA resets the high-water marks; we do not track them)
        return cp::fail(cudaErrorInvalidValue);
    }
}

cudaError_t cudaMemPoolGetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value) {
    if (!known(memPool)) return cp::fail(cudaErrorInvalidResourceHandle);
    if (!value) return cp::fail(cudaErrorInvalidValue);
    switch (attr) {
    case cudaMemPoolReuseFollowEventDependencies:
    case cudaMemPoolReuseAllowOpportunistic:
    case cudaMemPoolReuseAllowInternalDependencies:
        *(int*)value = memPool->reuse[attr - cudaMemPoolReuseFollowEventDependencies];
        return cudaSuccess;
    case cudaMemPoolAttrReleaseThreshold:
        *(unsigned long long*)value = memPool->release_threshold;
        return cudaSuccess;
    default:  // memory counters: not tracked, and a made-up number would mislead
        return cp::fail(cudaErrorNotSupported);
    }
}

cudaError_t cudaMemPoolTrimTo(cudaMemPool_t memPool, size_t) {
    // nothing is cached, so nothing is left to release
    return known(memPool) ? cudaSuccess : cp::fail(cudaErrorInvalidResourceHandle);
}
