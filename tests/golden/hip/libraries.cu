// Library calls: cuBLAS, cuRAND, cuFFT map to their hip counterparts; headers too.
#include <cublas_v2.h>
// CHECK-HIP: #include <hipblas/hipblas.h>
#include <curand.h>
#include <cufft.h>
void gemm(cublasHandle_t h, int m, int n, int k, const float* A, const float* B, float* C) {
  // CHECK-HIP: void gemm(hipblasHandle_t h, int m, int n, int k, const float* A, const float* B, float* C) {
  const float one = 1.0f, zero = 0.0f;
  cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &one, A, m, B, k, &zero, C, m);
  // CHECK-HIP: hipblasSgemm(h, HIPBLAS_OP_N, HIPBLAS_OP_N, m, n, k, &one, A, m, B, k, &zero, C, m);
}
void rng(float* d, size_t n) {
  curandGenerator_t g;
  curandCreateGenerator(&g, CURAND_RNG_PSEUDO_DEFAULT);
  // CHECK-HIP: hiprandCreateGenerator(&g, HIPRAND_RNG_PSEUDO_DEFAULT);
  curandGenerateUniform(g, d, n);
  curandDestroyGenerator(g);
}
void fft(cufftComplex* data, int n) {
  cufftHandle plan;
  // CHECK-HIP: hipfftHandle plan;
  cufftPlan1d(&plan, n, CUFFT_C2C, 1);
  cufftExecC2C(plan, data, data, CUFFT_FORWARD);
  // CHECK-HIP: hipfftExecC2C(plan, data, data, HIPFFT_FORWARD);
}
