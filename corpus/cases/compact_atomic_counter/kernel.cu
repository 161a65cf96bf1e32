// Stream compaction with an atomic output cursor: survivors land in arbitrary order.
__global__ void compact_positive(const float* in, int n, float* out, int* count)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && in[i] > 0.0f) {
        int slot = atomicAdd(count, 1);
        out[slot] = in[i];
    }
}
