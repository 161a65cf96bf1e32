// cudaport SYCL helper: cuSPARSE's SpGEMM (C = alpha op(A) op(B), CSR) on oneMKL's sparse::matmat, whose stages
// match cuSPARSE's: workEstimation (size query with a null buffer, then the estimation), compute (size query,
// then the product's structure and values; C's nnz becomes known), copy (writes C's offsets, columns and values
// into the pointers cusparseCsrSetPointers gave, scaled by alpha). The SpGEMM descriptor owns the oneMKL matrix
// handles, the matmat descriptor and C's row offsets until copy. beta must be 0 (C's pattern is new).
// Included by sparse.hpp only.
#pragma once

namespace cpsycl::sparse {

namespace handles {
struct spgemm {
    sycl::queue* queue = nullptr;
    oneapi::mkl::sparse::matmat_descr_t descr = nullptr;
    oneapi::mkl::sparse::matrix_handle_t a = nullptr, b = nullptr, c = nullptr;
    void* c_offsets = nullptr;     // C's row offsets (rows + 1 of C's index type), device memory
    std::int64_t* size = nullptr;  // oneMKL's size / nnz output, host USM
};
}  // namespace handles
using spgemm_t = handles::spgemm*;

inline status_t spgemm_create_descr(spgemm_t* d) {
    if (d == nullptr) return status_invalid_value;
    *d = new handles::spgemm{};
    return status_success;
}

inline status_t spgemm_destroy_descr(spgemm_t d) {
    if (d == nullptr) return status_invalid_value;
    status_t s = status_success;
    if (d->queue != nullptr) {
        try {
            sycl::queue& q = *d->queue;
            for (auto* m : {&d->a, &d->b, &d->c}) oneapi::mkl::sparse::release_matrix_handle(q, m).wait();
            oneapi::mkl::sparse::release_matmat_descr(&d->descr);
            sycl::free(d->c_offsets, q);
            sycl::free(d->size, q);
        } catch (...) {
            s = status_internal_error;
        }
    }
    delete d;
    return s;
}

namespace detail {
// Makes the oneMKL objects of descriptor `d` for A, B and C on first use.
template <class T, class I>
void spgemm_setup(sycl::queue& q, spgemm_t d, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b,
                  const handles::sp_mat& a, const handles::sp_mat& b, const handles::sp_mat& c) {
    if (d->queue != nullptr) return;
    using oneapi::mkl::sparse::matrix_view_descr;
    d->queue = &q;
    d->size = sycl::malloc_host<std::int64_t>(1, q);
    d->c_offsets = sycl::malloc_device<I>(c.rows + 1, q);
    if (d->size == nullptr || d->c_offsets == nullptr) throw std::bad_alloc();
    oneapi::mkl::sparse::init_matmat_descr(&d->descr);
    oneapi::mkl::sparse::set_matmat_data(d->descr, matrix_view_descr::general, op_a, matrix_view_descr::general, op_b,
                                         matrix_view_descr::general);
    oneapi::mkl::sparse::init_matrix_handle(&d->a);
    oneapi::mkl::sparse::init_matrix_handle(&d->b);
    oneapi::mkl::sparse::init_matrix_handle(&d->c);
    oneapi::mkl::sparse::set_csr_data(q, d->a, a.rows, a.cols, a.nnz, a.base, static_cast<I*>(a.rows_or_offsets),
                                      static_cast<I*>(a.columns), static_cast<T*>(a.values));
    oneapi::mkl::sparse::set_csr_data(q, d->b, b.rows, b.cols, b.nnz, b.base, static_cast<I*>(b.rows_or_offsets),
                                      static_cast<I*>(b.columns), static_cast<T*>(b.values));
    oneapi::mkl::sparse::set_csr_data(q, d->c, c.rows, c.cols, 0, c.base, static_cast<I*>(d->c_offsets),
                                      static_cast<I*>(nullptr), static_cast<T*>(nullptr));
}

// One SpGEMM stage: `query` asks oneMKL for the buffer size into *size, else runs `run_req` with `buffer`.
template <class Stage>
status_t spgemm_stage(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                      const_sp_mat_t a, const_sp_mat_t b, const void* beta, sp_mat_t c, data_type_t compute,
                      spgemm_t d, Stage&& stage) {
    (void)alpha;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || c == nullptr || d == nullptr || compute != a->type) return status_invalid_value;
    if (a->fmt != format::csr || b->fmt != format::csr || c->fmt != format::csr) return status_not_supported;
    if (a->col_type != b->col_type || a->col_type != c->col_type || a->type != b->type || a->type != c->type)
        return status_not_supported;
    return with_types(*a, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        if (scalar<T>(h, beta) != T(0)) return status_not_supported;
        return run(h, [&](sycl::queue& q) {
            spgemm_setup<T, I>(q, d, op_a, op_b, *a, *b, *c);
            stage(q, tag<T>{}, tag<I>{});
        });
    });
}
}  // namespace detail

inline status_t spgemm_work_estimation(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b,
                                       const void* alpha, const_sp_mat_t a, const_sp_mat_t b, const void* beta,
                                       sp_mat_t c, data_type_t compute, int alg, spgemm_t d, std::size_t* size,
                                       void* buffer) {
    (void)alg;
    if (size == nullptr) return status_invalid_value;
    return detail::spgemm_stage(h, op_a, op_b, alpha, a, b, beta, c, compute, d, [&](sycl::queue& q, auto, auto) {
        using oneapi::mkl::sparse::matmat_request;
        if (buffer == nullptr) {
            oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::get_work_estimation_buf_size, d->descr,
                                        d->size, nullptr, {}).wait_and_throw();
            *size = static_cast<std::size_t>(*d->size > 0 ? *d->size : 1);
            return;
        }
        *d->size = static_cast<std::int64_t>(*size);
        oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::work_estimation, d->descr, d->size, buffer, {})
            .wait_and_throw();
    });
}

// With a buffer, computes C's structure and values and sets C's nnz (cusparseSpMatGetSize reads it next).
inline status_t spgemm_compute(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                               const_sp_mat_t a, const_sp_mat_t b, const void* beta, sp_mat_t c, data_type_t compute,
                               int alg, spgemm_t d, std::size_t* size, void* buffer) {
    (void)alg;
    if (size == nullptr) return status_invalid_value;
    return detail::spgemm_stage(h, op_a, op_b, alpha, a, b, beta, c, compute, d, [&](sycl::queue& q, auto, auto) {
        using oneapi::mkl::sparse::matmat_request;
        if (buffer == nullptr) {
            oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::get_compute_buf_size, d->descr, d->size,
                                        nullptr, {}).wait_and_throw();
            *size = static_cast<std::size_t>(*d->size > 0 ? *d->size : 1);
            return;
        }
        *d->size = static_cast<std::int64_t>(*size);
        oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::compute, d->descr, d->size, buffer, {})
            .wait_and_throw();
        oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::get_nnz, d->descr, d->size, nullptr, {})
            .wait_and_throw();
        c->nnz = *d->size;
    });
}

// Writes C into the pointers the caller set: offsets copied from the descriptor, columns and values by oneMKL's
// finalize, then values scaled by alpha.
inline status_t spgemm_copy(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                            const_sp_mat_t a, const_sp_mat_t b, const void* beta, sp_mat_t c, data_type_t compute,
                            int alg, spgemm_t d) {
    (void)alg;
    if (d == nullptr || d->queue == nullptr) return status_invalid_value;  // compute has not run
    return detail::spgemm_stage(h, op_a, op_b, alpha, a, b, beta, c, compute, d, [&](sycl::queue& q, auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        using oneapi::mkl::sparse::matmat_request;
        oneapi::mkl::sparse::set_csr_data(q, d->c, c->rows, c->cols, c->nnz, c->base, static_cast<I*>(d->c_offsets),
                                          static_cast<I*>(c->columns), static_cast<T*>(c->values));
        oneapi::mkl::sparse::matmat(q, d->a, d->b, d->c, matmat_request::finalize, d->descr, nullptr, nullptr, {})
            .wait_and_throw();
        q.memcpy(c->rows_or_offsets, d->c_offsets, sizeof(I) * (c->rows + 1)).wait_and_throw();
        const T al = detail::scalar<T>(h, alpha);
        T* vals = static_cast<T*>(c->values);
        if (al != T(1) && c->nnz > 0)
            q.parallel_for(sycl::range<1>(c->nnz), [=](sycl::id<1> e) { vals[e] *= al; }).wait_and_throw();
    });
}

}  // namespace cpsycl::sparse
