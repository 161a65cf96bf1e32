#define BINS 256

// Privatised histogram: per-block bins in shared memory, merged into global bins at the end.
__global__ void histogram_priv(const unsigned int* keys, int n, unsigned int* bins)
{
    __shared__ unsigned int local[BINS];
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        atomicAdd(&local[keys[i] % BINS], 1);
    }
    __syncthreads();
    for (int b = threadIdx.x; b < BINS; b += blockDim.x) {
        if (local[b]) atomicAdd(&bins[b], local[b]);
    }
}
