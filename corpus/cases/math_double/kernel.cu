// Double-precision library functions: sin, exp, log1p, erf, pow, sqrt, fma.
__global__ void math_f64(const double* x, double* s, double* e, double* l, double* er, double* p, double* q,
                         double* f, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        double v = x[i];
        s[i] = sin(v);
        e[i] = exp(v);
        l[i] = log1p(fabs(v));
        er[i] = erf(v);
        p[i] = pow(fabs(v), 1.5);
        q[i] = sqrt(fabs(v));
        f[i] = fma(v, v, 1.0);
    }
}
