/* cudaport OpenCL runtime shim: CUB's host utilities (included by cudaport_cub.h): CachingDeviceAllocator and the
 * CubDebug/CubDebugExit error macros.
 *
 * CachingDeviceAllocator hands out the shim's cudaMalloc memory and gives it back with cudaFree (no cache: the
 * program sees the same pointers' lifetimes CUB guarantees, only without reuse). CubDebug(e) prints a failed
 * call's error with its file and line when CUB_STDERR is defined, as CUB does, and yields e; CubDebugExit(e) exits
 * on a failure. Every name here has its entry in rules/libs/cub/. */
#ifndef CUDAPORT_CUB_UTIL_H
#define CUDAPORT_CUB_UTIL_H

#include <cstdio>
#include <cstdlib>

namespace cub {
inline cudaError_t Debug(cudaError_t error, const char* filename, int line) {
#ifdef CUB_STDERR
    if (error) fprintf(stderr, "CUDA error %d [%s, %d]: %s\n", (int)error, filename, line, cudaGetErrorString(error));
#else
    (void)filename;
    (void)line;
#endif
    return error;
}

struct CachingDeviceAllocator {
    explicit CachingDeviceAllocator(bool skip_cleanup = false, bool debug = false) {
        (void)skip_cleanup;
        (void)debug;
    }
    CachingDeviceAllocator(unsigned bin_growth, unsigned min_bin = 1, unsigned max_bin = (unsigned)-1,
                           size_t max_cached_bytes = (size_t)-1, bool skip_cleanup = false, bool debug = false) {
        (void)bin_growth; (void)min_bin; (void)max_bin; (void)max_cached_bytes; (void)skip_cleanup; (void)debug;
    }
    cudaError_t DeviceAllocate(int device, void** d_ptr, size_t bytes, cudaStream_t active_stream = 0) {
        (void)device;
        return DeviceAllocate(d_ptr, bytes, active_stream);
    }
    cudaError_t DeviceAllocate(void** d_ptr, size_t bytes, cudaStream_t active_stream = 0) {
        (void)active_stream;
        return cudaMalloc(d_ptr, bytes ? bytes : 1);
    }
    cudaError_t DeviceFree(int device, void* d_ptr) {
        (void)device;
        return DeviceFree(d_ptr);
    }
    cudaError_t DeviceFree(void* d_ptr) { return d_ptr ? cudaFree(d_ptr) : cudaSuccess; }
    cudaError_t FreeAllCached() { return cudaSuccess; }
};
}  // namespace cub

#ifndef CubDebug
#define CubDebug(e) cub::Debug((cudaError_t)(e), __FILE__, __LINE__)
#endif
#ifndef CubDebugExit
#define CubDebugExit(e) if (cub::Debug((cudaError_t)(e), __FILE__, __LINE__)) { exit(1); }
#endif

#endif /* CUDAPORT_CUB_UTIL_H */
