/* cudaport OpenCL runtime shim: the cuBLAS v2 API (cuBLAS's own names, values and signatures) on CLBlast.
 *
 * `#include <cublas_v2.h>` becomes this header. Each call hands CLBlast the cl_mem and byte offset behind
 * its device pointers (the handle table's buffer, or a buffer made on the SVM allocation) and the handle's
 * stream's in-order queue, in column-major layout, so cuBLAS's transpose and leading-dimension arguments
 * pass through unchanged. CLBlast is loaded at run time (libclblast.so.1, Debian libclblast1): a program
 * builds without it, and a call without it returns CUBLAS_STATUS_NOT_SUPPORTED with one line on stderr.
 * Implemented calls: runtime_shim/opencl/README.md. C-compatible. */
#ifndef CUDAPORT_CUBLAS_H
#define CUDAPORT_CUBLAS_H

#include "cudaport_opencl.h"

typedef enum cublasStatus_t {
    CUBLAS_STATUS_SUCCESS = 0,
    CUBLAS_STATUS_NOT_INITIALIZED = 1,
    CUBLAS_STATUS_ALLOC_FAILED = 3,
    CUBLAS_STATUS_INVALID_VALUE = 7,
    CUBLAS_STATUS_ARCH_MISMATCH = 8,
    CUBLAS_STATUS_MAPPING_ERROR = 11,
    CUBLAS_STATUS_EXECUTION_FAILED = 13,
    CUBLAS_STATUS_INTERNAL_ERROR = 14,
    CUBLAS_STATUS_NOT_SUPPORTED = 15,
    CUBLAS_STATUS_LICENSE_ERROR = 16
} cublasStatus_t;

typedef enum cublasOperation_t { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1, CUBLAS_OP_C = 2 } cublasOperation_t;
typedef enum cublasFillMode_t { CUBLAS_FILL_MODE_LOWER = 0, CUBLAS_FILL_MODE_UPPER = 1 } cublasFillMode_t;
typedef enum cublasDiagType_t { CUBLAS_DIAG_NON_UNIT = 0, CUBLAS_DIAG_UNIT = 1 } cublasDiagType_t;
typedef enum cublasSideMode_t { CUBLAS_SIDE_LEFT = 0, CUBLAS_SIDE_RIGHT = 1 } cublasSideMode_t;
typedef enum cublasPointerMode_t { CUBLAS_POINTER_MODE_HOST = 0, CUBLAS_POINTER_MODE_DEVICE = 1 } cublasPointerMode_t;
typedef enum cublasMath_t {
    CUBLAS_DEFAULT_MATH = 0,
    CUBLAS_TENSOR_OP_MATH = 1,
    CUBLAS_PEDANTIC_MATH = 2,
    CUBLAS_TF32_TENSOR_OP_MATH = 3
} cublasMath_t;

typedef struct cpBlasContext* cublasHandle_t;

/* ---- helpers ------------------------------------------------------------------------------------- */
CP_API cublasStatus_t cublasCreate(cublasHandle_t* handle);
CP_API cublasStatus_t cublasDestroy(cublasHandle_t handle);
CP_API cublasStatus_t cublasGetVersion(cublasHandle_t handle, int* version);
CP_API cublasStatus_t cublasSetStream(cublasHandle_t handle, cudaStream_t stream);
CP_API cublasStatus_t cublasGetStream(cublasHandle_t handle, cudaStream_t* stream);
CP_API cublasStatus_t cublasSetPointerMode(cublasHandle_t handle, cublasPointerMode_t mode);
CP_API cublasStatus_t cublasGetPointerMode(cublasHandle_t handle, cublasPointerMode_t* mode);
CP_API cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode);
CP_API cublasStatus_t cublasGetMathMode(cublasHandle_t handle, cublasMath_t* mode);
CP_API const char* cublasGetStatusString(cublasStatus_t status);
CP_API const char* cublasGetStatusName(cublasStatus_t status);
CP_API cublasStatus_t cublasSetVector(int n, int elem_size, const void* x, int incx, void* y, int incy);
CP_API cublasStatus_t cublasGetVector(int n, int elem_size, const void* x, int incx, void* y, int incy);
CP_API cublasStatus_t cublasSetMatrix(int rows, int cols, int elem_size, const void* a, int lda, void* b, int ldb);
CP_API cublasStatus_t cublasGetMatrix(int rows, int cols, int elem_size, const void* a, int lda, void* b, int ldb);

/* ---- level 1 ------------------------------------------------------------------------------------- */
#define CP_BLAS_L1(T, P, p)                                                                                      \
    CP_API cublasStatus_t cublas##P##axpy(cublasHandle_t h, int n, const T* alpha, const T* x, int incx, T* y,  \
                                          int incy);                                                           \
    CP_API cublasStatus_t cublas##P##scal(cublasHandle_t h, int n, const T* alpha, T* x, int incx);             \
    CP_API cublasStatus_t cublas##P##copy(cublasHandle_t h, int n, const T* x, int incx, T* y, int incy);       \
    CP_API cublasStatus_t cublas##P##swap(cublasHandle_t h, int n, T* x, int incx, T* y, int incy);             \
    CP_API cublasStatus_t cublas##P##dot(cublasHandle_t h, int n, const T* x, int incx, const T* y, int incy,   \
                                         T* result);                                                           \
    CP_API cublasStatus_t cublas##P##nrm2(cublasHandle_t h, int n, const T* x, int incx, T* result);            \
    CP_API cublasStatus_t cublas##P##asum(cublasHandle_t h, int n, const T* x, int incx, T* result);            \
    CP_API cublasStatus_t cublasI##p##amax(cublasHandle_t h, int n, const T* x, int incx, int* result);         \
    CP_API cublasStatus_t cublasI##p##amin(cublasHandle_t h, int n, const T* x, int incx, int* result);
CP_BLAS_L1(float, S, s)
CP_BLAS_L1(double, D, d)

/* ---- level 2 ------------------------------------------------------------------------------------- */
#define CP_BLAS_L2(T, P)                                                                                        \
    CP_API cublasStatus_t cublas##P##gemv(cublasHandle_t h, cublasOperation_t trans, int m, int n,              \
                                          const T* alpha, const T* a, int lda, const T* x, int incx,           \
                                          const T* beta, T* y, int incy);                                      \
    CP_API cublasStatus_t cublas##P##ger(cublasHandle_t h, int m, int n, const T* alpha, const T* x, int incx,  \
                                         const T* y, int incy, T* a, int lda);
CP_BLAS_L2(float, S)
CP_BLAS_L2(double, D)

/* ---- level 3 and extensions ---------------------------------------------------------------------- */
#define CP_BLAS_L3(T, P)                                                                                        \
    CP_API cublasStatus_t cublas##P##gemm(cublasHandle_t h, cublasOperation_t transa, cublasOperation_t transb, \
                                          int m, int n, int k, const T* alpha, const T* a, int lda,            \
                                          const T* b, int ldb, const T* beta, T* c, int ldc);                  \
    CP_API cublasStatus_t cublas##P##gemmStridedBatched(                                                       \
        cublasHandle_t h, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k,              \
        const T* alpha, const T* a, int lda, long long stride_a, const T* b, int ldb, long long stride_b,       \
        const T* beta, T* c, int ldc, long long stride_c, int batch_count);                                    \
    CP_API cublasStatus_t cublas##P##symm(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo,       \
                                          int m, int n, const T* alpha, const T* a, int lda, const T* b,       \
                                          int ldb, const T* beta, T* c, int ldc);                              \
    CP_API cublasStatus_t cublas##P##syrk(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t trans,     \
                                          int n, int k, const T* alpha, const T* a, int lda, const T* beta,    \
                                          T* c, int ldc);                                                      \
    CP_API cublasStatus_t cublas##P##trsm(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo,       \
                                          cublasOperation_t trans, cublasDiagType_t diag, int m, int n,        \
                                          const T* alpha, const T* a, int lda, T* b, int ldb);                 \
    CP_API cublasStatus_t cublas##P##geam(cublasHandle_t h, cublasOperation_t transa, cublasOperation_t transb, \
                                          int m, int n, const T* alpha, const T* a, int lda, const T* beta,    \
                                          const T* b, int ldb, T* c, int ldc);
CP_BLAS_L3(float, S)
CP_BLAS_L3(double, D)

/* cublas_v2.h spells the handle API with _v2 names behind macros; code may name either. */
#define cublasCreate_v2 cublasCreate
#define cublasDestroy_v2 cublasDestroy
#define cublasGetVersion_v2 cublasGetVersion
#define cublasSetStream_v2 cublasSetStream
#define cublasGetStream_v2 cublasGetStream
#define cublasSetPointerMode_v2 cublasSetPointerMode
#define cublasGetPointerMode_v2 cublasGetPointerMode
#define cublasSaxpy_v2 cublasSaxpy
#define cublasDaxpy_v2 cublasDaxpy
#define cublasSscal_v2 cublasSscal
#define cublasDscal_v2 cublasDscal
#define cublasScopy_v2 cublasScopy
#define cublasDcopy_v2 cublasDcopy
#define cublasSswap_v2 cublasSswap
#define cublasDswap_v2 cublasDswap
#define cublasSdot_v2 cublasSdot
#define cublasDdot_v2 cublasDdot
#define cublasSnrm2_v2 cublasSnrm2
#define cublasDnrm2_v2 cublasDnrm2
#define cublasSasum_v2 cublasSasum
#define cublasDasum_v2 cublasDasum
#define cublasIsamax_v2 cublasIsamax
#define cublasIdamax_v2 cublasIdamax
#define cublasIsamin_v2 cublasIsamin
#define cublasIdamin_v2 cublasIdamin
#define cublasSgemv_v2 cublasSgemv
#define cublasDgemv_v2 cublasDgemv
#define cublasSger_v2 cublasSger
#define cublasDger_v2 cublasDger
#define cublasSgemm_v2 cublasSgemm
#define cublasDgemm_v2 cublasDgemm
/* ---- batched LU (LAPACK-like; CLBlast has none: the shim factors on host copies, src/cublas_getrf.cpp) ---- */
CP_API cublasStatus_t cublasSgetrfBatched(cublasHandle_t h, int n, float* const a[], int lda, int* piv, int* info,
                                          int batch);
CP_API cublasStatus_t cublasDgetrfBatched(cublasHandle_t h, int n, double* const a[], int lda, int* piv, int* info,
                                          int batch);

#define cublasSsymm_v2 cublasSsymm
#define cublasDsymm_v2 cublasDsymm
#define cublasSsyrk_v2 cublasSsyrk
#define cublasDsyrk_v2 cublasDsyrk
#define cublasStrsm_v2 cublasStrsm
#define cublasDtrsm_v2 cublasDtrsm

#endif /* CUDAPORT_CUBLAS_H */
