#define R 4
#define TPB 128

__constant__ float c_taps[2 * R + 1];
__constant__ float c_gain;

// 1D convolution: shared tile with halo, taps and a gain from constant memory.
__global__ void conv1d(const float* in, float* out, int n)
{
    __shared__ float tile[TPB + 2 * R];
    int g = blockIdx.x * TPB + threadIdx.x;
    for (int j = threadIdx.x; j < TPB + 2 * R; j += TPB) {
        int src = blockIdx.x * TPB + j - R;
        tile[j] = (src >= 0 && src < n) ? in[src] : 0.0f;
    }
    __syncthreads();
    if (g < n) {
        float acc = 0.0f;
#pragma unroll
        for (int k = 0; k <= 2 * R; ++k) acc += c_taps[k] * tile[threadIdx.x + k];
        out[g] = c_gain * acc;
    }
}
