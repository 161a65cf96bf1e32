#define N_SORT 512

__device__ void swap_if(float* s, int a, int b, bool up)
{
    float x = s[a], y = s[b];
    if ((x > y) == up) { s[a] = y; s[b] = x; }
}

// In-block bitonic sort of 512 keys in shared memory; odd blocks sort descending.
__global__ void bitonic_block(float* data)
{
    __shared__ float s[N_SORT];
    float* base = data + blockIdx.x * N_SORT;
    for (int i = threadIdx.x; i < N_SORT; i += blockDim.x) s[i] = base[i];
    __syncthreads();
    bool ascending_block = (blockIdx.x % 2) == 0;
    for (int k = 2; k <= N_SORT; k <<= 1) {
        for (int j = k >> 1; j > 0; j >>= 1) {
            for (int i = threadIdx.x; i < N_SORT; i += blockDim.x) {
                int partner = i ^ j;
                if (partner > i) {
                    bool up = ((i & k) == 0) == ascending_block;
                    swap_if(s, i, partner, up);
                }
            }
            __syncthreads();
        }
    }
    for (int i = threadIdx.x; i < N_SORT; i += blockDim.x) base[i] = s[i];
}
