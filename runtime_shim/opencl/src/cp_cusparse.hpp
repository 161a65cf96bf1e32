// Internal part of the cuSPARSE layer (cusparse.cpp: handle, descriptors, device kernels; cusparse_host.cpp: the
// parts computed on host copies). Only the shim's public API (cudaMemcpy, cpLaunchKernel) is used underneath, so
// both device-pointer paths work as they do for translated programs.
#pragma once

#include <cstdint>
#include <cstdio>
#include <vector>

#include "cudaport_cusparse.h"

struct cpSparseContext {
    cudaStream_t stream = nullptr;
    cusparsePointerMode_t mode = CUSPARSE_POINTER_MODE_HOST;
};

struct cpSpMat {
    cusparseFormat_t format = CUSPARSE_FORMAT_CSR;
    int64_t rows = 0, cols = 0, nnz = 0;
    void* offsets = nullptr;  // CSR row offsets (rows + 1), or COO row indices (nnz)
    void* columns = nullptr;
    void* values = nullptr;
    cusparseIndexType_t offsets_type = CUSPARSE_INDEX_32I, columns_type = CUSPARSE_INDEX_32I;
    cusparseIndexBase_t base = CUSPARSE_INDEX_BASE_ZERO;
    cudaDataType type = CUDA_R_32F;
    int batch = 1;
    int64_t offsets_stride = 0, columns_stride = 0;  // in elements
    cusparseFillMode_t fill = CUSPARSE_FILL_MODE_LOWER;
    cusparseDiagType_t diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
    mutable void* coo_offsets = nullptr;  // COO: row offsets built on the device for the CSR kernels
    mutable size_t coo_offsets_bytes = 0;
};

struct cpDnMat {
    int64_t rows = 0, cols = 0, ld = 0;
    void* values = nullptr;
    cudaDataType type = CUDA_R_32F;
    cusparseOrder_t order = CUSPARSE_ORDER_COL;
    int batch = 1;
    int64_t stride = 0;
};

struct cpSpVec {
    int64_t size = 0, nnz = 0;
    void* indices = nullptr;
    void* values = nullptr;
    cusparseIndexType_t index_type = CUSPARSE_INDEX_32I;
    cusparseIndexBase_t base = CUSPARSE_INDEX_BASE_ZERO;
    cudaDataType type = CUDA_R_32F;
};

struct cpDnVec {
    int64_t size = 0;
    void* values = nullptr;
    cudaDataType type = CUDA_R_32F;
};

struct cpSpGEMMDescr {
    bool computed = false;
    int64_t rows = 0, cols = 0;
    std::vector<int64_t> offsets, columns;  // the product, zero-based, columns sorted in each row
    std::vector<double> values;
};

struct cpSpSMDescr {
    bool analysed = false;
};

namespace cpsp {

// One line on stderr naming the call, and the status.
cusparseStatus_t unsupported(const char* call, const char* what);
size_t value_size(cudaDataType t);       // 0 for a type the layer does not compute in
size_t index_size(cusparseIndexType_t t);  // 0 for CUSPARSE_INDEX_16U
// The scalar behind alpha/beta in the handle's pointer mode, as double.
bool read_scalar(cusparseHandle_t h, const void* p, cudaDataType t, double* out);
// Device <-> host copies of index arrays (widened to int64_t) and value arrays (as double).
bool get_indices(const void* dev, cusparseIndexType_t t, size_t n, std::vector<int64_t>& out);
bool put_indices(void* dev, cusparseIndexType_t t, const std::vector<int64_t>& in);
bool get_values(const void* dev, cudaDataType t, size_t n, std::vector<double>& out);
bool put_values(void* dev, cudaDataType t, const std::vector<double>& in);
bool sync(cusparseHandle_t h);
// op(X) transposes for CUSPARSE_OPERATION_TRANSPOSE and (the values being real) CONJUGATE_TRANSPOSE.
inline bool is_trans(cusparseOperation_t op) { return op != CUSPARSE_OPERATION_NON_TRANSPOSE; }
inline bool valid_op(cusparseOperation_t op) {
    return op == CUSPARSE_OPERATION_NON_TRANSPOSE || op == CUSPARSE_OPERATION_TRANSPOSE ||
           op == CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE;
}
// A^T of a CSR/COO matrix as a zero-based CSR matrix in temporary device memory (built on a host copy; A's index
// type, one batch member), freed with the object.
struct TransposedCsr {
    cpSpMat m;
    TransposedCsr() = default;
    TransposedCsr(const TransposedCsr&) = delete;
    TransposedCsr& operator=(const TransposedCsr&) = delete;
    ~TransposedCsr();
};
cusparseStatus_t transpose(cusparseHandle_t h, const char* call, const cpSpMat* a, TransposedCsr& out);

}  // namespace cpsp
