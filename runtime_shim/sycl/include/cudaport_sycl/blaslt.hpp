// cudaport SYCL helper: the part of cuBLASLt a plain matmul uses, on oneMKL BLAS. cublasLtMatmul computes
// D = epilogue(alpha op(A) op(B) + beta C) with column-major float or double matrices: C is copied to D when they
// differ, oneMKL's gemm runs on D, and the epilogue (bias per row of D, ReLU) is a SYCL kernel. Descriptors are
// plain structs (the *Opaque_t types are the structs themselves, so `= {}` and `&desc` keep working); the
// heuristic returns one algorithm that stands for oneMKL's gemm. Attributes the layer does not implement (row
// orders, batches, pointer modes, other epilogues) make the call return CUBLAS_STATUS_NOT_SUPPORTED.
#pragma once

#include "blas.hpp"

#include <cstring>

namespace cpsycl::blaslt {

using status_t = cpsycl::blas::status_t;

enum compute_type_t : int { compute_16f = 64, compute_32f = 68, compute_32f_fast_tf32 = 77, compute_64f = 70 };
enum epilogue_t : int { epilogue_default = 1, epilogue_relu = 2, epilogue_bias = 4, epilogue_relu_bias = 6 };
enum matmul_desc_attribute_t : int {
    matmul_desc_compute_type = 0,
    matmul_desc_scale_type = 1,
    matmul_desc_pointer_mode = 2,
    matmul_desc_transa = 3,
    matmul_desc_transb = 4,
    matmul_desc_epilogue = 7,
    matmul_desc_bias_pointer = 8,
};
enum matmul_preference_attribute_t : int { matmul_pref_search_mode = 0, matmul_pref_max_workspace_bytes = 1 };

struct matmul_desc {
    compute_type_t compute = compute_32f;
    cpsycl::data_type_t scale = cpsycl::dt_r_32f;
    oneapi::mkl::transpose transa = oneapi::mkl::transpose::nontrans, transb = oneapi::mkl::transpose::nontrans;
    epilogue_t epilogue = epilogue_default;
    const void* bias = nullptr;
    bool unsupported = false;  // an attribute was set that the layer does not implement
};
struct matrix_layout {
    cpsycl::data_type_t type = cpsycl::dt_r_32f;
    std::uint64_t rows = 0, cols = 0;
    std::int64_t ld = 0;
};
struct matmul_preference {
    std::size_t max_workspace = 0;
};
struct matmul_algo {
    std::uint64_t data[8] = {};
};
struct matmul_heuristic_result {
    matmul_algo algo;
    std::size_t workspaceSize = 0;
    status_t state = cpsycl::blas::status_success;
    float wavesCount = 1.0f;
    int reserved[4] = {};
};

using handle_t = cpsycl::blas::handle_t;
using matmul_desc_t = matmul_desc*;
using matrix_layout_t = matrix_layout*;
using matmul_preference_t = matmul_preference*;

inline status_t create(handle_t* h) { return cpsycl::blas::create(h); }
inline status_t destroy(handle_t h) { return cpsycl::blas::destroy(h); }

inline status_t matmul_desc_init(matmul_desc_t d, compute_type_t compute, cpsycl::data_type_t scale) {
    if (d == nullptr) return cpsycl::blas::status_invalid_value;
    *d = matmul_desc{};
    d->compute = compute, d->scale = scale;
    return cpsycl::blas::status_success;
}
inline status_t matmul_desc_create(matmul_desc_t* d, compute_type_t compute, cpsycl::data_type_t scale) {
    if (d == nullptr) return cpsycl::blas::status_invalid_value;
    *d = new matmul_desc{};
    return matmul_desc_init(*d, compute, scale);
}
inline status_t matmul_desc_destroy(matmul_desc_t d) {
    delete d;
    return cpsycl::blas::status_success;
}

inline status_t matmul_desc_set_attribute(matmul_desc_t d, matmul_desc_attribute_t attr, const void* buf,
                                          std::size_t size) {
    if (d == nullptr || buf == nullptr) return cpsycl::blas::status_invalid_value;
    auto take = [&](auto& field) {
        if (size != sizeof(field)) return cpsycl::blas::status_invalid_value;
        std::memcpy(&field, buf, sizeof(field));
        return cpsycl::blas::status_success;
    };
    switch (attr) {
        case matmul_desc_compute_type: return take(d->compute);
        case matmul_desc_scale_type: return take(d->scale);
        case matmul_desc_transa: return take(d->transa);
        case matmul_desc_transb: return take(d->transb);
        case matmul_desc_epilogue: return take(d->epilogue);
        case matmul_desc_bias_pointer: return take(d->bias);
        default: d->unsupported = true; return cpsycl::blas::status_not_supported;
    }
}

inline status_t matrix_layout_init(matrix_layout_t l, cpsycl::data_type_t type, std::uint64_t rows, std::uint64_t cols,
                                   std::int64_t ld) {
    if (l == nullptr) return cpsycl::blas::status_invalid_value;
    *l = matrix_layout{type, rows, cols, ld};
    return cpsycl::blas::status_success;
}
inline status_t matrix_layout_create(matrix_layout_t* l, cpsycl::data_type_t type, std::uint64_t rows,
                                     std::uint64_t cols, std::int64_t ld) {
    if (l == nullptr) return cpsycl::blas::status_invalid_value;
    *l = new matrix_layout{type, rows, cols, ld};
    return cpsycl::blas::status_success;
}
inline status_t matrix_layout_destroy(matrix_layout_t l) {
    delete l;
    return cpsycl::blas::status_success;
}

inline status_t matmul_preference_init(matmul_preference_t p) {
    if (p == nullptr) return cpsycl::blas::status_invalid_value;
    *p = matmul_preference{};
    return cpsycl::blas::status_success;
}
inline status_t matmul_preference_create(matmul_preference_t* p) {
    if (p == nullptr) return cpsycl::blas::status_invalid_value;
    *p = new matmul_preference{};
    return cpsycl::blas::status_success;
}
inline status_t matmul_preference_destroy(matmul_preference_t p) {
    delete p;
    return cpsycl::blas::status_success;
}
inline status_t matmul_preference_set_attribute(matmul_preference_t p, matmul_preference_attribute_t attr,
                                                const void* buf, std::size_t size) {
    if (p == nullptr || buf == nullptr) return cpsycl::blas::status_invalid_value;
    if (attr != matmul_pref_max_workspace_bytes) return cpsycl::blas::status_success;  // a search hint
    if (size != sizeof(std::uint64_t)) return cpsycl::blas::status_invalid_value;
    std::uint64_t v = 0;
    std::memcpy(&v, buf, sizeof(v));
    p->max_workspace = static_cast<std::size_t>(v);
    return cpsycl::blas::status_success;
}

// One algorithm: oneMKL's gemm, needing no workspace.
inline status_t matmul_algo_get_heuristic(handle_t h, matmul_desc_t d, matrix_layout_t, matrix_layout_t,
                                          matrix_layout_t, matrix_layout_t, matmul_preference_t, int requested,
                                          matmul_heuristic_result* results, int* returned) {
    if (h == nullptr) return cpsycl::blas::status_not_initialized;
    if (d == nullptr || results == nullptr || returned == nullptr || requested < 1) return cpsycl::blas::status_invalid_value;
    results[0] = matmul_heuristic_result{};
    *returned = 1;
    return cpsycl::blas::status_success;
}

namespace detail {
template <class T>
status_t matmul(sycl::queue& q, const matmul_desc& d, const void* alpha, const T* a, const matrix_layout& la,
                const T* b, const matrix_layout& lb, const void* beta, const T* c, const matrix_layout& lc, T* out,
                const matrix_layout& ld) {
    const std::int64_t m = ld.rows, n = ld.cols, k = d.transa == oneapi::mkl::transpose::nontrans ? la.cols : la.rows;
    const T al = *static_cast<const T*>(alpha), be = *static_cast<const T*>(beta);
    const std::int64_t ldc = lc.ld, ldd = ld.ld;
    if (be != T(0) && static_cast<const void*>(c) != static_cast<const void*>(out) && m * n > 0) {
        q.parallel_for(sycl::range<2>(n, m), [=](sycl::id<2> id) {
            out[id[1] + id[0] * ldd] = c[id[1] + id[0] * ldc];
        });
    }
    oneapi::mkl::blas::column_major::gemm(q, d.transa, d.transb, m, n, k, al, a, la.ld, b, lb.ld, be, out, ldd);
    const bool bias = d.epilogue == epilogue_bias || d.epilogue == epilogue_relu_bias;
    const bool relu = d.epilogue == epilogue_relu || d.epilogue == epilogue_relu_bias;
    if ((bias || relu) && m * n > 0) {
        const T* bv = static_cast<const T*>(d.bias);
        q.parallel_for(sycl::range<2>(n, m), [=](sycl::id<2> id) {
            T v = out[id[1] + id[0] * ldd];
            if (bias) v += bv[id[1]];
            if (relu) v = v > T(0) ? v : T(0);
            out[id[1] + id[0] * ldd] = v;
        });
    }
    return cpsycl::blas::status_success;
}
}  // namespace detail

inline status_t matmul(handle_t h, matmul_desc_t d, const void* alpha, const void* a, matrix_layout_t la,
                       const void* b, matrix_layout_t lb, const void* beta, const void* c, matrix_layout_t lc, void* out,
                       matrix_layout_t ld, const matmul_algo* algo, void* workspace, std::size_t workspace_size,
                       cpsycl::stream_t stream) {
    (void)algo, (void)workspace, (void)workspace_size;
    if (h == nullptr) return cpsycl::blas::status_not_initialized;
    if (d == nullptr || la == nullptr || lb == nullptr || lc == nullptr || ld == nullptr)
        return cpsycl::blas::status_invalid_value;
    if (d->unsupported || (d->epilogue != epilogue_default && d->epilogue != epilogue_relu &&
                           d->epilogue != epilogue_bias && d->epilogue != epilogue_relu_bias))
        return cpsycl::blas::status_not_supported;
    if ((d->epilogue == epilogue_bias || d->epilogue == epilogue_relu_bias) && d->bias == nullptr)
        return cpsycl::blas::status_invalid_value;
    const auto t = la->type;
    if (lb->type != t || lc->type != t || ld->type != t || d->scale != t) return cpsycl::blas::status_not_supported;
    status_t s = cpsycl::blas::status_not_supported;
    auto body = [&](sycl::queue& q) {
        if (t == cpsycl::dt_r_32f)
            s = detail::matmul(q, *d, alpha, static_cast<const float*>(a), *la, static_cast<const float*>(b), *lb, beta,
                               static_cast<const float*>(c), *lc, static_cast<float*>(out), *ld);
        else if (t == cpsycl::dt_r_64f)
            s = detail::matmul(q, *d, alpha, static_cast<const double*>(a), *la, static_cast<const double*>(b), *lb,
                               beta, static_cast<const double*>(c), *lc, static_cast<double*>(out), *ld);
    };
    sycl::queue* saved_queue = h->queue;  // the call runs on `stream`; the handle keeps its own
    cpsycl::stream_t saved_stream = h->stream;
    status_t r = cpsycl::blas::set_stream(h, stream);
    if (r != cpsycl::blas::status_success) return r;
    r = cpsycl::blas::run(h, body);
    h->queue = saved_queue, h->stream = saved_stream;
    return r != cpsycl::blas::status_success ? r : s;
}

}  // namespace cpsycl::blaslt
