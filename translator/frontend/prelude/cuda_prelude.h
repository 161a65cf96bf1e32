/* cudaport's CUDA prelude: just enough of the CUDA surface for libclang to parse CUDA sources on a
 * machine without the CUDA toolkit. Written for parsing only: declarations, no definitions that run.
 * Force-included before every file (-include); the CUDA headers themselves resolve to empty stubs. */
#pragma once
#include <stddef.h>
#include <stdint.h>
/* Host math and C library functions are callable from device code in CUDA: mark them so. */
/* The C library's own headers, not libstdc++'s <math.h>/<stdlib.h> wrappers: those pull in parts of the
 * C++ library whose host-only overloads would then clash with these host+device declarations. */
#pragma clang force_cuda_host_device begin
#if __has_include("/usr/include/math.h") && __has_include("/usr/include/stdlib.h")
#include "/usr/include/math.h"
#include "/usr/include/stdlib.h"
#else
#include <math.h>
#include <stdlib.h>
#endif
#include <string.h>
#include <stdio.h>
#pragma clang force_cuda_host_device end

#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __align__(n) __attribute__((aligned(n)))
#define __restrict__ __restrict
#define __device_builtin__
#define __builtin_align__(a) __align__(a)
#define CUDART_CB
#define CUDARTAPI
#ifndef CUDART_VERSION
#define CUDART_VERSION 12000
#endif
#ifndef __CUDACC__
#define __CUDACC__ 1
#endif
#ifndef CUDA_VERSION
#define CUDA_VERSION 12000
#endif

/* ---- vector types ---- */
#define CP_VEC2(T, N) struct __align__(sizeof(T) * 2) N##2 { T x, y; }; typedef struct N##2 N##2;
#define CP_VEC3(T, N) struct N##3 { T x, y, z; }; typedef struct N##3 N##3;
#define CP_VEC4(T, N) struct __align__(sizeof(T) * 4 > 16 ? 16 : sizeof(T) * 4) N##4 { T x, y, z, w; }; typedef struct N##4 N##4;
#define CP_VEC1(T, N) struct N##1 { T x; }; typedef struct N##1 N##1;
#define CP_VECS(T, N) CP_VEC1(T, N) CP_VEC2(T, N) CP_VEC3(T, N) CP_VEC4(T, N) \
  static __host__ __device__ inline N##1 make_##N##1(T x) { N##1 v; v.x = x; return v; } \
  static __host__ __device__ inline N##2 make_##N##2(T x, T y) { N##2 v; v.x = x; v.y = y; return v; } \
  static __host__ __device__ inline N##3 make_##N##3(T x, T y, T z) { N##3 v; v.x = x; v.y = y; v.z = z; return v; } \
  static __host__ __device__ inline N##4 make_##N##4(T x, T y, T z, T w) { N##4 v; v.x = x; v.y = y; v.z = z; v.w = w; return v; }
CP_VECS(char, char) CP_VECS(unsigned char, uchar) CP_VECS(short, short) CP_VECS(unsigned short, ushort)
CP_VECS(int, int) CP_VECS(unsigned int, uint) CP_VECS(long, long) CP_VECS(unsigned long, ulong)
CP_VECS(long long, longlong) CP_VECS(unsigned long long, ulonglong) CP_VECS(float, float)
CP_VECS(double, double)

struct dim3 {
  unsigned int x, y, z;
  __host__ __device__ constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1)
      : x(vx), y(vy), z(vz) {}
  __host__ __device__ constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  __host__ __device__ constexpr operator uint3() const { return uint3{x, y, z}; }
};
typedef struct dim3 dim3;

/* ---- builtin variables ---- */
extern const __device__ uint3 threadIdx;
extern const __device__ uint3 blockIdx;
extern const __device__ dim3 blockDim;
extern const __device__ dim3 gridDim;
extern const __device__ int warpSize;

/* ---- runtime types ---- */
enum cudaError { cudaSuccess = 0, cudaErrorInvalidValue = 1, cudaErrorMemoryAllocation = 2,
  cudaErrorInitializationError = 3, cudaErrorCudartUnloading = 4, cudaErrorInvalidConfiguration = 9,
  cudaErrorInvalidDevice = 101, cudaErrorNoDevice = 100, cudaErrorInvalidDevicePointer = 17,
  cudaErrorInvalidMemcpyDirection = 21, cudaErrorNotReady = 600, cudaErrorLaunchFailure = 719,
  cudaErrorNotSupported = 801, cudaErrorUnknown = 999, cudaErrorInvalidSymbol = 13,
  cudaErrorInvalidResourceHandle = 400, cudaErrorPeerAccessAlreadyEnabled = 704 };
typedef enum cudaError cudaError_t;
enum cudaMemcpyKind { cudaMemcpyHostToHost = 0, cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3, cudaMemcpyDefault = 4 };
typedef struct CUstream_st* cudaStream_t;
typedef struct CUevent_st* cudaEvent_t;
typedef struct CUgraph_st* cudaGraph_t;
typedef struct CUgraphExec_st* cudaGraphExec_t;
typedef unsigned long long cudaTextureObject_t;
typedef unsigned long long cudaSurfaceObject_t;
typedef void (*cudaStreamCallback_t)(cudaStream_t, cudaError_t, void*);
typedef void (*cudaHostFn_t)(void*);
enum cudaFuncAttribute { cudaFuncAttributeMaxDynamicSharedMemorySize = 8,
  cudaFuncAttributePreferredSharedMemoryCarveout = 9, cudaFuncAttributeMax };
enum cudaFuncCache { cudaFuncCachePreferNone, cudaFuncCachePreferShared, cudaFuncCachePreferL1,
  cudaFuncCachePreferEqual };
enum cudaSharedMemConfig { cudaSharedMemBankSizeDefault, cudaSharedMemBankSizeFourByte,
  cudaSharedMemBankSizeEightByte };
enum cudaMemoryAdvise { cudaMemAdviseSetReadMostly = 1, cudaMemAdviseUnsetReadMostly,
  cudaMemAdviseSetPreferredLocation, cudaMemAdviseUnsetPreferredLocation, cudaMemAdviseSetAccessedBy,
  cudaMemAdviseUnsetAccessedBy };
enum cudaDeviceAttr { cudaDevAttrMaxThreadsPerBlock = 1, cudaDevAttrMaxBlockDimX = 2,
  cudaDevAttrMaxGridDimX = 5, cudaDevAttrMaxSharedMemoryPerBlock = 8, cudaDevAttrWarpSize = 10,
  cudaDevAttrMultiProcessorCount = 16, cudaDevAttrComputeCapabilityMajor = 75,
  cudaDevAttrComputeCapabilityMinor = 76 };
enum cudaStreamCaptureMode { cudaStreamCaptureModeGlobal, cudaStreamCaptureModeThreadLocal,
  cudaStreamCaptureModeRelaxed };
#define cudaStreamDefault 0x00
#define cudaStreamNonBlocking 0x01
#define cudaStreamLegacy ((cudaStream_t)0x1)
#define cudaStreamPerThread ((cudaStream_t)0x2)
#define cudaEventDefault 0x00
#define cudaEventBlockingSync 0x01
#define cudaEventDisableTiming 0x02
#define cudaHostAllocDefault 0x00
#define cudaHostAllocPortable 0x01
#define cudaHostAllocMapped 0x02
#define cudaHostAllocWriteCombined 0x04
#define cudaHostRegisterDefault 0x00
#define cudaMemAttachGlobal 0x01
#define cudaMemAttachHost 0x02
#define cudaDeviceScheduleAuto 0x00
#define cudaDeviceMapHost 0x08
#define cudaCpuDeviceId ((int)-1)

struct cudaDeviceProp {
  char name[256]; size_t totalGlobalMem; size_t sharedMemPerBlock; int regsPerBlock; int warpSize;
  size_t memPitch; int maxThreadsPerBlock; int maxThreadsDim[3]; int maxGridSize[3]; int clockRate;
  size_t totalConstMem; int major; int minor; size_t textureAlignment; int deviceOverlap;
  int multiProcessorCount; int kernelExecTimeoutEnabled; int integrated; int canMapHostMemory;
  int computeMode; int concurrentKernels; int ECCEnabled; int pciBusID; int pciDeviceID;
  int asyncEngineCount; int unifiedAddressing; int memoryClockRate; int memoryBusWidth;
  int l2CacheSize; int maxThreadsPerMultiProcessor; int managedMemory; int sharedMemPerBlockOptin;
  size_t sharedMemPerMultiprocessor; int regsPerMultiprocessor; int cooperativeLaunch;
};
struct cudaPitchedPtr { void* ptr; size_t pitch; size_t xsize; size_t ysize; };
struct cudaExtent { size_t width; size_t height; size_t depth; };
struct cudaPos { size_t x; size_t y; size_t z; };
struct cudaMemcpy3DParms { struct cudaPitchedPtr srcPtr; struct cudaPitchedPtr dstPtr;
  struct cudaExtent extent; enum cudaMemcpyKind kind; struct cudaPos srcPos; struct cudaPos dstPos; };
struct cudaPointerAttributes { int type; int device; void* devicePointer; void* hostPointer; };
struct cudaFuncAttributes { size_t sharedSizeBytes; size_t constSizeBytes; size_t localSizeBytes;
  int maxThreadsPerBlock; int numRegs; int ptxVersion; int binaryVersion; };

/* ---- runtime API (host) ---- */
#define CP_API extern "C" __host__ cudaError_t
CP_API cudaMalloc(void** p, size_t n);
template <class T> static __host__ inline cudaError_t cudaMalloc(T** p, size_t n) { return cudaMalloc((void**)p, n); }
CP_API cudaFree(void* p);
CP_API cudaMallocHost(void** p, size_t n);
template <class T> static __host__ inline cudaError_t cudaMallocHost(T** p, size_t n, unsigned int f = 0) { return cudaMallocHost((void**)p, n); }
CP_API cudaFreeHost(void* p);
CP_API cudaHostAlloc(void** p, size_t n, unsigned int flags);
template <class T> static __host__ inline cudaError_t cudaHostAlloc(T** p, size_t n, unsigned int f) { return cudaHostAlloc((void**)p, n, f); }
CP_API cudaHostRegister(void* p, size_t n, unsigned int flags);
CP_API cudaHostUnregister(void* p);
CP_API cudaHostGetDevicePointer(void** d, void* h, unsigned int flags);
CP_API cudaMallocManaged(void** p, size_t n, unsigned int flags = cudaMemAttachGlobal);
template <class T> static __host__ inline cudaError_t cudaMallocManaged(T** p, size_t n, unsigned int f = cudaMemAttachGlobal) { return cudaMallocManaged((void**)p, n, f); }
CP_API cudaMallocPitch(void** p, size_t* pitch, size_t w, size_t h);
template <class T> static __host__ inline cudaError_t cudaMallocPitch(T** p, size_t* pitch, size_t w, size_t h) { return cudaMallocPitch((void**)p, pitch, w, h); }
CP_API cudaMalloc3D(struct cudaPitchedPtr* p, struct cudaExtent e);
CP_API cudaMemcpy(void* dst, const void* src, size_t n, enum cudaMemcpyKind kind);
CP_API cudaMemcpyAsync(void* dst, const void* src, size_t n, enum cudaMemcpyKind kind, cudaStream_t s = 0);
CP_API cudaMemcpy2D(void* dst, size_t dpitch, const void* src, size_t spitch, size_t w, size_t h, enum cudaMemcpyKind kind);
CP_API cudaMemcpy2DAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t w, size_t h, enum cudaMemcpyKind kind, cudaStream_t s = 0);
CP_API cudaMemcpy3D(const struct cudaMemcpy3DParms* p);
CP_API cudaMemcpy3DAsync(const struct cudaMemcpy3DParms* p, cudaStream_t s = 0);
CP_API cudaMemcpyPeer(void* dst, int dd, const void* src, int sd, size_t n);
CP_API cudaMemcpyPeerAsync(void* dst, int dd, const void* src, int sd, size_t n, cudaStream_t s = 0);
CP_API cudaMemset(void* p, int v, size_t n);
CP_API cudaMemsetAsync(void* p, int v, size_t n, cudaStream_t s = 0);
CP_API cudaMemset2D(void* p, size_t pitch, int v, size_t w, size_t h);
CP_API cudaMemset2DAsync(void* p, size_t pitch, int v, size_t w, size_t h, cudaStream_t s = 0);
CP_API cudaMemset3D(struct cudaPitchedPtr p, int v, struct cudaExtent e);
CP_API cudaMemGetInfo(size_t* free_bytes, size_t* total_bytes);
CP_API cudaMemPrefetchAsync(const void* p, size_t n, int device, cudaStream_t s = 0);
CP_API cudaMemAdvise(const void* p, size_t n, enum cudaMemoryAdvise a, int device);
CP_API cudaPointerGetAttributes(struct cudaPointerAttributes* a, const void* p);
CP_API cudaMemcpyToSymbol(const void* sym, const void* src, size_t n, size_t off = 0, enum cudaMemcpyKind k = cudaMemcpyHostToDevice);
CP_API cudaMemcpyFromSymbol(void* dst, const void* sym, size_t n, size_t off = 0, enum cudaMemcpyKind k = cudaMemcpyDeviceToHost);
CP_API cudaMemcpyToSymbolAsync(const void* sym, const void* src, size_t n, size_t off, enum cudaMemcpyKind k, cudaStream_t s = 0);
CP_API cudaMemcpyFromSymbolAsync(void* dst, const void* sym, size_t n, size_t off, enum cudaMemcpyKind k, cudaStream_t s = 0);
CP_API cudaGetSymbolAddress(void** p, const void* sym);
CP_API cudaGetSymbolSize(size_t* n, const void* sym);
template <class T> static __host__ inline cudaError_t cudaMemcpyToSymbol(const T& sym, const void* src, size_t n, size_t off = 0, enum cudaMemcpyKind k = cudaMemcpyHostToDevice) { return cudaMemcpyToSymbol((const void*)&sym, src, n, off, k); }
template <class T> static __host__ inline cudaError_t cudaMemcpyFromSymbol(void* dst, const T& sym, size_t n, size_t off = 0, enum cudaMemcpyKind k = cudaMemcpyDeviceToHost) { return cudaMemcpyFromSymbol(dst, (const void*)&sym, n, off, k); }
template <class T> static __host__ inline cudaError_t cudaMemcpyToSymbolAsync(const T& sym, const void* src, size_t n, size_t off, enum cudaMemcpyKind k, cudaStream_t s = 0) { return cudaMemcpyToSymbolAsync((const void*)&sym, src, n, off, k, s); }
template <class T> static __host__ inline cudaError_t cudaMemcpyFromSymbolAsync(void* dst, const T& sym, size_t n, size_t off, enum cudaMemcpyKind k, cudaStream_t s = 0) { return cudaMemcpyFromSymbolAsync(dst, (const void*)&sym, n, off, k, s); }
template <class T> static __host__ inline cudaError_t cudaGetSymbolAddress(void** p, const T& sym) { return cudaGetSymbolAddress(p, (const void*)&sym); }
CP_API cudaGetDeviceCount(int* n);
CP_API cudaGetDevice(int* d);
CP_API cudaSetDevice(int d);
CP_API cudaGetDeviceProperties(struct cudaDeviceProp* p, int d);
CP_API cudaDeviceGetAttribute(int* v, enum cudaDeviceAttr a, int d);
CP_API cudaDeviceSynchronize(void);
CP_API cudaDeviceReset(void);
CP_API cudaThreadSynchronize(void);
CP_API cudaSetDeviceFlags(unsigned int f);
CP_API cudaDeviceSetCacheConfig(enum cudaFuncCache c);
CP_API cudaDeviceSetSharedMemConfig(enum cudaSharedMemConfig c);
CP_API cudaDeviceCanAccessPeer(int* can, int d, int peer);
CP_API cudaDeviceEnablePeerAccess(int peer, unsigned int flags);
CP_API cudaDeviceDisablePeerAccess(int peer);
CP_API cudaDriverGetVersion(int* v);
CP_API cudaRuntimeGetVersion(int* v);
CP_API cudaGetLastError(void);
CP_API cudaPeekAtLastError(void);
extern "C" __host__ __device__ const char* cudaGetErrorString(cudaError_t e);
extern "C" __host__ __device__ const char* cudaGetErrorName(cudaError_t e);
CP_API cudaStreamCreate(cudaStream_t* s);
CP_API cudaStreamCreateWithFlags(cudaStream_t* s, unsigned int f);
CP_API cudaStreamCreateWithPriority(cudaStream_t* s, unsigned int f, int prio);
CP_API cudaStreamDestroy(cudaStream_t s);
CP_API cudaStreamSynchronize(cudaStream_t s);
CP_API cudaStreamQuery(cudaStream_t s);
CP_API cudaStreamWaitEvent(cudaStream_t s, cudaEvent_t e, unsigned int f = 0);
CP_API cudaStreamAddCallback(cudaStream_t s, cudaStreamCallback_t cb, void* data, unsigned int f);
CP_API cudaLaunchHostFunc(cudaStream_t s, cudaHostFn_t fn, void* data);
CP_API cudaStreamBeginCapture(cudaStream_t s, enum cudaStreamCaptureMode m);
CP_API cudaStreamEndCapture(cudaStream_t s, cudaGraph_t* g);
CP_API cudaGraphInstantiate(cudaGraphExec_t* e, cudaGraph_t g, unsigned long long flags = 0);
CP_API cudaGraphLaunch(cudaGraphExec_t e, cudaStream_t s);
CP_API cudaGraphDestroy(cudaGraph_t g);
CP_API cudaGraphExecDestroy(cudaGraphExec_t e);
CP_API cudaDeviceGetStreamPriorityRange(int* lo, int* hi);
CP_API cudaEventCreate(cudaEvent_t* e);
CP_API cudaEventCreateWithFlags(cudaEvent_t* e, unsigned int f);
CP_API cudaEventRecord(cudaEvent_t e, cudaStream_t s = 0);
CP_API cudaEventSynchronize(cudaEvent_t e);
CP_API cudaEventQuery(cudaEvent_t e);
CP_API cudaEventElapsedTime(float* ms, cudaEvent_t a, cudaEvent_t b);
CP_API cudaEventDestroy(cudaEvent_t e);
CP_API cudaFuncSetCacheConfig(const void* f, enum cudaFuncCache c);
CP_API cudaFuncGetAttributes(struct cudaFuncAttributes* a, const void* f);
CP_API cudaFuncSetAttribute(const void* f, enum cudaFuncAttribute attr, int value);
CP_API cudaLaunchKernel(const void* f, dim3 g, dim3 b, void** args, size_t shmem, cudaStream_t s);
CP_API cudaLaunchCooperativeKernel(const void* f, dim3 g, dim3 b, void** args, size_t shmem, cudaStream_t s);
CP_API cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* n, const void* f, int block, size_t shmem);
CP_API cudaOccupancyMaxPotentialBlockSize(int* grid, int* block, const void* f, size_t shmem = 0, int limit = 0);
template <class F> static __host__ inline cudaError_t cudaFuncSetCacheConfig(F* f, enum cudaFuncCache c) { return cudaFuncSetCacheConfig((const void*)f, c); }
template <class F> static __host__ inline cudaError_t cudaFuncGetAttributes(struct cudaFuncAttributes* a, F* f) { return cudaFuncGetAttributes(a, (const void*)f); }
template <class F> static __host__ inline cudaError_t cudaFuncSetAttribute(F* f, enum cudaFuncAttribute attr, int value) { return cudaFuncSetAttribute((const void*)f, attr, value); }
template <class F> static __host__ inline cudaError_t cudaOccupancyMaxPotentialBlockSize(int* grid, int* block, F f, size_t shmem = 0, int limit = 0) { return cudaOccupancyMaxPotentialBlockSize(grid, block, (const void*)f, shmem, limit); }
template <class F> static __host__ inline cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* n, F f, int block, size_t shmem) { return cudaOccupancyMaxActiveBlocksPerMultiprocessor(n, (const void*)f, block, shmem); }
/* clang lowers <<<>>> to one of these, depending on whether it believes a CUDA install exists. */
extern "C" __host__ unsigned __cudaPushCallConfiguration(dim3 g, dim3 b, size_t shmem = 0, void* stream = 0);
CP_API cudaConfigureCall(dim3 g, dim3 b, size_t shmem = 0, cudaStream_t s = 0);
#undef CP_API

/* ---- device functions ---- */
#define CP_DEV static __device__ inline
/* min/max as CUDA's math_functions.hpp overloads them (C++): mixed signedness gives the unsigned type, a float
 * with a double gives double; the OpenCL target writes the chosen conversions out (opencl/mathargs.py). */
#define CP_MINMAX(R, A, B) __host__ __device__ R min(A, B); __host__ __device__ R max(A, B);
CP_MINMAX(int, int, int) CP_MINMAX(unsigned int, unsigned int, unsigned int)
CP_MINMAX(unsigned int, int, unsigned int) CP_MINMAX(unsigned int, unsigned int, int)
CP_MINMAX(long, long, long) CP_MINMAX(unsigned long, unsigned long, unsigned long)
CP_MINMAX(unsigned long, long, unsigned long) CP_MINMAX(unsigned long, unsigned long, long)
CP_MINMAX(long long, long long, long long) CP_MINMAX(unsigned long long, unsigned long long, unsigned long long)
CP_MINMAX(unsigned long long, long long, unsigned long long)
CP_MINMAX(unsigned long long, unsigned long long, long long)
CP_MINMAX(float, float, float) CP_MINMAX(double, double, double) CP_MINMAX(double, float, double)
CP_MINMAX(double, double, float)
#undef CP_MINMAX
__device__ void __syncthreads(void);
__device__ int __syncthreads_count(int);
__device__ int __syncthreads_and(int);
__device__ int __syncthreads_or(int);
__device__ void __syncwarp(unsigned mask = 0xffffffffu);
__device__ void __threadfence(void);
__device__ void __threadfence_block(void);
__device__ void __threadfence_system(void);
#define CP_ATOMIC_T(name, T) __device__ T name(T* a, T v); __device__ T name##_block(T* a, T v); __device__ T name##_system(T* a, T v);
#define CP_ATOMIC_INTS(name) CP_ATOMIC_T(name, int) CP_ATOMIC_T(name, unsigned int) CP_ATOMIC_T(name, unsigned long long) CP_ATOMIC_T(name, long long)
CP_ATOMIC_INTS(atomicAdd) CP_ATOMIC_T(atomicAdd, float) CP_ATOMIC_T(atomicAdd, double)
CP_ATOMIC_INTS(atomicSub) CP_ATOMIC_INTS(atomicExch) CP_ATOMIC_T(atomicExch, float)
CP_ATOMIC_INTS(atomicMin) CP_ATOMIC_INTS(atomicMax) CP_ATOMIC_INTS(atomicAnd) CP_ATOMIC_INTS(atomicOr)
CP_ATOMIC_INTS(atomicXor)
__device__ unsigned int atomicInc(unsigned int* a, unsigned int v);
__device__ unsigned int atomicDec(unsigned int* a, unsigned int v);
__device__ int atomicCAS(int* a, int cmp, int v);
__device__ unsigned int atomicCAS(unsigned int* a, unsigned int cmp, unsigned int v);
__device__ unsigned long long atomicCAS(unsigned long long* a, unsigned long long cmp, unsigned long long v);
__device__ unsigned short atomicCAS(unsigned short* a, unsigned short cmp, unsigned short v);
#define CP_SHFL_T(T) \
  __device__ T __shfl_sync(unsigned mask, T v, int src, int width = 32); \
  __device__ T __shfl_up_sync(unsigned mask, T v, unsigned d, int width = 32); \
  __device__ T __shfl_down_sync(unsigned mask, T v, unsigned d, int width = 32); \
  __device__ T __shfl_xor_sync(unsigned mask, T v, int m, int width = 32); \
  __device__ T __shfl(T v, int src, int width = 32); \
  __device__ T __shfl_up(T v, unsigned d, int width = 32); \
  __device__ T __shfl_down(T v, unsigned d, int width = 32); \
  __device__ T __shfl_xor(T v, int m, int width = 32);
CP_SHFL_T(int) CP_SHFL_T(unsigned int) CP_SHFL_T(long) CP_SHFL_T(unsigned long) CP_SHFL_T(long long)
CP_SHFL_T(unsigned long long) CP_SHFL_T(float) CP_SHFL_T(double)
__host__ __device__ unsigned __ballot_sync(unsigned mask, int p);
__host__ __device__ int __any_sync(unsigned mask, int p);
__host__ __device__ int __all_sync(unsigned mask, int p);
__host__ __device__ unsigned __activemask(void);
__host__ __device__ unsigned __ballot(int p);
__host__ __device__ int __any(int p);
__host__ __device__ int __all(int p);
__host__ __device__ unsigned __match_any_sync(unsigned mask, int v);
__host__ __device__ unsigned __reduce_add_sync(unsigned mask, unsigned v);
__host__ __device__ int __popc(unsigned v);
__host__ __device__ int __popcll(unsigned long long v);
__host__ __device__ int __clz(int v);
__host__ __device__ int __clzll(long long v);
__host__ __device__ int __ffs(int v);
__host__ __device__ int __ffsll(long long v);
__host__ __device__ unsigned __brev(unsigned v);
__host__ __device__ unsigned __byte_perm(unsigned a, unsigned b, unsigned s);
__host__ __device__ int __mul24(int a, int b);
__host__ __device__ int __mulhi(int a, int b);
__host__ __device__ unsigned __umulhi(unsigned a, unsigned b);
__device__ long long clock64(void);
__device__ long clock(void);
/* CUDA's global min/max overloads (math_functions.hpp), host and device: clang resolves each call to the
 * overload nvcc picks (mixed int/unsigned give unsigned, float/double give double) and the targets read the
 * parameter types from that declaration. */
#define CP_MINMAX(F) \
  __host__ __device__ int F(int, int); __host__ __device__ unsigned int F(unsigned int, unsigned int);        \
  __host__ __device__ unsigned int F(int, unsigned int); __host__ __device__ unsigned int F(unsigned int, int); \
  __host__ __device__ long F(long, long); __host__ __device__ unsigned long F(unsigned long, unsigned long);   \
  __host__ __device__ unsigned long F(long, unsigned long); __host__ __device__ unsigned long F(unsigned long, long); \
  __host__ __device__ long long F(long long, long long);                                                      \
  __host__ __device__ unsigned long long F(unsigned long long, unsigned long long);                           \
  __host__ __device__ unsigned long long F(long long, unsigned long long);                                    \
  __host__ __device__ unsigned long long F(unsigned long long, long long);                                    \
  __host__ __device__ float F(float, float); __host__ __device__ double F(double, double);                    \
  __host__ __device__ double F(float, double); __host__ __device__ double F(double, float);
CP_MINMAX(min) CP_MINMAX(max)
#undef CP_MINMAX
__host__ __device__ unsigned int umin(unsigned int, unsigned int);
__host__ __device__ unsigned int umax(unsigned int, unsigned int);
__host__ __device__ long long llmin(long long, long long);
__host__ __device__ long long llmax(long long, long long);
__host__ __device__ unsigned long long ullmin(unsigned long long, unsigned long long);
__host__ __device__ unsigned long long ullmax(unsigned long long, unsigned long long);
__host__ __device__ float __expf(float);
__host__ __device__ float __exp10f(float);
__host__ __device__ float __logf(float);
__host__ __device__ float __log2f(float);
__host__ __device__ float __log10f(float);
__host__ __device__ float __sinf(float);
__host__ __device__ float __cosf(float);
__host__ __device__ float __tanf(float);
__host__ __device__ void __sincosf(float, float*, float*);
__host__ __device__ float __powf(float, float);
__host__ __device__ float __fdividef(float, float);
__host__ __device__ float __frcp_rn(float);
__host__ __device__ float __fsqrt_rn(float);
__host__ __device__ float __frsqrt_rn(float);
__host__ __device__ float __fadd_rn(float, float);
__host__ __device__ float __fmul_rn(float, float);
__host__ __device__ float __fmaf_rn(float, float, float);
__host__ __device__ double __dadd_rn(double, double);
__host__ __device__ double __dmul_rn(double, double);
__host__ __device__ double __fma_rn(double, double, double);
__host__ __device__ float __saturatef(float);
__host__ __device__ int __float2int_rn(float);
__host__ __device__ int __float2int_rz(float);
__host__ __device__ unsigned __float2uint_rn(float);
__host__ __device__ float __int2float_rn(int);
__host__ __device__ float __uint2float_rn(unsigned);
__host__ __device__ int __float_as_int(float);
__host__ __device__ float __int_as_float(int);
__host__ __device__ unsigned __float_as_uint(float);
__host__ __device__ float __uint_as_float(unsigned);
__host__ __device__ long long __double_as_longlong(double);
__host__ __device__ double __longlong_as_double(long long);
__host__ __device__ int __double2int_rn(double);
__host__ __device__ float __double2float_rn(double);
__host__ __device__ float rsqrtf(float);
__host__ __device__ double rsqrt(double);
__host__ __device__ float rcbrtf(float);
__host__ __device__ float sinpif(float);
__host__ __device__ float cospif(float);
__host__ __device__ void sincospif(float, float*, float*);
__host__ __device__ float normcdff(float);
__host__ __device__ float erfinvf(float);
__host__ __device__ double erfinv(double);
__host__ __device__ float fdividef(float, float);

/* ---- cuda_fp16.h / cuda_bf16.h: the types with CUDA's members and conversions, and the intrinsics, so
   members (h2.x) and overloads resolve; operators go through the float conversion ---- */
#define CP_HALF_TYPE(H, H2)                                                                    \
  struct __align__(2) H {                                                                      \
    unsigned short __x;                                                                        \
    H() = default;                                                                             \
    __host__ __device__ H(float f);                                                            \
    __host__ __device__ H(double d);                                                           \
    __host__ __device__ H(int i);                                                              \
    __host__ __device__ H(unsigned i);                                                         \
    __host__ __device__ H(long long i);                                                        \
    __host__ __device__ H(unsigned long long i);                                               \
    __host__ __device__ operator float() const;                                                \
  };                                                                                           \
  struct __align__(4) H2 { H x, y; H2() = default; __host__ __device__ H2(H a, H b) : x(a), y(b) {} }; \
  CP_HALF_OPERATORS(H) CP_HALF_OPERATORS(H2)
/* CUDA's operators on half types are free functions over the intrinsics (__hadd, __heq, ...) */
#define CP_HALF_OPERATORS(T)                                                                   \
  __host__ __device__ T operator+(const T&, const T&); __host__ __device__ T operator-(const T&, const T&); \
  __host__ __device__ T operator*(const T&, const T&); __host__ __device__ T operator/(const T&, const T&); \
  __host__ __device__ T& operator+=(T&, const T&); __host__ __device__ T& operator-=(T&, const T&);      \
  __host__ __device__ T& operator*=(T&, const T&); __host__ __device__ T& operator/=(T&, const T&);      \
  __host__ __device__ T operator-(const T&); __host__ __device__ T operator+(const T&);                 \
  __host__ __device__ bool operator==(const T&, const T&); __host__ __device__ bool operator!=(const T&, const T&); \
  __host__ __device__ bool operator<(const T&, const T&); __host__ __device__ bool operator<=(const T&, const T&); \
  __host__ __device__ bool operator>(const T&, const T&); __host__ __device__ bool operator>=(const T&, const T&);
CP_HALF_TYPE(__half, __half2)
CP_HALF_TYPE(__nv_bfloat16, __nv_bfloat162)
#undef CP_HALF_TYPE
#undef CP_HALF_OPERATORS
typedef __half half;
typedef __half2 half2;
typedef __half nv_half;
typedef __half2 nv_half2;
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;
#define CP_HALF_OPS(H, H2, B)                                                                  \
  __host__ __device__ H __hadd(H, H); __host__ __device__ H __hsub(H, H);                     \
  __host__ __device__ H __hmul(H, H); __host__ __device__ H __hdiv(H, H);                     \
  __host__ __device__ H __hfma(H, H, H); __host__ __device__ H __hneg(H);                     \
  __host__ __device__ H __habs(H); __host__ __device__ H __hmax(H, H);                        \
  __host__ __device__ H __hmin(H, H); __host__ __device__ H __hmax_nan(H, H);                 \
  __host__ __device__ H __hmin_nan(H, H); __host__ __device__ H __hadd_sat(H, H);             \
  __host__ __device__ H __hsub_sat(H, H); __host__ __device__ H __hmul_sat(H, H);             \
  __host__ __device__ H __hfma_sat(H, H, H);                                                  \
  __host__ __device__ H2 __hadd2(H2, H2); __host__ __device__ H2 __hsub2(H2, H2);             \
  __host__ __device__ H2 __hmul2(H2, H2); __host__ __device__ H2 __h2div(H2, H2);             \
  __host__ __device__ H2 __hfma2(H2, H2, H2); __host__ __device__ H2 __hneg2(H2);             \
  __host__ __device__ H2 __habs2(H2); __host__ __device__ H2 __hmax2(H2, H2);                 \
  __host__ __device__ H2 __hmin2(H2, H2); __host__ __device__ H2 __hadd2_sat(H2, H2);         \
  __host__ __device__ H2 __hsub2_sat(H2, H2); __host__ __device__ H2 __hmul2_sat(H2, H2);     \
  __host__ __device__ H2 __hfma2_sat(H2, H2, H2);                                             \
  __host__ __device__ bool __heq(H, H); __host__ __device__ bool __hne(H, H);                 \
  __host__ __device__ bool __hlt(H, H); __host__ __device__ bool __hle(H, H);                 \
  __host__ __device__ bool __hgt(H, H); __host__ __device__ bool __hge(H, H);                 \
  __host__ __device__ bool __hequ(H, H); __host__ __device__ bool __hneu(H, H);               \
  __host__ __device__ bool __hltu(H, H); __host__ __device__ bool __hleu(H, H);               \
  __host__ __device__ bool __hgtu(H, H); __host__ __device__ bool __hgeu(H, H);               \
  __host__ __device__ H2 __heq2(H2, H2); __host__ __device__ H2 __hne2(H2, H2);               \
  __host__ __device__ H2 __hlt2(H2, H2); __host__ __device__ H2 __hle2(H2, H2);               \
  __host__ __device__ H2 __hgt2(H2, H2); __host__ __device__ H2 __hge2(H2, H2);               \
  __host__ __device__ bool __hbeq2(H2, H2); __host__ __device__ bool __hbne2(H2, H2);         \
  __host__ __device__ bool __hblt2(H2, H2); __host__ __device__ bool __hble2(H2, H2);         \
  __host__ __device__ bool __hbgt2(H2, H2); __host__ __device__ bool __hbge2(H2, H2);         \
  __host__ __device__ bool __hisnan(H); __host__ __device__ int __hisinf(H);                  \
  __host__ __device__ H2 __hisnan2(H2);                                                       \
  __host__ __device__ H hsqrt(H); __host__ __device__ H hrsqrt(H); __host__ __device__ H hrcp(H); \
  __host__ __device__ H hexp(H); __host__ __device__ H hexp2(H); __host__ __device__ H hexp10(H); \
  __host__ __device__ H hlog(H); __host__ __device__ H hlog2(H); __host__ __device__ H hlog10(H); \
  __host__ __device__ H hsin(H); __host__ __device__ H hcos(H); __host__ __device__ H htrunc(H); \
  __host__ __device__ H hceil(H); __host__ __device__ H hfloor(H); __host__ __device__ H hrint(H); \
  __host__ __device__ H2 h2sqrt(H2); __host__ __device__ H2 h2rsqrt(H2); __host__ __device__ H2 h2rcp(H2); \
  __host__ __device__ H2 h2exp(H2); __host__ __device__ H2 h2exp2(H2); __host__ __device__ H2 h2exp10(H2); \
  __host__ __device__ H2 h2log(H2); __host__ __device__ H2 h2log2(H2); __host__ __device__ H2 h2log10(H2); \
  __host__ __device__ H2 h2sin(H2); __host__ __device__ H2 h2cos(H2); __host__ __device__ H2 h2trunc(H2); \
  __host__ __device__ H2 h2ceil(H2); __host__ __device__ H2 h2floor(H2); __host__ __device__ H2 h2rint(H2); \
  __host__ __device__ float __low2float(H2); __host__ __device__ float __high2float(H2);       \
  __host__ __device__ H2 __lowhigh2highlow(H2);                                               \
  __host__ __device__ H2 __lows2##B##2(H2, H2); __host__ __device__ H2 __highs2##B##2(H2, H2); \
  __host__ __device__ H __low2##B(H2); __host__ __device__ H __high2##B(H2);                  \
  __host__ __device__ H2 __low2##B##2(H2); __host__ __device__ H2 __high2##B##2(H2);          \
  __host__ __device__ H2 __halves2##B##2(H, H); __host__ __device__ H2 __##B##2##B##2(H);     \
  __host__ __device__ short __##B##_as_short(H); __host__ __device__ unsigned short __##B##_as_ushort(H); \
  __host__ __device__ H __short_as_##B(short); __host__ __device__ H __ushort_as_##B(unsigned short);
CP_HALF_OPS(__half, __half2, half)
CP_HALF_OPS(__nv_bfloat16, __nv_bfloat162, bfloat16)
#undef CP_HALF_OPS
__host__ __device__ __half2 __halves2half2(__half, __half);
__host__ __device__ __nv_bfloat162 __halves2bfloat162(__nv_bfloat16, __nv_bfloat16);
__host__ __device__ int __hadd(int, int);
__host__ __device__ __half __float2half(float);
__host__ __device__ __half __float2half_rn(float);
__host__ __device__ __half __float2half_rz(float);
__host__ __device__ __half __float2half_rd(float);
__host__ __device__ __half __float2half_ru(float);
__host__ __device__ __half __double2half(double);
__host__ __device__ float __half2float(__half);
__host__ __device__ __half2 __float2half2_rn(float);
__host__ __device__ __half2 __floats2half2_rn(float, float);
__host__ __device__ __half2 __float22half2_rn(float2);
__host__ __device__ float2 __half22float2(__half2);
__host__ __device__ __half2 make_half2(__half, __half);
__host__ __device__ __nv_bfloat16 __float2bfloat16(float);
__host__ __device__ __nv_bfloat16 __float2bfloat16_rn(float);
__host__ __device__ __nv_bfloat16 __float2bfloat16_rz(float);
__host__ __device__ __nv_bfloat16 __double2bfloat16(double);
__host__ __device__ float __bfloat162float(__nv_bfloat16);
__host__ __device__ __nv_bfloat162 __float2bfloat162_rn(float);
__host__ __device__ __nv_bfloat162 __floats2bfloat162_rn(float, float);
__host__ __device__ __nv_bfloat162 __float22bfloat162_rn(float2);
__host__ __device__ float2 __bfloat1622float2(__nv_bfloat162);
__host__ __device__ int __bfloat162int_rn(__nv_bfloat16);
__host__ __device__ int __bfloat162int_rz(__nv_bfloat16);
__host__ __device__ __nv_bfloat16 __int2bfloat16_rn(int);
#define CP_HALF_INT(N, T)                                                                      \
  __host__ __device__ T __half2##N##_rn(__half); __host__ __device__ T __half2##N##_rz(__half); \
  __host__ __device__ T __half2##N##_rd(__half); __host__ __device__ T __half2##N##_ru(__half); \
  __host__ __device__ __half __##N##2half_rn(T); __host__ __device__ __half __##N##2half_rz(T); \
  __host__ __device__ __half __##N##2half_rd(T); __host__ __device__ __half __##N##2half_ru(T);
CP_HALF_INT(short, short) CP_HALF_INT(ushort, unsigned short) CP_HALF_INT(int, int)
CP_HALF_INT(uint, unsigned int) CP_HALF_INT(ll, long long) CP_HALF_INT(ull, unsigned long long)
#undef CP_HALF_INT
// cooperative_groups.h (a stub here): the groups and the calls on them, so a file that uses them parses.
namespace cooperative_groups {
class thread_group {
 public:
  __device__ void sync() const;
  __device__ unsigned long long size() const;
  __device__ unsigned long long num_threads() const;
  __device__ unsigned long long thread_rank() const;
  template <class T> __device__ T shfl(T v, int src) const;
  template <class T> __device__ T shfl_down(T v, unsigned int d) const;
  template <class T> __device__ T shfl_up(T v, unsigned int d) const;
  template <class T> __device__ T shfl_xor(T v, unsigned int m) const;
  __device__ int any(int p) const;
  __device__ int all(int p) const;
  __device__ unsigned int ballot(int p) const;
  __device__ unsigned int meta_group_rank() const;
  __device__ unsigned int meta_group_size() const;
};
class thread_block : public thread_group {
 public:
  __device__ dim3 group_index() const;
  __device__ dim3 thread_index() const;
  __device__ dim3 group_dim() const;
  __device__ dim3 dim_threads() const;
};
class grid_group : public thread_group {
 public:
  __device__ bool is_valid() const;
  __device__ dim3 group_dim() const;
};
class coalesced_group : public thread_group {};
template <unsigned int Size, class Parent = void> class thread_block_tile : public thread_group {};
__device__ thread_block this_thread_block();
__device__ grid_group this_grid();
__device__ coalesced_group coalesced_threads();
template <unsigned int Size, class Parent> __device__ thread_block_tile<Size, Parent> tiled_partition(const Parent&);
__device__ thread_group tiled_partition(const thread_group&, unsigned int);
template <class Group> __device__ void sync(const Group&);
template <class T> struct plus { __device__ T operator()(T a, T b) const; };
template <class T> struct less { __device__ T operator()(T a, T b) const; };
template <class T> struct greater { __device__ T operator()(T a, T b) const; };
template <class T> struct bit_and { __device__ T operator()(T a, T b) const; };
template <class T> struct bit_or { __device__ T operator()(T a, T b) const; };
template <class T> struct bit_xor { __device__ T operator()(T a, T b) const; };
template <class Group, class T, class Op> __device__ T reduce(const Group&, T, Op);
template <class Group, class T> __device__ T inclusive_scan(const Group&, T);
template <class Group, class T> __device__ T exclusive_scan(const Group&, T);
}  // namespace cooperative_groups
