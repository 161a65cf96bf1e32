// cudaport SYCL helper: cuSPARSE's generic API. A cusparseHandle_t is a cpsycl::sparse::handle_t (queue and
// pointer mode); cuSPARSE's SpMat/DnMat/DnVec/SpVec descriptors are small structs holding the same pointers,
// sizes, types, layout and batch strides. Operations oneMKL sparse BLAS has run there on a oneMKL matrix handle
// made for the call: SpMM -> sparse::gemm (CSR, COO), SpMV -> sparse::gemv, SpSM -> sparse::trsm (CSR), SpGEMM ->
// sparse::matmat (CSR, sparse_spgemm.hpp).
// Operations it lacks are SYCL kernels of this file: SDDMM (CSR), Axpby, SparseToDense and DenseToSparse (CSR).
// Values float or double, indices 32- or 64-bit; other combinations return CUSPARSE_STATUS_NOT_SUPPORTED.
#pragma once

#include "../cudaport_sycl.hpp"
#include "library_types.hpp"
#include "mkl_status.hpp"

#include <oneapi/mkl/exceptions.hpp>
#include <oneapi/mkl/spblas.hpp>

#include <cstdint>
#include <exception>
#include <vector>

namespace cpsycl::sparse {

// cuSPARSE's cusparseStatus_t values.
enum status_t : int {
    status_success = 0,
    status_not_initialized = 1,
    status_alloc_failed = 2,
    status_invalid_value = 3,
    status_arch_mismatch = 4,
    status_mapping_error = 5,
    status_execution_failed = 6,
    status_internal_error = 7,
    status_matrix_type_not_supported = 8,
    status_zero_pivot = 9,
    status_not_supported = 10,
    status_insufficient_resources = 11,
};

enum pointer_mode_t : int { pointer_mode_host = 0, pointer_mode_device = 1 };
enum index_type_t : int { index_16u = 1, index_32i = 2, index_64i = 3 };
enum fill_mode_t : int { fill_mode_lower = 0, fill_mode_upper = 1 };
enum diag_type_t : int { diag_type_non_unit = 0, diag_type_unit = 1 };
enum spmat_attribute_t : int { spmat_fill_mode = 0, spmat_diag_type = 1 };
// Algorithm choices are performance hints in cuSPARSE; every one runs the single oneMKL (or helper) algorithm.
enum alg_t : int { alg_default = 0 };

inline const char* get_error_string(status_t s) {
    switch (s) {
        case status_success: return "success";
        case status_not_initialized: return "initialization error";
        case status_alloc_failed: return "out of memory";
        case status_invalid_value: return "invalid value";
        case status_arch_mismatch: return "architecture mismatch";
        case status_execution_failed: return "execution failed";
        case status_internal_error: return "internal error";
        case status_matrix_type_not_supported: return "matrix type not supported";
        case status_not_supported: return "operation not supported";
        case status_insufficient_resources: return "insufficient resources";
        default: return "unknown error";
    }
}

enum class format { csr, coo };

namespace handles {
struct handle {
    sycl::queue* queue;
    pointer_mode_t mode;
};
struct sp_mat {
    format fmt;
    std::int64_t rows, cols, nnz;
    void* rows_or_offsets;  // CSR row offsets (rows + 1) or COO row indices (nnz)
    void* columns;
    void* values;
    index_type_t row_type, col_type;
    oneapi::mkl::index_base base;
    data_type_t type;
    int batch = 1;
    std::int64_t offsets_stride = 0, values_stride = 0;
    fill_mode_t fill = fill_mode_lower;
    diag_type_t diag = diag_type_non_unit;
};
struct dn_mat {
    std::int64_t rows, cols, ld;
    void* values;
    data_type_t type;
    oneapi::mkl::layout order;
    int batch = 1;
    std::int64_t stride = 0;
};
struct dn_vec {
    std::int64_t size;
    void* values;
    data_type_t type;
};
struct sp_vec {
    std::int64_t size, nnz;
    void* indices;
    void* values;
    index_type_t idx_type;
    oneapi::mkl::index_base base;
    data_type_t type;
};
struct spsm {
    int unused = 0;
};
}  // namespace handles
using handle_t = handles::handle*;
using sp_mat_t = handles::sp_mat*;
using dn_mat_t = handles::dn_mat*;
using dn_vec_t = handles::dn_vec*;
using sp_vec_t = handles::sp_vec*;
using const_sp_mat_t = const handles::sp_mat*;
using const_dn_mat_t = const handles::dn_mat*;
using const_dn_vec_t = const handles::dn_vec*;
using const_sp_vec_t = const handles::sp_vec*;
using spsm_t = handles::spsm*;

namespace detail {
template <class T>
struct tag {
    using type = T;
};

// Calls f(tag<value type>) for a float or double data type.
template <class F>
status_t with_value(data_type_t t, F&& f) {
    if (t == dt_r_32f) return f(tag<float>{});
    if (t == dt_r_64f) return f(tag<double>{});
    return status_not_supported;
}
// Calls f(tag<index type>) for 32- or 64-bit indices.
template <class F>
status_t with_index(index_type_t t, F&& f) {
    if (t == index_32i) return f(tag<std::int32_t>{});
    if (t == index_64i) return f(tag<std::int64_t>{});
    return status_not_supported;
}

template <class F>
status_t run(handle_t h, F&& body) {
    if (h == nullptr) return status_not_initialized;
    static constexpr mkl_status::codes<status_t> codes{status_success, status_invalid_value, status_not_supported,
        status_internal_error, status_execution_failed, status_alloc_failed, status_internal_error};
    return mkl_status::guarded(codes, [&] { body(*h->queue); });
}

// A scalar argument read on the host: directly in host pointer mode, copied from USM in device mode.
template <class T>
T scalar(handle_t h, const void* p) {
    T v{};
    if (h->mode == pointer_mode_device) h->queue->memcpy(&v, p, sizeof(T)).wait_and_throw();
    else v = *static_cast<const T*>(p);
    return v;
}

// Element (r, c) of a dense matrix stored with `order` and leading dimension `ld`.
template <class T>
T& at(T* v, oneapi::mkl::layout order, std::int64_t ld, std::int64_t r, std::int64_t c) {
    return order == oneapi::mkl::layout::row_major ? v[r * ld + c] : v[c * ld + r];
}

// A oneMKL matrix handle for batch member `b` of `a`, released (after `done`) when the object goes away.
template <class T, class I>
struct mkl_matrix {
    sycl::queue& q;
    oneapi::mkl::sparse::matrix_handle_t m = nullptr;
    std::vector<sycl::event> done;
    mkl_matrix(sycl::queue& queue, const handles::sp_mat& a, int b) : q(queue) {
        oneapi::mkl::sparse::init_matrix_handle(&m);
        I* rows = static_cast<I*>(a.rows_or_offsets) + b * a.offsets_stride;
        I* cols = static_cast<I*>(a.columns) + b * a.values_stride;
        T* vals = static_cast<T*>(a.values) + b * a.values_stride;
        if (a.fmt == format::csr)
            oneapi::mkl::sparse::set_csr_data(q, m, a.rows, a.cols, a.nnz, a.base, rows, cols, vals);
        else
            oneapi::mkl::sparse::set_coo_data(q, m, a.rows, a.cols, a.nnz, a.base, rows, cols, vals);
    }
    ~mkl_matrix() { oneapi::mkl::sparse::release_matrix_handle(q, &m, done).wait(); }
    mkl_matrix(const mkl_matrix&) = delete;
    mkl_matrix& operator=(const mkl_matrix&) = delete;
};

// Runs f(tag<T>, tag<I>) for sparse matrix `a`'s value and index types (row and column indices must agree).
template <class F>
status_t with_types(const handles::sp_mat& a, F&& f) {
    if (a.row_type != a.col_type) return status_not_supported;
    return with_value(a.type, [&](auto t) { return with_index(a.col_type, [&](auto i) { return f(t, i); }); });
}
}  // namespace detail

// ---- handle ------------------------------------------------------------------------------------------------
inline status_t create(handle_t* h) {
    if (h == nullptr) return status_invalid_value;
    try {
        *h = new handles::handle{&cpsycl::default_queue(), pointer_mode_host};
    } catch (...) {
        return status_not_initialized;
    }
    return status_success;
}
inline status_t destroy(handle_t h) {
    status_t s = detail::run(h, [](sycl::queue& q) { q.wait_and_throw(); });
    delete h;
    return s;
}
inline status_t set_stream(handle_t h, cpsycl::stream_t s) {
    if (h == nullptr) return status_not_initialized;
    return detail::run(h, [&](sycl::queue&) { h->queue = &cpsycl::queue_of(s); });
}
inline status_t set_pointer_mode(handle_t h, pointer_mode_t m) {
    if (h == nullptr) return status_not_initialized;
    h->mode = m;
    return status_success;
}

// ---- descriptors -------------------------------------------------------------------------------------------
inline status_t create_csr(sp_mat_t* a, std::int64_t rows, std::int64_t cols, std::int64_t nnz, void* offsets,
                           void* columns, void* values, index_type_t offset_type, index_type_t col_type,
                           oneapi::mkl::index_base base, data_type_t type) {
    if (a == nullptr || rows < 0 || cols < 0 || nnz < 0) return status_invalid_value;
    *a = new handles::sp_mat{format::csr, rows, cols, nnz, offsets, columns, values, offset_type, col_type, base, type};
    return status_success;
}
inline status_t create_coo(sp_mat_t* a, std::int64_t rows, std::int64_t cols, std::int64_t nnz, void* row_ind,
                           void* col_ind, void* values, index_type_t idx_type, oneapi::mkl::index_base base,
                           data_type_t type) {
    if (a == nullptr || rows < 0 || cols < 0 || nnz < 0) return status_invalid_value;
    *a = new handles::sp_mat{format::coo, rows, cols, nnz, row_ind, col_ind, values, idx_type, idx_type, base, type};
    return status_success;
}
inline status_t create_dn_mat(dn_mat_t* m, std::int64_t rows, std::int64_t cols, std::int64_t ld, void* values,
                              data_type_t type, oneapi::mkl::layout order) {
    if (m == nullptr || rows < 0 || cols < 0) return status_invalid_value;
    if (ld < (order == oneapi::mkl::layout::row_major ? cols : rows)) return status_invalid_value;
    *m = new handles::dn_mat{rows, cols, ld, values, type, order};
    return status_success;
}
inline status_t create_dn_vec(dn_vec_t* v, std::int64_t size, void* values, data_type_t type) {
    if (v == nullptr || size < 0) return status_invalid_value;
    *v = new handles::dn_vec{size, values, type};
    return status_success;
}
inline status_t create_sp_vec(sp_vec_t* v, std::int64_t size, std::int64_t nnz, void* indices, void* values,
                              index_type_t idx_type, oneapi::mkl::index_base base, data_type_t type) {
    if (v == nullptr || size < 0 || nnz < 0 || nnz > size) return status_invalid_value;
    *v = new handles::sp_vec{size, nnz, indices, values, idx_type, base, type};
    return status_success;
}
template <class D>
status_t destroy_descr(D* d) {
    delete d;
    return status_success;
}
inline status_t destroy_sp_mat(const_sp_mat_t a) { return destroy_descr(a); }
inline status_t destroy_dn_mat(const_dn_mat_t m) { return destroy_descr(m); }
inline status_t destroy_dn_vec(const_dn_vec_t v) { return destroy_descr(v); }
inline status_t destroy_sp_vec(const_sp_vec_t v) { return destroy_descr(v); }

inline status_t sp_mat_get_size(const_sp_mat_t a, std::int64_t* rows, std::int64_t* cols, std::int64_t* nnz) {
    if (a == nullptr) return status_invalid_value;
    if (rows) *rows = a->rows;
    if (cols) *cols = a->cols;
    if (nnz) *nnz = a->nnz;
    return status_success;
}
inline status_t csr_set_pointers(sp_mat_t a, void* offsets, void* columns, void* values) {
    if (a == nullptr || a->fmt != format::csr) return status_invalid_value;
    a->rows_or_offsets = offsets, a->columns = columns, a->values = values;
    return status_success;
}
inline status_t dn_mat_set_strided_batch(dn_mat_t m, int count, std::int64_t stride) {
    if (m == nullptr || count < 1) return status_invalid_value;
    m->batch = count, m->stride = stride;
    return status_success;
}
inline status_t csr_set_strided_batch(sp_mat_t a, int count, std::int64_t offsets_stride, std::int64_t values_stride) {
    if (a == nullptr || count < 1) return status_invalid_value;
    a->batch = count, a->offsets_stride = offsets_stride, a->values_stride = values_stride;
    return status_success;
}
inline status_t sp_mat_set_attribute(sp_mat_t a, spmat_attribute_t attr, const void* data, std::size_t size) {
    if (a == nullptr || data == nullptr || size < sizeof(int)) return status_invalid_value;
    const int v = *static_cast<const int*>(data);
    if (attr == spmat_fill_mode) a->fill = static_cast<fill_mode_t>(v);
    else if (attr == spmat_diag_type) a->diag = static_cast<diag_type_t>(v);
    else return status_invalid_value;
    return status_success;
}

// Work buffers: the helper needs none; a small size keeps the caller's cudaMalloc of it non-empty.
constexpr std::size_t work_bytes = 16;

// ---- SpMM and SpMV on oneMKL -------------------------------------------------------------------------------
inline status_t spmm_buffer_size(handle_t h, oneapi::mkl::transpose, oneapi::mkl::transpose, const void*,
                                 const_sp_mat_t, const_dn_mat_t, const void*, dn_mat_t, data_type_t, int,
                                 std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    *size = work_bytes;
    return status_success;
}

inline status_t spmm(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                     const_sp_mat_t a, const_dn_mat_t b, const void* beta, dn_mat_t c, data_type_t compute, int alg,
                     void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || c == nullptr || compute != a->type) return status_invalid_value;
    if (b->order != c->order) return status_not_supported;  // oneMKL's gemm takes one layout for B and C
    return detail::with_types(*a, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            const T al = detail::scalar<T>(h, alpha), be = detail::scalar<T>(h, beta);
            for (int k = 0; k < c->batch; ++k) {
                detail::mkl_matrix<T, I> m(q, *a, a->batch > 1 ? k : 0);
                const T* bv = static_cast<const T*>(b->values) + (b->batch > 1 ? k * b->stride : 0);
                T* cv = static_cast<T*>(c->values) + k * c->stride;
                m.done.push_back(oneapi::mkl::sparse::gemm(q, c->order, op_a, op_b, al, m.m, bv, c->cols, b->ld, be,
                                                           cv, c->ld));
            }
        });
    });
}

inline status_t spmv_buffer_size(handle_t h, oneapi::mkl::transpose, const void*, const_sp_mat_t, const_dn_vec_t,
                                 const void*, dn_vec_t, data_type_t, int, std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    *size = work_bytes;
    return status_success;
}

inline status_t spmv(handle_t h, oneapi::mkl::transpose op_a, const void* alpha, const_sp_mat_t a, const_dn_vec_t x,
                     const void* beta, dn_vec_t y, data_type_t compute, int alg, void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || x == nullptr || y == nullptr || compute != a->type) return status_invalid_value;
    return detail::with_types(*a, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            detail::mkl_matrix<T, I> m(q, *a, 0);
            m.done.push_back(oneapi::mkl::sparse::gemv(q, op_a, detail::scalar<T>(h, alpha), m.m,
                                                       static_cast<const T*>(x->values), detail::scalar<T>(h, beta),
                                                       static_cast<T*>(y->values)));
        });
    });
}

// ---- SpSM on oneMKL trsm (CSR) -----------------------------------------------------------------------------
inline status_t spsm_create_descr(spsm_t* d) {
    if (d == nullptr) return status_invalid_value;
    *d = new handles::spsm{};
    return status_success;
}
inline status_t spsm_destroy_descr(spsm_t d) { return destroy_descr(d); }
inline status_t spsm_buffer_size(handle_t h, oneapi::mkl::transpose, oneapi::mkl::transpose, const void*,
                                 const_sp_mat_t, const_dn_mat_t, dn_mat_t, data_type_t, int, spsm_t,
                                 std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    *size = work_bytes;
    return status_success;
}
// The analysis is done by oneMKL inside trsm; nothing to prepare.
inline status_t spsm_analysis(handle_t h, oneapi::mkl::transpose, oneapi::mkl::transpose, const void*, const_sp_mat_t a,
                              const_dn_mat_t, dn_mat_t, data_type_t, int, spsm_t d, void*) {
    if (h == nullptr) return status_not_initialized;
    return a == nullptr || d == nullptr ? status_invalid_value : status_success;
}
inline status_t spsm_solve(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                           const_sp_mat_t a, const_dn_mat_t b, dn_mat_t c, data_type_t compute, int alg, spsm_t d) {
    (void)alg;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || c == nullptr || d == nullptr || compute != a->type) return status_invalid_value;
    if (a->fmt != format::csr) return status_not_supported;
    if (b->order != c->order) return status_not_supported;
    return detail::with_types(*a, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            detail::mkl_matrix<T, I> m(q, *a, 0);
            const auto uplo = a->fill == fill_mode_lower ? oneapi::mkl::uplo::lower : oneapi::mkl::uplo::upper;
            const auto diag = a->diag == diag_type_unit ? oneapi::mkl::diag::unit : oneapi::mkl::diag::nonunit;
            m.done.push_back(oneapi::mkl::sparse::trsm(q, c->order, op_a, op_b, uplo, diag, detail::scalar<T>(h, alpha),
                                                       m.m, static_cast<const T*>(b->values), c->cols, b->ld,
                                                       static_cast<T*>(c->values), c->ld));
        });
    });
}

}  // namespace cpsycl::sparse

#include "sparse_kernels.hpp"
#include "sparse_spgemm.hpp"
