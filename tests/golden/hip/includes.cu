// Includes: one HIP runtime include where CUDA had several, library headers mapped where they stand, the
// include guard and #pragma once kept; a runtime include under another #if branch is kept.
#ifndef INCLUDES_CU
#define INCLUDES_CU
#pragma once
// CHECK-HIP: #ifndef INCLUDES_CU
// CHECK-HIP: #define INCLUDES_CU
// CHECK-HIP: #pragma once
#include <cuda.h>
#include <cuda_runtime.h>
#include <cuda_runtime_api.h>
// CHECK-HIP: #include <hip/hip_runtime.h>
// CHECK-HIP-NOT: hip_runtime
#include <cstdio>
// CHECK-HIP: #include <cstdio>
#include <cublas_v2.h>
// CHECK-HIP: #include <hipblas/hipblas.h>
#include "cuda_fp16.h"
// CHECK-HIP: #include "hip/hip_fp16.h"
#ifdef USE_DRIVER
#include <cuda.h>
// CHECK-HIP: #ifdef USE_DRIVER
// CHECK-HIP: #include <hip/hip_runtime.h>
#endif
__global__ void fill(float *x) { x[threadIdx.x] = 1.0f; }
#endif
// CHECK-HIP: #endif
