// extern __shared__ sized at launch: the block size is a run-time value.
__global__ void reverse_dynamic(const float* in, float* out, int n)
{
    extern __shared__ float buf[];
    int t = threadIdx.x;
    int i = blockIdx.x * blockDim.x + t;
    buf[t] = (i < n) ? in[i] : 0.0f;
    __syncthreads();
    int mirror = blockDim.x - 1 - t;
    int j = blockIdx.x * blockDim.x + mirror;
    if (j < n) out[j] = buf[t] * 2.0f;
}
