// Monte Carlo estimate of pi with a hand-written xorshift32 generator seeded per thread.
__host__ __device__ inline unsigned int hash_u32(unsigned int x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

__device__ inline unsigned int xorshift32(unsigned int& s)
{
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}

__global__ void count_inside(unsigned int seed, int samples_per_thread, unsigned long long* inside,
                             unsigned int* per_thread)
{
    int tid = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned int state = hash_u32(seed ^ (unsigned int)(tid * 2654435761u)) | 1u;
    unsigned int hits = 0;
    for (int s = 0; s < samples_per_thread; ++s) {
        unsigned long long x = xorshift32(state) >> 16;
        unsigned long long y = xorshift32(state) >> 16;
        if (x * x + y * y <= 65535ull * 65535ull) ++hits;
    }
    per_thread[tid] = hits;
    atomicAdd(inside, (unsigned long long)hits);
}
