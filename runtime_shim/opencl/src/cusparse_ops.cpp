// cuSPARSE's data-parallel calls on the OpenCL shim's own kernels (cusparse_kernels.cpp), launched on the
// handle's stream: SpMV and SpMM (CSR; COO through row offsets built on the device), SDDMM, Axpby, SparseToDense
// and DenseToSparse (the row-offset scan of its analysis runs on the host).
#include "cp_cusparse_kernels.hpp"

using namespace cpsp;

namespace {

int row_major(cusparseOrder_t o) { return o == CUSPARSE_ORDER_ROW ? 1 : 0; }

// The checks every sparse operand passes: value type, index types, format.
cusparseStatus_t check_sparse(const char* call, const cpSpMat* a, cudaDataType compute) {
    if (!a) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!value_size(a->type)) return unsupported(call, "a value type other than CUDA_R_32F/CUDA_R_64F");
    if (a->type != compute) return unsupported(call, "a compute type other than the value type");
    if (!index_size(a->offsets_type) || !index_size(a->columns_type)) return unsupported(call, "CUSPARSE_INDEX_16U");
    if (a->offsets_type != a->columns_type) return unsupported(call, "CSR offsets and columns of different types");
    if (a->format != CUSPARSE_FORMAT_CSR && a->format != CUSPARSE_FORMAT_COO)
        return unsupported(call, "a sparse format other than CSR and COO");
    return CUSPARSE_STATUS_SUCCESS;
}

Launch& scalar(Launch& l, cudaDataType t, double v) { return t == CUDA_R_64F ? l.val(v) : l.val((float)v); }

// Row offsets of A for the CSR kernels: A's own (CSR), or built from a row-sorted COO matrix (zero-based, one
// array of rows + 1 per batch member, kept with the descriptor). Sets the offset base and batch stride.
bool row_offsets(cusparseHandle_t h, const cpSpMat* a, const void** off, long* ob, long* soff) {
    if (a->format == CUSPARSE_FORMAT_CSR) {
        *off = a->offsets;
        *ob = a->base;
        *soff = (long)a->offsets_stride;
        return true;
    }
    size_t bytes = (size_t)(a->rows + 1) * a->batch * index_size(a->offsets_type);
    if (a->coo_offsets_bytes < bytes) {
        if (a->coo_offsets) cudaFree(a->coo_offsets);
        a->coo_offsets = nullptr;
        a->coo_offsets_bytes = 0;
        if (cudaMalloc(&a->coo_offsets, bytes) != cudaSuccess) return false;
        a->coo_offsets_bytes = bytes;
    }
    Launch l(kname("cp_coo_offsets_", a->type, a->offsets_type));
    l.val((long)a->rows).val((long)a->nnz).ptr(a->offsets).val((long)a->base).ptr(a->coo_offsets);
    l.val((long)a->offsets_stride).val((long)(a->rows + 1));
    *off = a->coo_offsets;
    *ob = 0;
    *soff = a->batch > 1 ? (long)(a->rows + 1) : 0;
    return l.run(h, (long)a->rows + 1, a->batch);
}

struct Dense {
    const void* p;
    long ld;
    int row, trans;
    long stride;
};

// C (m x n) = alpha A op(B) + beta C for sparse A (m x A.cols), over `batch` members.
cusparseStatus_t csrmm(cusparseHandle_t h, const char* call, const cpSpMat* a, const void* alpha, const void* beta,
                       Dense b, Dense c, long n, int batch) {
    double al = 0, be = 0;
    if (!read_scalar(h, alpha, a->type, &al) || !read_scalar(h, beta, a->type, &be))
        return CUSPARSE_STATUS_INVALID_VALUE;
    const void* off = nullptr;
    long ob = 0, soff = 0;
    if (!row_offsets(h, a, &off, &ob, &soff)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    Launch l(kname("cp_csrmm_", a->type, a->offsets_type));
    l.val((long)a->rows).val(n);
    scalar(scalar(l, a->type, al), a->type, be);
    l.ptr(off).ptr(a->columns).ptr(a->values).val(ob).val((long)a->base);
    l.ptr(b.p).val(b.ld).val(b.row).val(b.trans).ptr(c.p).val(c.ld).val(c.row);
    l.val(soff).val((long)a->columns_stride).val(b.stride).val(c.stride);
    (void)call;
    return l.run(h, (long)a->rows * n, batch) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}

cusparseStatus_t spmm_checks(const char* call, cusparseOperation_t opA, cusparseOperation_t opB, const cpSpMat* a,
                             const cpDnMat* b, const cpDnMat* c, cudaDataType compute) {
    cusparseStatus_t st = check_sparse(call, a, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!b || !c || !valid_op(opA) || !valid_op(opB)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (b->type != a->type || c->type != a->type) return unsupported(call, "operands of different value types");
    int64_t am = is_trans(opA) ? a->cols : a->rows, ak = is_trans(opA) ? a->rows : a->cols;
    int64_t bk = is_trans(opB) ? b->cols : b->rows, bn = is_trans(opB) ? b->rows : b->cols;
    if (bk != ak || c->rows != am || c->cols != bn) return CUSPARSE_STATUS_INVALID_VALUE;
    if (is_trans(opA) && a->batch != 1) return unsupported(call, "op(A) transposed on a strided batch");
    return CUSPARSE_STATUS_SUCCESS;
}

}  // namespace

/* ---- SpMV, SpMM ------------------------------------------------------------------------------------- */
extern "C" cusparseStatus_t cusparseSpMV_bufferSize(cusparseHandle_t h, cusparseOperation_t, const void*,
                                                    cusparseConstSpMatDescr_t, cusparseConstDnVecDescr_t, const void*,
                                                    cusparseDnVecDescr_t, cudaDataType, cusparseSpMVAlg_t,
                                                    size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMV(cusparseHandle_t h, cusparseOperation_t opA, const void* alpha,
                                         cusparseConstSpMatDescr_t a, cusparseConstDnVecDescr_t x, const void* beta,
                                         cusparseDnVecDescr_t y, cudaDataType compute, cusparseSpMVAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = check_sparse("cusparseSpMV", a, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!x || !y || !valid_op(opA)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (x->type != a->type || y->type != a->type) return unsupported("cusparseSpMV", "operands of different types");
    if (x->size != (is_trans(opA) ? a->rows : a->cols) || y->size != (is_trans(opA) ? a->cols : a->rows))
        return CUSPARSE_STATUS_INVALID_VALUE;
    TransposedCsr t;
    if (is_trans(opA)) {
        if (a->batch != 1) return unsupported("cusparseSpMV", "op(A) transposed on a strided batch");
        if ((st = transpose(h, "cusparseSpMV", a, t)) != CUSPARSE_STATUS_SUCCESS) return st;
        a = &t.m;
    }
    Dense b{x->values, (long)(a->cols > 0 ? a->cols : 1), 0, 0, 0};
    Dense c{y->values, (long)(a->rows > 0 ? a->rows : 1), 0, 0, 0};
    return csrmm(h, "cusparseSpMV", a, alpha, beta, b, c, 1, 1);
}

extern "C" cusparseStatus_t cusparseSpMM_bufferSize(cusparseHandle_t h, cusparseOperation_t opA,
                                                    cusparseOperation_t opB, const void*, cusparseConstSpMatDescr_t a,
                                                    cusparseConstDnMatDescr_t b, const void*, cusparseDnMatDescr_t c,
                                                    cudaDataType compute, cusparseSpMMAlg_t, size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return spmm_checks("cusparseSpMM_bufferSize", opA, opB, a, b, c, compute);
}

extern "C" cusparseStatus_t cusparseSpMM(cusparseHandle_t h, cusparseOperation_t opA, cusparseOperation_t opB,
                                         const void* alpha, cusparseConstSpMatDescr_t a, cusparseConstDnMatDescr_t b,
                                         const void* beta, cusparseDnMatDescr_t c, cudaDataType compute,
                                         cusparseSpMMAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = spmm_checks("cusparseSpMM", opA, opB, a, b, c, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    int batch = c->batch;
    if ((a->batch != 1 && a->batch != batch) || (b->batch != 1 && b->batch != batch))
        return CUSPARSE_STATUS_INVALID_VALUE;
    TransposedCsr t;
    if (is_trans(opA)) {
        if ((st = transpose(h, "cusparseSpMM", a, t)) != CUSPARSE_STATUS_SUCCESS) return st;
        a = &t.m;
    }
    Dense db{b->values, (long)b->ld, row_major(b->order), is_trans(opB),
             b->batch == 1 ? 0 : (long)b->stride};
    Dense dc{c->values, (long)c->ld, row_major(c->order), 0, (long)c->stride};
    return csrmm(h, "cusparseSpMM", a, alpha, beta, db, dc, (long)c->cols, batch);
}

/* ---- SDDMM ------------------------------------------------------------------------------------------ */
static cusparseStatus_t sddmm_checks(const char* call, cusparseOperation_t opA, cusparseOperation_t opB,
                                     const cpDnMat* a, const cpDnMat* b, const cpSpMat* c, cudaDataType compute) {
    cusparseStatus_t st = check_sparse(call, c, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (c->format != CUSPARSE_FORMAT_CSR) return unsupported(call, "a COO matrix C");
    if (!a || !b) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!valid_op(opA) || !valid_op(opB)) return CUSPARSE_STATUS_INVALID_VALUE;
    if (a->type != c->type || b->type != c->type) return unsupported(call, "operands of different value types");
    bool ta = is_trans(opA), tb = is_trans(opB);
    int64_t am = ta ? a->cols : a->rows, ak = ta ? a->rows : a->cols;
    int64_t bk = tb ? b->cols : b->rows, bn = tb ? b->rows : b->cols;
    if (am != c->rows || bn != c->cols || ak != bk) return CUSPARSE_STATUS_INVALID_VALUE;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSDDMM_bufferSize(cusparseHandle_t h, cusparseOperation_t opA,
                                                     cusparseOperation_t opB, const void*, cusparseConstDnMatDescr_t a,
                                                     cusparseConstDnMatDescr_t b, const void*, cusparseSpMatDescr_t c,
                                                     cudaDataType compute, cusparseSDDMMAlg_t, size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return sddmm_checks("cusparseSDDMM_bufferSize", opA, opB, a, b, c, compute);
}

extern "C" cusparseStatus_t cusparseSDDMM_preprocess(cusparseHandle_t h, cusparseOperation_t opA,
                                                     cusparseOperation_t opB, const void*, cusparseConstDnMatDescr_t a,
                                                     cusparseConstDnMatDescr_t b, const void*, cusparseSpMatDescr_t c,
                                                     cudaDataType compute, cusparseSDDMMAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    return sddmm_checks("cusparseSDDMM_preprocess", opA, opB, a, b, c, compute);
}

extern "C" cusparseStatus_t cusparseSDDMM(cusparseHandle_t h, cusparseOperation_t opA, cusparseOperation_t opB,
                                          const void* alpha, cusparseConstDnMatDescr_t a, cusparseConstDnMatDescr_t b,
                                          const void* beta, cusparseSpMatDescr_t c, cudaDataType compute,
                                          cusparseSDDMMAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = sddmm_checks("cusparseSDDMM", opA, opB, a, b, c, compute);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    int batch = c->batch;
    if ((a->batch != 1 && a->batch != batch) || (b->batch != 1 && b->batch != batch))
        return CUSPARSE_STATUS_INVALID_VALUE;
    double al = 0, be = 0;
    if (!read_scalar(h, alpha, c->type, &al) || !read_scalar(h, beta, c->type, &be))
        return CUSPARSE_STATUS_INVALID_VALUE;
    bool ta = is_trans(opA);
    long k = (long)(ta ? a->rows : a->cols);
    Launch l(kname("cp_sddmm_", c->type, c->offsets_type));
    l.val((long)c->rows).val(k);
    scalar(scalar(l, c->type, al), c->type, be);
    l.ptr(a->values).val((long)a->ld).val(row_major(a->order)).val((int)ta);
    l.ptr(b->values).val((long)b->ld).val(row_major(b->order)).val((int)is_trans(opB));
    l.ptr(c->offsets).ptr(c->columns).ptr(c->values).val((long)c->base).val((long)c->base);
    l.val(a->batch == 1 ? 0L : (long)a->stride).val(b->batch == 1 ? 0L : (long)b->stride);
    l.val((long)c->offsets_stride).val((long)c->columns_stride);
    return l.run(h, (long)c->rows, batch) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}

/* ---- Axpby ------------------------------------------------------------------------------------------ */
extern "C" cusparseStatus_t cusparseAxpby(cusparseHandle_t h, const void* alpha, cusparseConstSpVecDescr_t x,
                                          const void* beta, cusparseDnVecDescr_t y) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!x || !y || x->size != y->size) return CUSPARSE_STATUS_INVALID_VALUE;
    if (!value_size(x->type) || x->type != y->type) return unsupported("cusparseAxpby", "this value type");
    if (!index_size(x->index_type)) return unsupported("cusparseAxpby", "CUSPARSE_INDEX_16U");
    double al = 0, be = 0;
    if (!read_scalar(h, alpha, x->type, &al) || !read_scalar(h, beta, x->type, &be))
        return CUSPARSE_STATUS_INVALID_VALUE;
    Launch s(kname("cp_scale_", y->type));
    s.val((long)y->size);
    scalar(s, y->type, be).ptr(y->values);
    if (!s.run(h, (long)y->size)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    Launch l(kname("cp_axpyi_", x->type, x->index_type));
    l.val((long)x->nnz);
    scalar(l, x->type, al).ptr(x->indices).ptr(x->values).val((long)x->base).ptr(y->values);
    return l.run(h, (long)x->nnz) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}

/* ---- SparseToDense ---------------------------------------------------------------------------------- */
extern "C" cusparseStatus_t cusparseSparseToDense_bufferSize(cusparseHandle_t h, cusparseConstSpMatDescr_t,
                                                             cusparseDnMatDescr_t, cusparseSparseToDenseAlg_t,
                                                             size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSparseToDense(cusparseHandle_t h, cusparseConstSpMatDescr_t a,
                                                  cusparseDnMatDescr_t b, cusparseSparseToDenseAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = check_sparse("cusparseSparseToDense", a, a ? a->type : CUDA_R_32F);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!b || b->rows != a->rows || b->cols != a->cols) return CUSPARSE_STATUS_INVALID_VALUE;
    if (b->type != a->type) return unsupported("cusparseSparseToDense", "operands of different value types");
    if (a->batch != 1 || b->batch != 1) return unsupported("cusparseSparseToDense", "strided batches");
    Launch z(kname("cp_dense_zero_", b->type));
    z.val((long)b->rows).val((long)b->cols).ptr(b->values).val((long)b->ld).val(row_major(b->order));
    if (!z.run(h, (long)(b->rows * b->cols))) return CUSPARSE_STATUS_EXECUTION_FAILED;
    bool csr = a->format == CUSPARSE_FORMAT_CSR;
    Launch l(kname(csr ? "cp_csr2dense_" : "cp_coo2dense_", a->type, a->offsets_type));
    l.val((long)(csr ? a->rows : a->nnz)).ptr(a->offsets).ptr(a->columns).ptr(a->values);
    if (csr) l.val((long)a->base);
    l.val((long)a->base).ptr(b->values).val((long)b->ld).val(row_major(b->order));
    return l.run(h, (long)(csr ? a->rows : a->nnz)) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}

/* ---- DenseToSparse (CSR) ---------------------------------------------------------------------------- */
static cusparseStatus_t d2s_checks(const char* call, const cpDnMat* a, const cpSpMat* b) {
    cusparseStatus_t st = check_sparse(call, b, b ? b->type : CUDA_R_32F);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (b->format != CUSPARSE_FORMAT_CSR) return unsupported(call, "a COO result");
    if (!a || a->rows != b->rows || a->cols != b->cols) return CUSPARSE_STATUS_INVALID_VALUE;
    if (a->type != b->type) return unsupported(call, "operands of different value types");
    if (a->batch != 1 || b->batch != 1) return unsupported(call, "strided batches");
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDenseToSparse_bufferSize(cusparseHandle_t h, cusparseConstDnMatDescr_t a,
                                                             cusparseSpMatDescr_t b, cusparseDenseToSparseAlg_t,
                                                             size_t* size) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!size) return CUSPARSE_STATUS_INVALID_VALUE;
    *size = 0;
    return d2s_checks("cusparseDenseToSparse_bufferSize", a, b);
}

// Counts each row's nonzeros on the device, scans on the host into B's row offsets, sets B's nnz.
extern "C" cusparseStatus_t cusparseDenseToSparse_analysis(cusparseHandle_t h, cusparseConstDnMatDescr_t a,
                                                           cusparseSpMatDescr_t b, cusparseDenseToSparseAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = d2s_checks("cusparseDenseToSparse_analysis", a, b);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!b->offsets) return CUSPARSE_STATUS_INVALID_VALUE;
    Launch l(kname("cp_dense_count_", a->type, b->offsets_type));
    l.val((long)a->rows).val((long)a->cols).ptr(a->values).val((long)a->ld).val(row_major(a->order)).ptr(b->offsets);
    if (!l.run(h, (long)a->rows) || !sync(h)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    std::vector<int64_t> off;
    if (!get_indices(b->offsets, b->offsets_type, (size_t)a->rows + 1, off)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    off[0] = b->base;
    for (size_t i = 1; i < off.size(); ++i) off[i] += off[i - 1];
    if (!put_indices(b->offsets, b->offsets_type, off)) return CUSPARSE_STATUS_EXECUTION_FAILED;
    b->nnz = off.back() - b->base;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDenseToSparse_convert(cusparseHandle_t h, cusparseConstDnMatDescr_t a,
                                                          cusparseSpMatDescr_t b, cusparseDenseToSparseAlg_t, void*) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    cusparseStatus_t st = d2s_checks("cusparseDenseToSparse_convert", a, b);
    if (st != CUSPARSE_STATUS_SUCCESS) return st;
    if (!b->offsets || (b->nnz && (!b->columns || !b->values))) return CUSPARSE_STATUS_INVALID_VALUE;
    Launch l(kname("cp_dense_fill_", a->type, b->offsets_type));
    l.val((long)a->rows).val((long)a->cols).ptr(a->values).val((long)a->ld).val(row_major(a->order));
    l.ptr(b->offsets).ptr(b->columns).ptr(b->values).val((long)b->base);
    return l.run(h, (long)a->rows) ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_EXECUTION_FAILED;
}
