// main.cu: sets up particles, runs a few integration steps and the energy kernel (both defined in
// other .cu files), and checks against a host reference using the same header templates.
// Check: positions/velocities relative 1e-5 (the device may contract a*x+y into an FMA), per-particle
// energies relative 1e-5, total energy relative 1e-4 (summation order differs).
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include "particles.h"
#include "vec_ops.cuh"

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

static bool close_to(double got, double expect, double rtol, double atol) {
    return fabs(got - expect) <= atol + rtol * fabs(expect);
}

int main() {
    const int n = 1500, steps = 4;
    const float dt = 0.05f, g = -9.81f;
    // host arrays: x y z vx vy vz mass, each n floats
    std::vector<std::vector<float>> h(7, std::vector<float>(n));
    unsigned int seed = 777u;
    for (int a = 0; a < 7; ++a) {
        for (int i = 0; i < n; ++i) {
            seed = seed * 1664525u + 1013904223u;
            float u = (float)(seed >> 8) / 16777216.0f;
            h[a][i] = a == 6 ? 0.5f + u : 2.0f * u - 1.0f;  // mass in [0.5, 1.5), others in [-1, 1)
        }
    }
    float* d[7];
    for (int a = 0; a < 7; ++a) {
        CHECK(cudaMalloc(&d[a], n * sizeof(float)));
        CHECK(cudaMemcpy(d[a], h[a].data(), n * sizeof(float), cudaMemcpyHostToDevice));
    }
    float *d_energy, *d_total;
    CHECK(cudaMalloc(&d_energy, n * sizeof(float)));
    CHECK(cudaMalloc(&d_total, sizeof(float)));
    CHECK(cudaMemset(d_total, 0, sizeof(float)));
    for (int s = 0; s < steps; ++s) CHECK(integrate(d[0], d[1], d[2], d[3], d[4], d[5], n, dt, g));
    CHECK(kinetic_energy(d[3], d[4], d[5], d[6], d_energy, d_total, n));
    CHECK(cudaDeviceSynchronize());

    std::vector<std::vector<float>> out(7, std::vector<float>(n));
    for (int a = 0; a < 7; ++a) CHECK(cudaMemcpy(out[a].data(), d[a], n * sizeof(float), cudaMemcpyDeviceToHost));
    std::vector<float> energy(n);
    float total = 0.0f;
    CHECK(cudaMemcpy(energy.data(), d_energy, n * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&total, d_total, sizeof(float), cudaMemcpyDeviceToHost));

    int errors = 0;
    double etotal = 0.0;
    for (int i = 0; i < n; ++i) {
        float x = h[0][i], y = h[1][i], z = h[2][i], vx = h[3][i], vy = h[4][i], vz = h[5][i];
        for (int s = 0; s < steps; ++s) {
            vy = axpy3(dt, g, vy);
            x = axpy3(dt, vx, x);
            y = axpy3(dt, vy, y);
            z = axpy3(dt, vz, z);
        }
        double e = 0.5 * h[6][i] * dot3<double>(vx, vy, vz, vx, vy, vz);
        etotal += e;
        float expect[6] = {x, y, z, vx, vy, vz};
        bool ok = close_to(energy[i], e, 1e-5, 1e-6);
        for (int a = 0; a < 6; ++a) ok = ok && close_to(out[a][i], expect[a], 1e-5, 1e-6);
        if (!ok) {
            if (errors < 10) printf("particle %d: y %g vy %g e %g, expected %g %g %g\n", i, out[1][i], out[4][i],
                                    energy[i], y, vy, e);
            ++errors;
        }
    }
    if (!close_to(total, etotal, 1e-4, 1e-4)) {
        printf("total energy %g, expected %g\n", total, etotal);
        ++errors;
    }
    for (int a = 0; a < 7; ++a) CHECK(cudaFree(d[a]));
    CHECK(cudaFree(d_energy));
    CHECK(cudaFree(d_total));
    if (errors) {
        printf("FAIL particles_make\n");
        return 1;
    }
    printf("PASS particles_make\n");
    return 0;
}
