// Classic shared-memory tree reduction: one partial sum per block, sequential addressing.
template <unsigned int BLOCK>
__global__ void block_sum(const float* in, float* partial, int n)
{
    __shared__ float s[BLOCK];
    unsigned int t = threadIdx.x;
    unsigned int i = blockIdx.x * (BLOCK * 2) + t;
    float v = 0.0f;
    if (i < n) v += in[i];
    if (i + BLOCK < n) v += in[i + BLOCK];
    s[t] = v;
    __syncthreads();
    for (unsigned int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (t < stride) s[t] += s[t + stride];
        __syncthreads();
    }
    if (t == 0) partial[blockIdx.x] = s[0];
}
