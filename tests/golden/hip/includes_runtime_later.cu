// A file whose CUDA runtime include is not its first gets hip_runtime.h at the top (nvcc's implicit
// include); the later one is then removed rather than included twice.
#include <cstdio>
#include <cuda_runtime.h>
// CHECK-HIP: #include <hip/hip_runtime.h>
// CHECK-HIP: #include <cstdio>
// CHECK-HIP-NOT: hip_runtime.h
__global__ void fill(float *x) { x[threadIdx.x] = 1.0f; }
// CHECK-HIP: __global__ void fill
