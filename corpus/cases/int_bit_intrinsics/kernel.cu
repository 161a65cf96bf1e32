// Integer intrinsics: __popc, __clz, __ffs, __brev, __mul24-free high multiply __umulhi, min/max, signed / and %.
__global__ void bits(const unsigned int* u, const int* s, int* pc, int* lz, int* fs, unsigned int* rv,
                     unsigned int* hi, int* dv, int* md, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        unsigned int x = u[i];
        pc[i] = __popc(x);
        lz[i] = __clz((int)x);
        fs[i] = __ffs((int)x);
        rv[i] = __brev(x);
        hi[i] = __umulhi(x, 2654435761u);
        int d = (i % 7) - 3;
        if (d == 0) d = 5;
        dv[i] = s[i] / d;
        md[i] = s[i] % d;
    }
}
