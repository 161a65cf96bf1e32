// Five-point Jacobi step on a grid with fixed borders; launched repeatedly with swapped buffers.
__global__ void jacobi_step(const float* u, float* v, int w, int h)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= w || y >= h) return;
    int i = y * w + x;
    if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
        v[i] = u[i];
        return;
    }
    v[i] = 0.25f * (u[i - 1] + u[i + 1] + u[i - w] + u[i + w]);
}
