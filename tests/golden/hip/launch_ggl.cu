// OPTIONS: --hip-launch-kernel-ggl
#include <cuda_runtime.h>
__global__ void scale(float* x, float a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= a;
}
template <typename T> __global__ void fill(T* x, T v) { x[threadIdx.x] = v; }
void go(float* x, int n, cudaStream_t s) {
  scale<<<dim3((n + 127) / 128), 128>>>(x, 2.0f, n);
  // CHECK-HIP: hipLaunchKernelGGL(scale, dim3((n + 127) / 128), dim3(128), 0, 0, x, 2.0f, n);
  fill<float><<<1, 64, 0, s>>>(x, 1.0f);
  // CHECK-HIP: hipLaunchKernelGGL(HIP_KERNEL_NAME(fill<float>), dim3(1), dim3(64), 0, s, x, 1.0f);
}
