// Double-precision add written with atomicCAS on unsigned long long (pre-sm_60 style).
__device__ double cas_add(double* address, double val)
{
    unsigned long long int* p = (unsigned long long int*)address;
    unsigned long long int old = *p, assumed;
    do {
        assumed = old;
        old = atomicCAS(p, assumed, __double_as_longlong(val + __longlong_as_double(assumed)));
    } while (assumed != old);
    return __longlong_as_double(old);
}

__global__ void accumulate(const double* v, const int* slot, int n, double* acc)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) cas_add(&acc[slot[i]], v[i]);
}
