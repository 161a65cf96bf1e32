// Multi-kernel pipeline: squares, block sums, a total with atomics, then normalisation.
__global__ void squares(const float* x, float* sq, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) sq[i] = x[i] * x[i];
}

__global__ void total(const float* sq, float* sum, int n)
{
    __shared__ float s[128];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    s[threadIdx.x] = i < n ? sq[i] : 0.0f;
    __syncthreads();
    for (int st = 64; st > 0; st >>= 1) {
        if (threadIdx.x < st) s[threadIdx.x] += s[threadIdx.x + st];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(sum, s[0]);
}

__global__ void normalize(const float* x, const float* sum, float* y, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = x[i] * rsqrtf(*sum);
}
