// cuBLAS from host code between kernels: gemm, gemv (transposed), axpy and a dot product written to device
// memory (device pointer mode), all on a user stream with operands at offsets inside their allocations.
#include <cstdio>
#include <cstdlib>

#include <cublas_v2.h>

__global__ void square_in_place(float* v, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] = v[i] * v[i];
}

#define BLAS_OK(call)                                                              \
    do {                                                                           \
        cublasStatus_t s_ = (call);                                                \
        if (s_ != CUBLAS_STATUS_SUCCESS) {                                         \
            printf("cuBLAS error %d at line %d\n", (int)s_, __LINE__);            \
            exit(1);                                                               \
        }                                                                          \
    } while (0)

// a: m x k, b: k x n, c: m x n (column major, leading dimensions m, k, m); x: m, y: n, z: n, r: 1
void blas_chain(int m, int n, int k, const float* a, const float* b, float* c, const float* x, float* y,
                float* z, float* r) {
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cublasHandle_t handle;
    BLAS_OK(cublasCreate(&handle));
    BLAS_OK(cublasSetStream(handle, stream));
    const float alpha = 1.5f, beta = 0.5f, one = 1.0f, zero = 0.0f, two = 2.0f;
    BLAS_OK(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, a, m, b, k, &beta, c, m));
    BLAS_OK(cublasSgemv(handle, CUBLAS_OP_T, m, n, &one, c, m, x, 1, &zero, y, 1));
    BLAS_OK(cublasSaxpy(handle, n, &two, y, 1, z, 1));
    square_in_place<<<(n + 127) / 128, 128, 0, stream>>>(z, n);
    BLAS_OK(cublasSetPointerMode(handle, CUBLAS_POINTER_MODE_DEVICE));
    BLAS_OK(cublasSdot(handle, n, y, 1, z, 1, r));
    cudaStreamSynchronize(stream);
    BLAS_OK(cublasDestroy(handle));
    cudaStreamDestroy(stream);
}
