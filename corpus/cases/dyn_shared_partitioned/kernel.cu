// One extern __shared__ allocation carved into a float array and an int array.
__global__ void weighted_count(const float* vals, const int* keys, float* sums, int* counts, int per_block)
{
    extern __shared__ unsigned char smem[];
    float* s_vals = reinterpret_cast<float*>(smem);
    int* s_keys = reinterpret_cast<int*>(smem + per_block * sizeof(float));
    int t = threadIdx.x;
    int base = blockIdx.x * per_block;
    for (int i = t; i < per_block; i += blockDim.x) {
        s_vals[i] = vals[base + i];
        s_keys[i] = keys[base + i];
    }
    __syncthreads();
    if (t == 0) {
        float s = 0.0f;
        int c = 0;
        for (int i = 0; i < per_block; ++i) {
            if (s_keys[i] > 0) { s += s_vals[i]; ++c; }
        }
        sums[blockIdx.x] = s;
        counts[blockIdx.x] = c;
    }
}
