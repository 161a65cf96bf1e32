// energy.cu: per-particle kinetic energy and its total (block reduction + one atomicAdd per block).
#include "particles.h"
#include "vec_ops.cuh"

#define ENERGY_THREADS 128

__global__ void energy_kernel(const float* vx, const float* vy, const float* vz, const float* mass,
                              float* energy, float* total, int n) {
    __shared__ float partial[ENERGY_THREADS];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    float e = 0.0f;
    if (i < n) {
        e = 0.5f * mass[i] * dot3(vx[i], vy[i], vz[i], vx[i], vy[i], vz[i]);
        energy[i] = e;
    }
    partial[threadIdx.x] = e;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) partial[threadIdx.x] += partial[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(total, partial[0]);
}

cudaError_t kinetic_energy(const float* vx, const float* vy, const float* vz, const float* mass, float* energy,
                           float* d_total, int n) {
    energy_kernel<<<(n + ENERGY_THREADS - 1) / ENERGY_THREADS, ENERGY_THREADS>>>(vx, vy, vz, mass, energy,
                                                                                 d_total, n);
    return cudaGetLastError();
}
