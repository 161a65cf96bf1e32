// cudaport SYCL helper: what cuBLAS v2 gives that oneMKL lacks as one object or call. A cublasHandle_t becomes a
// cpsycl::blas::handle_t holding the SYCL queue (its stream) and the pointer mode; each call is the oneMKL BLAS
// call (column_major, as cuBLAS) on that queue, returning cuBLAS's status codes so CUDA error checks still work.
// Scalars (alpha, beta) are read on the host in host pointer mode, from USM in device mode; a result written to
// a host pointer (nrm2, dot, asum, amax) waits for the queue, as cuBLAS does. getrfBatched runs on oneMKL LAPACK's
// group batch API (its 64-bit pivots and per-matrix info copied back into cuBLAS's 32-bit arrays).
#pragma once

#include "../cudaport_sycl.hpp"
#include "mkl_status.hpp"

#include <oneapi/mkl/blas.hpp>
#include <oneapi/mkl/exceptions.hpp>
#include <oneapi/mkl/lapack.hpp>

#include <cstdint>
#include <exception>
#include <vector>

namespace cpsycl::blas {

// cuBLAS's cublasStatus_t values.
enum status_t : int {
    status_success = 0,
    status_not_initialized = 1,
    status_alloc_failed = 3,
    status_invalid_value = 7,
    status_arch_mismatch = 8,
    status_mapping_error = 11,
    status_execution_failed = 13,
    status_internal_error = 14,
    status_not_supported = 15,
    status_license_error = 16,
};

enum pointer_mode_t : int { pointer_mode_host = 0, pointer_mode_device = 1 };

namespace handles {
struct handle {
    sycl::queue* queue;
    cpsycl::stream_t stream;
    pointer_mode_t mode;
};
}  // namespace handles
using handle_t = handles::handle*;

inline const char* get_status_name(status_t s) {
    switch (s) {
        case status_success: return "CUBLAS_STATUS_SUCCESS";
        case status_not_initialized: return "CUBLAS_STATUS_NOT_INITIALIZED";
        case status_alloc_failed: return "CUBLAS_STATUS_ALLOC_FAILED";
        case status_invalid_value: return "CUBLAS_STATUS_INVALID_VALUE";
        case status_arch_mismatch: return "CUBLAS_STATUS_ARCH_MISMATCH";
        case status_mapping_error: return "CUBLAS_STATUS_MAPPING_ERROR";
        case status_execution_failed: return "CUBLAS_STATUS_EXECUTION_FAILED";
        case status_internal_error: return "CUBLAS_STATUS_INTERNAL_ERROR";
        case status_not_supported: return "CUBLAS_STATUS_NOT_SUPPORTED";
        case status_license_error: return "CUBLAS_STATUS_LICENSE_ERROR";
    }
    return "CUBLAS_STATUS_UNKNOWN";
}

inline const char* get_status_string(status_t s) {
    switch (s) {
        case status_success: return "the operation completed successfully";
        case status_not_initialized: return "the library was not initialized";
        case status_alloc_failed: return "the resource allocation failed";
        case status_invalid_value: return "an invalid numerical value was used as an argument";
        case status_execution_failed: return "the GPU program failed to execute";
        case status_not_supported: return "the functionality requested is not supported";
        default: return get_status_name(s);
    }
}

// Runs one oneMKL call on the handle's queue; oneMKL's exceptions become cuBLAS status codes.
template <class F>
status_t run(handle_t h, F&& body) {
    if (h == nullptr) return status_not_initialized;
    static constexpr mkl_status::codes<status_t> codes{status_success, status_invalid_value, status_not_supported,
        status_arch_mismatch, status_execution_failed, status_alloc_failed, status_internal_error};
    return mkl_status::guarded(codes, [&] { body(*h->queue); });
}

inline status_t create(handle_t* h) {
    if (h == nullptr) return status_invalid_value;
    try {
        *h = new handles::handle{&cpsycl::default_queue(), nullptr, pointer_mode_host};
    } catch (...) {
        return status_not_initialized;
    }
    return status_success;
}

inline status_t destroy(handle_t h) {
    if (h == nullptr) return status_not_initialized;
    status_t s = run(h, [](sycl::queue& q) { q.wait_and_throw(); });
    delete h;
    return s;
}

inline status_t set_stream(handle_t h, cpsycl::stream_t s) {
    if (h == nullptr) return status_not_initialized;
    try {
        h->queue = &cpsycl::queue_of(s);
        h->stream = s;
    } catch (...) {
        return status_invalid_value;
    }
    return status_success;
}
inline status_t set_stream(handle_t h, int null_stream) {
    (void)null_stream;  // only 0 is valid: the literal 0 written as a stream
    return set_stream(h, cpsycl::stream_t{});
}

inline status_t get_stream(handle_t h, cpsycl::stream_t* s) {
    if (h == nullptr) return status_not_initialized;
    *s = h->stream;
    return status_success;
}

inline status_t set_pointer_mode(handle_t h, pointer_mode_t m) {
    if (h == nullptr) return status_not_initialized;
    h->mode = m;
    return status_success;
}

inline status_t get_pointer_mode(handle_t h, pointer_mode_t* m) {
    if (h == nullptr) return status_not_initialized;
    *m = h->mode;
    return status_success;
}

namespace detail {
// A cuBLAS scalar argument: its value in host pointer mode, the USM pointer itself in device mode.
template <class T>
oneapi::mkl::value_or_pointer<T> scalar(handle_t h, const T* p) {
    if (h->mode == pointer_mode_device) return oneapi::mkl::value_or_pointer<T>(p);
    return oneapi::mkl::value_or_pointer<T>(*p);
}

// Runs a reduction whose result goes to `result`: directly in device mode, through USM and a wait in host mode.
template <class R, class F>
status_t reduce_to(handle_t h, R* result, F&& call) {
    return run(h, [&](sycl::queue& q) {
        if (h->mode == pointer_mode_device) {
            call(q, result);
            return;
        }
        R* tmp = sycl::malloc_device<R>(1, q);
        if (tmp == nullptr) throw std::bad_alloc();
        try {
            call(q, tmp);
            q.memcpy(result, tmp, sizeof(R)).wait_and_throw();
        } catch (...) {
            sycl::free(tmp, q);
            throw;
        }
        sycl::free(tmp, q);
    });
}
}  // namespace detail

// ---- level 1 ---------------------------------------------------------------------------------------------
template <class T>
status_t nrm2(handle_t h, int n, const T* x, int incx, T* result) {
    return detail::reduce_to(h, result, [&](sycl::queue& q, T* r) { oneapi::mkl::blas::column_major::nrm2(q, n, x, incx, r); });
}

template <class T>
status_t asum(handle_t h, int n, const T* x, int incx, T* result) {
    return detail::reduce_to(h, result, [&](sycl::queue& q, T* r) { oneapi::mkl::blas::column_major::asum(q, n, x, incx, r); });
}

template <class T>
status_t dot(handle_t h, int n, const T* x, int incx, const T* y, int incy, T* result) {
    return detail::reduce_to(h, result,
                             [&](sycl::queue& q, T* r) { oneapi::mkl::blas::column_major::dot(q, n, x, incx, y, incy, r); });
}

// cuBLAS's amax/amin index is 1-based, oneMKL's 0-based.
template <class T>
status_t iamax(handle_t h, int n, const T* x, int incx, int* result) {
    std::int64_t idx = 0;
    pointer_mode_t mode = h ? h->mode : pointer_mode_host;
    if (h) h->mode = pointer_mode_host;
    status_t s = detail::reduce_to(h, &idx, [&](sycl::queue& q, std::int64_t* r) {
        oneapi::mkl::blas::column_major::iamax(q, n, x, incx, r);
    });
    if (h) h->mode = mode;
    if (s != status_success) return s;
    int one_based = n > 0 ? static_cast<int>(idx) + 1 : 0;
    if (mode == pointer_mode_device) return run(h, [&](sycl::queue& q) { q.memcpy(result, &one_based, sizeof(int)).wait(); });
    *result = one_based;
    return s;
}

template <class T>
status_t axpy(handle_t h, int n, const T* alpha, const T* x, int incx, T* y, int incy) {
    return run(h, [&](sycl::queue& q) {
        oneapi::mkl::blas::column_major::axpy(q, n, detail::scalar(h, alpha), x, incx, y, incy);
    });
}

template <class T>
status_t scal(handle_t h, int n, const T* alpha, T* x, int incx) {
    return run(h, [&](sycl::queue& q) { oneapi::mkl::blas::column_major::scal(q, n, detail::scalar(h, alpha), x, incx); });
}

template <class T>
status_t copy(handle_t h, int n, const T* x, int incx, T* y, int incy) {
    return run(h, [&](sycl::queue& q) { oneapi::mkl::blas::column_major::copy(q, n, x, incx, y, incy); });
}

// ---- level 2 and 3 ---------------------------------------------------------------------------------------
template <class T>
status_t gemv(handle_t h, oneapi::mkl::transpose trans, int m, int n, const T* alpha, const T* a, int lda,
              const T* x, int incx, const T* beta, T* y, int incy) {
    return run(h, [&](sycl::queue& q) {
        oneapi::mkl::blas::column_major::gemv(q, trans, m, n, detail::scalar(h, alpha), a, lda, x, incx,
                                              detail::scalar(h, beta), y, incy);
    });
}

template <class T>
status_t gemm(handle_t h, oneapi::mkl::transpose ta, oneapi::mkl::transpose tb, int m, int n, int k, const T* alpha,
              const T* a, int lda, const T* b, int ldb, const T* beta, T* c, int ldc) {
    return run(h, [&](sycl::queue& q) {
        oneapi::mkl::blas::column_major::gemm(q, ta, tb, m, n, k, detail::scalar(h, alpha), a, lda, b, ldb,
                                              detail::scalar(h, beta), c, ldc);
    });
}

template <class T>
status_t gemm_strided_batched(handle_t h, oneapi::mkl::transpose ta, oneapi::mkl::transpose tb, int m, int n, int k,
                              const T* alpha, const T* a, int lda, long long stride_a, const T* b, int ldb,
                              long long stride_b, const T* beta, T* c, int ldc, long long stride_c, int batch) {
    return run(h, [&](sycl::queue& q) {
        oneapi::mkl::blas::column_major::gemm_batch(q, ta, tb, m, n, k, detail::scalar(h, alpha), a, lda, stride_a, b,
                                                    ldb, stride_b, detail::scalar(h, beta), c, ldc, stride_c, batch);
    });
}

// cublas<t>geam: C = alpha op(A) + beta op(B), oneMKL's omatadd.
template <class T>
status_t geam(handle_t h, oneapi::mkl::transpose ta, oneapi::mkl::transpose tb, int m, int n, const T* alpha,
              const T* a, int lda, const T* beta, const T* b, int ldb, T* c, int ldc) {
    return run(h, [&](sycl::queue& q) {
        oneapi::mkl::blas::column_major::omatadd(q, ta, tb, m, n, detail::scalar(h, alpha), a, lda,
                                                 detail::scalar(h, beta), b, ldb, c, ldc);
    });
}

// ---- LU of a batch (cublas<t>getrfBatched) -----------------------------------------------------------------
namespace detail {
// The info of each matrix oneMKL reports as failed (a zero pivot: LAPACK's 1-based column), 0 for the others.
inline std::vector<int> batch_infos(const oneapi::mkl::lapack::batch_error& e, int batch) {
    std::vector<int> info(batch, 0);
    const auto& ids = e.ids();
    const auto& errs = e.exceptions();
    for (std::size_t i = 0; i < ids.size() && i < errs.size(); ++i) {
        try {
            std::rethrow_exception(errs[i]);
        } catch (const oneapi::mkl::lapack::exception& inner) {
            if (ids[i] >= 0 && ids[i] < batch) info[ids[i]] = static_cast<int>(inner.info());
        } catch (...) {
            throw;
        }
    }
    return info;
}
}  // namespace detail

// cuBLAS factors with partial pivoting when `pivots` is given; without pivots (nullptr) it does not pivot,
// which oneMKL cannot do: that case is status_not_supported rather than a different factorisation.
template <class T>
status_t getrf_batched(handle_t h, int n, T* const a[], int lda, int* pivots, int* info, int batch) {
    if (pivots == nullptr) return status_not_supported;
    if (n < 0 || lda < (n > 1 ? n : 1) || batch < 0) return status_invalid_value;
    return run(h, [&](sycl::queue& q) {
        if (batch == 0) return;
        std::int64_t m64 = n, n64 = n, lda64 = lda, size = batch;
        auto** mats = sycl::malloc_shared<T*>(batch, q);
        auto** piv_ptrs = sycl::malloc_shared<std::int64_t*>(batch, q);
        auto* piv = sycl::malloc_device<std::int64_t>(static_cast<std::size_t>(batch) * (n > 0 ? n : 1), q);
        std::int64_t scratch_size =
            oneapi::mkl::lapack::getrf_batch_scratchpad_size<T>(q, &m64, &n64, &lda64, 1, &size);
        T* scratch = sycl::malloc_device<T>(scratch_size > 0 ? scratch_size : 1, q);
        auto release = [&] {
            sycl::free(mats, q);
            sycl::free(piv_ptrs, q);
            sycl::free(piv, q);
            sycl::free(scratch, q);
        };
        std::vector<int> infos(batch, 0);
        try {
            q.memcpy(mats, a, sizeof(T*) * batch).wait_and_throw();
            for (int i = 0; i < batch; ++i) piv_ptrs[i] = piv + static_cast<std::size_t>(i) * n;
            try {
                oneapi::mkl::lapack::getrf_batch(q, &m64, &n64, mats, &lda64, piv_ptrs, 1, &size, scratch,
                                                 scratch_size)
                    .wait_and_throw();
            } catch (const oneapi::mkl::lapack::batch_error& e) {
                infos = detail::batch_infos(e, batch);
            }
            const std::size_t count = static_cast<std::size_t>(batch) * n;
            if (count > 0) {
                q.parallel_for(sycl::range<1>(count), [=](sycl::id<1> i) {
                     pivots[i] = static_cast<int>(piv[i]);
                 }).wait_and_throw();
            }
            if (info != nullptr) q.memcpy(info, infos.data(), sizeof(int) * batch).wait_and_throw();
        } catch (...) {
            release();
            throw;
        }
        release();
    });
}

}  // namespace cpsycl::blas
