// Odd-even transposition sort of one shared tile per block: barriers in a loop with alternating phases.
__global__ void odd_even(int* data, int len)
{
    extern __shared__ int s[];
    int* base = data + blockIdx.x * len;
    for (int i = threadIdx.x; i < len; i += blockDim.x) s[i] = base[i];
    __syncthreads();
    for (int phase = 0; phase < len; ++phase) {
        for (int i = 2 * threadIdx.x + (phase & 1); i + 1 < len; i += 2 * blockDim.x) {
            if (s[i] > s[i + 1]) {
                int t = s[i];
                s[i] = s[i + 1];
                s[i + 1] = t;
            }
        }
        __syncthreads();
    }
    for (int i = threadIdx.x; i < len; i += blockDim.x) base[i] = s[i];
}
