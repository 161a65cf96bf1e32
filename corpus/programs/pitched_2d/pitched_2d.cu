// pitched_2d: a W x H float image in pitched device memory. The host copies it in with
// cudaMemcpy2D, a 2D kernel walks rows through the pitch (byte arithmetic on a char pointer), a
// device-to-device cudaMemcpy2D copies a sub-rectangle into a second pitched image, and both come
// back with cudaMemcpy2D into tightly packed host arrays.
// Covers: cudaMallocPitch, cudaMemcpy2D HostToDevice / DeviceToDevice / DeviceToHost with different
// source and destination pitches, row addressing via (char*)base + y * pitch in a kernel, a
// sub-rectangle copy starting at a device pointer offset, size_t pitch passed to a kernel.
// Check: exact (integer-valued floats).
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

__global__ void scale_rows(float* img, size_t pitch, int width, int height) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x < width && y < height) {
        float* row = (float*)((char*)img + y * pitch);
        row[x] = row[x] * 2.0f + (float)y;
    }
}

int main() {
    const int W = 100, H = 37;          // 400-byte rows: the pitch is usually padded beyond that
    const int SX = 10, SY = 5, SW = 64, SH = 20;  // sub-rectangle copied device to device
    std::vector<float> h_img(W * H), h_back(W * H), h_sub(SW * SH);
    unsigned int seed = 8u;
    for (auto& v : h_img) {
        seed = seed * 1664525u + 1013904223u;
        v = (float)((int)(seed >> 22) - 512);
    }
    float *d_img, *d_sub;
    size_t pitch = 0, sub_pitch = 0;
    CHECK(cudaMallocPitch((void**)&d_img, &pitch, W * sizeof(float), H));
    CHECK(cudaMallocPitch((void**)&d_sub, &sub_pitch, SW * sizeof(float), SH));
    printf("pitch %zu bytes for %zu-byte rows\n", pitch, W * sizeof(float));
    int errors = 0;
    if (pitch < W * sizeof(float) || sub_pitch < SW * sizeof(float)) {
        printf("pitch smaller than a row\n");
        ++errors;
    }
    CHECK(cudaMemcpy2D(d_img, pitch, h_img.data(), W * sizeof(float), W * sizeof(float), H,
                       cudaMemcpyHostToDevice));
    dim3 block(32, 8);
    dim3 grid((W + block.x - 1) / block.x, (H + block.y - 1) / block.y);
    scale_rows<<<grid, block>>>(d_img, pitch, W, H);
    CHECK(cudaGetLastError());
    const float* src = (const float*)((const char*)d_img + SY * pitch) + SX;
    CHECK(cudaMemcpy2D(d_sub, sub_pitch, src, pitch, SW * sizeof(float), SH, cudaMemcpyDeviceToDevice));
    CHECK(cudaMemcpy2D(h_back.data(), W * sizeof(float), d_img, pitch, W * sizeof(float), H,
                       cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy2D(h_sub.data(), SW * sizeof(float), d_sub, sub_pitch, SW * sizeof(float), SH,
                       cudaMemcpyDeviceToHost));

    for (int y = 0; y < H; ++y) {
        for (int x = 0; x < W; ++x) {
            float expect = h_img[y * W + x] * 2.0f + (float)y;
            if (h_back[y * W + x] != expect) {
                if (errors < 10) printf("img(%d,%d) = %f, expected %f\n", x, y, h_back[y * W + x], expect);
                ++errors;
            }
        }
    }
    for (int y = 0; y < SH; ++y) {
        for (int x = 0; x < SW; ++x) {
            float expect = h_img[(y + SY) * W + x + SX] * 2.0f + (float)(y + SY);
            if (h_sub[y * SW + x] != expect) {
                if (errors < 10) printf("sub(%d,%d) = %f, expected %f\n", x, y, h_sub[y * SW + x], expect);
                ++errors;
            }
        }
    }
    CHECK(cudaFree(d_img));
    CHECK(cudaFree(d_sub));
    if (errors) {
        printf("FAIL pitched_2d\n");
        return 1;
    }
    printf("PASS pitched_2d\n");
    return 0;
}
