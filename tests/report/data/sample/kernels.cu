// Sample for the report tests: every CUDA name in this file is counted by hand in tests/report/test_counts.py.
// A CUDA name inside a comment (cudaMalloc) or a string is not a use.
#include <cuda_runtime.h>

__global__ void scale(float *x, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = __expf(x[i]);
}

__global__ void warp_sum(const float *x, float *out)
{
    __shared__ float partial[32];
    float v = x[threadIdx.x];
    v += __shfl_down_sync(0xffffffff, v, 16);
    if (threadIdx.x % 32 == 0) partial[threadIdx.x / 32] = v;
    __syncthreads();
    if (threadIdx.x == 0) atomicAdd(out, partial[0]);
}

__device__ unsigned lane_id()
{
    unsigned id;
    asm volatile("mov.u32 %0, %%laneid;" : "=r"(id));
    return id;
}

int run(float *host, int n)
{
    float *dev = 0;
    float *sum = 0;
    cudaConfigureCall(1, 1);
    cudaMalloc(&dev, n * sizeof(float));
    cudaMallocManaged(&sum, sizeof(float));
    cudaMemcpy(dev, host, n * sizeof(float), cudaMemcpyHostToDevice);
    scale<<<(n + 255) / 256, 256>>>(dev, n);
    warp_sum<<<1, 32>>>(dev, sum);
    cudaMemPrefetchAsync(sum, sizeof(float), 0);
    cudaDeviceSynchronize();
    cudaThreadSynchronize();
    cudaFree(dev);
    cudaFree(sum);
    return 0;
}
