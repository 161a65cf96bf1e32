// Test-only stand-in for the warp *_sync functions of HIP 6.2+, so that output translated for
// --hip-version >= 6.2 can be compile-checked with the older HIP (5.2) installed on our machines.
// It enforces the same contract as HIP 6.2: lane masks must be 64-bit integers.
#pragma once
#include <hip/hip_runtime.h>

#define CP_CHECK_MASK(MaskT) \
  static_assert(sizeof(MaskT) == 8, "HIP 6.2+ warp *_sync functions take a 64-bit lane mask")

template <class MaskT, class T>
__device__ inline T __shfl_sync(MaskT mask, T var, int src, int width = warpSize) {
  CP_CHECK_MASK(MaskT); (void)mask; return __shfl(var, src, width);
}
template <class MaskT, class T>
__device__ inline T __shfl_up_sync(MaskT mask, T var, unsigned int delta, int width = warpSize) {
  CP_CHECK_MASK(MaskT); (void)mask; return __shfl_up(var, delta, width);
}
template <class MaskT, class T>
__device__ inline T __shfl_down_sync(MaskT mask, T var, unsigned int delta, int width = warpSize) {
  CP_CHECK_MASK(MaskT); (void)mask; return __shfl_down(var, delta, width);
}
template <class MaskT, class T>
__device__ inline T __shfl_xor_sync(MaskT mask, T var, int lane_mask, int width = warpSize) {
  CP_CHECK_MASK(MaskT); (void)mask; return __shfl_xor(var, lane_mask, width);
}
template <class MaskT>
__device__ inline unsigned long long __ballot_sync(MaskT mask, int p) {
  CP_CHECK_MASK(MaskT); (void)mask; return __ballot(p);
}
template <class MaskT>
__device__ inline int __any_sync(MaskT mask, int p) { CP_CHECK_MASK(MaskT); (void)mask; return __any(p); }
template <class MaskT>
__device__ inline int __all_sync(MaskT mask, int p) { CP_CHECK_MASK(MaskT); (void)mask; return __all(p); }
__device__ inline unsigned long long __activemask() { return __ballot(1); }
