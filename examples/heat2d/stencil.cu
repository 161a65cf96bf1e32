// One explicit diffusion step: each block stages a TILE x TILE tile plus a one-cell halo
// in shared memory, then applies the 5-point stencil. Border cells keep their value.
#include "common.cuh"

__device__ __forceinline__ float laplacian(const float (*tile)[TILE + 2], int ty, int tx) {
  return tile[ty - 1][tx] + tile[ty + 1][tx] + tile[ty][tx - 1] + tile[ty][tx + 1] - 4.0f * tile[ty][tx];
}

__global__ void diffuse_step(Grid g, const float* __restrict__ in, float* __restrict__ out) {
  __shared__ float tile[TILE + 2][TILE + 2];
  int x = blockIdx.x * TILE + threadIdx.x;
  int y = blockIdx.y * TILE + threadIdx.y;
  int tx = threadIdx.x + 1;
  int ty = threadIdx.y + 1;
  bool inside = x < g.nx && y < g.ny;
  tile[ty][tx] = inside ? in[y * g.nx + x] : 0.0f;
  // halo cells (cudaMalloc is not called here; this comment must survive translation)
  if (threadIdx.x == 0) tile[ty][0] = (x > 0 && inside) ? in[y * g.nx + x - 1] : 0.0f;
  if (threadIdx.x == TILE - 1) tile[ty][TILE + 1] = (x + 1 < g.nx && inside) ? in[y * g.nx + x + 1] : 0.0f;
  if (threadIdx.y == 0) tile[0][tx] = (y > 0 && inside) ? in[(y - 1) * g.nx + x] : 0.0f;
  if (threadIdx.y == TILE - 1) tile[TILE + 1][tx] = (y + 1 < g.ny && inside) ? in[(y + 1) * g.nx + x] : 0.0f;
  __syncthreads();
  if (!inside) return;
  if (x == 0 || y == 0 || x == g.nx - 1 || y == g.ny - 1) {
    out[y * g.nx + x] = tile[ty][tx];
  } else {
    out[y * g.nx + x] = tile[ty][tx] + g.alpha * laplacian(tile, ty, tx);
  }
}
