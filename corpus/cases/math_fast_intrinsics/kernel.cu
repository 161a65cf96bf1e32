// Fast intrinsics (__expf, __sinf, __cosf, __fdividef, __logf, rsqrtf): loose, documented tolerances.
__global__ void fast_math(const float* x, float* e, float* s, float* c, float* d, float* l, float* rs, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float v = x[i];
        e[i] = __expf(v);
        s[i] = __sinf(v);
        c[i] = __cosf(v);
        d[i] = __fdividef(v, 3.0f + v * v);
        l[i] = __logf(v + 4.0f);
        rs[i] = rsqrtf(v + 4.0f);
    }
}
