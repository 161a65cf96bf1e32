// blur.cu: the imgproc box-blur kernel and its host launcher.
#include "imgproc/imgproc.h"
#include "imgproc/pixel_ops.cuh"

namespace imgproc {

__global__ void box_blur3_kernel(const unsigned char* in, unsigned char* out, int width, int height) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= width || y >= height) return;
    int sum = 0;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) sum += load_clamped(in, x + dx, y + dy, width, height);
    out[y * width + x] = (unsigned char)(sum / 9);
}

cudaError_t box_blur3(const unsigned char* d_in, unsigned char* d_out, int width, int height,
                      cudaStream_t stream) {
    dim3 block(16, 16);
    dim3 grid((width + block.x - 1) / block.x, (height + block.y - 1) / block.y);
    box_blur3_kernel<<<grid, block, 0, stream>>>(d_in, d_out, width, height);
    return cudaGetLastError();
}

}  // namespace imgproc
