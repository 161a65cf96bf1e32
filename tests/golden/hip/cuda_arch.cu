// __CUDA_ARCH__: "is this the device pass" tests become __HIP_DEVICE_COMPILE__; version comparisons are flagged.
#include <cuda_runtime.h>
#include <cstdio>
__host__ __device__ int where() {
#ifdef __CUDA_ARCH__
  // CHECK-HIP: #ifdef __HIP_DEVICE_COMPILE__
  return 1;
#else
  return 0;
#endif
}
#if defined(__CUDA_ARCH__) && (__CUDA_ARCH__ < 600)
// CHECK-HIP: #ifndef CUDAPORT_CUDA_ARCH
// CHECK-HIP: #define CUDAPORT_CUDA_ARCH 600
// CHECK-HIP: #define CUDAPORT_CUDA_ARCH 0
// CHECK-HIP: choose another */ CUDAPORT_CUDA_ARCH < 600)
#endif
__device__ int banks() { return (__CUDA_ARCH__ >= 200) ? 32 : 16; }
// CHECK-HIP: __device__ int banks() { return (/* CUDAPORT CP2003
#if !defined( __CUDA_ARCH__ )
// CHECK-HIP: #if !defined( __HIP_DEVICE_COMPILE__ )
#endif
void CUDART_CB on_done(cudaStream_t s, cudaError_t e, void* data) { (void)s; (void)e; (void)data; }
// CHECK-HIP: void  on_done(hipStream_t s, hipError_t e, void* data)
