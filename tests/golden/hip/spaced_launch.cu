// nvcc accepts launch brackets split by spaces (`<< <`, `>> >`), as some formatters leave them; clang
// does not, so the HIP output joins them. Shifts stay shifts.
#include <cuda_runtime.h>
__global__ void scale(float* v, float f) { v[threadIdx.x] *= f; }
void run(float* v, int blocks, int bits) {
  scale << < blocks, 128 >> > (v, 2.0f);
  // CHECK-HIP: scale <<< blocks, 128 >>> (v, 2.0f);
  int mask = (blocks << bits) >> 1;
  // CHECK-HIP: int mask = (blocks << bits) >> 1;
  scale<<<mask, 64>>>(v, 0.5f);
  // CHECK-HIP: scale<<<mask, 64>>>(v, 0.5f);
}
