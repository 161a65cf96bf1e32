// Complex multiply-accumulate on float2, make_float2, a __host__ __device__ helper.
__host__ __device__ inline float2 cmul(float2 a, float2 b)
{
    return make_float2(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

__global__ void cmac(const float2* a, const float2* b, float2* c, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float2 p = cmul(a[i], b[i]);
        c[i].x += p.x;
        c[i].y += p.y;
    }
}
