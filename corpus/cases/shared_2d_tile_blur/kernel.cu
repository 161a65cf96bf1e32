#define BX 16
#define BY 8

// 3x3 box blur with a 2D shared tile plus a one-element halo loaded by a block-stride loop.
__global__ void blur(const float* in, float* out, int w, int h)
{
    __shared__ float tile[BY + 2][BX + 2];
    int x0 = blockIdx.x * BX - 1;
    int y0 = blockIdx.y * BY - 1;
    for (int idx = threadIdx.y * BX + threadIdx.x; idx < (BX + 2) * (BY + 2); idx += BX * BY) {
        int tx = idx % (BX + 2), ty = idx / (BX + 2);
        int gx = min(max(x0 + tx, 0), w - 1);
        int gy = min(max(y0 + ty, 0), h - 1);
        tile[ty][tx] = in[gy * w + gx];
    }
    __syncthreads();
    int x = blockIdx.x * BX + threadIdx.x;
    int y = blockIdx.y * BY + threadIdx.y;
    if (x < w && y < h) {
        float s = 0.0f;
        for (int dy = 0; dy < 3; ++dy)
            for (int dx = 0; dx < 3; ++dx) s += tile[threadIdx.y + dy][threadIdx.x + dx];
        out[y * w + x] = s;
    }
}
