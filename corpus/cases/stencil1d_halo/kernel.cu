#define RADIUS 3
#define BLOCK 64

// 1D stencil: each block stages its elements and a halo of RADIUS on each side in shared memory.
__global__ void stencil1d(const int* in, int* out, int n)
{
    __shared__ int temp[BLOCK + 2 * RADIUS];
    int g = blockIdx.x * blockDim.x + threadIdx.x;
    int l = threadIdx.x + RADIUS;
    temp[l] = g < n ? in[g] : 0;
    if (threadIdx.x < RADIUS) {
        int left = g - RADIUS;
        int right = g + BLOCK;
        temp[l - RADIUS] = left >= 0 && left < n ? in[left] : 0;
        temp[l + BLOCK] = right < n ? in[right] : 0;
    }
    __syncthreads();
    if (g < n) {
        int r = 0;
        for (int o = -RADIUS; o <= RADIUS; ++o) r += temp[l + o];
        out[g] = r;
    }
}
