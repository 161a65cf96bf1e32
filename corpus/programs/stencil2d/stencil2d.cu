// stencil2d: one 5-point Laplacian step on a W x H grid with clamped borders. Each 16x8 block stages
// its tile plus a one-cell halo in shared memory, loaded cooperatively by a 2D block-stride loop.
// Covers: 2D grid of 2D blocks with blockDim.x != blockDim.y, static 2D __shared__ halo tile,
// __device__ clamp helper, two launches ping-ponging between buffers.
// Check: exact. Inputs are integer-valued floats and the weights are integers, so every result is
// an exactly representable integer.
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

#define BX 16
#define BY 8

__device__ int clampi(int v, int lo, int hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

__global__ void laplacian5(const float* in, float* out, int W, int H) {
    __shared__ float tile[BY + 2][BX + 2];
    int x0 = blockIdx.x * BX - 1;  // global coordinates of tile[0][0]
    int y0 = blockIdx.y * BY - 1;
    for (int j = threadIdx.y; j < BY + 2; j += blockDim.y) {
        for (int i = threadIdx.x; i < BX + 2; i += blockDim.x) {
            int gx = clampi(x0 + i, 0, W - 1);
            int gy = clampi(y0 + j, 0, H - 1);
            tile[j][i] = in[gy * W + gx];
        }
    }
    __syncthreads();
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < W && y < H) {
        int tx = threadIdx.x + 1, ty = threadIdx.y + 1;
        out[y * W + x] = 4.0f * tile[ty][tx] - tile[ty - 1][tx] - tile[ty + 1][tx] - tile[ty][tx - 1] -
                         tile[ty][tx + 1];
    }
}

static void laplacian_host(const std::vector<float>& in, std::vector<float>& out, int W, int H) {
    for (int y = 0; y < H; ++y) {
        for (int x = 0; x < W; ++x) {
            int xm = x > 0 ? x - 1 : 0, xp = x < W - 1 ? x + 1 : W - 1;
            int ym = y > 0 ? y - 1 : 0, yp = y < H - 1 ? y + 1 : H - 1;
            out[y * W + x] = 4.0f * in[y * W + x] - in[ym * W + x] - in[yp * W + x] - in[y * W + xm] -
                             in[y * W + xp];
        }
    }
}

int main() {
    const int W = 77, H = 45;
    std::vector<float> h_in(W * H), h_out(W * H), ref1(W * H), ref2(W * H);
    unsigned int seed = 77u;
    for (auto& v : h_in) {
        seed = seed * 1664525u + 1013904223u;
        v = (float)((int)(seed >> 25) - 64);
    }
    float *d_a, *d_b;
    CHECK(cudaMalloc(&d_a, W * H * sizeof(float)));
    CHECK(cudaMalloc(&d_b, W * H * sizeof(float)));
    CHECK(cudaMemcpy(d_a, h_in.data(), W * H * sizeof(float), cudaMemcpyHostToDevice));

    dim3 block(BX, BY);
    dim3 grid((W + BX - 1) / BX, (H + BY - 1) / BY);
    laplacian5<<<grid, block>>>(d_a, d_b, W, H);
    CHECK(cudaGetLastError());
    laplacian5<<<grid, block>>>(d_b, d_a, W, H);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(h_out.data(), d_a, W * H * sizeof(float), cudaMemcpyDeviceToHost));

    laplacian_host(h_in, ref1, W, H);
    laplacian_host(ref1, ref2, W, H);
    int errors = 0;
    for (int i = 0; i < W * H; ++i) {
        if (h_out[i] != ref2[i]) {
            if (errors < 10) printf("(%d,%d): %f expected %f\n", i % W, i / W, h_out[i], ref2[i]);
            ++errors;
        }
    }
    CHECK(cudaFree(d_a));
    CHECK(cudaFree(d_b));
    if (errors) {
        printf("%d mismatches\nFAIL stencil2d\n", errors);
        return 1;
    }
    printf("PASS stencil2d\n");
    return 0;
}
