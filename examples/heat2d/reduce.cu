// Total heat: a grid-stride sum per thread, a warp-shuffle reduction per warp,
// then one atomicAdd per warp into the result.
#include "common.cuh"

__inline__ __device__ float warp_sum(float v) {
  for (int offset = warpSize / 2; offset > 0; offset /= 2) {
    v += __shfl_down_sync(0xffffffff, v, offset);
  }
  return v;
}

__global__ void total_heat(const float* __restrict__ field, int n, float* sum) {
  float v = 0.0f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    v += field[i];
  }
  v = warp_sum(v);
  if ((threadIdx.x & (warpSize - 1)) == 0) {
    atomicAdd(sum, v);
  }
}
