// Benchmark kernel: C = A * B for square row-major n x n float matrices (n a multiple of TILE), one
// TILE x TILE block per output tile, A and B tiles staged through shared memory.
#define TILE 16

__global__ void matmul_tiled(const float* a, const float* b, float* c, int n) {
    __shared__ float ta[TILE][TILE];
    __shared__ float tb[TILE][TILE];
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int row = blockIdx.y * TILE + ty;
    int col = blockIdx.x * TILE + tx;
    float acc = 0.0f;
    for (int t = 0; t < n; t += TILE) {
        ta[ty][tx] = a[row * n + t + tx];
        tb[ty][tx] = b[(t + ty) * n + col];
        __syncthreads();
#pragma unroll
        for (int k = 0; k < TILE; ++k) {
            acc += ta[ty][k] * tb[k][tx];
        }
        __syncthreads();
    }
    c[row * n + col] = acc;
}
