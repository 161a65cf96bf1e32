// integrate.cu: explicit Euler step of the particle system.
#include "particles.h"
#include "vec_ops.cuh"

__global__ void integrate_kernel(float* x, float* y, float* z, float* vx, float* vy, float* vz, int n, float dt,
                                 float g) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        vy[i] = axpy3(dt, g, vy[i]);
        x[i] = axpy3(dt, vx[i], x[i]);
        y[i] = axpy3(dt, vy[i], y[i]);
        z[i] = axpy3(dt, vz[i], z[i]);
    }
}

cudaError_t integrate(float* x, float* y, float* z, float* vx, float* vy, float* vz, int n, float dt, float g) {
    integrate_kernel<<<(n + 127) / 128, 128>>>(x, y, z, vx, vy, vz, n, dt, g);
    return cudaGetLastError();
}
