// particles.h: host launchers of the two kernel files. Particles are a structure of arrays:
// separate device arrays for x, y, z, vx, vy, vz and mass.
#pragma once
#include <cuda_runtime.h>

// Advances positions by dt with constant gravity g on vy (src/integrate.cu).
cudaError_t integrate(float* x, float* y, float* z, float* vx, float* vy, float* vz, int n, float dt, float g);

// Writes 0.5 * m * |v|^2 per particle and adds it to *d_total (src/energy.cu).
cudaError_t kinetic_energy(const float* vx, const float* vy, const float* vz, const float* mass, float* energy,
                           float* d_total, int n);
