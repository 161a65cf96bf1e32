// The user's own function that happens to carry a CUDA API's name: reported as "user", not as CUDA.
__device__ int cudaInitDevice(int device, unsigned flags, unsigned more)
{
    return device + (int)flags + (int)more;
}

__global__ void fill(int *out)
{
    out[threadIdx.x] = cudaInitDevice(0, 0, 0) + 1;
}
