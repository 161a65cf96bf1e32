// stencil3d: a 7-point stencil on an NX x NY x NZ volume with zero boundary, one thread per cell on a
// 3D grid of 3D blocks; each cell also records the linear id of the block that computed it.
// Covers: dim3 grid and block in three dimensions, threadIdx.z / blockIdx.z / blockDim.z / gridDim.z,
// gridDim.x * gridDim.y for a linear block id, a __device__ function reading global memory through a
// const pointer with bounds checks.
// Check: exact (integer-valued floats with integer weights; block ids are ints).
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

__device__ float at(const float* v, int x, int y, int z, int nx, int ny, int nz) {
    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return 0.0f;
    return v[(z * ny + y) * nx + x];
}

__global__ void stencil7(const float* in, float* out, int* owner, int nx, int ny, int nz) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int z = blockIdx.z * blockDim.z + threadIdx.z;
    if (x >= nx || y >= ny || z >= nz) return;
    float s = at(in, x - 1, y, z, nx, ny, nz) + at(in, x + 1, y, z, nx, ny, nz) +
              at(in, x, y - 1, z, nx, ny, nz) + at(in, x, y + 1, z, nx, ny, nz) +
              at(in, x, y, z - 1, nx, ny, nz) + at(in, x, y, z + 1, nx, ny, nz);
    int idx = (z * ny + y) * nx + x;
    out[idx] = s - 6.0f * in[idx];
    owner[idx] = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
}

int main() {
    const int nx = 20, ny = 13, nz = 11;
    const int total = nx * ny * nz;
    std::vector<float> h_in(total), h_out(total);
    std::vector<int> h_owner(total);
    unsigned int seed = 3u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = (float)((int)(seed >> 26) - 32);
    }
    float *d_in, *d_out;
    int* d_owner;
    CHECK(cudaMalloc(&d_in, total * sizeof(float)));
    CHECK(cudaMalloc(&d_out, total * sizeof(float)));
    CHECK(cudaMalloc(&d_owner, total * sizeof(int)));
    CHECK(cudaMemcpy(d_in, h_in.data(), total * sizeof(float), cudaMemcpyHostToDevice));

    dim3 block(8, 4, 4);
    dim3 grid((nx + block.x - 1) / block.x, (ny + block.y - 1) / block.y, (nz + block.z - 1) / block.z);
    stencil7<<<grid, block>>>(d_in, d_out, d_owner, nx, ny, nz);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_out.data(), d_out, total * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(h_owner.data(), d_owner, total * sizeof(int), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int z = 0; z < nz; ++z) {
        for (int y = 0; y < ny; ++y) {
            for (int x = 0; x < nx; ++x) {
                auto get = [&](int a, int b, int c) -> float {
                    if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) return 0.0f;
                    return h_in[(c * ny + b) * nx + a];
                };
                int idx = (z * ny + y) * nx + x;
                float expect = get(x - 1, y, z) + get(x + 1, y, z) + get(x, y - 1, z) + get(x, y + 1, z) +
                               get(x, y, z - 1) + get(x, y, z + 1) - 6.0f * h_in[idx];
                int expect_owner = (int)(x / block.x + grid.x * (y / block.y + grid.y * (z / block.z)));
                if (h_out[idx] != expect || h_owner[idx] != expect_owner) {
                    if (errors < 10)
                        printf("(%d,%d,%d): %f (block %d), expected %f (block %d)\n", x, y, z, h_out[idx],
                               h_owner[idx], expect, expect_owner);
                    ++errors;
                }
            }
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    CHECK(cudaFree(d_owner));
    if (errors) {
        printf("%d mismatches\nFAIL stencil3d\n", errors);
        return 1;
    }
    printf("PASS stencil3d\n");
    return 0;
}
