// Float maximum built from atomicCAS on the int bits: the pattern CUDA code uses when no native op exists.
__device__ float atomic_max_float(float* addr, float value)
{
    int* as_int = (int*)addr;
    int old = *as_int;
    int assumed;
    do {
        assumed = old;
        if (__int_as_float(assumed) >= value) break;
        old = atomicCAS(as_int, assumed, __float_as_int(value));
    } while (assumed != old);
    return __int_as_float(old);
}

__global__ void group_max(const float* v, const int* group, int n, float* maxima)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomic_max_float(&maxima[group[i]], v[i]);
}
