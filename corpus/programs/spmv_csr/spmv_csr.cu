// spmv_csr: y = A*x for a sparse matrix in CSR form, computed twice: one thread per row (scalar) and
// one warp per row (vector), the warp combining its lanes' partial sums with a __shfl_xor_sync
// butterfly so that every lane ends with the row sum.
// Covers: __shfl_xor_sync butterfly (full mask, every lane of every warp reaches it, rows past the
// end contribute 0 instead of returning early), warpSize-based row/lane split, indirect loads through
// an index array, rows with no entries, const __restrict__ pointers.
// Check: exact. Values are integers in [-8, 8] and x is a multiple of 1/4, so all sums are exact.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

__global__ void spmv_scalar(int rows, const int* __restrict__ row_ptr, const int* __restrict__ cols,
                            const float* __restrict__ vals, const float* __restrict__ x, float* y) {
    int row = blockIdx.x * blockDim.x + threadIdx.x;
    if (row < rows) {
        float sum = 0.0f;
        for (int k = row_ptr[row]; k < row_ptr[row + 1]; ++k) sum += vals[k] * x[cols[k]];
        y[row] = sum;
    }
}

__global__ void spmv_warp(int rows, const int* __restrict__ row_ptr, const int* __restrict__ cols,
                          const float* __restrict__ vals, const float* __restrict__ x, float* y) {
    int thread = blockIdx.x * blockDim.x + threadIdx.x;
    int row = thread / warpSize;
    int lane = thread % warpSize;
    float sum = 0.0f;
    if (row < rows) {
        for (int k = row_ptr[row] + lane; k < row_ptr[row + 1]; k += warpSize) sum += vals[k] * x[cols[k]];
    }
    for (int mask = warpSize / 2; mask > 0; mask >>= 1) {
        sum += __shfl_xor_sync(0xffffffffu, sum, mask);
    }
    if (row < rows && lane == 0) y[row] = sum;
}

int main() {
    const int rows = 300, ncols = 256;
    unsigned int seed = 9001u;
    auto next = [&seed]() {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    std::vector<int> row_ptr(rows + 1, 0), cols;
    std::vector<float> vals, x(ncols);
    for (int r = 0; r < rows; ++r) {
        int nnz = (r % 17 == 0) ? 0 : (int)(next() % 70u);  // some empty rows, some longer than a warp
        for (int e = 0; e < nnz; ++e) {
            cols.push_back((int)(next() % (unsigned int)ncols));
            vals.push_back((float)((int)(next() % 17u) - 8));
        }
        row_ptr[r + 1] = (int)cols.size();
    }
    for (auto& v : x) v = (float)((int)(next() % 33u) - 16) / 4.0f;
    const int nnz = (int)cols.size();

    int *d_row_ptr, *d_cols;
    float *d_vals, *d_x, *d_y1, *d_y2;
    CHECK(cudaMalloc(&d_row_ptr, (rows + 1) * sizeof(int)));
    CHECK(cudaMalloc(&d_cols, nnz * sizeof(int)));
    CHECK(cudaMalloc(&d_vals, nnz * sizeof(float)));
    CHECK(cudaMalloc(&d_x, ncols * sizeof(float)));
    CHECK(cudaMalloc(&d_y1, rows * sizeof(float)));
    CHECK(cudaMalloc(&d_y2, rows * sizeof(float)));
    CHECK(cudaMemcpy(d_row_ptr, row_ptr.data(), (rows + 1) * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_cols, cols.data(), nnz * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_vals, vals.data(), nnz * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_x, x.data(), ncols * sizeof(float), cudaMemcpyHostToDevice));

    spmv_scalar<<<(rows + 127) / 128, 128>>>(rows, d_row_ptr, d_cols, d_vals, d_x, d_y1);
    CHECK(cudaGetLastError());
    const int threads = 128;  // 4 warps, 4 rows per block
    const int blocks = (rows * 32 + threads - 1) / threads;
    spmv_warp<<<blocks, threads>>>(rows, d_row_ptr, d_cols, d_vals, d_x, d_y2);
    CHECK(cudaGetLastError());
    std::vector<float> y1(rows), y2(rows);
    CHECK(cudaMemcpy(y1.data(), d_y1, rows * sizeof(float), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(y2.data(), d_y2, rows * sizeof(float), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int r = 0; r < rows; ++r) {
        float expect = 0.0f;
        for (int k = row_ptr[r]; k < row_ptr[r + 1]; ++k) expect += vals[k] * x[cols[k]];
        if (y1[r] != expect || y2[r] != expect) {
            if (errors < 10) printf("row %d: scalar %f, warp %f, expected %f\n", r, y1[r], y2[r], expect);
            ++errors;
        }
    }
    CHECK(cudaFree(d_row_ptr));
    CHECK(cudaFree(d_cols));
    CHECK(cudaFree(d_vals));
    CHECK(cudaFree(d_x));
    CHECK(cudaFree(d_y1));
    CHECK(cudaFree(d_y2));
    if (errors) {
        printf("%d mismatches\nFAIL spmv_csr\n", errors);
        return 1;
    }
    printf("PASS spmv_csr\n");
    return 0;
}
