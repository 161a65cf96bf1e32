// cuSPARSE's generic API on the OpenCL shim (include/cudaport_cusparse.h): the handle, status strings, the
// matrix and vector descriptors, and the helpers the compute calls share (cusparse_ops.cpp on the device,
// cusparse_host.cpp on host copies).
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "cp_cusparse_kernels.hpp"

namespace cpsp {

cusparseStatus_t unsupported(const char* call, const char* what) {
    fprintf(stderr, "cudaport: %s: %s is not supported by the OpenCL shim's cuSPARSE layer\n", call, what);
    return CUSPARSE_STATUS_NOT_SUPPORTED;
}

size_t value_size(cudaDataType t) { return t == CUDA_R_32F ? 4 : t == CUDA_R_64F ? 8 : 0; }
size_t index_size(cusparseIndexType_t t) { return t == CUSPARSE_INDEX_32I ? 4 : t == CUSPARSE_INDEX_64I ? 8 : 0; }

bool sync(cusparseHandle_t h) { return cudaStreamSynchronize(h->stream) == cudaSuccess; }

bool read_scalar(cusparseHandle_t h, const void* p, cudaDataType t, double* out) {
    if (!p) return false;
    float f = 0;
    double d = 0;
    void* dst = t == CUDA_R_32F ? (void*)&f : (void*)&d;
    size_t n = value_size(t);
    if (h->mode == CUSPARSE_POINTER_MODE_DEVICE) {
        if (!sync(h) || cudaMemcpy(dst, p, n, cudaMemcpyDeviceToHost) != cudaSuccess) return false;
    } else {
        std::memcpy(dst, p, n);
    }
    *out = t == CUDA_R_32F ? (double)f : d;
    return true;
}

namespace {
// A device array of n Narrow elements as Wide on the host (one copy; Narrow == Wide copies straight into out).
template <class Narrow, class Wide> bool get_as(const void* dev, size_t n, std::vector<Wide>& out) {
    out.assign(n, 0);
    if (n == 0) return true;
    if (std::is_same<Narrow, Wide>::value)
        return cudaMemcpy(out.data(), dev, n * sizeof(Wide), cudaMemcpyDeviceToHost) == cudaSuccess;
    std::vector<Narrow> v(n);
    if (cudaMemcpy(v.data(), dev, n * sizeof(Narrow), cudaMemcpyDeviceToHost) != cudaSuccess) return false;
    for (size_t i = 0; i < n; ++i) out[i] = v[i];
    return true;
}

// The host array in, narrowed to Narrow, written to the device array.
template <class Narrow, class Wide> bool put_as(void* dev, const std::vector<Wide>& in) {
    if (in.empty()) return true;
    if (std::is_same<Narrow, Wide>::value)
        return cudaMemcpy(dev, in.data(), in.size() * sizeof(Wide), cudaMemcpyHostToDevice) == cudaSuccess;
    std::vector<Narrow> v(in.begin(), in.end());
    return cudaMemcpy(dev, v.data(), v.size() * sizeof(Narrow), cudaMemcpyHostToDevice) == cudaSuccess;
}
}  // namespace

bool get_indices(const void* dev, cusparseIndexType_t t, size_t n, std::vector<int64_t>& out) {
    return t == CUSPARSE_INDEX_64I ? get_as<int64_t>(dev, n, out) : get_as<int32_t>(dev, n, out);
}

bool put_indices(void* dev, cusparseIndexType_t t, const std::vector<int64_t>& in) {
    return t == CUSPARSE_INDEX_64I ? put_as<int64_t>(dev, in) : put_as<int32_t>(dev, in);
}

bool get_values(const void* dev, cudaDataType t, size_t n, std::vector<double>& out) {
    return t == CUDA_R_64F ? get_as<double>(dev, n, out) : get_as<float>(dev, n, out);
}

bool put_values(void* dev, cudaDataType t, const std::vector<double>& in) {
    return t == CUDA_R_64F ? put_as<double>(dev, in) : put_as<float>(dev, in);
}

std::string kname(const char* base, cudaDataType t) {
    return std::string(base) + (t == CUDA_R_64F ? "d" : "f");
}

std::string kname(const char* base, cudaDataType t, cusparseIndexType_t it) {
    return kname(base, t) + (it == CUSPARSE_INDEX_64I ? "l" : "i");
}

bool Launch::run(cusparseHandle_t h, long items, int batch) {
    static cpProgram* prog = cpRegisterProgram("cudaport-shim-cusparse.cl", kernel_source(), "");
    if (items <= 0 || batch <= 0) return true;
    const unsigned block = 64;
    long groups = (items + block - 1) / block;
    cudaError_t e = cpLaunchKernel(prog, name_.c_str(), dim3((unsigned)groups, (unsigned)batch, 1), dim3(block, 1, 1),
                                   0, h->stream, args_.data(), (int)args_.size());
    if (e != cudaSuccess) fprintf(stderr, "cudaport: cuSPARSE kernel %s failed: %s\n", name_.c_str(),
                                  cudaGetErrorString(e));
    return e == cudaSuccess;
}

}  // namespace cpsp

using namespace cpsp;

/* ---- handle and status ------------------------------------------------------------------------------ */
extern "C" cusparseStatus_t cusparseCreate(cusparseHandle_t* handle) {
    if (!handle) return CUSPARSE_STATUS_INVALID_VALUE;
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess || n == 0) return CUSPARSE_STATUS_NOT_INITIALIZED;
    *handle = new cpSparseContext();
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDestroy(cusparseHandle_t handle) {
    if (!handle) return CUSPARSE_STATUS_NOT_INITIALIZED;
    delete handle;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSetStream(cusparseHandle_t h, cudaStream_t stream) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    h->stream = stream;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseGetStream(cusparseHandle_t h, cudaStream_t* stream) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!stream) return CUSPARSE_STATUS_INVALID_VALUE;
    *stream = h->stream;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSetPointerMode(cusparseHandle_t h, cusparsePointerMode_t mode) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (mode != CUSPARSE_POINTER_MODE_HOST && mode != CUSPARSE_POINTER_MODE_DEVICE) return CUSPARSE_STATUS_INVALID_VALUE;
    h->mode = mode;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseGetPointerMode(cusparseHandle_t h, cusparsePointerMode_t* mode) {
    if (!h) return CUSPARSE_STATUS_NOT_INITIALIZED;
    if (!mode) return CUSPARSE_STATUS_INVALID_VALUE;
    *mode = h->mode;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" const char* cusparseGetErrorName(cusparseStatus_t s) {
    switch (s) {
    case CUSPARSE_STATUS_SUCCESS: return "CUSPARSE_STATUS_SUCCESS";
    case CUSPARSE_STATUS_NOT_INITIALIZED: return "CUSPARSE_STATUS_NOT_INITIALIZED";
    case CUSPARSE_STATUS_ALLOC_FAILED: return "CUSPARSE_STATUS_ALLOC_FAILED";
    case CUSPARSE_STATUS_INVALID_VALUE: return "CUSPARSE_STATUS_INVALID_VALUE";
    case CUSPARSE_STATUS_ARCH_MISMATCH: return "CUSPARSE_STATUS_ARCH_MISMATCH";
    case CUSPARSE_STATUS_MAPPING_ERROR: return "CUSPARSE_STATUS_MAPPING_ERROR";
    case CUSPARSE_STATUS_EXECUTION_FAILED: return "CUSPARSE_STATUS_EXECUTION_FAILED";
    case CUSPARSE_STATUS_INTERNAL_ERROR: return "CUSPARSE_STATUS_INTERNAL_ERROR";
    case CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED: return "CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
    case CUSPARSE_STATUS_ZERO_PIVOT: return "CUSPARSE_STATUS_ZERO_PIVOT";
    case CUSPARSE_STATUS_NOT_SUPPORTED: return "CUSPARSE_STATUS_NOT_SUPPORTED";
    case CUSPARSE_STATUS_INSUFFICIENT_RESOURCES: return "CUSPARSE_STATUS_INSUFFICIENT_RESOURCES";
    }
    return "CUSPARSE_STATUS_UNKNOWN";
}

extern "C" const char* cusparseGetErrorString(cusparseStatus_t s) {
    switch (s) {
    case CUSPARSE_STATUS_SUCCESS: return "success";
    case CUSPARSE_STATUS_NOT_INITIALIZED: return "initialization error";
    case CUSPARSE_STATUS_ALLOC_FAILED: return "out of memory";
    case CUSPARSE_STATUS_INVALID_VALUE: return "invalid value";
    case CUSPARSE_STATUS_ARCH_MISMATCH: return "architecture mismatch";
    case CUSPARSE_STATUS_MAPPING_ERROR: return "mapping error";
    case CUSPARSE_STATUS_EXECUTION_FAILED: return "execution failed";
    case CUSPARSE_STATUS_INTERNAL_ERROR: return "internal operation failed";
    case CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED: return "matrix type not supported";
    case CUSPARSE_STATUS_ZERO_PIVOT: return "zero pivot";
    case CUSPARSE_STATUS_NOT_SUPPORTED: return "operation not supported";
    case CUSPARSE_STATUS_INSUFFICIENT_RESOURCES: return "insufficient resources";
    }
    return "unknown error";
}

/* ---- sparse matrices -------------------------------------------------------------------------------- */
static cusparseStatus_t new_spmat(cusparseSpMatDescr_t* mat, cusparseFormat_t f, int64_t rows, int64_t cols,
                                  int64_t nnz, void* offsets, void* columns, void* values, cusparseIndexType_t ot,
                                  cusparseIndexType_t ct, cusparseIndexBase_t base, cudaDataType t) {
    if (!mat || rows < 0 || cols < 0 || nnz < 0) return CUSPARSE_STATUS_INVALID_VALUE;
    if (base != CUSPARSE_INDEX_BASE_ZERO && base != CUSPARSE_INDEX_BASE_ONE) return CUSPARSE_STATUS_INVALID_VALUE;
    cpSpMat* m = new cpSpMat();
    m->format = f;
    m->rows = rows;
    m->cols = cols;
    m->nnz = nnz;
    m->offsets = offsets;
    m->columns = columns;
    m->values = values;
    m->offsets_type = ot;
    m->columns_type = ct;
    m->base = base;
    m->type = t;
    *mat = m;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCreateCsr(cusparseSpMatDescr_t* mat, int64_t rows, int64_t cols, int64_t nnz,
                                              void* off, void* col, void* val, cusparseIndexType_t ot,
                                              cusparseIndexType_t ct, cusparseIndexBase_t base, cudaDataType t) {
    return new_spmat(mat, CUSPARSE_FORMAT_CSR, rows, cols, nnz, off, col, val, ot, ct, base, t);
}

extern "C" cusparseStatus_t cusparseCreateCoo(cusparseSpMatDescr_t* mat, int64_t rows, int64_t cols, int64_t nnz,
                                              void* row, void* col, void* val, cusparseIndexType_t it,
                                              cusparseIndexBase_t base, cudaDataType t) {
    return new_spmat(mat, CUSPARSE_FORMAT_COO, rows, cols, nnz, row, col, val, it, it, base, t);
}

extern "C" cusparseStatus_t cusparseDestroySpMat(cusparseConstSpMatDescr_t mat) {
    if (mat && mat->coo_offsets) cudaFree(mat->coo_offsets);
    delete mat;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatGetSize(cusparseConstSpMatDescr_t m, int64_t* rows, int64_t* cols,
                                                 int64_t* nnz) {
    if (!m || !rows || !cols || !nnz) return CUSPARSE_STATUS_INVALID_VALUE;
    *rows = m->rows;
    *cols = m->cols;
    *nnz = m->nnz;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatGetFormat(cusparseConstSpMatDescr_t m, cusparseFormat_t* format) {
    if (!m || !format) return CUSPARSE_STATUS_INVALID_VALUE;
    *format = m->format;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatGetValues(cusparseSpMatDescr_t m, void** values) {
    if (!m || !values) return CUSPARSE_STATUS_INVALID_VALUE;
    *values = m->values;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatSetValues(cusparseSpMatDescr_t m, void* values) {
    if (!m) return CUSPARSE_STATUS_INVALID_VALUE;
    m->values = values;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatSetAttribute(cusparseSpMatDescr_t m, cusparseSpMatAttribute_t a, void* data,
                                                      size_t size) {
    if (!m || !data) return CUSPARSE_STATUS_INVALID_VALUE;
    if (a == CUSPARSE_SPMAT_FILL_MODE && size == sizeof(cusparseFillMode_t))
        std::memcpy(&m->fill, data, size);
    else if (a == CUSPARSE_SPMAT_DIAG_TYPE && size == sizeof(cusparseDiagType_t))
        std::memcpy(&m->diag, data, size);
    else
        return CUSPARSE_STATUS_INVALID_VALUE;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseSpMatGetAttribute(cusparseConstSpMatDescr_t m, cusparseSpMatAttribute_t a,
                                                      void* data, size_t size) {
    if (!m || !data) return CUSPARSE_STATUS_INVALID_VALUE;
    if (a == CUSPARSE_SPMAT_FILL_MODE && size == sizeof(cusparseFillMode_t))
        std::memcpy(data, &m->fill, size);
    else if (a == CUSPARSE_SPMAT_DIAG_TYPE && size == sizeof(cusparseDiagType_t))
        std::memcpy(data, &m->diag, size);
    else
        return CUSPARSE_STATUS_INVALID_VALUE;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCsrSetPointers(cusparseSpMatDescr_t m, void* off, void* col, void* val) {
    if (!m || m->format != CUSPARSE_FORMAT_CSR) return CUSPARSE_STATUS_INVALID_VALUE;
    m->offsets = off;
    m->columns = col;
    m->values = val;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCsrGet(cusparseSpMatDescr_t m, int64_t* rows, int64_t* cols, int64_t* nnz,
                                           void** off, void** col, void** val, cusparseIndexType_t* ot,
                                           cusparseIndexType_t* ct, cusparseIndexBase_t* base, cudaDataType* t) {
    if (!m || m->format != CUSPARSE_FORMAT_CSR || !rows || !cols || !nnz || !off || !col || !val || !ot || !ct ||
        !base || !t)
        return CUSPARSE_STATUS_INVALID_VALUE;
    *rows = m->rows;
    *cols = m->cols;
    *nnz = m->nnz;
    *off = m->offsets;
    *col = m->columns;
    *val = m->values;
    *ot = m->offsets_type;
    *ct = m->columns_type;
    *base = m->base;
    *t = m->type;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCsrSetStridedBatch(cusparseSpMatDescr_t m, int batch, int64_t offsets_stride,
                                                       int64_t cv_stride) {
    if (!m || m->format != CUSPARSE_FORMAT_CSR || batch <= 0 || offsets_stride < 0 || cv_stride < 0)
        return CUSPARSE_STATUS_INVALID_VALUE;
    m->batch = batch;
    m->offsets_stride = offsets_stride;
    m->columns_stride = cv_stride;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCooSetStridedBatch(cusparseSpMatDescr_t m, int batch, int64_t stride) {
    if (!m || m->format != CUSPARSE_FORMAT_COO || batch <= 0 || stride < 0) return CUSPARSE_STATUS_INVALID_VALUE;
    m->batch = batch;
    m->offsets_stride = stride;
    m->columns_stride = stride;
    return CUSPARSE_STATUS_SUCCESS;
}

/* ---- dense matrices, vectors ------------------------------------------------------------------------ */
extern "C" cusparseStatus_t cusparseCreateDnMat(cusparseDnMatDescr_t* mat, int64_t rows, int64_t cols, int64_t ld,
                                                void* values, cudaDataType t, cusparseOrder_t order) {
    if (!mat || rows < 0 || cols < 0) return CUSPARSE_STATUS_INVALID_VALUE;
    if (order != CUSPARSE_ORDER_ROW && order != CUSPARSE_ORDER_COL) return CUSPARSE_STATUS_INVALID_VALUE;
    if (ld < (order == CUSPARSE_ORDER_ROW ? cols : rows)) return CUSPARSE_STATUS_INVALID_VALUE;
    cpDnMat* m = new cpDnMat();
    m->rows = rows;
    m->cols = cols;
    m->ld = ld;
    m->values = values;
    m->type = t;
    m->order = order;
    *mat = m;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDestroyDnMat(cusparseConstDnMatDescr_t mat) {
    delete mat;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnMatGet(cusparseDnMatDescr_t m, int64_t* rows, int64_t* cols, int64_t* ld,
                                             void** values, cudaDataType* t, cusparseOrder_t* order) {
    if (!m || !rows || !cols || !ld || !values || !t || !order) return CUSPARSE_STATUS_INVALID_VALUE;
    *rows = m->rows;
    *cols = m->cols;
    *ld = m->ld;
    *values = m->values;
    *t = m->type;
    *order = m->order;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnMatGetValues(cusparseDnMatDescr_t m, void** values) {
    if (!m || !values) return CUSPARSE_STATUS_INVALID_VALUE;
    *values = m->values;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnMatSetValues(cusparseDnMatDescr_t m, void* values) {
    if (!m) return CUSPARSE_STATUS_INVALID_VALUE;
    m->values = values;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnMatSetStridedBatch(cusparseDnMatDescr_t m, int batch, int64_t stride) {
    if (!m || batch <= 0 || stride < 0) return CUSPARSE_STATUS_INVALID_VALUE;
    m->batch = batch;
    m->stride = stride;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCreateSpVec(cusparseSpVecDescr_t* vec, int64_t size, int64_t nnz, void* idx,
                                                void* val, cusparseIndexType_t it, cusparseIndexBase_t base,
                                                cudaDataType t) {
    if (!vec || size < 0 || nnz < 0 || nnz > size) return CUSPARSE_STATUS_INVALID_VALUE;
    cpSpVec* v = new cpSpVec();
    v->size = size;
    v->nnz = nnz;
    v->indices = idx;
    v->values = val;
    v->index_type = it;
    v->base = base;
    v->type = t;
    *vec = v;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDestroySpVec(cusparseConstSpVecDescr_t vec) {
    delete vec;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseCreateDnVec(cusparseDnVecDescr_t* vec, int64_t size, void* values,
                                                cudaDataType t) {
    if (!vec || size < 0) return CUSPARSE_STATUS_INVALID_VALUE;
    cpDnVec* v = new cpDnVec();
    v->size = size;
    v->values = values;
    v->type = t;
    *vec = v;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDestroyDnVec(cusparseConstDnVecDescr_t vec) {
    delete vec;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnVecGetValues(cusparseDnVecDescr_t v, void** values) {
    if (!v || !values) return CUSPARSE_STATUS_INVALID_VALUE;
    *values = v->values;
    return CUSPARSE_STATUS_SUCCESS;
}

extern "C" cusparseStatus_t cusparseDnVecSetValues(cusparseDnVecDescr_t v, void* values) {
    if (!v) return CUSPARSE_STATUS_INVALID_VALUE;
    v->values = values;
    return CUSPARSE_STATUS_SUCCESS;
}
