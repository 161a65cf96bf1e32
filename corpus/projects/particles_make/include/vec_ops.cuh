// vec_ops.cuh: small templated vector helpers shared by integrate.cu and energy.cu (and the host
// reference in main.cu, through __host__ __device__). Header-only, instantiated per file.
#pragma once
#include <cuda_runtime.h>

template <typename T>
__host__ __device__ inline T axpy3(T a, T x, T y) {
    return a * x + y;
}

template <typename T>
__host__ __device__ inline T dot3(T ax, T ay, T az, T bx, T by, T bz) {
    return ax * bx + ay * by + az * bz;
}
