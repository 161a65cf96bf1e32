// A self-verifying program in the shape of the suite's: size from argv, a kernel, a host check, PASS/FAIL.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>
#include "scale.h"

__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  float *x = (float *)malloc(n * sizeof(float)), *y = (float *)malloc(n * sizeof(float));
  for (int i = 0; i < n; i++) { x[i] = i * 0.5f; y[i] = 1.0f; }
  float *dx, *dy;
  cudaMalloc(&dx, n * sizeof(float));
  cudaMalloc(&dy, n * sizeof(float));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(dy, y, n * sizeof(float), cudaMemcpyHostToDevice);
  saxpy<<<(n + 255) / 256, 256>>>(n, SCALE_A, dx, dy);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  float offset = argc > 2 ? atof(argv[2]) : 0.0f;  // a non-zero offset makes the check fail on purpose
  bool ok = true;
  for (int i = 0; i < n; i++) ok = ok && fabsf(y[i] - (SCALE_A * i * 0.5f + 1.0f + offset)) < 1e-5f;
  printf("%s\n", ok ? "PASS" : "FAIL");
  cudaFree(dx);
  cudaFree(dy);
  free(x);
  free(y);
  return 0;
}
