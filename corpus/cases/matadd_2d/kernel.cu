// 2D grid of 2D blocks; row-major matrices with a pitch equal to the width.
__global__ void matadd(const double* A, const double* B, double* C, int rows, int cols)
{
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < rows && col < cols) {
        int idx = row * cols + col;
        C[idx] = 2.0 * A[idx] - B[idx];
    }
}
