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
// CHECK-HIP: #if defined(__HIP_DEVICE_COMPILE__) && (/* CUDAPORT CP2003
#endif
#if !defined( __CUDA_ARCH__ )
// CHECK-HIP: #if !defined( __HIP_DEVICE_COMPILE__ )
#endif
void CUDART_CB on_done(cudaStream_t s, cudaError_t e, void* data) { (void)s; (void)e; (void)data; }
// CHECK-HIP: void  on_done(hipStream_t s, hipError_t e, void* data)
