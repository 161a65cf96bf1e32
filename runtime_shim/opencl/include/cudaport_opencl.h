/* cudaport OpenCL runtime shim: the CUDA runtime API (CUDA's own names and signatures) on OpenCL.
 *
 * Translated host code includes only this header in place of the CUDA headers. Kernels live in
 * OpenCL C programs registered with cpRegisterProgram and launched by name with cpLaunchKernel.
 * Contract: brief/OPENCL_SHIM_API.md. Implemented calls and gaps: runtime_shim/opencl/README.md.
 * C-compatible; default arguments, templates and dim3 constructors only under __cplusplus. */
#ifndef CUDAPORT_OPENCL_H
#define CUDAPORT_OPENCL_H

#include <stddef.h>
#include <stdint.h>
/* What CUDA's runtime header gives host code implicitly (nvcc includes it in every .cu): the C library's
 * math, memory, conversion and I/O functions. Programs call fabs, exit, atoi, memcpy without including them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __cplusplus
#include <cmath>
#include <cstdlib>
/* The generated launch stubs name kernel instances with std::string. Their preamble comes after the user's
 * macros (`#define swap(a, b) ...` breaks <string>), so the header is included here, where the CUDA include was. */
#include <string>
#endif
/* CUDA's runtime header includes library_types.h (cudaDataType and its CUDA_R_32F... values) */
#include "cudaport_library_types.h"

#ifdef __cplusplus
#define CP_API extern "C"
#define CP_DEFAULT(v) = v
#else
#define CP_API extern
#define CP_DEFAULT(v)
#endif

/* ---- CUDA qualifiers: empty on the host side ------------------------------------------------ */
#ifndef __host__
#define __host__
#endif
#ifndef __device__
#define __device__
#endif
#ifndef __global__
#define __global__
#endif
#ifndef __forceinline__
#define __forceinline__
#endif
#ifndef __noinline__
#define __noinline__
#endif
#ifndef __shared__
#define __shared__
#endif
#ifndef __constant__
#define __constant__
#endif
#ifndef __launch_bounds__
#define __launch_bounds__(...)
#endif
#ifndef __align__
#define __align__(n) __attribute__((aligned(n)))
#endif
#ifndef __builtin_align__
#define __builtin_align__(n) __attribute__((aligned(n)))
#endif
#ifndef __cudart_builtin__
#define __cudart_builtin__
#endif

#define CUDART_VERSION 12000
#define CUDAPORT_OPENCL_SHIM 1

/* ---- vector types (CUDA sizes and alignments) ------------------------------------------------ */
#define CP_VEC1(T, N) typedef struct N##1 { T x; } N##1; \
    static inline N##1 make_##N##1(T x) { N##1 v; v.x = x; return v; }
#define CP_VEC2(T, N, A) typedef struct __attribute__((aligned(A))) N##2 { T x, y; } N##2; \
    static inline N##2 make_##N##2(T x, T y) { N##2 v; v.x = x; v.y = y; return v; }
#define CP_VEC3(T, N) typedef struct N##3 { T x, y, z; } N##3; \
    static inline N##3 make_##N##3(T x, T y, T z) { N##3 v; v.x = x; v.y = y; v.z = z; return v; }
#define CP_VEC4(T, N, A) typedef struct __attribute__((aligned(A))) N##4 { T x, y, z, w; } N##4; \
    static inline N##4 make_##N##4(T x, T y, T z, T w) { N##4 v; v.x = x; v.y = y; v.z = z; v.w = w; return v; }
#define CP_VECS(T, N, A2, A4) CP_VEC1(T, N) CP_VEC2(T, N, A2) CP_VEC3(T, N) CP_VEC4(T, N, A4)

CP_VECS(signed char, char, 2, 4)
CP_VECS(unsigned char, uchar, 2, 4)
CP_VECS(short, short, 4, 8)
CP_VECS(unsigned short, ushort, 4, 8)
CP_VECS(int, int, 8, 16)
CP_VECS(unsigned int, uint, 8, 16)
CP_VECS(long, long, 2 * sizeof(long), 16)
CP_VECS(unsigned long, ulong, 2 * sizeof(long), 16)
CP_VECS(long long, longlong, 16, 16)
CP_VECS(unsigned long long, ulonglong, 16, 16)
CP_VECS(float, float, 8, 16)
CP_VECS(double, double, 16, 16)

#undef CP_VEC1
#undef CP_VEC2
#undef CP_VEC3
#undef CP_VEC4
#undef CP_VECS

#ifdef __cplusplus
struct dim3 {
    unsigned int x, y, z;
    constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
    constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
    operator uint3() const { return make_uint3(x, y, z); }
};
#else
typedef struct dim3 { unsigned int x, y, z; } dim3;
#endif

/* ---- errors (CUDA's numeric values) ----------------------------------------------------------- */
typedef enum cudaError {
    cudaSuccess = 0,
    cudaErrorInvalidValue = 1,
    cudaErrorMemoryAllocation = 2,
    cudaErrorInitializationError = 3,
    cudaErrorCudartUnloading = 4,
    cudaErrorInvalidConfiguration = 9,
    cudaErrorInvalidPitchValue = 12,
    cudaErrorInvalidSymbol = 13,
    cudaErrorInvalidHostPointer = 16,
    cudaErrorInvalidDevicePointer = 17,
    cudaErrorInvalidMemcpyDirection = 21,
    cudaErrorInsufficientDriver = 35,
    cudaErrorMissingConfiguration = 52,
    cudaErrorInvalidDeviceFunction = 98,
    cudaErrorNoDevice = 100,
    cudaErrorInvalidDevice = 101,
    cudaErrorInvalidKernelImage = 200,
    cudaErrorNoKernelImageForDevice = 209,
    cudaErrorInvalidSource = 300,
    cudaErrorFileNotFound = 301,
    cudaErrorInvalidResourceHandle = 400,
    cudaErrorSymbolNotFound = 500,
    cudaErrorNotReady = 600,
    cudaErrorIllegalAddress = 700,
    cudaErrorLaunchOutOfResources = 701,
    cudaErrorLaunchTimeout = 702,
    cudaErrorAssert = 710,
    cudaErrorLaunchFailure = 719,
    cudaErrorNotPermitted = 800,
    cudaErrorNotSupported = 801,
    cudaErrorUnknown = 999
} cudaError_t;

/* ---- enumerations and flags ------------------------------------------------------------------ */
typedef enum cudaMemcpyKind {
    cudaMemcpyHostToHost = 0,
    cudaMemcpyHostToDevice = 1,
    cudaMemcpyDeviceToHost = 2,
    cudaMemcpyDeviceToDevice = 3,
    cudaMemcpyDefault = 4
} cudaMemcpyKind;

typedef enum cudaMemoryType {
    cudaMemoryTypeUnregistered = 0,
    cudaMemoryTypeHost = 1,
    cudaMemoryTypeDevice = 2,
    cudaMemoryTypeManaged = 3
} cudaMemoryType;

typedef enum cudaFuncCache {
    cudaFuncCachePreferNone = 0,
    cudaFuncCachePreferShared = 1,
    cudaFuncCachePreferL1 = 2,
    cudaFuncCachePreferEqual = 3
} cudaFuncCache;

typedef enum cudaSharedMemConfig {
    cudaSharedMemBankSizeDefault = 0,
    cudaSharedMemBankSizeFourByte = 1,
    cudaSharedMemBankSizeEightByte = 2
} cudaSharedMemConfig;

/* cudaFuncGetAttributes: what an OpenCL device can say about a kernel without compiling it for the query. */
typedef struct cudaFuncAttributes {
    size_t sharedSizeBytes;
    size_t constSizeBytes;
    size_t localSizeBytes;
    int maxThreadsPerBlock;
    int numRegs;
    int ptxVersion;
    int binaryVersion;
    int cacheModeCA;
    int maxDynamicSharedSizeBytes;
    int preferredShmemCarveout;
} cudaFuncAttributes;

typedef enum cudaFuncAttribute {
    cudaFuncAttributeMaxDynamicSharedMemorySize = 8,
    cudaFuncAttributePreferredSharedMemoryCarveout = 9,
    cudaFuncAttributeMax
} cudaFuncAttribute;

typedef enum cudaDeviceAttr {
    cudaDevAttrMaxThreadsPerBlock = 1,
    cudaDevAttrMaxBlockDimX = 2,
    cudaDevAttrMaxBlockDimY = 3,
    cudaDevAttrMaxBlockDimZ = 4,
    cudaDevAttrMaxGridDimX = 5,
    cudaDevAttrMaxGridDimY = 6,
    cudaDevAttrMaxGridDimZ = 7,
    cudaDevAttrMaxSharedMemoryPerBlock = 8,
    cudaDevAttrTotalConstantMemory = 9,
    cudaDevAttrWarpSize = 10,
    cudaDevAttrMaxPitch = 11,
    cudaDevAttrMaxRegistersPerBlock = 12,
    cudaDevAttrClockRate = 13,
    cudaDevAttrTextureAlignment = 14,
    cudaDevAttrGpuOverlap = 15,
    cudaDevAttrMultiProcessorCount = 16,
    cudaDevAttrKernelExecTimeout = 17,
    cudaDevAttrIntegrated = 18,
    cudaDevAttrCanMapHostMemory = 19,
    cudaDevAttrComputeMode = 20,
    cudaDevAttrConcurrentKernels = 31,
    cudaDevAttrEccEnabled = 32,
    cudaDevAttrPciBusId = 33,
    cudaDevAttrPciDeviceId = 34,
    cudaDevAttrTccDriver = 35,
    cudaDevAttrMemoryClockRate = 36,
    cudaDevAttrGlobalMemoryBusWidth = 37,
    cudaDevAttrL2CacheSize = 38,
    cudaDevAttrMaxThreadsPerMultiProcessor = 39,
    cudaDevAttrAsyncEngineCount = 40,
    cudaDevAttrUnifiedAddressing = 41,
    cudaDevAttrPciDomainId = 50,
    cudaDevAttrTexturePitchAlignment = 51,
    cudaDevAttrComputeCapabilityMajor = 75,
    cudaDevAttrComputeCapabilityMinor = 76,
    cudaDevAttrStreamPrioritiesSupported = 78,
    cudaDevAttrGlobalL1CacheSupported = 79,
    cudaDevAttrLocalL1CacheSupported = 80,
    cudaDevAttrMaxSharedMemoryPerMultiprocessor = 81,
    cudaDevAttrMaxRegistersPerMultiprocessor = 82,
    cudaDevAttrManagedMemory = 83,
    cudaDevAttrIsMultiGpuBoard = 84,
    cudaDevAttrHostNativeAtomicSupported = 86,
    cudaDevAttrPageableMemoryAccess = 88,
    cudaDevAttrConcurrentManagedAccess = 89,
    cudaDevAttrComputePreemptionSupported = 90,
    cudaDevAttrCanUseHostPointerForRegisteredMem = 91,
    cudaDevAttrCooperativeLaunch = 95,
    cudaDevAttrCooperativeMultiDeviceLaunch = 96,
    cudaDevAttrMaxSharedMemoryPerBlockOptin = 97,
    cudaDevAttrMaxBlocksPerMultiprocessor = 106,
    cudaDevAttrMemoryPoolsSupported = 115
} cudaDeviceAttr;

#define cudaStreamDefault 0x00u
#define cudaStreamNonBlocking 0x01u
#define cudaEventDefault 0x00u
#define cudaEventBlockingSync 0x01u
#define cudaEventDisableTiming 0x02u
#define cudaEventInterprocess 0x04u
#define cudaHostAllocDefault 0x00u
#define cudaHostAllocPortable 0x01u
#define cudaHostAllocMapped 0x02u
#define cudaHostAllocWriteCombined 0x04u
#define cudaMemAttachGlobal 0x01u
#define cudaMemAttachHost 0x02u
#define cudaMemAttachSingle 0x04u
#define cudaDeviceScheduleAuto 0x00u
#define cudaDeviceScheduleSpin 0x01u
#define cudaDeviceScheduleYield 0x02u
#define cudaDeviceScheduleBlockingSync 0x04u
#define cudaDeviceMapHost 0x08u

/* ---- opaque handles and structs --------------------------------------------------------------- */
typedef struct CUstream_st* cudaStream_t;
typedef struct CUevent_st* cudaEvent_t;
typedef void (*cudaHostFn_t)(void* userData);
typedef void (*cudaStreamCallback_t)(cudaStream_t stream, cudaError_t status, void* userData);

/* The legacy default stream (also stream 0) and the per-thread default stream handle; the shim
   maps both to the legacy default stream (see README). */
#define cudaStreamLegacy ((cudaStream_t)0x1)
#define cudaStreamPerThread ((cudaStream_t)0x2)

typedef struct cudaUUID_st { char bytes[16]; } cudaUUID_t;

/* Fields carry CUDA's names; values come from OpenCL device queries (README lists the mapping). */
typedef struct cudaDeviceProp {
    char name[256];
    cudaUUID_t uuid;
    size_t totalGlobalMem;
    size_t sharedMemPerBlock;
    int regsPerBlock;
    int warpSize;
    size_t memPitch;
    int maxThreadsPerBlock;
    int maxThreadsDim[3];
    int maxGridSize[3];
    int clockRate;
    size_t totalConstMem;
    int major;
    int minor;
    size_t textureAlignment;
    size_t texturePitchAlignment;
    int deviceOverlap;
    int multiProcessorCount;
    int kernelExecTimeoutEnabled;
    int integrated;
    int canMapHostMemory;
    int computeMode;
    int maxTexture1D;
    int maxTexture2D[2];
    int maxTexture3D[3];
    size_t surfaceAlignment;
    int concurrentKernels;
    int ECCEnabled;
    int pciBusID;
    int pciDeviceID;
    int pciDomainID;
    int tccDriver;
    int asyncEngineCount;
    int unifiedAddressing;
    int memoryClockRate;
    int memoryBusWidth;
    int l2CacheSize;
    int persistingL2CacheMaxSize;
    int maxThreadsPerMultiProcessor;
    int streamPrioritiesSupported;
    int globalL1CacheSupported;
    int localL1CacheSupported;
    size_t sharedMemPerMultiprocessor;
    int regsPerMultiprocessor;
    int managedMemory;
    int isMultiGpuBoard;
    int multiGpuBoardGroupID;
    int hostNativeAtomicSupported;
    int singleToDoublePrecisionPerfRatio;
    int pageableMemoryAccess;
    int concurrentManagedAccess;
    int computePreemptionSupported;
    int canUseHostPointerForRegisteredMem;
    int cooperativeLaunch;
    int cooperativeMultiDeviceLaunch;
    size_t sharedMemPerBlockOptin;
    int pageableMemoryAccessUsesHostPageTables;
    int directManagedMemAccessFromHost;
    int maxBlocksPerMultiProcessor;
    int accessPolicyMaxWindowSize;
    size_t reservedSharedMemPerBlock;
} cudaDeviceProp;

typedef struct cudaPointerAttributes {
    enum cudaMemoryType type;
    int device;
    void* devicePointer;
    void* hostPointer;
} cudaPointerAttributes;

/* ---- device management, versions, errors ----------------------------------------------------- */
CP_API cudaError_t cudaGetDeviceCount(int* count);
CP_API cudaError_t cudaGetDevice(int* device);
CP_API cudaError_t cudaSetDevice(int device);
CP_API cudaError_t cudaSetDeviceFlags(unsigned int flags);
CP_API cudaError_t cudaGetDeviceProperties(cudaDeviceProp* prop, int device);
CP_API cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device);
CP_API cudaError_t cudaDeviceSynchronize(void);
CP_API cudaError_t cudaThreadSynchronize(void);
CP_API cudaError_t cudaDeviceReset(void);
CP_API cudaError_t cudaDeviceSetCacheConfig(cudaFuncCache config);
CP_API cudaError_t cudaDeviceGetCacheConfig(cudaFuncCache* config);
CP_API cudaError_t cudaDeviceSetSharedMemConfig(cudaSharedMemConfig config);
CP_API cudaError_t cudaDeviceGetSharedMemConfig(cudaSharedMemConfig* config);
CP_API cudaError_t cudaDeviceGetStreamPriorityRange(int* leastPriority, int* greatestPriority);
CP_API cudaError_t cudaDriverGetVersion(int* driverVersion);
CP_API cudaError_t cudaRuntimeGetVersion(int* runtimeVersion);
CP_API cudaError_t cudaGetLastError(void);
CP_API cudaError_t cudaPeekAtLastError(void);
CP_API const char* cudaGetErrorString(cudaError_t error);
CP_API const char* cudaGetErrorName(cudaError_t error);

/* ---- memory ------------------------------------------------------------------------------------ */
CP_API cudaError_t cudaMalloc(void** devPtr, size_t size);
CP_API cudaError_t cudaFree(void* devPtr);
CP_API cudaError_t cudaMallocHost(void** ptr, size_t size);
CP_API cudaError_t cudaFreeHost(void* ptr);
CP_API cudaError_t cudaHostAlloc(void** pHost, size_t size, unsigned int flags);
CP_API cudaError_t cudaHostGetDevicePointer(void** pDevice, void* pHost, unsigned int flags);
CP_API cudaError_t cudaMallocManaged(void** devPtr, size_t size, unsigned int flags CP_DEFAULT(cudaMemAttachGlobal));
CP_API cudaError_t cudaMallocPitch(void** devPtr, size_t* pitch, size_t width, size_t height);
CP_API cudaError_t cudaMemGetInfo(size_t* free, size_t* total);
CP_API cudaError_t cudaPointerGetAttributes(cudaPointerAttributes* attributes, const void* ptr);
CP_API cudaError_t cudaMemcpy(void* dst, const void* src, size_t count, cudaMemcpyKind kind);
CP_API cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t count, cudaMemcpyKind kind,
                                   cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaMemcpy2D(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                                size_t height, cudaMemcpyKind kind);
CP_API cudaError_t cudaMemcpy2DAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                                     size_t height, cudaMemcpyKind kind, cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaMemset(void* devPtr, int value, size_t count);
CP_API cudaError_t cudaMemsetAsync(void* devPtr, int value, size_t count, cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaMemset2D(void* devPtr, size_t pitch, int value, size_t width, size_t height);
CP_API cudaError_t cudaMemset2DAsync(void* devPtr, size_t pitch, int value, size_t width, size_t height,
                                     cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaMemcpyToSymbol(const void* symbol, const void* src, size_t count,
                                      size_t offset CP_DEFAULT(0),
                                      cudaMemcpyKind kind CP_DEFAULT(cudaMemcpyHostToDevice));
CP_API cudaError_t cudaMemcpyFromSymbol(void* dst, const void* symbol, size_t count, size_t offset CP_DEFAULT(0),
                                        cudaMemcpyKind kind CP_DEFAULT(cudaMemcpyDeviceToHost));
CP_API cudaError_t cudaMemcpyToSymbolAsync(const void* symbol, const void* src, size_t count, size_t offset,
                                           cudaMemcpyKind kind, cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaMemcpyFromSymbolAsync(void* dst, const void* symbol, size_t count, size_t offset,
                                             cudaMemcpyKind kind, cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaGetSymbolAddress(void** devPtr, const void* symbol);
CP_API cudaError_t cudaGetSymbolSize(size_t* size, const void* symbol);

/* ---- stream-ordered allocation ---------------------------------------------------------------- */
/* One default pool per device. An allocation is usable at once (so also by later work in the stream), and
 * cudaFreeAsync waits for the device as cudaFree does: both are at least as ordered as CUDA's. The pool does
 * not cache memory, so the reuse policies and the release threshold are kept but change nothing. */
typedef struct CUmemPoolHandle_st* cudaMemPool_t;
typedef enum cudaMemPoolAttr {
    cudaMemPoolReuseFollowEventDependencies = 1,
    cudaMemPoolReuseAllowOpportunistic = 2,
    cudaMemPoolReuseAllowInternalDependencies = 3,
    cudaMemPoolAttrReleaseThreshold = 4,
    cudaMemPoolAttrReservedMemCurrent = 5,
    cudaMemPoolAttrReservedMemHigh = 6,
    cudaMemPoolAttrUsedMemCurrent = 7,
    cudaMemPoolAttrUsedMemHigh = 8
} cudaMemPoolAttr;
CP_API cudaError_t cudaMallocAsync(void** devPtr, size_t size, cudaStream_t stream);
CP_API cudaError_t cudaFreeAsync(void* devPtr, cudaStream_t stream);
CP_API cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t* memPool, int device);
CP_API cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value);
CP_API cudaError_t cudaMemPoolGetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value);
CP_API cudaError_t cudaMemPoolTrimTo(cudaMemPool_t memPool, size_t minBytesToKeep);

/* ---- streams and events ------------------------------------------------------------------------ */
CP_API cudaError_t cudaStreamCreate(cudaStream_t* pStream);
CP_API cudaError_t cudaStreamCreateWithFlags(cudaStream_t* pStream, unsigned int flags);
CP_API cudaError_t cudaStreamCreateWithPriority(cudaStream_t* pStream, unsigned int flags, int priority);
CP_API cudaError_t cudaStreamDestroy(cudaStream_t stream);
CP_API cudaError_t cudaStreamSynchronize(cudaStream_t stream);
CP_API cudaError_t cudaStreamQuery(cudaStream_t stream);
CP_API cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int flags CP_DEFAULT(0));
CP_API cudaError_t cudaStreamGetFlags(cudaStream_t stream, unsigned int* flags);
CP_API cudaError_t cudaLaunchHostFunc(cudaStream_t stream, cudaHostFn_t fn, void* userData);
CP_API cudaError_t cudaStreamAddCallback(cudaStream_t stream, cudaStreamCallback_t callback, void* userData,
                                         unsigned int flags);
CP_API cudaError_t cudaEventCreate(cudaEvent_t* event);
CP_API cudaError_t cudaEventCreateWithFlags(cudaEvent_t* event, unsigned int flags);
CP_API cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream CP_DEFAULT(0));
CP_API cudaError_t cudaEventSynchronize(cudaEvent_t event);
CP_API cudaError_t cudaEventQuery(cudaEvent_t event);
CP_API cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t end);
CP_API cudaError_t cudaEventDestroy(cudaEvent_t event);

/* ---- kernels (contract: brief/OPENCL_SHIM_API.md) --------------------------------------------- */
CP_API cudaError_t cudaFuncSetCacheConfig(const void* func, cudaFuncCache cacheConfig);
CP_API cudaError_t cudaFuncGetAttributes(cudaFuncAttributes* attr, const void* func);
CP_API cudaError_t cudaFuncSetAttribute(const void* func, cudaFuncAttribute attr, int value);
CP_API cudaError_t cpOccupancyMaxPotentialBlockSize(int* minGridSize, int* blockSize, size_t dynamicSMemSize,
                                                    int blockSizeLimit);
CP_API cudaError_t cpOccupancyMaxActiveBlocksPerMultiprocessor(int* numBlocks, int blockSize,
                                                               size_t dynamicSMemSize);

typedef struct cpProgram cpProgram;
enum cpArgKind { CP_ARG_VALUE = 0, CP_ARG_DEVPTR = 1, CP_ARG_LOCAL = 2, CP_ARG_SYMBOL = 3 };
typedef struct cpKernelArg { int kind; const void* value; size_t size; } cpKernelArg;

CP_API cpProgram* cpRegisterProgram(const char* cl_file, const char* embedded_source, const char* build_options);
CP_API cudaError_t cpLaunchKernel(cpProgram* prog, const char* kernel_name, dim3 grid, dim3 block,
                                  size_t dyn_shmem, cudaStream_t stream, const cpKernelArg* args, int nargs);
CP_API void cpRegisterSymbol(const void* host_symbol, size_t size, const char* name);
/* Builds a registered program now, for the device and with the options a launch would use (a launch builds
   it on first use anyway); cudaErrorInvalidSource with the build log on stderr when the device rejects it. */
CP_API cudaError_t cpBuildProgram(cpProgram* prog);
#ifdef __cplusplus
/* A kernel used as a value (`void (*k)(float*, int) = &kern; k<<<g, b>>>(p, n);`): the translated launch
   `(cpSetLaunchConfig(g, b, s, q), k(p, n))` leaves the configuration here for the calling thread, and the host
   function that has the kernel's name and signature launches with it, as CUDA's cudaConfigureCall does. */
struct cpLaunchConfig { dim3 grid, block; size_t shmem; cudaStream_t stream; };
static inline cpLaunchConfig& cp_pending_launch() {
    static thread_local cpLaunchConfig config = {dim3(), dim3(), 0, nullptr};
    return config;
}
static inline int cpSetLaunchConfig(dim3 grid, dim3 block, size_t shmem = 0, cudaStream_t stream = 0) {
    cp_pending_launch() = cpLaunchConfig{grid, block, shmem, stream};
    return 0;
}
#endif

/* ---- shim extensions (not CUDA) ---------------------------------------------------------------- */
/* OpenCL handles behind the shim, for interop and benchmarks: cl_platform_id, cl_device_id, cl_context
   and the cl_command_queue of `stream`. Any output pointer may be NULL. */
CP_API cudaError_t cpGetOpenCLHandles(cudaStream_t stream, void** platform, void** device, void** context,
                                      void** queue);
/* 1 when device pointers are SVM pointers, 0 on the handle-table path. */
CP_API int cpUsesSVM(void);
/* Records `error` as if a kernel had failed on the device (sticky, like CUDA's cudaErrorLaunchFailure);
   used to test error handling, since PoCL cannot report a faulting kernel. */
CP_API void cpSimulateDeviceFault(cudaError_t error);

#ifdef __cplusplus
/* CUDA's C++ overloads: symbols by reference, kernels by function (the function is not used). */
template <class T>
static inline cudaError_t cudaMemcpyToSymbol(const T& symbol, const void* src, size_t count, size_t offset = 0,
                                             cudaMemcpyKind kind = cudaMemcpyHostToDevice) {
    return cudaMemcpyToSymbol((const void*)&symbol, src, count, offset, kind);
}
template <class T>
static inline cudaError_t cudaMemcpyFromSymbol(void* dst, const T& symbol, size_t count, size_t offset = 0,
                                               cudaMemcpyKind kind = cudaMemcpyDeviceToHost) {
    return cudaMemcpyFromSymbol(dst, (const void*)&symbol, count, offset, kind);
}
template <class T>
static inline cudaError_t cudaMemcpyToSymbolAsync(const T& symbol, const void* src, size_t count,
                                                  size_t offset = 0,
                                                  cudaMemcpyKind kind = cudaMemcpyHostToDevice,
                                                  cudaStream_t stream = 0) {
    return cudaMemcpyToSymbolAsync((const void*)&symbol, src, count, offset, kind, stream);
}
template <class T>
static inline cudaError_t cudaMemcpyFromSymbolAsync(void* dst, const T& symbol, size_t count, size_t offset = 0,
                                                    cudaMemcpyKind kind = cudaMemcpyDeviceToHost,
                                                    cudaStream_t stream = 0) {
    return cudaMemcpyFromSymbolAsync(dst, (const void*)&symbol, count, offset, kind, stream);
}
template <class T>
static inline cudaError_t cudaGetSymbolAddress(void** devPtr, const T& symbol) {
    return cudaGetSymbolAddress(devPtr, (const void*)&symbol);
}
template <class T>
static inline cudaError_t cudaGetSymbolSize(size_t* size, const T& symbol) {
    return cudaGetSymbolSize(size, (const void*)&symbol);
}
template <class T>
static inline cudaError_t cudaMalloc(T** devPtr, size_t size) {
    return cudaMalloc((void**)(void*)devPtr, size);
}
template <class T>
static inline cudaError_t cudaMallocAsync(T** devPtr, size_t size, cudaStream_t stream) {
    return cudaMallocAsync((void**)(void*)devPtr, size, stream);
}
template <class T>
static inline cudaError_t cudaMallocHost(T** ptr, size_t size) {
    return cudaMallocHost((void**)(void*)ptr, size);
}
template <class T>
static inline cudaError_t cudaHostAlloc(T** ptr, size_t size, unsigned int flags) {
    return cudaHostAlloc((void**)(void*)ptr, size, flags);
}
template <class T>
static inline cudaError_t cudaMallocManaged(T** devPtr, size_t size, unsigned int flags = cudaMemAttachGlobal) {
    return cudaMallocManaged((void**)(void*)devPtr, size, flags);
}
template <class T>
static inline cudaError_t cudaMallocPitch(T** devPtr, size_t* pitch, size_t width, size_t height) {
    return cudaMallocPitch((void**)(void*)devPtr, pitch, width, height);
}
template <class T>
static inline cudaError_t cudaFuncSetCacheConfig(T* func, cudaFuncCache cacheConfig) {
    return cudaFuncSetCacheConfig((const void*)func, cacheConfig);
}
template <class T>
static inline cudaError_t cudaFuncGetAttributes(cudaFuncAttributes* attr, T* func) {
    return cudaFuncGetAttributes(attr, (const void*)func);
}
template <class T>
static inline cudaError_t cudaFuncSetAttribute(T* func, cudaFuncAttribute attr, int value) {
    return cudaFuncSetAttribute((const void*)func, attr, value);
}
template <class T>
static inline cudaError_t cudaOccupancyMaxPotentialBlockSize(int* minGridSize, int* blockSize, T /*func*/,
                                                             size_t dynamicSMemSize = 0, int blockSizeLimit = 0) {
    return cpOccupancyMaxPotentialBlockSize(minGridSize, blockSize, dynamicSMemSize, blockSizeLimit);
}
template <class T>
static inline cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* numBlocks, T /*func*/, int blockSize,
                                                                        size_t dynamicSMemSize) {
    return cpOccupancyMaxActiveBlocksPerMultiprocessor(numBlocks, blockSize, dynamicSMemSize);
}
#endif

#if defined(__cplusplus) && !defined(max) && !defined(min)
/* nvcc gives host code min/max overloads for the integer and floating types (CUDA's math_functions.hpp); programs
 * call max(1, atoi(s)) in main() without <algorithm>. The same set here; mixed signedness returns the unsigned. */
#define CP_MINMAX(R, A, B)                                                       \
    static inline R max(A a, B b) { return (R)a > (R)b ? (R)a : (R)b; }          \
    static inline R min(A a, B b) { return (R)a < (R)b ? (R)a : (R)b; }
CP_MINMAX(int, int, int)
CP_MINMAX(unsigned int, unsigned int, unsigned int)
CP_MINMAX(unsigned int, int, unsigned int)
CP_MINMAX(unsigned int, unsigned int, int)
CP_MINMAX(long, long, long)
CP_MINMAX(unsigned long, unsigned long, unsigned long)
CP_MINMAX(long long, long long, long long)
CP_MINMAX(unsigned long long, unsigned long long, unsigned long long)
CP_MINMAX(unsigned long long, long long, unsigned long long)
CP_MINMAX(unsigned long long, unsigned long long, long long)
#undef CP_MINMAX
static inline float max(float a, float b) { return fmaxf(a, b); }
static inline float min(float a, float b) { return fminf(a, b); }
static inline double max(double a, double b) { return fmax(a, b); }
static inline double min(double a, double b) { return fmin(a, b); }
static inline double max(float a, double b) { return fmax(a, b); }
static inline double min(float a, double b) { return fmin(a, b); }
static inline double max(double a, float b) { return fmax(a, b); }
static inline double min(double a, float b) { return fmin(a, b); }
#endif

/* ---- what CUDA's math headers give host code beyond the C library ---------------------------------------------
 * nvcc's math_functions.hpp defines a few CUDA math functions for the host as well (a host function may call
 * rsqrtf(n)), and declares the bit-reinterpretation intrinsics in every host pass: template code that host code
 * sees but never instantiates there (a struct with __device__ members, left in a header) names them with
 * non-dependent arguments, which g++ must resolve at the template's definition. Host definitions of both. */
static inline double rsqrt(double a) { return 1.0 / sqrt(a); }
static inline float rsqrtf(float a) { return (float)(1.0 / sqrt((double)a)); }
static inline double rcbrt(double a) { return 1.0 / cbrt(a); }
static inline float rcbrtf(float a) { return (float)(1.0 / cbrt((double)a)); }
static inline double normcdf(double a) { return 0.5 * erfc(-a * 0.70710678118654752440); }
static inline float normcdff(float a) { return (float)normcdf((double)a); }
static inline float __int_as_float(int v) { float r; memcpy(&r, &v, sizeof r); return r; }
static inline int __float_as_int(float v) { int r; memcpy(&r, &v, sizeof r); return r; }
static inline float __uint_as_float(unsigned int v) { float r; memcpy(&r, &v, sizeof r); return r; }
static inline unsigned int __float_as_uint(float v) { unsigned int r; memcpy(&r, &v, sizeof r); return r; }
static inline double __longlong_as_double(long long v) { double r; memcpy(&r, &v, sizeof r); return r; }
static inline long long __double_as_longlong(double v) { long long r; memcpy(&r, &v, sizeof r); return r; }

/* cuda_fp16.h and cuda_bf16.h map to this header too: their host types */
#include "cudaport_opencl_half.h"

#endif /* CUDAPORT_OPENCL_H */
