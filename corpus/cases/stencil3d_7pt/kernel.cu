// Seven-point 3D Laplacian with clamped boundaries, 3D blocks.
__device__ __forceinline__ int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

__global__ void laplace3d(const float* u, float* out, int nx, int ny, int nz)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int z = blockIdx.z * blockDim.z + threadIdx.z;
    if (x >= nx || y >= ny || z >= nz) return;
#define AT(i, j, k) u[(clampi(k, 0, nz - 1) * ny + clampi(j, 0, ny - 1)) * nx + clampi(i, 0, nx - 1)]
    float c = AT(x, y, z);
    out[(z * ny + y) * nx + x] = AT(x - 1, y, z) + AT(x + 1, y, z) + AT(x, y - 1, z) + AT(x, y + 1, z)
                               + AT(x, y, z - 1) + AT(x, y, z + 1) - 6.0f * c;
#undef AT
}
