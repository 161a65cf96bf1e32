// cudaport SYCL helper: the cuSPARSE generic operations oneMKL's sparse BLAS lacks, as SYCL kernels over the
// descriptors of sparse.hpp: SDDMM (CSR result, strided batches), Axpby (sparse x, dense y), SparseToDense
// (CSR, COO) and DenseToSparse (CSR: the analysis counts each row's non-zeros and writes the row offsets and
// nnz, the conversion writes columns and values). Included by sparse.hpp only, as is sparse_spgemm.hpp.
#pragma once

namespace cpsycl::sparse {

// ---- SDDMM: C = alpha * (op(A) op(B)) at C's pattern + beta * C ---------------------------------------------
inline status_t sddmm_buffer_size(handle_t h, oneapi::mkl::transpose, oneapi::mkl::transpose, const void*,
                                  const_dn_mat_t, const_dn_mat_t, const void*, sp_mat_t, data_type_t, int,
                                  std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    *size = work_bytes;
    return status_success;
}
inline status_t sddmm_preprocess(handle_t h, oneapi::mkl::transpose, oneapi::mkl::transpose, const void*,
                                 const_dn_mat_t a, const_dn_mat_t b, const void*, sp_mat_t c, data_type_t, int, void*) {
    if (h == nullptr) return status_not_initialized;
    return a && b && c ? status_success : status_invalid_value;
}

inline status_t sddmm(handle_t h, oneapi::mkl::transpose op_a, oneapi::mkl::transpose op_b, const void* alpha,
                      const_dn_mat_t a, const_dn_mat_t b, const void* beta, sp_mat_t c, data_type_t compute, int alg,
                      void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || c == nullptr || compute != c->type) return status_invalid_value;
    if (c->fmt != format::csr) return status_not_supported;
    const bool ta = op_a != oneapi::mkl::transpose::nontrans, tb = op_b != oneapi::mkl::transpose::nontrans;
    const std::int64_t k_len = ta ? a->rows : a->cols;
    return detail::with_types(*c, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            const T al = detail::scalar<T>(h, alpha), be = detail::scalar<T>(h, beta);
            const auto ao = a->order, bo = b->order;
            const std::int64_t lda = a->ld, ldb = b->ld, base = c->base == oneapi::mkl::index_base::one ? 1 : 0;
            for (int k = 0; k < c->batch; ++k) {
                const T* av = static_cast<const T*>(a->values) + (a->batch > 1 ? k * a->stride : 0);
                const T* bv = static_cast<const T*>(b->values) + (b->batch > 1 ? k * b->stride : 0);
                const I* off = static_cast<const I*>(c->rows_or_offsets) + k * c->offsets_stride;
                const I* col = static_cast<const I*>(c->columns) + k * c->values_stride;
                T* val = static_cast<T*>(c->values) + k * c->values_stride;
                q.parallel_for(sycl::range<1>(c->rows), [=](sycl::id<1> id) {
                    const std::int64_t r = id[0];
                    for (std::int64_t e = off[r] - base; e < off[r + 1] - base; ++e) {
                        const std::int64_t j = col[e] - base;
                        T sum = 0;
                        for (std::int64_t l = 0; l < k_len; ++l) {
                            const T x = ta ? detail::at(av, ao, lda, l, r) : detail::at(av, ao, lda, r, l);
                            const T y = tb ? detail::at(bv, bo, ldb, j, l) : detail::at(bv, bo, ldb, l, j);
                            sum += x * y;
                        }
                        val[e] = al * sum + be * val[e];
                    }
                });
            }
            q.wait_and_throw();
        });
    });
}

// ---- Axpby: y = alpha * x + beta * y, x sparse ------------------------------------------------------------
inline status_t axpby(handle_t h, const void* alpha, const_sp_vec_t x, const void* beta, dn_vec_t y) {
    if (h == nullptr) return status_not_initialized;
    if (x == nullptr || y == nullptr || x->type != y->type || x->size != y->size) return status_invalid_value;
    return detail::with_value(x->type, [&](auto t) {
        using T = typename decltype(t)::type;
        return detail::with_index(x->idx_type, [&](auto i) {
            using I = typename decltype(i)::type;
            return detail::run(h, [&](sycl::queue& q) {
                const T al = detail::scalar<T>(h, alpha), be = detail::scalar<T>(h, beta);
                const I* idx = static_cast<const I*>(x->indices);
                const T* xv = static_cast<const T*>(x->values);
                T* yv = static_cast<T*>(y->values);
                const std::int64_t base = x->base == oneapi::mkl::index_base::one ? 1 : 0;
                if (y->size) q.parallel_for(sycl::range<1>(y->size), [=](sycl::id<1> n) { yv[n] *= be; }).wait_and_throw();
                // cuSPARSE requires x's indices to be unique, so the scatter has no conflicts.
                if (x->nnz) {
                    q.parallel_for(sycl::range<1>(x->nnz), [=](sycl::id<1> n) {
                        yv[idx[n] - base] += al * xv[n];
                    }).wait_and_throw();
                }
            });
        });
    });
}

// ---- SparseToDense (CSR, COO) -------------------------------------------------------------------------------
inline status_t sparse_to_dense_buffer_size(handle_t h, const_sp_mat_t, const_dn_mat_t, int, std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    *size = work_bytes;
    return status_success;
}

inline status_t sparse_to_dense(handle_t h, const_sp_mat_t a, dn_mat_t b, int alg, void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || a->type != b->type || a->rows != b->rows || a->cols != b->cols)
        return status_invalid_value;
    return detail::with_types(*a, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            const I* rows = static_cast<const I*>(a->rows_or_offsets);
            const I* cols = static_cast<const I*>(a->columns);
            const T* vals = static_cast<const T*>(a->values);
            T* dv = static_cast<T*>(b->values);
            const auto order = b->order;
            const std::int64_t ld = b->ld, nc = b->cols, nnz = a->nnz, base = a->base == oneapi::mkl::index_base::one ? 1 : 0;
            const bool csr = a->fmt == format::csr;
            q.parallel_for(sycl::range<1>(b->rows), [=](sycl::id<1> id) {
                for (std::int64_t c = 0; c < nc; ++c) detail::at(dv, order, ld, std::int64_t(id[0]), c) = T(0);
            }).wait_and_throw();
            if (csr) {
                q.parallel_for(sycl::range<1>(a->rows), [=](sycl::id<1> id) {
                    const std::int64_t r = id[0];
                    for (std::int64_t e = rows[r] - base; e < rows[r + 1] - base; ++e)
                        detail::at(dv, order, ld, r, std::int64_t(cols[e] - base)) = vals[e];
                }).wait_and_throw();
            } else if (nnz) {
                q.parallel_for(sycl::range<1>(nnz), [=](sycl::id<1> e) {
                    detail::at(dv, order, ld, std::int64_t(rows[e] - base), std::int64_t(cols[e] - base)) = vals[e];
                }).wait_and_throw();
            }
        });
    });
}

// ---- DenseToSparse (CSR) ----------------------------------------------------------------------------------
inline status_t dense_to_sparse_buffer_size(handle_t h, const_dn_mat_t a, const_sp_mat_t, int, std::size_t* size) {
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr) return status_invalid_value;
    *size = work_bytes;
    return status_success;
}

// Counts the non-zeros of each row of `a`, writes b's row offsets (b's index base) and sets b's nnz.
inline status_t dense_to_sparse_analysis(handle_t h, const_dn_mat_t a, sp_mat_t b, int alg, void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || b->fmt != format::csr || a->type != b->type || a->rows != b->rows ||
        a->cols != b->cols)
        return status_invalid_value;
    return detail::with_value(a->type, [&](auto t) {
        using T = typename decltype(t)::type;
        return detail::with_index(b->row_type, [&](auto i) {
            using I = typename decltype(i)::type;
            return detail::run(h, [&](sycl::queue& q) {
                const std::int64_t rows = a->rows, nc = a->cols, ld = a->ld;
                const auto order = a->order;
                const T* dv = static_cast<const T*>(a->values);
                std::int64_t* counts = sycl::malloc_device<std::int64_t>(rows ? rows : 1, q);
                if (counts == nullptr) throw std::bad_alloc();
                std::vector<std::int64_t> host(rows);
                try {
                    if (rows) {
                        q.parallel_for(sycl::range<1>(rows), [=](sycl::id<1> id) {
                            std::int64_t n = 0;
                            for (std::int64_t c = 0; c < nc; ++c)
                                n += detail::at(dv, order, ld, std::int64_t(id[0]), c) != T(0);
                            counts[id[0]] = n;
                        }).wait_and_throw();
                        q.memcpy(host.data(), counts, sizeof(std::int64_t) * rows).wait_and_throw();
                    }
                } catch (...) {
                    sycl::free(counts, q);
                    throw;
                }
                sycl::free(counts, q);
                const std::int64_t base = b->base == oneapi::mkl::index_base::one ? 1 : 0;
                std::vector<I> offsets(rows + 1);
                std::int64_t total = 0;
                for (std::int64_t r = 0; r < rows; ++r) {
                    offsets[r] = static_cast<I>(total + base);
                    total += host[r];
                }
                offsets[rows] = static_cast<I>(total + base);
                q.memcpy(b->rows_or_offsets, offsets.data(), sizeof(I) * (rows + 1)).wait_and_throw();
                b->nnz = total;
            });
        });
    });
}

// Writes b's columns and values from `a`, at the row offsets the analysis wrote.
inline status_t dense_to_sparse_convert(handle_t h, const_dn_mat_t a, sp_mat_t b, int alg, void* buffer) {
    (void)alg, (void)buffer;
    if (h == nullptr) return status_not_initialized;
    if (a == nullptr || b == nullptr || b->fmt != format::csr || a->type != b->type) return status_invalid_value;
    return detail::with_types(*b, [&](auto t, auto i) {
        using T = typename decltype(t)::type;
        using I = typename decltype(i)::type;
        return detail::run(h, [&](sycl::queue& q) {
            const std::int64_t nc = a->cols, ld = a->ld, base = b->base == oneapi::mkl::index_base::one ? 1 : 0;
            const auto order = a->order;
            const T* dv = static_cast<const T*>(a->values);
            const I* off = static_cast<const I*>(b->rows_or_offsets);
            I* cols = static_cast<I*>(b->columns);
            T* vals = static_cast<T*>(b->values);
            if (a->rows == 0) return;
            q.parallel_for(sycl::range<1>(a->rows), [=](sycl::id<1> id) {
                const std::int64_t r = id[0];
                std::int64_t e = off[r] - base;
                for (std::int64_t c = 0; c < nc; ++c) {
                    const T v = detail::at(dv, order, ld, r, c);
                    if (v != T(0)) {
                        cols[e] = static_cast<I>(c + base);
                        vals[e] = v;
                        ++e;
                    }
                }
            }).wait_and_throw();
        });
    });
}

}  // namespace cpsycl::sparse
