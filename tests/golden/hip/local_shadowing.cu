// Local variables and parameters named like CUDA math functions are the user's, not CUDA's.
#include <cuda_runtime.h>
__global__ void k(float* y1, int n) {
  // CHECK-HIP: __global__ void k(float* y1, int n) {
  int round = n / 2;
  float j0 = y1[0] + sinf(y1[1]);
  for (int y0 = 0; y0 < round; ++y0) y1[y0] = j0;
  // CHECK-HIP: for (int y0 = 0; y0 < round; ++y0) y1[y0] = j0;
}
void host(cudaStream_t stream) {
  // CHECK-HIP: void host(hipStream_t stream) {
  int cudaStreamCreate = 0;
  (void)cudaStreamCreate;
  // CHECK-HIP: (void)cudaStreamCreate;
}
