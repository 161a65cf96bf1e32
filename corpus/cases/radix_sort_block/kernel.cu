#define ITEMS 256

// One-block LSD radix sort of 256 unsigned keys, one bit per pass: flags, exclusive scan, scatter.
__global__ void radix_sort_256(unsigned int* keys)
{
    __shared__ unsigned int s_keys[ITEMS];
    __shared__ unsigned int s_scan[ITEMS];
    unsigned int* base = keys + blockIdx.x * ITEMS;
    int t = threadIdx.x;
    s_keys[t] = base[t];
    __syncthreads();
    for (int bit = 0; bit < 32; ++bit) {
        unsigned int key = s_keys[t];
        unsigned int is_zero = ((key >> bit) & 1u) ^ 1u;
        s_scan[t] = is_zero;
        __syncthreads();
        for (int off = 1; off < ITEMS; off <<= 1) {
            unsigned int add = t >= off ? s_scan[t - off] : 0u;
            __syncthreads();
            s_scan[t] += add;
            __syncthreads();
        }
        unsigned int zeros_total = s_scan[ITEMS - 1];
        unsigned int zeros_before = s_scan[t] - is_zero;
        unsigned int dest = is_zero ? zeros_before : zeros_total + (t - zeros_before);
        __syncthreads();
        s_keys[dest] = key;
        __syncthreads();
    }
    base[t] = s_keys[t];
}
