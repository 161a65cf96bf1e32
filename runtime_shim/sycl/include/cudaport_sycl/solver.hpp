// cudaport SYCL helper: cuSOLVER's dense API (cusolverDn) on oneMKL LAPACK. A cusolverDnHandle_t becomes a
// cpsycl::solver::handle_t holding the SYCL queue; the workspace size a *_bufferSize call returns is oneMKL's
// scratchpad size (in elements, as cuSOLVER's Lwork), and the caller's workspace is passed to oneMKL as its
// scratchpad. devInfo receives LAPACK's info: oneMKL reports a failed factorisation as an exception carrying it.
// Pivots are 64-bit in oneMKL and 32-bit in cuSOLVER: they go through a temporary and are copied back.
#pragma once

#include "../cudaport_sycl.hpp"
#include "mkl_status.hpp"

#include <oneapi/mkl/exceptions.hpp>
#include <oneapi/mkl/lapack.hpp>

#include <cstdint>
#include <exception>

namespace cpsycl::solver {

// cuSOLVER's cusolverStatus_t values.
enum status_t : int {
    status_success = 0,
    status_not_initialized = 1,
    status_alloc_failed = 2,
    status_invalid_value = 3,
    status_arch_mismatch = 4,
    status_execution_failed = 6,
    status_internal_error = 7,
    status_not_supported = 9,
};

namespace handles {
struct handle {
    sycl::queue* queue;
};
}  // namespace handles
using handle_t = handles::handle*;

// Runs one oneMKL LAPACK call on the handle's queue; `info` (device memory, may be null) receives LAPACK's info.
template <class F>
status_t run(handle_t h, int* info, F&& body) {
    if (h == nullptr) return status_not_initialized;
    sycl::queue& q = *h->queue;
    static constexpr mkl_status::codes<status_t> codes{status_success, status_invalid_value, status_not_supported,
        status_arch_mismatch, status_execution_failed, status_alloc_failed, status_internal_error};
    bool bad_argument = false;
    const status_t s = mkl_status::guarded(codes, [&] {
        int code = 0;
        try {
            body(q);
        } catch (const oneapi::mkl::lapack::invalid_argument& e) {
            code = -static_cast<int>(e.info());
            bad_argument = info == nullptr;
        } catch (const oneapi::mkl::lapack::computation_error& e) {
            code = static_cast<int>(e.info());
        }
        if (info != nullptr) q.memcpy(info, &code, sizeof(int)).wait_and_throw();
    });
    return bad_argument ? status_invalid_value : s;
}

inline status_t create(handle_t* h) {
    if (h == nullptr) return status_invalid_value;
    try {
        *h = new handles::handle{&cpsycl::default_queue()};
    } catch (...) {
        return status_not_initialized;
    }
    return status_success;
}

inline status_t destroy(handle_t h) {
    if (h == nullptr) return status_not_initialized;
    status_t s = run(h, nullptr, [](sycl::queue& q) { q.wait_and_throw(); });
    delete h;
    return s;
}

inline status_t set_stream(handle_t h, cpsycl::stream_t s) {
    if (h == nullptr) return status_not_initialized;
    try {
        h->queue = &cpsycl::queue_of(s);
    } catch (...) {
        return status_invalid_value;
    }
    return status_success;
}

template <class Size>
status_t store_size(std::int64_t size, Size* lwork) {
    if (lwork == nullptr) return status_invalid_value;
    *lwork = static_cast<Size>(size);
    return status_success;
}

// ---- Cholesky (cusolverDn<t>potrf) ------------------------------------------------------------------------
template <class T>
status_t potrf_buffer_size(handle_t h, oneapi::mkl::uplo uplo, int n, T* a, int lda, int* lwork) {
    (void)a;
    if (h == nullptr) return status_not_initialized;
    try {
        return store_size(oneapi::mkl::lapack::potrf_scratchpad_size<T>(*h->queue, uplo, n, lda), lwork);
    } catch (...) {
        return status_invalid_value;
    }
}

template <class T>
status_t potrf(handle_t h, oneapi::mkl::uplo uplo, int n, T* a, int lda, T* work, int lwork, int* info) {
    return run(h, info, [&](sycl::queue& q) {
        oneapi::mkl::lapack::potrf(q, uplo, n, a, lda, work, lwork).wait_and_throw();
    });
}

// ---- LU (cusolverDn<t>getrf, getrs) -----------------------------------------------------------------------
template <class T>
status_t getrf_buffer_size(handle_t h, int m, int n, T* a, int lda, int* lwork) {
    (void)a;
    if (h == nullptr) return status_not_initialized;
    try {
        return store_size(oneapi::mkl::lapack::getrf_scratchpad_size<T>(*h->queue, m, n, lda), lwork);
    } catch (...) {
        return status_invalid_value;
    }
}

namespace detail {
// A 64-bit copy of cuSOLVER's 32-bit pivots for oneMKL, freed with the object.
struct pivots64 {
    sycl::queue& q;
    std::int64_t* p;
    std::size_t n;
    pivots64(sycl::queue& queue, std::size_t count) : q(queue), p(sycl::malloc_device<std::int64_t>(count ? count : 1, queue)), n(count) {
        if (p == nullptr) throw std::bad_alloc();
    }
    ~pivots64() { sycl::free(p, q); }
    pivots64(const pivots64&) = delete;
    pivots64& operator=(const pivots64&) = delete;
    void to32(int* out) {
        std::int64_t* src = p;
        if (n) q.parallel_for(sycl::range<1>(n), [=](sycl::id<1> i) { out[i] = static_cast<int>(src[i]); }).wait_and_throw();
    }
    void from32(const int* in) {
        std::int64_t* dst = p;
        if (n) q.parallel_for(sycl::range<1>(n), [=](sycl::id<1> i) { dst[i] = in[i]; }).wait_and_throw();
    }
};
}  // namespace detail

// cuSOLVER skips pivoting when devIpiv is null; oneMKL always pivots, so that case is not supported.
template <class T>
status_t getrf(handle_t h, int m, int n, T* a, int lda, T* work, int* ipiv, int* info) {
    if (ipiv == nullptr) return status_not_supported;
    return run(h, info, [&](sycl::queue& q) {
        detail::pivots64 piv(q, static_cast<std::size_t>(m < n ? m : n));
        std::int64_t size = oneapi::mkl::lapack::getrf_scratchpad_size<T>(q, m, n, lda);
        try {
            oneapi::mkl::lapack::getrf(q, m, n, a, lda, piv.p, work, size).wait_and_throw();
        } catch (const oneapi::mkl::lapack::computation_error&) {
            piv.to32(ipiv);  // the factor is complete; U is singular
            throw;
        }
        piv.to32(ipiv);
    });
}

template <class T>
status_t getrs(handle_t h, oneapi::mkl::transpose trans, int n, int nrhs, const T* a, int lda, const int* ipiv, T* b,
               int ldb, int* info) {
    return run(h, info, [&](sycl::queue& q) {
        detail::pivots64 piv(q, static_cast<std::size_t>(n));
        piv.from32(ipiv);
        std::int64_t size = oneapi::mkl::lapack::getrs_scratchpad_size<T>(q, trans, n, nrhs, lda, ldb);
        T* scratch = sycl::malloc_device<T>(size > 0 ? size : 1, q);
        if (scratch == nullptr) throw std::bad_alloc();
        try {
            oneapi::mkl::lapack::getrs(q, trans, n, nrhs, const_cast<T*>(a), lda, piv.p, b, ldb, scratch, size)
                .wait_and_throw();
        } catch (...) {
            sycl::free(scratch, q);
            throw;
        }
        sycl::free(scratch, q);
    });
}

}  // namespace cpsycl::solver
