// main.cpp: plain C++ host code (no kernels, no <<<>>>) that drives the imgproc library through the
// CUDA runtime API: blur -> threshold -> histogram on a stream, and the app's invert kernel, then
// checks every result against a host reference. Exact checks (integer image operations).
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>
#include "imgproc/imgproc.h"
#include "imgproc/pixel_ops.cuh"

#define CHECK(call)                                                                   \
    do {                                                                              \
        cudaError_t err_ = (call);                                                    \
        if (err_ != cudaSuccess) {                                                    \
            fprintf(stderr, "CUDA error at %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    cudaGetErrorString(err_), #call);                                 \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

int main() {
    const int w = 61, h = 47, n = w * h;
    const unsigned char level = 128;
    std::vector<unsigned char> img(n), blur(n), bin(n), inv(n);
    unsigned int seed = 314u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        img[i] = (unsigned char)(seed >> 24);
    }
    unsigned char *d_img, *d_blur, *d_bin, *d_inv;
    unsigned int* d_hist;
    CHECK(cudaMalloc(&d_img, n));
    CHECK(cudaMalloc(&d_blur, n));
    CHECK(cudaMalloc(&d_bin, n));
    CHECK(cudaMalloc(&d_inv, n));
    CHECK(cudaMalloc(&d_hist, IMGPROC_BINS * sizeof(unsigned int)));
    cudaStream_t stream;
    CHECK(cudaStreamCreate(&stream));
    CHECK(cudaMemcpyAsync(d_img, img.data(), n, cudaMemcpyHostToDevice, stream));
    CHECK(cudaMemsetAsync(d_hist, 0, IMGPROC_BINS * sizeof(unsigned int), stream));
    CHECK(imgproc::box_blur3(d_img, d_blur, w, h, stream));
    CHECK(imgproc::threshold(d_blur, d_bin, n, level, stream));
    CHECK(imgproc::histogram(d_blur, d_hist, n, stream));
    CHECK(cudaStreamSynchronize(stream));
    CHECK(app_invert(d_img, d_inv, n));  // default stream

    std::vector<unsigned int> hist(IMGPROC_BINS);
    CHECK(cudaMemcpy(blur.data(), d_blur, n, cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(bin.data(), d_bin, n, cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(inv.data(), d_inv, n, cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(hist.data(), d_hist, IMGPROC_BINS * sizeof(unsigned int), cudaMemcpyDeviceToHost));

    int errors = 0;
    std::vector<unsigned int> ehist(IMGPROC_BINS, 0u);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int sum = 0;
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    int xx = imgproc::clamp_value(x + dx, 0, w - 1);
                    int yy = imgproc::clamp_value(y + dy, 0, h - 1);
                    sum += img[yy * w + xx];
                }
            }
            int i = y * w + x;
            unsigned char eb = (unsigned char)(sum / 9);
            unsigned char et = eb >= level ? 255 : 0;
            unsigned char ei = (unsigned char)(255 - img[i]);
            ehist[eb]++;
            if (blur[i] != eb || bin[i] != et || inv[i] != ei) {
                if (errors < 10)
                    printf("(%d,%d): blur %d thr %d inv %d, expected %d %d %d\n", x, y, blur[i], bin[i], inv[i], eb,
                           et, ei);
                ++errors;
            }
        }
    }
    for (int b = 0; b < IMGPROC_BINS; ++b) {
        if (hist[b] != ehist[b]) {
            if (errors < 10) printf("hist[%d] = %u, expected %u\n", b, hist[b], ehist[b]);
            ++errors;
        }
    }
    CHECK(cudaStreamDestroy(stream));
    CHECK(cudaFree(d_img));
    CHECK(cudaFree(d_blur));
    CHECK(cudaFree(d_bin));
    CHECK(cudaFree(d_inv));
    CHECK(cudaFree(d_hist));
    if (errors) {
        printf("FAIL imgproc_cmake\n");
        return 1;
    }
    printf("PASS imgproc_cmake\n");
    return 0;
}
