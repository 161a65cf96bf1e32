// A file clang cannot parse (a missing ')' and '}'): the tree-sitter fallback still translates it.
#include <cuda_runtime.h>
// CHECK-HIP: #include <hip/hip_runtime.h>
__global__ void k(float* x) { x[threadIdx.x] = 1.0f; }
void broken(float* d, int n) {
  cudaMalloc(&d, n * sizeof(float);
  // CHECK-HIP: hipMalloc(&d, n * sizeof(float);
  k<<<1, 32>>>(d);
  cudaDeviceSynchronize();
  // CHECK-HIP: hipDeviceSynchronize();
  cudaFree(d);
  // CHECK-HIP: hipFree(d);
