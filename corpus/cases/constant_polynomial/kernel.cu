#define DEGREE 6

__constant__ double c_coeffs[DEGREE + 1];
__constant__ int c_terms;

// Horner evaluation with coefficients and the term count in constant memory.
__global__ void polyval(const double* x, double* y, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        double acc = 0.0;
        for (int k = c_terms - 1; k >= 0; --k) acc = acc * x[i] + c_coeffs[k];
        y[i] = acc;
    }
}
