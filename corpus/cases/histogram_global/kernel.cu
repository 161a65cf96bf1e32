// 64-bin histogram with atomicAdd on global unsigned counters, grid-stride loop.
__global__ void histogram(const unsigned char* data, int n, unsigned int* bins)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        atomicAdd(&bins[data[i] >> 2], 1u);
    }
}
