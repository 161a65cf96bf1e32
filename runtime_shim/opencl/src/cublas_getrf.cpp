// cuBLAS's batched LU factorisation (cublas<S|D>getrfBatched) for the OpenCL shim. CLBlast has no getrf, so the
// shim factors on the host: the array of matrix pointers and each matrix are copied from the device, factored with
// partial pivoting as LAPACK's getrf does (column-major, 1-based pivot rows, info = first zero pivot), and written
// back. Both device-pointer paths work: the pointers stored in device memory are the shim's own device pointers.
#include <cmath>
#include <vector>

#include "cp_cublas.hpp"
#include "cp_lapack.hpp"

template <class T>
static cublasStatus_t getrf_batched(cublasHandle_t h, int n, T* const a[], int lda, int* piv, int* info, int batch) {
    if (!h) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (n < 0 || lda < (n > 1 ? n : 1) || batch < 0) return CUBLAS_STATUS_INVALID_VALUE;
    if (cudaStreamSynchronize(h->stream) != cudaSuccess) return CUBLAS_STATUS_EXECUTION_FAILED;
    std::vector<T*> ptrs((size_t)batch);
    std::vector<int> infos((size_t)batch), pivots(piv ? (size_t)batch * n : 0);
    if (batch && cudaMemcpy(ptrs.data(), a, sizeof(T*) * batch, cudaMemcpyDeviceToHost) != cudaSuccess)
        return CUBLAS_STATUS_EXECUTION_FAILED;
    std::vector<T> m((size_t)lda * n);
    for (int b = 0; b < batch; ++b) {
        if (n == 0) continue;
        if (cudaMemcpy(m.data(), ptrs[b], m.size() * sizeof(T), cudaMemcpyDeviceToHost) != cudaSuccess)
            return CUBLAS_STATUS_EXECUTION_FAILED;
        infos[b] = cp::lu_in_place(m.data(), n, lda, piv ? pivots.data() + (size_t)b * n : nullptr);
        if (cudaMemcpy(ptrs[b], m.data(), m.size() * sizeof(T), cudaMemcpyHostToDevice) != cudaSuccess)
            return CUBLAS_STATUS_EXECUTION_FAILED;
    }
    if (piv && !pivots.empty() && cudaMemcpy(piv, pivots.data(), pivots.size() * sizeof(int), cudaMemcpyHostToDevice))
        return CUBLAS_STATUS_EXECUTION_FAILED;
    if (batch && cudaMemcpy(info, infos.data(), infos.size() * sizeof(int), cudaMemcpyHostToDevice) != cudaSuccess)
        return CUBLAS_STATUS_EXECUTION_FAILED;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasSgetrfBatched(cublasHandle_t h, int n, float* const a[], int lda, int* piv, int* info,
                                              int batch) {
    return getrf_batched(h, n, a, lda, piv, info, batch);
}

extern "C" cublasStatus_t cublasDgetrfBatched(cublasHandle_t h, int n, double* const a[], int lda, int* piv,
                                              int* info, int batch) {
    return getrf_batched(h, n, a, lda, piv, info, batch);
}
