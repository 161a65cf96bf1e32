// LAPACK-like factorisations on host copies, shared by the shim's cuBLAS getrfBatched and cuSOLVER layers
// (column-major, LAPACK's conventions: 1-based pivot rows, info = the first zero pivot or non-positive minor).
#pragma once

#include <cmath>
#include <utility>

namespace cp {

// getrf: LU with partial pivoting (piv null: without pivoting), in place. Returns info.
template <class T>
inline int lu_in_place(T* a, int n, int lda, int* piv) {
    int info = 0;
    for (int j = 0; j < n; ++j) {
        int p = j;
        if (piv) {
            for (int i = j + 1; i < n; ++i)
                if (std::fabs(a[i + j * lda]) > std::fabs(a[p + j * lda])) p = i;
            piv[j] = p + 1;
            if (p != j)
                for (int k = 0; k < n; ++k) std::swap(a[j + k * lda], a[p + k * lda]);
        }
        T d = a[j + j * lda];
        if (d == T(0)) {
            if (info == 0) info = j + 1;
            continue;
        }
        for (int i = j + 1; i < n; ++i) a[i + j * lda] /= d;
        for (int k = j + 1; k < n; ++k) {
            T f = a[j + k * lda];
            for (int i = j + 1; i < n; ++i) a[i + k * lda] -= a[i + j * lda] * f;
        }
    }
    return info;
}

// potrf: Cholesky, the lower (A = L L^T) or upper (A = U^T U) triangle in place, the other untouched. Returns info.
template <class T>
inline int cholesky_in_place(T* a, int n, int lda, bool lower) {
    auto at = [&](int i, int j) -> T& { return lower ? a[i + (size_t)j * lda] : a[j + (size_t)i * lda]; };
    for (int j = 0; j < n; ++j) {
        T d = at(j, j);
        for (int k = 0; k < j; ++k) d -= at(j, k) * at(j, k);
        if (!(d > T(0))) return j + 1;
        d = std::sqrt(d);
        at(j, j) = d;
        for (int i = j + 1; i < n; ++i) {
            T s = at(i, j);
            for (int k = 0; k < j; ++k) s -= at(i, k) * at(j, k);
            at(i, j) = s / d;
        }
    }
    return 0;
}

// getrs: solves op(A) X = B (nrhs columns, leading dimension ldb) with getrf's factors and pivots (piv may be
// null: no pivoting). trans: 0 = A, else A^T (real types: CUBLAS_OP_C is A^T too).
template <class T>
inline void lu_solve(const T* lu, int n, int lda, const int* piv, T* b, int nrhs, int ldb, int trans) {
    for (int c = 0; c < nrhs; ++c) {
        T* x = b + (size_t)c * ldb;
        if (!trans) {
            if (piv)
                for (int i = 0; i < n; ++i)
                    if (piv[i] - 1 != i) std::swap(x[i], x[piv[i] - 1]);
            for (int i = 0; i < n; ++i)
                for (int k = 0; k < i; ++k) x[i] -= lu[i + (size_t)k * lda] * x[k];
            for (int i = n - 1; i >= 0; --i) {
                for (int k = i + 1; k < n; ++k) x[i] -= lu[i + (size_t)k * lda] * x[k];
                x[i] /= lu[i + (size_t)i * lda];
            }
        } else {
            for (int i = 0; i < n; ++i) {
                for (int k = 0; k < i; ++k) x[i] -= lu[k + (size_t)i * lda] * x[k];
                x[i] /= lu[i + (size_t)i * lda];
            }
            for (int i = n - 1; i >= 0; --i)
                for (int k = i + 1; k < n; ++k) x[i] -= lu[k + (size_t)i * lda] * x[k];
            if (piv)
                for (int i = n - 1; i >= 0; --i)
                    if (piv[i] - 1 != i) std::swap(x[i], x[piv[i] - 1]);
        }
    }
}

}  // namespace cp
