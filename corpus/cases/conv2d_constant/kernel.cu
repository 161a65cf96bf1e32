#define KSIZE 5

__constant__ float c_filter[KSIZE * KSIZE];

// 2D convolution (zero padding) with the filter in constant memory, set by cudaMemcpyToSymbol.
__global__ void conv2d(const float* img, float* out, int w, int h)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h) return;
    float acc = 0.0f;
    for (int ky = 0; ky < KSIZE; ++ky) {
        for (int kx = 0; kx < KSIZE; ++kx) {
            int ix = x + kx - KSIZE / 2;
            int iy = y + ky - KSIZE / 2;
            if (ix >= 0 && ix < w && iy >= 0 && iy < h) acc += c_filter[ky * KSIZE + kx] * img[iy * w + ix];
        }
    }
    out[y * w + x] = acc;
}
