// fmaf (single rounding), erff, erfcf, cbrtf, powf, atan2f, hypotf.
__global__ void more_math(const float* a, const float* b, float* f, float* er, float* ec, float* cb, float* pw,
                          float* at, float* hy, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float x = a[i], y = b[i];
        f[i] = fmaf(x, y, -x * y);
        er[i] = erff(x);
        ec[i] = erfcf(x);
        cb[i] = cbrtf(x);
        pw[i] = powf(fabsf(x) + 0.5f, y);
        at[i] = atan2f(y, x);
        hy[i] = hypotf(x, y);
    }
}
