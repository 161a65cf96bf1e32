// Cross-file fixture: kernels defined in this header (one copy in each including file's program), a
// prototype of a kernel defined in src/scale.cu, and device variables defined there, declared extern here.
#pragma once
#include <cuda_runtime.h>

extern __constant__ float c_scale[2];
extern __device__ int d_count;

namespace xf {
template <typename T>
__global__ void fill(T* out, T v, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = v;
}

__device__ inline int bump(int v) { return v + 1; }

__global__ void add_one(int* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = bump(out[i]);
}
}  // namespace xf

__global__ void scale_a(float* p, int n);
