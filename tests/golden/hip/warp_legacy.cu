// OPTIONS: --hip-version 5.2
// HIP before 6.2 has no *_sync warp functions: the mask is dropped with CP3008.
#include <cuda_runtime.h>
__device__ float warp_reduce(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o, 32);
  // CHECK-HIP: CP3008
  // CHECK-HIP: __shfl_down(v, o, 32);
  return v;
}
__global__ void vote(const int* x, unsigned* out) {
  unsigned b = __ballot_sync(0xffffffff, x[threadIdx.x] > 0);
  // CHECK-HIP: __ballot(x[threadIdx.x] > 0);
  if (threadIdx.x % 32 == 0) out[threadIdx.x / 32] = b;
  // CHECK-HIP: CP3001
}
