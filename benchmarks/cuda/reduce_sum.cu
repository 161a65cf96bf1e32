// Benchmark kernel: per-block partial sums of n floats. Each thread accumulates a grid-stride slice,
// then the block reduces its 256 values through shared memory; block b writes partial[b].
#define BLOCK 256

__global__ void reduce_sum(const float* in, float* partial, int n) {
    __shared__ float buf[BLOCK];
    int tid = threadIdx.x;
    float sum = 0.0f;
    for (int i = blockIdx.x * BLOCK + tid; i < n; i += gridDim.x * BLOCK) {
        sum += in[i];
    }
    buf[tid] = sum;
    __syncthreads();
    for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (tid < stride) {
            buf[tid] += buf[tid + stride];
        }
        __syncthreads();
    }
    if (tid == 0) {
        partial[blockIdx.x] = buf[0];
    }
}
