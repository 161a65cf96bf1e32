// Butterfly all-reduce: after the xor shuffles every lane holds the warp's maximum and sum.
__global__ void warp_allreduce(const int* in, int* maxes, int* sums)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int m = in[i];
    int s = in[i];
    for (int mask = 16; mask >= 1; mask >>= 1) {
        m = max(m, __shfl_xor_sync(0xffffffff, m, mask));
        s += __shfl_xor_sync(0xffffffff, s, mask);
    }
    maxes[i] = m;
    sums[i] = s;
}
