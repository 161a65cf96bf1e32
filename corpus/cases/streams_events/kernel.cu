// Two streams: each scales its half; an event makes stream 2 wait for stream 1 before a combining kernel.
__global__ void scale_half(float* data, int count, float factor)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) data[i] *= factor;
}

__global__ void combine(const float* a, const float* b, float* out, int count)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) out[i] = a[i] - b[i];
}
