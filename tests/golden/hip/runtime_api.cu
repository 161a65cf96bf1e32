// Runtime API calls, error checking macros, streams and events.
#include <cuda_runtime.h>
// CHECK-HIP: #include <hip/hip_runtime.h>
#include <cstdio>

#define CUDA_CHECK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { printf("%s\n", cudaGetErrorString(e_)); } } while (0)
// CHECK-HIP: #define CUDA_CHECK(x) do { hipError_t e_ = (x); if (e_ != hipSuccess) { printf("%s\n", hipGetErrorString(e_)); } } while (0)

int main() {
  float *d = nullptr;
  // cudaMalloc below allocates; this comment keeps its CUDA name
  // CHECK-HIP: // cudaMalloc below allocates; this comment keeps its CUDA name
  CUDA_CHECK(cudaMalloc(&d, 1024));
  // CHECK-HIP: CUDA_CHECK(hipMalloc(&d, 1024));
  const char *msg = "cudaMemcpy failed";
  // CHECK-HIP: const char *msg = "cudaMemcpy failed";
  cudaStream_t s;
  cudaEvent_t a, b;
  // CHECK-HIP: hipStream_t s;
  // CHECK-HIP: hipEvent_t a, b;
  cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking);
  // CHECK-HIP: hipStreamCreateWithFlags(&s, hipStreamNonBlocking);
  cudaEventCreate(&a); cudaEventCreate(&b);
  cudaEventRecord(a, s);
  cudaMemsetAsync(d, 0, 1024, s);
  // CHECK-HIP: hipMemsetAsync(d, 0, 1024, s);
  cudaEventRecord(b, s);
  cudaEventSynchronize(b);
  float ms;
  cudaEventElapsedTime(&ms, a, b);
  // CHECK-HIP: hipEventElapsedTime(&ms, a, b);
  cudaDeviceProp prop;
  // CHECK-HIP: hipDeviceProp_t prop;
  cudaGetDeviceProperties(&prop, 0);
  float *h;
  cudaMallocHost(&h, 1024);
  // CHECK-HIP: hipHostMalloc(&h, 1024, hipHostMallocDefault);
  cudaMemcpy(h, d, 1024, cudaMemcpyDeviceToHost);
  // CHECK-HIP: hipMemcpy(h, d, 1024, hipMemcpyDeviceToHost);
  cudaFreeHost(h);
  // CHECK-HIP: hipHostFree(h);
  cudaFree(d);
  cudaStreamDestroy(s);
  printf("%s\n", msg);
  return 0;
}
