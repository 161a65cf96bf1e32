// Managed (unified) memory: the host writes and reads the same pointer the kernel uses.
__global__ void square_in_place(double* v, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] = v[i] * v[i];
}
