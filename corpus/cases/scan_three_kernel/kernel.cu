// Large inclusive scan: per-block scans, a single-block scan of the block totals, then a uniform add.
#define TILE 128

__global__ void scan_tiles(const unsigned int* in, unsigned int* out, unsigned int* totals, int n)
{
    __shared__ unsigned int s[TILE];
    int t = threadIdx.x;
    int i = blockIdx.x * TILE + t;
    s[t] = i < n ? in[i] : 0u;
    __syncthreads();
    for (int off = 1; off < TILE; off *= 2) {
        unsigned int add = t >= off ? s[t - off] : 0u;
        __syncthreads();
        s[t] += add;
        __syncthreads();
    }
    if (i < n) out[i] = s[t];
    if (t == TILE - 1) totals[blockIdx.x] = s[t];
}

__global__ void scan_totals(unsigned int* totals, int count)
{
    // one thread walks the totals: count is small
    if (threadIdx.x == 0 && blockIdx.x == 0) {
        unsigned int run = 0;
        for (int b = 0; b < count; ++b) {
            unsigned int v = totals[b];
            totals[b] = run;
            run += v;
        }
    }
}

__global__ void add_offsets(unsigned int* out, const unsigned int* offsets, int n)
{
    int i = blockIdx.x * TILE + threadIdx.x;
    if (i < n) out[i] += offsets[blockIdx.x];
}
