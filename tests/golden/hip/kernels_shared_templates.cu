// Kernels with shared memory, templates and launches; <<<>>> is kept by default.
#include <cuda_runtime.h>

template <typename T, int BLOCK>
__global__ void block_sum(const T* in, T* out, int n) {
  __shared__ T buf[BLOCK];
  // CHECK-HIP: __shared__ T buf[BLOCK];
  extern __shared__ unsigned char scratch[];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  // CHECK-HIP: int i = blockIdx.x * blockDim.x + threadIdx.x;
  buf[threadIdx.x] = i < n ? in[i] : T(0);
  __syncthreads();
  // CHECK-HIP: __syncthreads();
  for (int s = BLOCK / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(out, buf[0]);
  // CHECK-HIP: if (threadIdx.x == 0) atomicAdd(out, buf[0]);
}

void run(const float* in, float* out, int n, cudaStream_t st) {
  block_sum<float, 256><<<(n + 255) / 256, 256, 64, st>>>(in, out, n);
  // CHECK-HIP: block_sum<float, 256><<<(n + 255) / 256, 256, 64, st>>>(in, out, n);
  cudaDeviceSynchronize();
  // CHECK-HIP: hipDeviceSynchronize();
}
__global__ void hello() {
  if (threadIdx.x == 0) printf("block %u of %u, x+1=%u\n", blockIdx.x, gridDim.x, threadIdx.x + 1);
  // CHECK-HIP: printf("block %u of %u, x+1=%u\n", (unsigned int)blockIdx.x, (unsigned int)gridDim.x, threadIdx.x + 1);
}
