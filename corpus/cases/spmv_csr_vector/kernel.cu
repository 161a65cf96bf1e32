// CSR SpMV, one warp per row: lanes stride the row, partial sums combined with __shfl_down_sync.
__global__ void spmv_warp(int rows, const int* row_ptr, const int* cols, const double* vals,
                          const double* x, double* y)
{
    int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
    int lane = threadIdx.x & 31;
    double sum = 0.0;
    if (warp < rows) {
        for (int k = row_ptr[warp] + lane; k < row_ptr[warp + 1]; k += 32) sum += vals[k] * x[cols[k]];
    }
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_down_sync(0xffffffff, sum, off);
    if (lane == 0 && warp < rows) y[warp] = sum;
}
