// Single-precision library functions, one output per function so each gets its own tolerance.
__global__ void math_f32(const float* x, float* s, float* c, float* e, float* l, float* r, float* t, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float v = x[i];
        s[i] = sinf(v);
        c[i] = cosf(v);
        e[i] = expf(v * 0.25f);
        l[i] = logf(fabsf(v) + 1.0f);
        r[i] = sqrtf(fabsf(v));
        t[i] = tanhf(v);
    }
}
