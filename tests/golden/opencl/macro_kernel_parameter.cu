// A launch in a #define whose parameter is the kernel: each use of the macro launches the kernel clang resolved
// there, through the stub whose name the macro pastes. A user macro named like a template parameter (`T`) comes
// after the shim header, as it comes after nvcc's implicit cuda_runtime.h.
#define T 128
#include <cstdio>
#define RUN(k, n) k<<<(n + T - 1) / T, T>>>(d, n)
__global__ void fill(float* d, int n) { int i = blockIdx.x * T + threadIdx.x; if (i < n) d[i] = i; }
template <typename U> __global__ void scale(U* d, int n) {
  int i = blockIdx.x * T + threadIdx.x;
  if (i < n) d[i] *= (U)3;
}
int main() {
  float* d;
  cudaMalloc(&d, 1000 * sizeof(float));
  RUN(fill, 1000);
  RUN(scale<float>, 1000);
  cudaFree(d);
  return 0;
}
// CHECK-OPENCL: #include <cudaport_opencl.h>
// CHECK-OPENCL: #define T 128
// CHECK-OPENCL: #define RUN(k, n) cp_launch_ ## k((n + T - 1) / T, T, 0, 0, d, n)
// CHECK-OPENCL: RUN(fill, 1000);
// CHECK-OPENCL-CL: __kernel void fill(
// CHECK-OPENCL-CL: __kernel void scale_float(
