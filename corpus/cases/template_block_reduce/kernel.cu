template <typename T>
__device__ T max_of(T a, T b) { return a > b ? a : b; }

// Template on block size and element type, with a templated __shared__ array and a device template.
template <int BLOCK, typename T>
__global__ void block_max(const T* in, T* out, int n, T lowest)
{
    __shared__ T s[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    s[threadIdx.x] = i < n ? in[i] : lowest;
    __syncthreads();
    for (int stride = BLOCK / 2; stride > 0; stride /= 2) {
        if (threadIdx.x < stride) s[threadIdx.x] = max_of<T>(s[threadIdx.x], s[threadIdx.x + stride]);
        __syncthreads();
    }
    if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}
