// Benchmark kernel: one Jacobi step of the 5-point Laplace stencil on a w x h float grid (w, h multiples
// of the 16 x 16 block), borders clamped. Each block loads its tile plus a one-cell halo into shared memory.
#define BX 16
#define BY 16

__global__ void stencil2d(const float* in, float* out, int w, int h) {
    __shared__ float tile[BY + 2][BX + 2];
    int x = blockIdx.x * BX + threadIdx.x;
    int y = blockIdx.y * BY + threadIdx.y;
    int lx = threadIdx.x + 1;
    int ly = threadIdx.y + 1;
    tile[ly][lx] = in[y * w + x];
    if (threadIdx.x == 0) tile[ly][0] = in[y * w + max(x - 1, 0)];
    if (threadIdx.x == BX - 1) tile[ly][BX + 1] = in[y * w + min(x + 1, w - 1)];
    if (threadIdx.y == 0) tile[0][lx] = in[max(y - 1, 0) * w + x];
    if (threadIdx.y == BY - 1) tile[BY + 1][lx] = in[min(y + 1, h - 1) * w + x];
    __syncthreads();
    out[y * w + x] = 0.25f * (tile[ly][lx - 1] + tile[ly][lx + 1] + tile[ly - 1][lx] + tile[ly + 1][lx]);
}
