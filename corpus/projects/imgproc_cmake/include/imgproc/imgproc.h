// imgproc.h: host entry points of the imgproc library (each launches one kernel on `stream`).
// Images are 8-bit, row-major, width * height bytes in device memory.
#pragma once
#include <cuda_runtime.h>

#define IMGPROC_BINS 256

namespace imgproc {

// 3x3 box blur with a replicated border; out = round-down mean of the 9 neighbours.
cudaError_t box_blur3(const unsigned char* d_in, unsigned char* d_out, int width, int height,
                      cudaStream_t stream);

// out = 255 where in >= level, else 0.
cudaError_t threshold(const unsigned char* d_in, unsigned char* d_out, int n, unsigned char level,
                      cudaStream_t stream);

// Adds the histogram of d_in to d_hist (IMGPROC_BINS unsigned counters, zeroed by the caller).
cudaError_t histogram(const unsigned char* d_in, unsigned int* d_hist, int n, cudaStream_t stream);

}  // namespace imgproc

// Defined in the app (app/invert.cu): out = 255 - in.
cudaError_t app_invert(const unsigned char* d_in, unsigned char* d_out, int n);
