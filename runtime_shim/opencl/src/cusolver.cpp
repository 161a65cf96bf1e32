// cuSOLVER's dense getrf/getrs/potrf (include/cudaport_cusolver.h) on host copies: the handle's stream is drained,
// the operands are copied to the host, factored or solved with src/cp_lapack.hpp (LAPACK's conventions), and the
// results and devInfo copied back before the call returns. Only the public shim API is used.
#include <vector>

#include "cp_lapack.hpp"
#include "cudaport_cusolver.h"

struct cpSolverContext {
    cudaStream_t stream = nullptr;
};

namespace {

cusolverStatus_t from_cuda(cudaError_t e) {
    return e == cudaSuccess ? CUSOLVER_STATUS_SUCCESS : CUSOLVER_STATUS_EXECUTION_FAILED;
}

cusolverStatus_t put_info(int* info, int v) {
    if (!info) return CUSOLVER_STATUS_INVALID_VALUE;
    return from_cuda(cudaMemcpy(info, &v, sizeof(int), cudaMemcpyHostToDevice));
}

// A column-major device matrix (rows x cols, leading dimension ld) to and from the host.
template <class T> cudaError_t fetch(std::vector<T>& h, const T* d, int ld, int cols) {
    h.assign((size_t)ld * cols, T(0));
    return h.empty() ? cudaSuccess : cudaMemcpy(h.data(), d, h.size() * sizeof(T), cudaMemcpyDeviceToHost);
}
template <class T> cudaError_t store(T* d, const std::vector<T>& h, int ld, int rows, int cols) {
    if (h.empty() || !rows || !cols) return cudaSuccess;
    return cudaMemcpy2D(d, (size_t)ld * sizeof(T), h.data(), (size_t)ld * sizeof(T), (size_t)rows * sizeof(T),
                        (size_t)cols, cudaMemcpyHostToDevice);
}

template <class T>
cusolverStatus_t getrf(cusolverDnHandle_t h, int m, int n, T* a, int lda, int* ipiv, int* info) {
    if (!h) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if (m < 0 || n < 0 || lda < (m > 1 ? m : 1) || !info) return CUSOLVER_STATUS_INVALID_VALUE;
    if (m != n) return CUSOLVER_STATUS_NOT_SUPPORTED;  // rectangular LU: not in the shim
    cusolverStatus_t st = from_cuda(cudaStreamSynchronize(h->stream));
    std::vector<T> ha;
    if (st == CUSOLVER_STATUS_SUCCESS) st = from_cuda(fetch(ha, a, lda, n));
    if (st != CUSOLVER_STATUS_SUCCESS) return st;
    std::vector<int> piv(ipiv ? (size_t)n : 0);
    int v = n ? cp::lu_in_place(ha.data(), n, lda, ipiv ? piv.data() : nullptr) : 0;
    st = from_cuda(store(a, ha, lda, m, n));
    if (st == CUSOLVER_STATUS_SUCCESS && ipiv && n)
        st = from_cuda(cudaMemcpy(ipiv, piv.data(), piv.size() * sizeof(int), cudaMemcpyHostToDevice));
    return st == CUSOLVER_STATUS_SUCCESS ? put_info(info, v) : st;
}

template <class T>
cusolverStatus_t getrs(cusolverDnHandle_t h, cublasOperation_t trans, int n, int nrhs, const T* a, int lda,
                       const int* ipiv, T* b, int ldb, int* info) {
    if (!h) return CUSOLVER_STATUS_NOT_INITIALIZED;
    int bad = trans != CUBLAS_OP_N && trans != CUBLAS_OP_T && trans != CUBLAS_OP_C ? 1
              : n < 0                                                              ? 2
              : nrhs < 0                                                           ? 3
              : lda < (n > 1 ? n : 1)                                              ? 5
              : ldb < (n > 1 ? n : 1)                                              ? 8
                                                                                   : 0;
    if (bad) {
        if (info) put_info(info, -bad);
        return CUSOLVER_STATUS_INVALID_VALUE;
    }
    cusolverStatus_t st = from_cuda(cudaStreamSynchronize(h->stream));
    std::vector<T> ha, hb;
    std::vector<int> piv(ipiv ? (size_t)n : 0);
    if (st == CUSOLVER_STATUS_SUCCESS) st = from_cuda(fetch(ha, a, lda, n));
    if (st == CUSOLVER_STATUS_SUCCESS) st = from_cuda(fetch(hb, b, ldb, nrhs));
    if (st == CUSOLVER_STATUS_SUCCESS && ipiv && n)
        st = from_cuda(cudaMemcpy(piv.data(), ipiv, piv.size() * sizeof(int), cudaMemcpyDeviceToHost));
    if (st != CUSOLVER_STATUS_SUCCESS) return st;
    for (int p : piv)
        if (p < 1 || p > n) return CUSOLVER_STATUS_INVALID_VALUE;
    if (n) cp::lu_solve(ha.data(), n, lda, ipiv ? piv.data() : nullptr, hb.data(), nrhs, ldb, trans != CUBLAS_OP_N);
    st = from_cuda(store(b, hb, ldb, n, nrhs));
    return st == CUSOLVER_STATUS_SUCCESS ? put_info(info, 0) : st;
}

template <class T>
cusolverStatus_t potrf(cusolverDnHandle_t h, cublasFillMode_t uplo, int n, T* a, int lda, int* info) {
    if (!h) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if ((uplo != CUBLAS_FILL_MODE_LOWER && uplo != CUBLAS_FILL_MODE_UPPER) || n < 0 || lda < (n > 1 ? n : 1) ||
        !info)
        return CUSOLVER_STATUS_INVALID_VALUE;
    cusolverStatus_t st = from_cuda(cudaStreamSynchronize(h->stream));
    std::vector<T> ha;
    if (st == CUSOLVER_STATUS_SUCCESS) st = from_cuda(fetch(ha, a, lda, n));
    if (st != CUSOLVER_STATUS_SUCCESS) return st;
    int v = n ? cp::cholesky_in_place(ha.data(), n, lda, uplo == CUBLAS_FILL_MODE_LOWER) : 0;
    st = from_cuda(store(a, ha, lda, n, n));
    return st == CUSOLVER_STATUS_SUCCESS ? put_info(info, v) : st;
}

cusolverStatus_t buffer_size(cusolverDnHandle_t h, int n, int lda, int* lwork) {
    if (!h) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if (n < 0 || lda < (n > 1 ? n : 1) || !lwork) return CUSOLVER_STATUS_INVALID_VALUE;
    *lwork = n > 1 ? n : 1;  // unused by the shim; a positive size keeps cudaMalloc(lwork * sizeof(T)) valid
    return CUSOLVER_STATUS_SUCCESS;
}

}  // namespace

extern "C" cusolverStatus_t cusolverDnCreate(cusolverDnHandle_t* handle) {
    if (!handle) return CUSOLVER_STATUS_INVALID_VALUE;
    int count = 0;
    if (cudaGetDeviceCount(&count) != cudaSuccess || count < 1) return CUSOLVER_STATUS_NOT_INITIALIZED;
    *handle = new cpSolverContext();
    return CUSOLVER_STATUS_SUCCESS;
}

extern "C" cusolverStatus_t cusolverDnDestroy(cusolverDnHandle_t handle) {
    if (!handle) return CUSOLVER_STATUS_NOT_INITIALIZED;
    delete handle;
    return CUSOLVER_STATUS_SUCCESS;
}

extern "C" cusolverStatus_t cusolverDnSetStream(cusolverDnHandle_t handle, cudaStream_t stream) {
    if (!handle) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if (cudaStreamQuery(stream) == cudaErrorInvalidResourceHandle) return CUSOLVER_STATUS_INVALID_VALUE;
    handle->stream = stream;
    return CUSOLVER_STATUS_SUCCESS;
}

extern "C" cusolverStatus_t cusolverDnGetStream(cusolverDnHandle_t handle, cudaStream_t* stream) {
    if (!handle) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if (!stream) return CUSOLVER_STATUS_INVALID_VALUE;
    *stream = handle->stream;
    return CUSOLVER_STATUS_SUCCESS;
}

#define CP_SOLVER_DENSE(T, P)                                                                                      \
    extern "C" cusolverStatus_t cusolverDn##P##getrf_bufferSize(cusolverDnHandle_t h, int m, int n, T*, int lda,   \
                                                                int* lwork) {                                      \
        return m < 0 ? CUSOLVER_STATUS_INVALID_VALUE : buffer_size(h, n, lda < m ? -1 : lda, lwork);             \
    }                                                                                                              \
    extern "C" cusolverStatus_t cusolverDn##P##getrf(cusolverDnHandle_t h, int m, int n, T* a, int lda, T*,        \
                                                     int* ipiv, int* info) {                                       \
        return getrf(h, m, n, a, lda, ipiv, info);                                                                 \
    }                                                                                                              \
    extern "C" cusolverStatus_t cusolverDn##P##getrs(cusolverDnHandle_t h, cublasOperation_t trans, int n,         \
                                                     int nrhs, const T* a, int lda, const int* ipiv, T* b,         \
                                                     int ldb, int* info) {                                         \
        return getrs(h, trans, n, nrhs, a, lda, ipiv, b, ldb, info);                                               \
    }                                                                                                              \
    extern "C" cusolverStatus_t cusolverDn##P##potrf_bufferSize(cusolverDnHandle_t h, cublasFillMode_t, int n, T*, \
                                                                int lda, int* lwork) {                             \
        return buffer_size(h, n, lda, lwork);                                                                      \
    }                                                                                                              \
    extern "C" cusolverStatus_t cusolverDn##P##potrf(cusolverDnHandle_t h, cublasFillMode_t uplo, int n, T* a,     \
                                                     int lda, T*, int, int* info) {                                \
        return potrf(h, uplo, n, a, lda, info);                                                                    \
    }
CP_SOLVER_DENSE(float, S)
CP_SOLVER_DENSE(double, D)
