// transpose_padded: out (cols x rows) = transpose of in (rows x cols) through a shared tile padded by
// one column to avoid shared-memory bank conflicts; each thread moves TILE/ROWS elements.
// Covers: 2D grid with blockDim.y < tile height (loop over j += blockDim.y), a padded 2D __shared__
// array [TILE][TILE + 1], non-square sizes that are not tile multiples, unsigned int data.
// Check: exact (a pure data movement).
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

#define TILE 32
#define BLOCK_ROWS 8

__global__ void transpose_padded(unsigned int* out, const unsigned int* in, int rows, int cols) {
    __shared__ unsigned int tile[TILE][TILE + 1];
    int x = blockIdx.x * TILE + threadIdx.x;  // column in `in`
    int y = blockIdx.y * TILE + threadIdx.y;  // row in `in`
    for (int j = 0; j < TILE; j += blockDim.y) {
        if (x < cols && y + j < rows) {
            tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * cols + x];
        }
    }
    __syncthreads();
    x = blockIdx.y * TILE + threadIdx.x;  // column in `out` (a row of `in`)
    y = blockIdx.x * TILE + threadIdx.y;  // row in `out`
    for (int j = 0; j < TILE; j += blockDim.y) {
        if (x < rows && y + j < cols) {
            out[(y + j) * rows + x] = tile[threadIdx.x][threadIdx.y + j];
        }
    }
}

int main() {
    const int rows = 75, cols = 102;
    std::vector<unsigned int> h_in(rows * cols), h_out(rows * cols, 0u);
    unsigned int seed = 4242u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = seed;
    }
    unsigned int *d_in, *d_out;
    const size_t bytes = h_in.size() * sizeof(unsigned int);
    CHECK(cudaMalloc(&d_in, bytes));
    CHECK(cudaMalloc(&d_out, bytes));
    CHECK(cudaMemcpy(d_in, h_in.data(), bytes, cudaMemcpyHostToDevice));
    CHECK(cudaMemset(d_out, 0, bytes));

    dim3 block(TILE, BLOCK_ROWS);
    dim3 grid((cols + TILE - 1) / TILE, (rows + TILE - 1) / TILE);
    transpose_padded<<<grid, block>>>(d_out, d_in, rows, cols);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_out.data(), d_out, bytes, cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            unsigned int got = h_out[c * rows + r];
            if (got != h_in[r * cols + c]) {
                if (errors < 10) printf("out[%d][%d] = %u, expected %u\n", c, r, got, h_in[r * cols + c]);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(d_in));
    CHECK(cudaFree(d_out));
    if (errors) {
        printf("%d mismatches\nFAIL transpose_padded\n", errors);
        return 1;
    }
    printf("PASS transpose_padded\n");
    return 0;
}
