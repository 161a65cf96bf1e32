// HIP 6.2+ takes 64-bit masks: a literal full mask is widened.
#include <cuda_runtime.h>
__device__ float warp_reduce(float v) {
  for (int o = warpSize / 2; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffff, v, o);
  // CHECK-HIP: v += __shfl_xor_sync(0xffffffffffffffffull, v, o);
  return v;
}
__device__ int any_set(unsigned mask, int p) { return __any_sync(mask, p); }
// CHECK-HIP: return __any_sync(/* CUDAPORT CP3002: 32-bit lane mask: __any_sync: mask mask widened to 64 bits by a cast; on a 64-lane wavefront it names lanes 0-31 only */ static_cast<unsigned long long>(mask), p); }
#define FULL_MASK 0xffffffffu
const unsigned int kAll = 0xFFFFFFFF;
__device__ float named_masks(float v, unsigned m) {
  v += __shfl_down_sync(FULL_MASK, v, 1);
  // CHECK-HIP: v += __shfl_down_sync(0xffffffffffffffffull, v, 1);
  v += __shfl_down_sync(kAll, v, 2);
  // CHECK-HIP: v += __shfl_down_sync(0xffffffffffffffffull, v, 2);
  return v + __shfl_sync(m, v, 0);
  // CHECK-HIP: on a 64-lane wavefront it names lanes 0-31 only */ static_cast<unsigned long long>(m), v, 0);
}
