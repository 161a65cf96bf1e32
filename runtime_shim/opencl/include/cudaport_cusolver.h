/* cudaport OpenCL runtime shim: cuSOLVER's dense LU and Cholesky calls (cuSOLVER's names, values and signatures).
 *
 * `#include <cusolverDn.h>` becomes this header. No OpenCL LAPACK is packaged, so the factorisations run in the
 * shim on host copies: after the handle's stream is drained, the matrix is copied from the device, factored or
 * solved as LAPACK does (column-major, partial pivoting with 1-based pivots, info = the first zero pivot or
 * non-positive leading minor, -i for an invalid i-th argument), and copied back with devInfo; the call returns when
 * the results are in device memory. Workspaces are accepted and unused. C-compatible. */
#ifndef CUDAPORT_CUSOLVER_H
#define CUDAPORT_CUSOLVER_H

#include "cudaport_cublas.h"

typedef enum cusolverStatus_t {
    CUSOLVER_STATUS_SUCCESS = 0,
    CUSOLVER_STATUS_NOT_INITIALIZED = 1,
    CUSOLVER_STATUS_ALLOC_FAILED = 2,
    CUSOLVER_STATUS_INVALID_VALUE = 3,
    CUSOLVER_STATUS_ARCH_MISMATCH = 4,
    CUSOLVER_STATUS_MAPPING_ERROR = 5,
    CUSOLVER_STATUS_EXECUTION_FAILED = 6,
    CUSOLVER_STATUS_INTERNAL_ERROR = 7,
    CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED = 8,
    CUSOLVER_STATUS_NOT_SUPPORTED = 9,
    CUSOLVER_STATUS_ZERO_PIVOT = 10,
    CUSOLVER_STATUS_INVALID_LICENSE = 11
} cusolverStatus_t;

typedef struct cpSolverContext* cusolverDnHandle_t;

CP_API cusolverStatus_t cusolverDnCreate(cusolverDnHandle_t* handle);
CP_API cusolverStatus_t cusolverDnDestroy(cusolverDnHandle_t handle);
CP_API cusolverStatus_t cusolverDnSetStream(cusolverDnHandle_t handle, cudaStream_t stream);
CP_API cusolverStatus_t cusolverDnGetStream(cusolverDnHandle_t handle, cudaStream_t* stream);

#define CP_SOLVER_DENSE(T, P)                                                                                     \
    CP_API cusolverStatus_t cusolverDn##P##getrf_bufferSize(cusolverDnHandle_t h, int m, int n, T* a, int lda,    \
                                                            int* lwork);                                          \
    CP_API cusolverStatus_t cusolverDn##P##getrf(cusolverDnHandle_t h, int m, int n, T* a, int lda, T* work,      \
                                                 int* ipiv, int* info);                                           \
    CP_API cusolverStatus_t cusolverDn##P##getrs(cusolverDnHandle_t h, cublasOperation_t trans, int n, int nrhs,  \
                                                 const T* a, int lda, const int* ipiv, T* b, int ldb, int* info); \
    CP_API cusolverStatus_t cusolverDn##P##potrf_bufferSize(cusolverDnHandle_t h, cublasFillMode_t uplo, int n,   \
                                                            T* a, int lda, int* lwork);                           \
    CP_API cusolverStatus_t cusolverDn##P##potrf(cusolverDnHandle_t h, cublasFillMode_t uplo, int n, T* a,        \
                                                 int lda, T* work, int lwork, int* info);
CP_SOLVER_DENSE(float, S)
CP_SOLVER_DENSE(double, D)
#undef CP_SOLVER_DENSE

#endif /* CUDAPORT_CUSOLVER_H */
