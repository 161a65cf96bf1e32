// CUDA names in macro bodies are translated in the definition; uses in macro arguments at the use.
#include <cuda_runtime.h>
#define ALLOC(p, n) cudaMalloc(&(p), (n) * sizeof(*(p)))
// CHECK-HIP: #define ALLOC(p, n) hipMalloc(&(p), (n) * sizeof(*(p)))
#define SYNC_AND_CHECK()                     \
  do {                                       \
    cudaError_t err = cudaDeviceSynchronize(); \
    if (err != cudaSuccess) return err;      \
  } while (0)
// CHECK-HIP: hipError_t err = hipDeviceSynchronize(); \
// CHECK-HIP: if (err != hipSuccess) return err; \
#define WRAP(x) x
#if CUDART_VERSION >= 11000
// CHECK-HIP: #if /* CUDAPORT CP2001: no equivalent on this target: CUDART_VERSION
#endif
cudaError_t f(float* d, cudaStream_t s) {
  ALLOC(d, 16);
  WRAP(cudaMemsetAsync(d, 0, 64, s));
  // CHECK-HIP: WRAP(hipMemsetAsync(d, 0, 64, s));
  SYNC_AND_CHECK();
  return cudaSuccess;
}
