// threshold.cu: the imgproc threshold and histogram kernels and their host launchers.
#include "imgproc/imgproc.h"
#include "imgproc/pixel_ops.cuh"

namespace imgproc {

__global__ void threshold_kernel(const unsigned char* in, unsigned char* out, int n, unsigned char level) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] >= level ? 255 : 0;
}

__global__ void histogram_kernel(const unsigned char* in, unsigned int* hist, int n) {
    __shared__ unsigned int local[IMGPROC_BINS];
    for (int b = threadIdx.x; b < IMGPROC_BINS; b += blockDim.x) local[b] = 0u;
    __syncthreads();
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        int bin = clamp_value((int)in[i], 0, IMGPROC_BINS - 1);
        atomicAdd(&local[bin], 1u);
    }
    __syncthreads();
    for (int b = threadIdx.x; b < IMGPROC_BINS; b += blockDim.x) atomicAdd(&hist[b], local[b]);
}

cudaError_t threshold(const unsigned char* d_in, unsigned char* d_out, int n, unsigned char level,
                      cudaStream_t stream) {
    threshold_kernel<<<(n + 255) / 256, 256, 0, stream>>>(d_in, d_out, n, level);
    return cudaGetLastError();
}

cudaError_t histogram(const unsigned char* d_in, unsigned int* d_hist, int n, cudaStream_t stream) {
    histogram_kernel<<<8, 256, 0, stream>>>(d_in, d_hist, n);
    return cudaGetLastError();
}

}  // namespace imgproc
