#define BLOCK 128

// Each block reverses its chunk through a static __shared__ array.
__global__ void reverse_blocks(const int* in, int* out)
{
    __shared__ int tile[BLOCK];
    int base = blockIdx.x * BLOCK;
    tile[threadIdx.x] = in[base + threadIdx.x];
    __syncthreads();
    out[base + threadIdx.x] = tile[BLOCK - 1 - threadIdx.x];
}
