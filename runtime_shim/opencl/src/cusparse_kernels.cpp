// The OpenCL C kernels of the cuSPARSE layer (cusparse.cpp launches them): one copy per value type (float `f`,
// double `d` where the device has cl_khr_fp64) and index type (int `i`, long `l`). A device pointer argument is
// the SVM pointer, or (handle-table path, -DCUDAPORT_NO_SVM) the buffer and a byte offset, as for translated
// kernels. Index base: `ob` is subtracted from row offsets, `cb` from column/vector indices.
#include "cp_cusparse_kernels.hpp"

namespace cpsp {

const char* kernel_source() {
    return R"CLC(
#ifdef CUDAPORT_NO_SVM
#define P(T, n) __global T* n, ulong n##_off
#define ADJ(T, n) n = (__global T*)((__global char*)n + n##_off);
#else
#define P(T, n) __global T* n
#define ADJ(T, n)
#endif
#define EL(M, r, c, ld, rowmajor) M[(rowmajor) ? (r) * (ld) + (c) : (r) + (c) * (ld)]

#define CP_SPARSE_KERNELS(T, TN, I, IN)                                                                         \
/* C = alpha op(A) op(B) + beta C, A CSR m x k, one work-item per element of C; batch on dimension 1 */         \
__kernel void cp_csrmm_##TN##IN(long m, long n, T alpha, T beta, P(I, off), P(I, col), P(T, val), long ob,   \
        long cb, P(T, B), long ldb, int brow, int transb, P(T, C), long ldc, int crow, long soff, long scv,     \
        long sb, long sc) {                                                                                     \
    ADJ(I, off) ADJ(I, col) ADJ(T, val) ADJ(T, B) ADJ(T, C)                                                     \
    long g = get_global_id(0), bt = get_global_id(1);                                                          \
    if (g >= m * n) return;                                                                                     \
    long i = g / n, j = g % n;                                                                                  \
    off += bt * soff; col += bt * scv; val += bt * scv; B += bt * sb; C += bt * sc;                             \
    T s = 0;                                                                                                    \
    for (long p = (long)off[i] - ob; p < (long)off[i + 1] - ob; ++p) {                                          \
        long c = (long)col[p] - cb;                                                                             \
        s += val[p] * (transb ? EL(B, j, c, ldb, brow) : EL(B, c, j, ldb, brow));                               \
    }                                                                                                           \
    T r = alpha * s;                                                                                            \
    if (beta != (T)0) r += beta * EL(C, i, j, ldc, crow);                                                       \
    EL(C, i, j, ldc, crow) = r;                                                                                 \
}                                                                                                               \
/* row offsets (zero-based) of a row-sorted COO matrix: out[i] = first entry of row i */                       \
__kernel void cp_coo_offsets_##TN##IN(long m, long nnz, P(I, rows), long cb, P(I, out), long srows, long sout) { \
    ADJ(I, rows) ADJ(I, out)                                                                                    \
    long i = get_global_id(0), bt = get_global_id(1);                                                          \
    if (i > m) return;                                                                                          \
    rows += bt * srows; out += bt * sout;                                                                       \
    long lo = 0, hi = nnz;                                                                                      \
    while (lo < hi) {                                                                                           \
        long mid = (lo + hi) / 2;                                                                               \
        if ((long)rows[mid] - cb < i) lo = mid + 1; else hi = mid;                                              \
    }                                                                                                           \
    out[i] = (I)lo;                                                                                             \
}                                                                                                               \
/* SDDMM: C = alpha (op(A) op(B)) o spy(C) + beta C, C CSR m x n, one work-item per row; batch on dimension 1 */ \
__kernel void cp_sddmm_##TN##IN(long m, long k, T alpha, T beta, P(T, A), long lda, int arow, int transa,     \
        P(T, B), long ldb, int brow, int transb, P(I, off), P(I, col), P(T, val), long ob, long cb, long sa,    \
        long sb, long soff, long scv) {                                                                         \
    ADJ(T, A) ADJ(T, B) ADJ(I, off) ADJ(I, col) ADJ(T, val)                                                     \
    long i = get_global_id(0), bt = get_global_id(1);                                                          \
    if (i >= m) return;                                                                                         \
    A += bt * sa; B += bt * sb; off += bt * soff; col += bt * scv; val += bt * scv;                             \
    for (long p = (long)off[i] - ob; p < (long)off[i + 1] - ob; ++p) {                                          \
        long c = (long)col[p] - cb;                                                                             \
        T s = 0;                                                                                                \
        for (long l = 0; l < k; ++l)                                                                            \
            s += (transa ? EL(A, l, i, lda, arow) : EL(A, i, l, lda, arow)) *                                   \
                 (transb ? EL(B, c, l, ldb, brow) : EL(B, l, c, ldb, brow));                                    \
        T r = alpha * s;                                                                                        \
        if (beta != (T)0) r += beta * val[p];                                                                   \
        val[p] = r;                                                                                             \
    }                                                                                                           \
}                                                                                                               \
/* Axpby's scatter: y[idx - cb] += alpha x (after y was scaled) */                                              \
__kernel void cp_axpyi_##TN##IN(long nnz, T alpha, P(I, idx), P(T, x), long cb, P(T, y)) {                     \
    ADJ(I, idx) ADJ(T, x) ADJ(T, y)                                                                             \
    long p = get_global_id(0);                                                                                  \
    if (p < nnz) y[(long)idx[p] - cb] += alpha * x[p];                                                          \
}                                                                                                               \
/* SparseToDense: scatter row i of a CSR matrix into the (zeroed) dense matrix */                               \
__kernel void cp_csr2dense_##TN##IN(long m, P(I, off), P(I, col), P(T, val), long ob, long cb, P(T, D),        \
        long ld, int drow) {                                                                                    \
    ADJ(I, off) ADJ(I, col) ADJ(T, val) ADJ(T, D)                                                               \
    long i = get_global_id(0);                                                                                  \
    if (i >= m) return;                                                                                         \
    for (long p = (long)off[i] - ob; p < (long)off[i + 1] - ob; ++p)                                            \
        EL(D, i, (long)col[p] - cb, ld, drow) = val[p];                                                         \
}                                                                                                               \
__kernel void cp_coo2dense_##TN##IN(long nnz, P(I, row), P(I, col), P(T, val), long cb, P(T, D), long ld,      \
        int drow) {                                                                                             \
    ADJ(I, row) ADJ(I, col) ADJ(T, val) ADJ(T, D)                                                               \
    long p = get_global_id(0);                                                                                  \
    if (p < nnz) EL(D, (long)row[p] - cb, (long)col[p] - cb, ld, drow) = val[p];                                \
}                                                                                                               \
/* DenseToSparse, analysis: off[i + 1] = nonzeros of row i (the host scans) */                                  \
__kernel void cp_dense_count_##TN##IN(long m, long n, P(T, D), long ld, int drow, P(I, off)) {                  \
    ADJ(T, D) ADJ(I, off)                                                                                       \
    long i = get_global_id(0);                                                                                  \
    if (i >= m) return;                                                                                         \
    long c = 0;                                                                                                 \
    for (long j = 0; j < n; ++j) c += EL(D, i, j, ld, drow) != (T)0;                                            \
    off[i + 1] = (I)c;                                                                                          \
}                                                                                                               \
/* DenseToSparse, conversion: row i's nonzeros at its offset, columns ascending */                              \
__kernel void cp_dense_fill_##TN##IN(long m, long n, P(T, D), long ld, int drow, P(I, off), P(I, col),         \
        P(T, val), long ob) {                                                                                   \
    ADJ(T, D) ADJ(I, off) ADJ(I, col) ADJ(T, val)                                                               \
    long i = get_global_id(0);                                                                                  \
    if (i >= m) return;                                                                                         \
    long p = (long)off[i] - ob;                                                                                 \
    for (long j = 0; j < n; ++j) {                                                                              \
        T v = EL(D, i, j, ld, drow);                                                                            \
        if (v != (T)0) { col[p] = (I)(j + ob); val[p] = v; ++p; }                                               \
    }                                                                                                           \
}

#define CP_SPARSE_VALUE_KERNELS(T, TN)                                                                          \
__kernel void cp_scale_##TN(long n, T beta, P(T, y)) {                                                          \
    ADJ(T, y)                                                                                                   \
    long i = get_global_id(0);                                                                                  \
    if (i < n) y[i] = beta == (T)0 ? (T)0 : beta * y[i];                                                        \
}                                                                                                               \
__kernel void cp_dense_zero_##TN(long rows, long cols, P(T, D), long ld, int drow) {                            \
    ADJ(T, D)                                                                                                   \
    long g = get_global_id(0);                                                                                  \
    if (g < rows * cols) EL(D, g / cols, g % cols, ld, drow) = (T)0;                                            \
}

CP_SPARSE_KERNELS(float, f, int, i)
CP_SPARSE_KERNELS(float, f, long, l)
CP_SPARSE_VALUE_KERNELS(float, f)
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
CP_SPARSE_KERNELS(double, d, int, i)
CP_SPARSE_KERNELS(double, d, long, l)
CP_SPARSE_VALUE_KERNELS(double, d)
#endif
)CLC";
}

}  // namespace cpsp
