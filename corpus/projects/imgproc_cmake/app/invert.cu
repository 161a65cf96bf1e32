// invert.cu: the app's own kernel, using the library's shared header template.
#include "imgproc/imgproc.h"
#include "imgproc/pixel_ops.cuh"

__global__ void invert_kernel(const unsigned char* in, unsigned char* out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = (unsigned char)imgproc::clamp_value(255 - (int)in[i], 0, 255);
}

cudaError_t app_invert(const unsigned char* d_in, unsigned char* d_out, int n) {
    invert_kernel<<<(n + 127) / 128, 128>>>(d_in, d_out, n);
    return cudaGetLastError();
}
