// Defines the device variables and scale_a (launched from main.cu through the header's prototype).
#include "shared.cuh"

__constant__ float c_scale[2];
__device__ int d_count;

__global__ void scale_a(float* p, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        p[i] *= c_scale[0];
        atomicAdd(&d_count, 1);
    }
}
