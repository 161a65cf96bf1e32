// Two launches: per-block sums of a grid-stride loop, then one block reduces the partials.
__device__ int block_reduce(int v, int* s)
{
    int t = threadIdx.x;
    s[t] = v;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (t < stride) s[t] += s[t + stride];
        __syncthreads();
    }
    return s[0];
}

__global__ void partial_sums(const int* in, int* partial, int n)
{
    __shared__ int s[256];
    int v = 0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) v += in[i];
    int total = block_reduce(v, s);
    if (threadIdx.x == 0) partial[blockIdx.x] = total;
}

__global__ void final_sum(const int* partial, int count, int* result)
{
    __shared__ int s[256];
    int v = threadIdx.x < count ? partial[threadIdx.x] : 0;
    int total = block_reduce(v, s);
    if (threadIdx.x == 0) *result = total;
}
