__device__ int g_hits;
__device__ float g_max_seen;

// __device__ globals read and written by kernels; the host reads them back with cudaMemcpyFromSymbol.
__global__ void count_above(const float* v, int n, float threshold)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && v[i] > threshold) atomicAdd(&g_hits, 1);
}

__global__ void record_max(const float* v, int n)
{
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        float m = g_max_seen;
        for (int i = 0; i < n; ++i) m = fmaxf(m, v[i]);
        g_max_seen = m;
    }
}
