// Block partial sums in shared memory, then one atomicAdd on a double accumulator per block.
__global__ void sum_into(const double* in, double* total, int n)
{
    __shared__ double s[128];
    int t = threadIdx.x;
    int i = blockIdx.x * blockDim.x + t;
    s[t] = i < n ? in[i] : 0.0;
    __syncthreads();
    for (int stride = 64; stride > 0; stride >>= 1) {
        if (t < stride) s[t] += s[t + stride];
        __syncthreads();
    }
    if (t == 0) atomicAdd(total, s[0]);
}
