// cuSOLVER dense calls from host code around a kernel: LU with partial pivoting (getrf with its buffer size) and
// solves with the factors for A X = B and A^T Y = C (getrs), in float with a leading dimension larger than the
// matrix; Cholesky of a symmetric positive definite double matrix in its upper triangle (potrf); devInfo read back.
// Odd sizes, a user stream, operands at offsets inside their allocations.
#include <cstdio>
#include <cstdlib>

#include <cusolverDn.h>

__global__ void scale(float* v, int n, float by) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] *= by;
}

#define SOLVER_OK(call)                                                          \
    do {                                                                         \
        cusolverStatus_t s_ = (call);                                            \
        if (s_ != CUSOLVER_STATUS_SUCCESS) {                                     \
            printf("cuSOLVER error %d at line %d\n", (int)s_, __LINE__);         \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

// a: n x n in an (n + 2) x n column-major array; b, c: n x nrhs (ld n); s: n x n SPD (ld n); info: 3 ints
void solver_steps(int n, int nrhs, float* a, float* b, float* c, double* s, int* info) {
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cusolverDnHandle_t h;
    SOLVER_OK(cusolverDnCreate(&h));
    SOLVER_OK(cusolverDnSetStream(h, stream));
    int lda = n + 2, lwork = 0;
    scale<<<(lda * n + 63) / 64, 64, 0, stream>>>(a, lda * n, 2.0f);
    SOLVER_OK(cusolverDnSgetrf_bufferSize(h, n, n, a, lda, &lwork));
    float* work;
    int* piv;
    cudaMalloc(&work, sizeof(float) * lwork);
    cudaMalloc(&piv, sizeof(int) * n);
    SOLVER_OK(cusolverDnSgetrf(h, n, n, a, lda, work, piv, info));
    SOLVER_OK(cusolverDnSgetrs(h, CUBLAS_OP_N, n, nrhs, a, lda, piv, b, n, info + 1));
    SOLVER_OK(cusolverDnSgetrs(h, CUBLAS_OP_T, n, nrhs, a, lda, piv, c, n, info + 1));
    int dwork = 0;
    SOLVER_OK(cusolverDnDpotrf_bufferSize(h, CUBLAS_FILL_MODE_UPPER, n, s, n, &dwork));
    double* w2;
    cudaMalloc(&w2, sizeof(double) * dwork);
    SOLVER_OK(cusolverDnDpotrf(h, CUBLAS_FILL_MODE_UPPER, n, s, n, w2, dwork, info + 2));
    int* bad_info;  // where cuSOLVER reports the invalid argument (-5, lda), not an output of the case
    cudaMalloc(&bad_info, sizeof(int));
    if (cusolverDnSgetrs(h, CUBLAS_OP_N, n, nrhs, a, n - 1, piv, b, n, bad_info) != CUSOLVER_STATUS_INVALID_VALUE) {
        printf("getrs took lda < n\n");
        exit(1);
    }
    cudaStreamSynchronize(stream);
    cudaFree(work);
    cudaFree(w2);
    cudaFree(piv);
    cudaFree(bad_info);
    SOLVER_OK(cusolverDnDestroy(h));
    cudaStreamDestroy(stream);
}
