// matmul_tiled: C (M x N) = A (M x K) * B (K x N) with 16x16 tiles staged in shared memory.
// Covers: 2D grid and 2D blocks (dim3, threadIdx.y, blockIdx.y), static 2D __shared__ arrays,
// __syncthreads in a loop, #pragma unroll over a compile-time tile, matrix sizes that are not tile
// multiples (edge tiles padded with zeros).
// Check: exact. Entries are small integers (-4..4), so every partial sum is an exactly representable
// float whatever the summation order or FMA contraction.
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

#define TILE 16

static unsigned int g_seed = 99u;
static float small_int() {
    g_seed = g_seed * 1103515245u + 12345u;
    return (float)((int)((g_seed >> 16) % 9u) - 4);
}

__global__ void matmul_tiled(const float* A, const float* B, float* C, int M, int N, int K) {
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE];
    int row = blockIdx.y * TILE + threadIdx.y;
    int col = blockIdx.x * TILE + threadIdx.x;
    float acc = 0.0f;
    for (int t = 0; t < (K + TILE - 1) / TILE; ++t) {
        int a_col = t * TILE + threadIdx.x;
        int b_row = t * TILE + threadIdx.y;
        As[threadIdx.y][threadIdx.x] = (row < M && a_col < K) ? A[row * K + a_col] : 0.0f;
        Bs[threadIdx.y][threadIdx.x] = (b_row < K && col < N) ? B[b_row * N + col] : 0.0f;
        __syncthreads();
#pragma unroll
        for (int k = 0; k < TILE; ++k) {
            acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
        }
        __syncthreads();
    }
    if (row < M && col < N) {
        C[row * N + col] = acc;
    }
}

int main() {
    const int M = 70, K = 50, N = 90;
    std::vector<float> hA(M * K), hB(K * N), hC(M * N);
    for (auto& v : hA) v = small_int();
    for (auto& v : hB) v = small_int();

    float *dA, *dB, *dC;
    CHECK(cudaMalloc(&dA, hA.size() * sizeof(float)));
    CHECK(cudaMalloc(&dB, hB.size() * sizeof(float)));
    CHECK(cudaMalloc(&dC, hC.size() * sizeof(float)));
    CHECK(cudaMemcpy(dA, hA.data(), hA.size() * sizeof(float), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(dB, hB.data(), hB.size() * sizeof(float), cudaMemcpyHostToDevice));

    dim3 block(TILE, TILE);
    dim3 grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
    matmul_tiled<<<grid, block>>>(dA, dB, dC, M, N, K);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(hC.data(), dC, hC.size() * sizeof(float), cudaMemcpyDeviceToHost));

    int errors = 0;
    for (int i = 0; i < M; ++i) {
        for (int j = 0; j < N; ++j) {
            float expect = 0.0f;
            for (int k = 0; k < K; ++k) expect += hA[i * K + k] * hB[k * N + j];
            if (hC[i * N + j] != expect) {
                if (errors < 10) printf("C[%d][%d] = %f, expected %f\n", i, j, hC[i * N + j], expect);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(dA));
    CHECK(cudaFree(dB));
    CHECK(cudaFree(dC));
    if (errors) {
        printf("%d mismatches\nFAIL matmul_tiled\n", errors);
        return 1;
    }
    printf("PASS matmul_tiled\n");
    return 0;
}
