// pixel_ops.cuh: device-side helpers shared by the kernels of the imgproc library and the app.
// Templates, so every .cu file that includes this header instantiates its own copies (no
// relocatable device code needed).
#pragma once
#include <cuda_runtime.h>

namespace imgproc {

template <typename T>
__host__ __device__ inline T clamp_value(T v, T lo, T hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

// Reads img(x, y) with coordinates clamped to the image (replicated border).
template <typename T>
__device__ inline T load_clamped(const T* img, int x, int y, int width, int height) {
    x = clamp_value(x, 0, width - 1);
    y = clamp_value(y, 0, height - 1);
    return img[y * width + x];
}

}  // namespace imgproc
