// Double precision with a 2D grid-stride loop over a matrix (x and y strides).
__global__ void scale_rows(double* m, const double* row_scale, int rows, int cols)
{
    for (int r = blockIdx.y * blockDim.y + threadIdx.y; r < rows; r += blockDim.y * gridDim.y) {
        for (int c = blockIdx.x * blockDim.x + threadIdx.x; c < cols; c += blockDim.x * gridDim.x) {
            m[(size_t)r * cols + c] *= row_scale[r];
        }
    }
}
