// CSR sparse matrix-vector product, one thread per row (rows may be empty).
__global__ void spmv_scalar(int rows, const int* row_ptr, const int* cols, const float* vals,
                            const float* x, float* y)
{
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r < rows) {
        float dot = 0.0f;
        for (int k = row_ptr[r]; k < row_ptr[r + 1]; ++k) dot += vals[k] * x[cols[k]];
        y[r] = dot;
    }
}
