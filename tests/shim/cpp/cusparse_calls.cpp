// cuSPARSE's generic API on the OpenCL shim: each call's result against a host loop, on odd sizes, with device
// arrays at offsets inside one allocation (so the cl_mem + offset path is exercised), on a user stream. Float
// and double, 32- and 64-bit indices, index base zero and one, row- and column-major dense matrices, transposed
// dense operands. Run on the SVM path and the handle-table path; prints PASS.
#include <cstdint>
#include <string>
#include <vector>

#include "cudaport_cusparse.h"
#include "shim_check.h"

#define CHECK_SP(call) CHECK((call) == CUSPARSE_STATUS_SUCCESS)

static char* pool_next = nullptr;
template <class T> static T* dev(const std::vector<T>& h) {  // a copy of h at the next offset in the pool
    T* d = (T*)pool_next;
    pool_next += ((h.size() * sizeof(T) + 24) / 8) * 8 + 8;  // odd gaps between the arrays
    if (!h.empty()) CHECK_CUDA(cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice));
    return d;
}
template <class T> static std::vector<T> host(const T* d, size_t n) {
    std::vector<T> h(n);
    if (n) CHECK_CUDA(cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost));
    return h;
}
static void near(double got, double want, double tol, const char* what) {
    if (std::fabs(got - want) > tol * (1 + std::fabs(want))) {
        fprintf(stderr, "FAILED %s: got %.10g, want %.10g\n", what, got, want);
        exit(1);
    }
}
static double val(int i, int j) { return ((i * 7 + j * 3) % 11 - 5) / 4.0; }

// A sparse m x k pattern: entry (i, j) present when (i + 2 j) % 3 == 0, as dense and as CSR (zero-based).
struct Csr {
    int m, k;
    std::vector<double> dense;
    std::vector<int64_t> off, col;
    std::vector<double> v;
};
static Csr pattern(int m, int k, bool lower_tri = false) {
    Csr a{m, k, std::vector<double>((size_t)m * k, 0.0), {0}, {}, {}};
    for (int i = 0; i < m; ++i) {
        for (int j = 0; j < k; ++j) {
            bool on = lower_tri ? (j == i || (j < i && (i + j) % 3 == 0)) : (i + 2 * j) % 3 == 0;
            if (!on) continue;
            double x = lower_tri && j == i ? 2.0 + i % 3 : val(i, j) + (val(i, j) == 0 ? 0.5 : 0);
            a.dense[(size_t)i * k + j] = x;
            a.col.push_back(j);
            a.v.push_back(x);
        }
        a.off.push_back((int64_t)a.col.size());
    }
    return a;
}
template <class T, class S> static std::vector<T> conv(const std::vector<S>& s, S add = 0) {
    std::vector<T> t;
    for (S x : s) t.push_back((T)(x + add));
    return t;
}

static void test_spmm_csr_float(cusparseHandle_t h) {
    // C (m x n, column-major, ldc > m) = 1.5 A op(B) - 0.5 C, B given transposed (n x k, row-major)
    const int m = 13, k = 7, n = 5, ldb = 9, ldc = 15;
    Csr a = pattern(m, k);
    std::vector<float> hb((size_t)n * ldb), hc((size_t)ldc * n);
    for (size_t i = 0; i < hb.size(); ++i) hb[i] = (float)val((int)i, 1);
    for (size_t i = 0; i < hc.size(); ++i) hc[i] = (float)val(2, (int)i);
    int *doff = dev(conv<int>(a.off)), *dcol = dev(conv<int>(a.col));
    float *dval = dev(conv<float>(a.v)), *db = dev(hb), *dc = dev(hc);
    cusparseSpMatDescr_t A;
    cusparseDnMatDescr_t B, C;
    CHECK_SP(cusparseCreateCsr(&A, m, k, (int64_t)a.v.size(), doff, dcol, dval, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    CHECK_SP(cusparseCreateDnMat(&B, n, k, ldb, db, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseCreateDnMat(&C, m, n, ldc, dc, CUDA_R_32F, CUSPARSE_ORDER_COL));
    float al = 1.5f, be = -0.5f;
    size_t size = 1;
    CHECK_SP(cusparseSpMM_bufferSize(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_TRANSPOSE, &al, A, B, &be,
                                     C, CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, &size));
    CHECK_SP(cusparseSpMM(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_TRANSPOSE, &al, A, B, &be, C,
                          CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, nullptr));
    std::vector<float> rc = host(dc, hc.size());
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < ldc; ++i) {
            double want = hc[i + (size_t)j * ldc];
            if (i < m) {
                double s = 0;
                for (int l = 0; l < k; ++l) s += a.dense[(size_t)i * k + l] * hb[(size_t)j * ldb + l];
                want = al * s + be * want;
            }
            near(rc[i + (size_t)j * ldc], want, 1e-5, "spmm csr float");
        }
    // T (k x n, row-major) = A^T D (D: m x n column-major), op(A) transposed
    std::vector<float> hd((size_t)m * n), ht((size_t)k * n, 9.0f);
    for (size_t i = 0; i < hd.size(); ++i) hd[i] = (float)val((int)i, 6);
    float *dd = dev(hd), *dt = dev(ht);
    cusparseDnMatDescr_t D, T;
    CHECK_SP(cusparseCreateDnMat(&D, m, n, m, dd, CUDA_R_32F, CUSPARSE_ORDER_COL));
    CHECK_SP(cusparseCreateDnMat(&T, k, n, n, dt, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    be = 0.0f;
    CHECK_SP(cusparseSpMM(h, CUSPARSE_OPERATION_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, D, &be, T,
                          CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, nullptr));
    std::vector<float> rt = host(dt, ht.size());
    for (int l = 0; l < k; ++l)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int i = 0; i < m; ++i) s += a.dense[(size_t)i * k + l] * hd[i + (size_t)j * m];
            near(rt[(size_t)l * n + j], al * s, 1e-5, "spmm csr float, op(A) transposed");
        }
    cusparseDestroyDnMat(D);
    cusparseDestroyDnMat(T);
    cusparseDestroySpMat(A);
    cusparseDestroyDnMat(B);
    cusparseDestroyDnMat(C);
    printf("ok spmm csr float\n");
}

static void test_spmm_spmv_coo_double(cusparseHandle_t h) {
    // COO, 64-bit indices, base one, double; C row-major = A B (beta 0, C's NaNs are not read); then SpMV
    const int m = 11, k = 9, n = 3;
    Csr a = pattern(m, k);
    std::vector<int64_t> rows;
    for (int i = 0; i < m; ++i)
        for (int64_t p = a.off[i]; p < a.off[i + 1]; ++p) rows.push_back(i + 1);
    std::vector<double> hb((size_t)k * n), hc((size_t)m * n, NAN), hx(k), hy(m);
    for (size_t i = 0; i < hb.size(); ++i) hb[i] = val(3, (int)i);
    for (int i = 0; i < k; ++i) hx[i] = val(i, 5);
    for (int i = 0; i < m; ++i) hy[i] = val(i, 2);
    int64_t *drow = dev(rows), *dcol = dev(conv<int64_t>(a.col, (int64_t)1));
    double *dval = dev(a.v), *db = dev(hb), *dc = dev(hc), *dx = dev(hx), *dy = dev(hy);
    cusparseSpMatDescr_t A;
    cusparseDnMatDescr_t B, C;
    cusparseDnVecDescr_t X, Y;
    CHECK_SP(cusparseCreateCoo(&A, m, k, (int64_t)a.v.size(), drow, dcol, dval, CUSPARSE_INDEX_64I,
                               CUSPARSE_INDEX_BASE_ONE, CUDA_R_64F));
    CHECK_SP(cusparseCreateDnMat(&B, k, n, n, db, CUDA_R_64F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseCreateDnMat(&C, m, n, n, dc, CUDA_R_64F, CUSPARSE_ORDER_ROW));
    double al = 2.0, be = 0.0;
    CHECK_SP(cusparseSpMM(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B, &be, C,
                          CUDA_R_64F, CUSPARSE_SPMM_ALG_DEFAULT, nullptr));
    std::vector<double> rc = host(dc, hc.size());
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int l = 0; l < k; ++l) s += a.dense[(size_t)i * k + l] * hb[(size_t)l * n + j];
            near(rc[(size_t)i * n + j], al * s, 1e-12, "spmm coo double");
        }
    CHECK_SP(cusparseCreateDnVec(&X, k, dx, CUDA_R_64F));
    CHECK_SP(cusparseCreateDnVec(&Y, m, dy, CUDA_R_64F));
    be = 0.25;
    size_t size = 1;
    CHECK_SP(cusparseSpMV_bufferSize(h, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, X, &be, Y, CUDA_R_64F,
                                     CUSPARSE_SPMV_ALG_DEFAULT, &size));
    CHECK_SP(cusparseSpMV(h, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, X, &be, Y, CUDA_R_64F,
                          CUSPARSE_SPMV_ALG_DEFAULT, nullptr));
    std::vector<double> ry = host(dy, m);
    for (int i = 0; i < m; ++i) {
        double s = 0;
        for (int l = 0; l < k; ++l) s += a.dense[(size_t)i * k + l] * hx[l];
        near(ry[i], al * s + be * hy[i], 1e-12, "spmv coo double");
    }
    // x = A^T y (op(A) transposed: the vectors swap roles)
    CHECK_SP(cusparseSpMV(h, CUSPARSE_OPERATION_TRANSPOSE, &al, A, Y, &be, X, CUDA_R_64F, CUSPARSE_SPMV_ALG_DEFAULT,
                          nullptr));
    std::vector<double> rx = host(dx, k);
    for (int l = 0; l < k; ++l) {
        double s = 0;
        for (int i = 0; i < m; ++i) s += a.dense[(size_t)i * k + l] * ry[i];
        near(rx[l], al * s + be * hx[l], 1e-12, "spmv coo double, op(A) transposed");
    }
    cusparseDestroySpMat(A);
    cusparseDestroyDnMat(B);
    cusparseDestroyDnMat(C);
    cusparseDestroyDnVec(X);
    cusparseDestroyDnVec(Y);
    printf("ok spmm spmv coo double\n");
}

static void test_sddmm_batched(cusparseHandle_t h) {
    // two batch members: C_b = 0.5 (A_b B_b) o spy(C) + 2 C_b, A row-major m x k, B column-major k x n
    const int m = 7, k = 5, n = 9, batch = 2;
    Csr c = pattern(m, n);
    int nnz = (int)c.v.size();
    std::vector<float> ha((size_t)batch * m * k), hb((size_t)batch * k * n), hv;
    std::vector<int> off, col;
    for (size_t i = 0; i < ha.size(); ++i) ha[i] = (float)val((int)i, 4);
    for (size_t i = 0; i < hb.size(); ++i) hb[i] = (float)val(1, (int)i);
    for (int b = 0; b < batch; ++b) {
        for (int64_t o : c.off) off.push_back((int)o);
        for (int64_t x : c.col) col.push_back((int)x);
        for (double x : c.v) hv.push_back((float)(x + b));
    }
    float *da = dev(ha), *db = dev(hb), *dv = dev(hv);
    int *doff = dev(off), *dcol = dev(col);
    cusparseDnMatDescr_t A, B;
    cusparseSpMatDescr_t C;
    CHECK_SP(cusparseCreateDnMat(&A, m, k, k, da, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseDnMatSetStridedBatch(A, batch, (int64_t)m * k));
    CHECK_SP(cusparseCreateDnMat(&B, k, n, k, db, CUDA_R_32F, CUSPARSE_ORDER_COL));
    CHECK_SP(cusparseDnMatSetStridedBatch(B, batch, (int64_t)k * n));
    CHECK_SP(cusparseCreateCsr(&C, m, n, nnz, doff, dcol, dv, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    CHECK_SP(cusparseCsrSetStridedBatch(C, batch, m + 1, nnz));
    float al = 0.5f, be = 2.0f;
    size_t size = 1;
    CHECK_SP(cusparseSDDMM_bufferSize(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B,
                                      &be, C, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, &size));
    CHECK_SP(cusparseSDDMM_preprocess(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B,
                                      &be, C, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, nullptr));
    CHECK_SP(cusparseSDDMM(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B, &be, C,
                           CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, nullptr));
    std::vector<float> rv = host(dv, hv.size());
    for (int b = 0; b < batch; ++b)
        for (int i = 0; i < m; ++i)
            for (int64_t p = c.off[i]; p < c.off[i + 1]; ++p) {
                int j = (int)c.col[p];
                double s = 0;
                for (int l = 0; l < k; ++l)
                    s += ha[(size_t)b * m * k + (size_t)i * k + l] * hb[(size_t)b * k * n + l + (size_t)j * k];
                near(rv[(size_t)b * nnz + p], al * s + be * hv[(size_t)b * nnz + p], 1e-5, "sddmm");
            }
    cusparseDestroyDnMat(A);
    cusparseDestroyDnMat(B);
    cusparseDestroySpMat(C);
    printf("ok sddmm batched\n");
}

static void test_axpby(cusparseHandle_t h) {
    const int size = 37;
    std::vector<int64_t> idx;
    std::vector<float> xv, hy(size);
    for (int i = 0; i < size; i += 3) {
        idx.push_back(i + 1);  // base one
        xv.push_back((float)val(i, 1));
    }
    for (int i = 0; i < size; ++i) hy[i] = (float)val(0, i);
    int64_t* di = dev(idx);
    float *dx = dev(xv), *dy = dev(hy);
    cusparseSpVecDescr_t X;
    cusparseDnVecDescr_t Y;
    CHECK_SP(cusparseCreateSpVec(&X, size, (int64_t)idx.size(), di, dx, CUSPARSE_INDEX_64I, CUSPARSE_INDEX_BASE_ONE,
                                 CUDA_R_32F));
    CHECK_SP(cusparseCreateDnVec(&Y, size, dy, CUDA_R_32F));
    float al = 3.0f, be = -2.0f;
    cusparseSpVecDescr_t X16;  // 16-bit indices are refused, not misread
    CHECK_SP(cusparseCreateSpVec(&X16, size, (int64_t)idx.size(), di, dx, CUSPARSE_INDEX_16U, CUSPARSE_INDEX_BASE_ONE,
                                 CUDA_R_32F));
    CHECK(cusparseAxpby(h, &al, X16, &be, Y) == CUSPARSE_STATUS_NOT_SUPPORTED);
    cusparseDestroySpVec(X16);
    CHECK_SP(cusparseAxpby(h, &al, X, &be, Y));
    std::vector<float> ry = host(dy, size);
    for (int i = 0; i < size; ++i) near(ry[i], be * hy[i] + (i % 3 == 0 ? al * xv[i / 3] : 0.0), 1e-6, "axpby");
    cusparseDestroySpVec(X);
    cusparseDestroyDnVec(Y);
    printf("ok axpby\n");
}

static void test_conversions(cusparseHandle_t h) {
    // dense (row-major, ld > cols) -> CSR with 64-bit indices -> dense (column-major)
    const int m = 9, n = 14, ld = 17;
    Csr a = pattern(m, n);
    std::vector<float> hd((size_t)m * ld, 0.0f), back((size_t)n * m, 7.0f);
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) hd[(size_t)i * ld + j] = (float)a.dense[(size_t)i * n + j];
    float *dd = dev(hd), *dback = dev(back);
    int64_t* doff = dev(std::vector<int64_t>(m + 1, -1));
    cusparseDnMatDescr_t D, E;
    cusparseSpMatDescr_t S;
    CHECK_SP(cusparseCreateDnMat(&D, m, n, ld, dd, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseCreateCsr(&S, m, n, 0, doff, nullptr, nullptr, CUSPARSE_INDEX_64I, CUSPARSE_INDEX_64I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    size_t size = 1;
    CHECK_SP(cusparseDenseToSparse_bufferSize(h, D, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, &size));
    CHECK_SP(cusparseDenseToSparse_analysis(h, D, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, nullptr));
    int64_t rows = 0, cols = 0, nnz = 0;
    CHECK_SP(cusparseSpMatGetSize(S, &rows, &cols, &nnz));
    CHECK(rows == m && cols == n && nnz == (int64_t)a.v.size());
    int64_t* dcol = dev(std::vector<int64_t>(nnz));
    float* dval = dev(std::vector<float>(nnz));
    CHECK_SP(cusparseCsrSetPointers(S, doff, dcol, dval));
    CHECK_SP(cusparseDenseToSparse_convert(h, D, S, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, nullptr));
    CHECK(host(doff, m + 1) == a.off);
    CHECK(host(dcol, nnz) == a.col);
    std::vector<float> rv = host(dval, nnz);
    for (int64_t p = 0; p < nnz; ++p) near(rv[p], a.v[p], 1e-7, "dense to sparse");
    CHECK_SP(cusparseCreateDnMat(&E, m, n, m, dback, CUDA_R_32F, CUSPARSE_ORDER_COL));
    CHECK_SP(cusparseSparseToDense_bufferSize(h, S, E, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, &size));
    CHECK_SP(cusparseSparseToDense(h, S, E, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, nullptr));
    std::vector<float> rb = host(dback, back.size());
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) near(rb[i + (size_t)j * m], a.dense[(size_t)i * n + j], 1e-7, "sparse to dense");
    cusparseDestroyDnMat(D);
    cusparseDestroyDnMat(E);
    cusparseDestroySpMat(S);
    printf("ok conversions\n");
}

static void test_spsm(cusparseHandle_t h, bool trans) {
    // L X = alpha B (or L^T X = alpha B), L lower triangular 11 x 11 (CSR, double), B and C row-major 11 x 3
    const int n = 11, nrhs = 3;
    Csr l = pattern(n, n, true);
    std::vector<double> hb((size_t)n * nrhs), hc((size_t)n * nrhs, 0.0);
    for (size_t i = 0; i < hb.size(); ++i) hb[i] = val((int)i, 2);
    int *doff = dev(conv<int>(l.off)), *dcol = dev(conv<int>(l.col));
    double *dval = dev(l.v), *db = dev(hb), *dc = dev(hc);
    cusparseSpMatDescr_t A;
    cusparseDnMatDescr_t B, C;
    cusparseSpSMDescr_t d;
    CHECK_SP(cusparseCreateCsr(&A, n, n, (int64_t)l.v.size(), doff, dcol, dval, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_64F));
    CHECK_SP(cusparseCreateDnMat(&B, n, nrhs, nrhs, db, CUDA_R_64F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseCreateDnMat(&C, n, nrhs, nrhs, dc, CUDA_R_64F, CUSPARSE_ORDER_ROW));
    CHECK_SP(cusparseSpSM_createDescr(&d));
    cusparseFillMode_t fill = CUSPARSE_FILL_MODE_LOWER;
    cusparseDiagType_t diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
    CHECK_SP(cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &fill, sizeof(fill)));
    CHECK_SP(cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_DIAG_TYPE, &diag, sizeof(diag)));
    cusparseOperation_t op = trans ? CUSPARSE_OPERATION_TRANSPOSE : CUSPARSE_OPERATION_NON_TRANSPOSE;
    double al = 1.5;
    size_t size = 1;
    CHECK_SP(cusparseSpSM_bufferSize(h, op, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B, C, CUDA_R_64F,
                                     CUSPARSE_SPSM_ALG_DEFAULT, d, &size));
    CHECK_SP(cusparseSpSM_analysis(h, op, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B, C, CUDA_R_64F,
                                   CUSPARSE_SPSM_ALG_DEFAULT, d, nullptr));
    CHECK_SP(cusparseSpSM_solve(h, op, CUSPARSE_OPERATION_NON_TRANSPOSE, &al, A, B, C, CUDA_R_64F,
                                CUSPARSE_SPSM_ALG_DEFAULT, d));
    std::vector<double> rc = host(dc, hc.size());
    for (int i = 0; i < n; ++i)  // op(L) X == alpha B
        for (int j = 0; j < nrhs; ++j) {
            double s = 0;
            for (int q = 0; q < n; ++q)
                s += (trans ? l.dense[(size_t)q * n + i] : l.dense[(size_t)i * n + q]) * rc[(size_t)q * nrhs + j];
            near(s, al * hb[(size_t)i * nrhs + j], 1e-10, "spsm");
        }
    cusparseSpSM_destroyDescr(d);
    cusparseDestroySpMat(A);
    cusparseDestroyDnMat(B);
    cusparseDestroyDnMat(C);
    printf("ok spsm%s\n", trans ? " transposed" : "");
}

static void test_spgemm(cusparseHandle_t h) {
    const int m = 9, k = 8, n = 13;
    Csr a = pattern(m, k), b = pattern(k, n);
    int *aoff = dev(conv<int>(a.off)), *acol = dev(conv<int>(a.col)), *boff = dev(conv<int>(b.off));
    int *bcol = dev(conv<int>(b.col)), *coff = dev(std::vector<int>(m + 1));
    float *aval = dev(conv<float>(a.v)), *bval = dev(conv<float>(b.v));
    cusparseSpMatDescr_t A, B, C;
    CHECK_SP(cusparseCreateCsr(&A, m, k, (int64_t)a.v.size(), aoff, acol, aval, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    CHECK_SP(cusparseCreateCsr(&B, k, n, (int64_t)b.v.size(), boff, bcol, bval, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    CHECK_SP(cusparseCreateCsr(&C, m, n, 0, coff, nullptr, nullptr, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    cusparseSpGEMMDescr_t d;
    CHECK_SP(cusparseSpGEMM_createDescr(&d));
    cusparseOperation_t N = CUSPARSE_OPERATION_NON_TRANSPOSE;
    float al = 2.0f, be = 0.0f;
    size_t s1 = 0, s2 = 0;
    void *b1 = nullptr, *b2 = nullptr;
    CHECK_SP(cusparseSpGEMM_workEstimation(h, N, N, &al, A, B, &be, C, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, d, &s1,
                                           nullptr));
    CHECK_CUDA(cudaMalloc(&b1, s1));
    CHECK_SP(cusparseSpGEMM_workEstimation(h, N, N, &al, A, B, &be, C, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, d, &s1, b1));
    CHECK_SP(cusparseSpGEMM_compute(h, N, N, &al, A, B, &be, C, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, d, &s2, nullptr));
    CHECK_CUDA(cudaMalloc(&b2, s2));
    CHECK_SP(cusparseSpGEMM_compute(h, N, N, &al, A, B, &be, C, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, d, &s2, b2));
    int64_t rows, cols, nnz;
    CHECK_SP(cusparseSpMatGetSize(C, &rows, &cols, &nnz));
    int* ccol = dev(std::vector<int>(nnz));
    float* cval = dev(std::vector<float>(nnz));
    CHECK_SP(cusparseCsrSetPointers(C, coff, ccol, cval));
    CHECK_SP(cusparseSpGEMM_copy(h, N, N, &al, A, B, &be, C, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, d));
    std::vector<int> ro = host(coff, m + 1), rcol = host(ccol, nnz);
    std::vector<float> rv = host(cval, nnz);
    std::vector<double> prod((size_t)m * n, 0.0);
    std::vector<char> struct_nz((size_t)m * n, 0);
    for (int i = 0; i < m; ++i)
        for (int l = 0; l < k; ++l)
            for (int j = 0; j < n; ++j) {
                prod[(size_t)i * n + j] += a.dense[(size_t)i * k + l] * b.dense[(size_t)l * n + j];
                if (a.dense[(size_t)i * k + l] != 0 && b.dense[(size_t)l * n + j] != 0) struct_nz[(size_t)i * n + j] = 1;
            }
    int64_t count = 0;
    for (char c : struct_nz) count += c;
    CHECK(nnz == count && ro[0] == 0 && ro[m] == nnz);
    for (int i = 0; i < m; ++i)
        for (int p = ro[i]; p < ro[i + 1]; ++p) {
            CHECK(struct_nz[(size_t)i * n + rcol[p]] && (p == ro[i] || rcol[p] > rcol[p - 1]));
            near(rv[p], al * prod[(size_t)i * n + rcol[p]], 1e-5, "spgemm");
        }
    cusparseSpGEMM_destroyDescr(d);
    cusparseDestroySpMat(A);
    cusparseDestroySpMat(B);
    cusparseDestroySpMat(C);
    CHECK_CUDA(cudaFree(b1));
    CHECK_CUDA(cudaFree(b2));
    printf("ok spgemm\n");
}

int main() {
    char* pool = nullptr;
    CHECK_CUDA(cudaMalloc((void**)&pool, 1 << 20));
    pool_next = pool + 24;  // every array at a nonzero offset inside the allocation
    cudaStream_t st;
    CHECK_CUDA(cudaStreamCreate(&st));
    cusparseHandle_t h;
    CHECK_SP(cusparseCreate(&h));
    CHECK_SP(cusparseSetStream(h, st));
    test_spmm_csr_float(h);
    test_spmm_spmv_coo_double(h);
    test_sddmm_batched(h);
    test_axpby(h);
    test_conversions(h);
    test_spsm(h, false);
    test_spsm(h, true);
    test_spgemm(h);
    CHECK(std::string(cusparseGetErrorString(CUSPARSE_STATUS_NOT_SUPPORTED)) == "operation not supported");
    CHECK(std::string(cusparseGetErrorName(CUSPARSE_STATUS_INVALID_VALUE)) == "CUSPARSE_STATUS_INVALID_VALUE");
    CHECK_SP(cusparseDestroy(h));
    CHECK_CUDA(cudaStreamDestroy(st));
    CHECK_CUDA(cudaFree(pool));
    printf("PASS\n");
    return 0;
}
