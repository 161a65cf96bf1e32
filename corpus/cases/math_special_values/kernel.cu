// IEEE special values through min/max/copysign/classification and division.
__global__ void specials(const float* a, const float* b, float* mn, float* mx, float* cs, int* cls, float* dv,
                         int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float x = a[i], y = b[i];
        mn[i] = fminf(x, y);
        mx[i] = fmaxf(x, y);
        cs[i] = copysignf(1.5f, x);
        cls[i] = (isnan(x) ? 1 : 0) | (isinf(x) ? 2 : 0) | (signbit(x) ? 4 : 0) | (isfinite(x) ? 8 : 0);
        dv[i] = x / y;
    }
}
