// HIP 6.2+ takes 64-bit masks: a literal full mask is widened.
#include <cuda_runtime.h>
__device__ float warp_reduce(float v) {
  for (int o = warpSize / 2; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffff, v, o);
  // CHECK-HIP: v += __shfl_xor_sync(0xffffffffffffffffull, v, o);
  return v;
}
__device__ int any_set(unsigned mask, int p) { return __any_sync(mask, p); }
// CHECK-HIP: return __any_sync(mask, p);
