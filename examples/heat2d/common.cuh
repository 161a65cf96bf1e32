// heat2d: a small CUDA project used as cudaport's example.
// Explicit 2D heat diffusion on a grid, with a shared-memory stencil, a warp-shuffle
// reduction of the total heat, streams and events. Self-checking against the host.
#pragma once
#include <cuda_runtime.h>
#include <cstdio>
#include <cstdlib>

#define CHECK(call)                                                              \
  do {                                                                           \
    cudaError_t err_ = (call);                                                   \
    if (err_ != cudaSuccess) {                                                   \
      std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call,  \
                   cudaGetErrorString(err_));                                    \
      std::exit(1);                                                              \
    }                                                                            \
  } while (0)

struct Grid {
  int nx;
  int ny;
  float alpha;  // diffusion coefficient times dt / h^2 (stable below 0.25)
};

constexpr int TILE = 16;

// Kernels live in stencil.cu and reduce.cu.
__global__ void diffuse_step(Grid g, const float* __restrict__ in, float* __restrict__ out);
__global__ void total_heat(const float* __restrict__ field, int n, float* sum);
