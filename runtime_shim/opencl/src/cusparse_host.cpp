// cuSPARSE's inherently sequential calls on the OpenCL shim, computed on host copies of the device data after the
// handle's stream is synchronised (then written back with cudaMemcpy, so both device-pointer paths work):
// SpSM (sparse triangular solve with several right-hand sides) and SpGEMM (symbolic and numeric phase: C's
// pattern and values are computed by cusparseSpGEMM_compute, kept in the SpGEMM descriptor, and written to C's
// arrays by cusparseSpGEMM_copy).
#include <algorithm>

#include "cp_cusparse.hpp"

using namespace cpsp;

namespace {

struct HostCsr {
    int64_t rows = 0, cols = 0;
    std::vector<int64_t> off, col;  // zero-based
    std::vector<double> val;
};

// A CSR or (row-sorted) COO matrix, first batch member, as zero-based host CSR.
cusparseStatus_t download(const char* call, const cpSpMat* a, HostCsr& out) {
    if (!a) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!value_size(a->type)) return unsupported(call, "a value type other than CUDA_R_32F/CUDA_R_64F");
    if (!index_size(a->offsets_type) || !index_size(a->columns_type)) return unsupported(call, "CUSPARSE_INDEX_16U");
    if (a->format != CUSPARSE_FORMAT_CSR && a->format != CUSPARSE_FORMAT_COO)
        return unsupported(call, "a sparse format other than CSR and COO");
    if (a->batch != 1) return unsupported(call, "strided batches");
    out.rows = a->rows;
    out.cols = a->cols;
    bool csr = a->format == CUSPARSE_FORMAT_CSR;
    std::vector<int64_t> rows;
    if (!get_indices(a->offsets, a->offsets_type, csr ? (size_t)a->rows + 1 : (size_t)a->nnz, csr ? out.off : rows) ||
        !get_indices(a->columns, a->columns_type, (size_t)a->nnz, out.col) ||
        !get_values(a->values, a->type, (size_t)a->nnz, out.val))
        return CUSPARSE_STATUS_EXECUTION_FAILED;
    if (!csr) {
        out.off.assign((size_t)a->rows + 1, 0);
        for (int64_t r : rows) {
            if (r - a->base < 0 || r - a->base >= a->rows) return CUSPARSE_STATUS_INVALID_VALUE;
            ++out.off[(size_t)(r - a->base) + 1];
        }
        for (size_t i = 1; i < out.off.size(); ++i) out.off[i] += out.off[i - 1];
    } else {
        for (int64_t& o : out.off) o -= a->base;
    }
    for (int64_t& c : out.col) c -= a->base;
    return CUSPARSE_STATUS_SUCCESS;
}

size_t at(int64_t r, int64_t c, int64_t ld, bool row) { return (size_t)(row ? r * ld + c : r + c * ld); }

// Solves op(A) X = alpha B' for one right-hand side held in x (B' on entry), A triangular per fill/diag.
void solve_one(const HostCsr& a, bool lower, bool unit, bool trans, std::vector<double>& x) {
    int64_t n = a.rows;
    auto diag = [&](int64_t i) {
        for (int64_t p = a.off[i]; p < a.off[i + 1]; ++p)
            if (a.col[p] == i) return a.val[p];
        return 0.0;
    };
    if (!trans) {  // forward (lower) or backward (upper) substitution by rows
        for (int64_t s = 0; s < n; ++s) {
            int64_t i = lower ? s : n - 1 - s;
            double v = x[i];
            for (int64_t p = a.off[i]; p < a.off[i + 1]; ++p) {
                int64_t c = a.col[p];
                if (lower ? c < i : c > i) v -= a.val[p] * x[c];
            }
            x[i] = unit ? v : v / diag(i);
        }
        return;
    }
    // op(A) = A^T: lower A gives an upper system, solved by columns of A^T (rows of A), last row first
    for (int64_t s = 0; s < n; ++s) {
        int64_t i = lower ? n - 1 - s : s;
        if (!unit) x[i] /= diag(i);
        for (int64_t p = a.off[i]; p < a.off[i + 1]; ++p) {
            int64_t c = a.col[p];
            if (lower ? c < i : c > i) x[c] -= a.val[p] * x[i];
        }
    }
}

cusparseStatus_t spsm_checks(const char* call, cusparseOperation_t opA, cusparseOperation_t opB, const cpSpMat* a,
                             const cpDnMat* b, const cpDnMat* c, cudaDataType compute) {
    if (!a || !b || !c) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!valid_op(opA) || !valid_op(opB)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!value_size(a->type) || a->type != compute || b->type != a->type || c->type != a->type)
        return unsupported(call, "these value/compute types");
    bool tb = is_trans(opB);
    int64_t bk = tb ? b->cols : b->rows, bn = tb ? b->rows : b->cols;
    if (a->rows != a->cols || bk != a->rows || c->rows != a->rows || c->cols != bn) return CUSPARSE_STATUS_INVALID_VALUE;
    return CUSPARSE_STATUS_SUCCESS;
}

}  // namespace

namespace cpsp {

TransposedCsr::~TransposedCsr() {
    if (m.offsets) cudaFree(m.offsets);
    if (m.columns) cudaFree(m.columns);
    if (m.values) cudaFree(m.values);
}

cusparseStatus_t transpose(cusparseHandle_t h, const char* call, const cpSpMat* a, TransposedCsr& out) {
    if (!sync(h)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    HostCsr src;
    cusparseStatus_t st = download(call, a, src);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    size_t nnz = src.col.size();
    std::vector<int64_t> off((size_t)src.cols + 1, 0), col(nnz);
    std::vector<double> val(nnz);
    for (int64_t c : src.col) ++off[(size_t)c + 1];
    for (size_t i = 1; i < off.size(); ++i) off[i] += off[i - 1];
    std::vector<int64_t> next(off.begin(), off.end() - 1);
    for (int64_t i = 0; i < src.rows; ++i)
        for (int64_t p = src.off[i]; p < src.off[i + 1]; ++p) {
            int64_t q = next[(size_t)src.col[p]]++;
            col[q] = i;
            val[q] = src.val[p];
        }
    cpSpMat& t = out.m;
    t.format = CUSPARSE_FORMAT_CSR;
    t.rows = src.cols;
    t.cols = src.rows;
    t.nnz = (int64_t)nnz;
    t.offsets_type = t.columns_type = a->offsets_type;
    t.type = a->type;
    size_t is = index_size(a->offsets_type), vs = value_size(a->type);
    if (cudaMalloc(&t.offsets, off.size() * is) != cudaSuccess || cudaMalloc(&t.columns, (nnz + 1) * is) != cudaSuccess ||
        cudaMalloc(&t.values, (nnz + 1) * vs) != cudaSuccess)
        return CUSPARSE_STATUS_ALLOC_FAILED;
    if (!put_indices(t.offsets, t.offsets_type, off) || !put_indices(t.columns, t.columns_type, col) ||
        !put_values(t.values, t.type, val))
        return CUSPARSE_STATUS_EXECUTION_FAILED;
    return CUSPARSE_STATUS_SUCCESS;
}

}  // namespace cpsp

/* ---- SpSM ------------------------------------------------------------------------------------------- */
extern "C" cusparseStatus_t cusparseSpSM_createDescr(cusparseSpSMDescr_t* d) {
    if (!d) return CUSPARSE_STATUS_INVALID_VALUE;
    *d = new cpSpSMDescr();
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpSM_destroyDescr(cusparseSpSMDescr_t d) {
    delete d;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpSM_bufferSize(cusparseHandle_t h, cusparseOperation_t opA,
                                                    cusparseOperation_t opB, const void*, cusparseConstSpMatDescr_t a,
                                                    cusparseConstDnMatDescr_t b, cusparseDnMatDescr_t c,
                                                    cudaDataType compute, cusparseSpSMAlg_t, cusparseSpSMDescr_t d,
                                                    size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size || !d) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return spsm_checks("cusparseSpSM_bufferSize", opA, opB, a, b, c, compute);
}

extern "C" cusparseStatus_t cusparseSpSM_analysis(cusparseHandle_t h, cusparseOperation_t opA,
                                                  cusparseOperation_t opB, const void*, cusparseConstSpMatDescr_t a,
                                                  cusparseConstDnMatDescr_t b, cusparseDnMatDescr_t c,
                                                  cudaDataType compute, cusparseSpSMAlg_t, cusparseSpSMDescr_t d,
                                                  void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!d) return CUSPARSE_STATUS_INVALID_VALUE;
    cusparseStatus_t st = spsm_checks("cusparseSpSM_analysis", opA, opB, a, b, c, compute);
    if (st == CUSPARSE_STATUS_SUCCESS) d->analysed = true;
    return st;
}

// C = alpha op(A)^-1 op(B), A's fill mode and diagonal type from its attributes; A is read at each solve.
extern "C" cusparseStatus_t cusparseSpSM_solve(cusparseHandle_t h, cusparseOperation_t opA, cusparseOperation_t opB,
                                               const void* alpha, cusparseConstSpMatDescr_t a,
                                               cusparseConstDnMatDescr_t b, cusparseDnMatDescr_t c,
                                               cudaDataType compute, cusparseSpSMAlg_t, cusparseSpSMDescr_t d) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!d || !d->analysed) return CUSPARSE_STATUS_INVALID_VALUE;
    cusparseStatus_t st = spsm_checks("cusparseSpSM_solve", opA, opB, a, b, c, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    double al = 0;
    if (!read_scalar(h, alpha, a->type, &al)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!sync(h)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    HostCsr m;
    if ((st = download("cusparseSpSM_solve", a, m)) != CUSPARSE_STATUS_SUCCESS) return st;
    bool brow = b->order == CUSPARSE_ORDER_ROW, crow = c->order == CUSPARSE_ORDER_ROW;
    bool tb = is_trans(opB);
    size_t bsize = brow ? (size_t)(b->rows ? (b->rows - 1) * b->ld + b->cols : 0)
                        : (size_t)(b->cols ? (b->cols - 1) * b->ld + b->rows : 0);
    size_t csize = crow ? (size_t)(c->rows ? (c->rows - 1) * c->ld + c->cols : 0)
                        : (size_t)(c->cols ? (c->cols - 1) * c->ld + c->rows : 0);
    std::vector<double> hb, hc;
    if (!get_values(b->values, b->type, bsize, hb) || !get_values(c->values, c->type, csize, hc))
        return CUSPARSE_STATUS_EXECUTION_FAILED;
    int64_t n = a->rows;
    std::vector<double> x((size_t)n);
    for (int64_t j = 0; j < c->cols; ++j) {
        for (int64_t i = 0; i < n; ++i) x[i] = al * hb[tb ? at(j, i, b->ld, brow) : at(i, j, b->ld, brow)];
        solve_one(m, a->fill == CUSPARSE_FILL_MODE_LOWER, a->diag == CUSPARSE_DIAG_TYPE_UNIT,
                  is_trans(opA), x);
        for (int64_t i = 0; i < n; ++i) hc[at(i, j, c->ld, crow)] = x[i];
    }
    return put_values(c->values, c->type, hc) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}

/* ---- SpGEMM ----------------------------------------------------------------------------------------- */
namespace {

const size_t kSpGEMMBuffer = 64;  // the size asked for: the calls keep their state in the descriptor instead

cusparseStatus_t spgemm_checks(const char* call, cusparseOperation_t opA, cusparseOperation_t opB, const cpSpMat* a,
                               const cpSpMat* b, const cpSpMat* c, cudaDataType compute, cusparseSpGEMMDescr_t d) {
    if (!a || !b || !c || !d) return CUSPARSE_STATUS_INVALID_VALUE;
    if (opA != CUSPARSE_OPERATION_NON_TRANSPOSE || opB != CUSPARSE_OPERATION_NON_TRANSPOSE)
        return unsupported(call, "a transposed operand");
    if (!value_size(a->type) || a->type != compute || b->type != a->type || c->type != a->type)
        return unsupported(call, "these value/compute types");
    if (c->format != CUSPARSE_FORMAT_CSR || !index_size(c->offsets_type) || !index_size(c->columns_type))
        return unsupported(call, "a result C that is not CSR with 32/64-bit indices");
    if (a->cols != b->rows || c->rows != a->rows || c->cols != b->cols) return CUSPARSE_STATUS_INVALID_VALUE;
    return CUSPARSE_STATUS_SUCCESS;
}

// C = alpha A B with a dense accumulator per row; each row's columns ascending.
void multiply(const HostCsr& a, const HostCsr& b, double alpha, cpSpGEMMDescr& out) {
    out.rows = a.rows;
    out.cols = b.cols;
    out.offsets.assign((size_t)a.rows + 1, 0);
    out.columns.clear();
    out.values.clear();
    std::vector<double> acc((size_t)b.cols, 0.0);
    std::vector<char> used((size_t)b.cols, 0);
    std::vector<int64_t> cols;
    for (int64_t i = 0; i < a.rows; ++i) {
        cols.clear();
        for (int64_t p = a.off[i]; p < a.off[i + 1]; ++p)
            for (int64_t q = b.off[a.col[p]]; q < b.off[a.col[p] + 1]; ++q) {
                int64_t c = b.col[q];
                if (!used[c]) {
                    used[c] = 1;
                    cols.push_back(c);
                }
                acc[c] += a.val[p] * b.val[q];
            }
        std::sort(cols.begin(), cols.end());
        for (int64_t c : cols) {
            out.columns.push_back(c);
            out.values.push_back(alpha * acc[c]);
            acc[c] = 0.0;
            used[c] = 0;
        }
        out.offsets[i + 1] = (int64_t)out.columns.size();
    }
    out.computed = true;
}

}  // namespace

extern "C" cusparseStatus_t cusparseSpGEMM_createDescr(cusparseSpGEMMDescr_t* d) {
    if (!d) return CUSPARSE_STATUS_INVALID_VALUE;
    *d = new cpSpGEMMDescr();
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpGEMM_destroyDescr(cusparseSpGEMMDescr_t d) {
    delete d;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpGEMM_workEstimation(cusparseHandle_t h, cusparseOperation_t opA,
                                                          cusparseOperation_t opB, const void*,
                                                          cusparseConstSpMatDescr_t a, cusparseConstSpMatDescr_t b,
                                                          const void*, cusparseSpMatDescr_t c, cudaDataType compute,
                                                          cusparseSpGEMMAlg_t, cusparseSpGEMMDescr_t d, size_t* size1,
                                                          void* buffer1) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size1) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!buffer1) *size1 = kSpGEMMBuffer;
    return spgemm_checks("cusparseSpGEMM_workEstimation", opA, opB, a, b, c, compute, d);
}

// With a buffer: computes the product on the host into the descriptor and sets C's size (rows, cols, nnz).
extern "C" cusparseStatus_t cusparseSpGEMM_compute(cusparseHandle_t h, cusparseOperation_t opA,
                                                   cusparseOperation_t opB, const void* alpha,
                                                   cusparseConstSpMatDescr_t a, cusparseConstSpMatDescr_t b,
                                                   const void*, cusparseSpMatDescr_t c, cudaDataType compute,
                                                   cusparseSpGEMMAlg_t, cusparseSpGEMMDescr_t d, size_t* size2,
                                                   void* buffer2) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size2) return CUSPARSE_STATUS_INVALID_VALUE;
    cusparseStatus_t st = spgemm_checks("cusparseSpGEMM_compute", opA, opB, a, b, c, compute, d);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!buffer2) {
        *size2 = kSpGEMMBuffer;
        return CUSPARSE_STATUS_SUCCESS;
    }
    if (*size2 < kSpGEMMBuffer) return CUSPARSE_STATUS_INSUFFICIENT_RESOURCES;
    double al = 0;
    if (!read_scalar(h, alpha, a->type, &al)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!sync(h)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    HostCsr ha, hb;
    if ((st = download("cusparseSpGEMM_compute", a, ha)) != CUSPARSE_STATUS_SUCCESS ||
        (st = download("cusparseSpGEMM_compute", b, hb)) != CUSPARSE_STATUS_SUCCESS)
        return st;
    multiply(ha, hb, al, *d);
    c->nnz = (int64_t)d->columns.size();
    return CUSPARSE_STATUS_SUCCESS;
}

// Writes the computed product to C's arrays (offsets, columns, values in C's index base); with beta != 0 the
// values already in C's value array are added, scaled by beta.
extern "C" cusparseStatus_t cusparseSpGEMM_copy(cusparseHandle_t h, cusparseOperation_t opA, cusparseOperation_t opB,
                                                const void*, cusparseConstSpMatDescr_t a,
                                                cusparseConstSpMatDescr_t b, const void* beta,
                                                cusparseSpMatDescr_t c, cudaDataType compute, cusparseSpGEMMAlg_t,
                                                cusparseSpGEMMDescr_t d) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = spgemm_checks("cusparseSpGEMM_copy", opA, opB, a, b, c, compute, d);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!d->computed) return CUSPARSE_STATUS_INVALID_VALUE;
    size_t nnz = d->columns.size();
    if (!c->offsets || (nnz && (!c->columns || !c->values))) return CUSPARSE_STATUS_INVALID_VALUE;
    double be = 0;
    if (!read_scalar(h, beta, c->type, &be)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!sync(h)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    std::vector<double> vals = d->values;
    if (be != 0.0) {
        std::vector<double> old;
        if (!get_values(c->values, c->type, nnz, old)) return CUSPARSE_STATUS_EXECUTION_FAILED;
        for (size_t i = 0; i < nnz; ++i) vals[i] += be * old[i];
    }
    std::vector<int64_t> off = d->offsets, col = d->columns;
    for (int64_t& o : off) o += c->base;
    for (int64_t& x : col) x += c->base;
    if (!put_indices(c->offsets, c->offsets_type, off) || !put_indices(c->columns, c->columns_type, col) ||
        !put_values(c->values, c->type, vals))
        return CUSPARSE_STATUS_EXECUTION_FAILED;
    c->nnz = (int64_t)nnz;
    return CUSPARSE_STATUS_SUCCESS;
}
