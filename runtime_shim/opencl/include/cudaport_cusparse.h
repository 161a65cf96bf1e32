/* cudaport OpenCL runtime shim: cuSPARSE's generic API (cuSPARSE's own names, values and signatures).
 *
 * `#include <cusparse.h>` becomes this header. No OpenCL sparse library is packaged in Debian, so the shim
 * implements the calls itself (src/cusparse.cpp, src/cusparse_host.cpp):
 *  - on the device, as OpenCL kernels the shim builds and launches on the handle's stream (both device-pointer
 *    paths): CSR/COO SpMV and SpMM, SDDMM (strided batches), Axpby, SparseToDense, DenseToSparse's counting
 *    and filling passes;
 *  - on host copies of the device data (after the handle's stream is synchronised): the inherently sequential
 *    parts: the SpSM triangular solve, SpGEMM (symbolic and numeric phase), DenseToSparse's row-offset scan.
 * Value types float and double (CUDA_R_32F/CUDA_R_64F, the compute type equal to the value type); 32- or 64-bit
 * indices (a CSR matrix's offsets and columns of one type); index base zero or one; dense matrices in row- or
 * column-major order. Every op(X) may be non-transposed, transposed or conjugate-transposed (the same for real
 * values), except SpGEMM's (non-transposed, as cuSPARSE's); a transposed sparse A of SpMV/SpMM is transposed on
 * a host copy into temporary device memory, then the same kernel runs. Anything else (CSC, 16-bit indices, mixed
 * value types) returns CUSPARSE_STATUS_NOT_SUPPORTED with one line on stderr. Buffers asked for by *_bufferSize
 * are not used. */
#ifndef CUDAPORT_CUSPARSE_H
#define CUDAPORT_CUSPARSE_H

#include <stdint.h>

#include "cudaport_library_types.h"
#include "cudaport_opencl.h"

typedef enum {
    CUSPARSE_STATUS_SUCCESS = 0,
    CUSPARSE_STATUS_NOT_INITIALIZED = 1,
    CUSPARSE_STATUS_ALLOC_FAILED = 2,
    CUSPARSE_STATUS_INVALID_VALUE = 3,
    CUSPARSE_STATUS_ARCH_MISMATCH = 4,
    CUSPARSE_STATUS_MAPPING_ERROR = 5,
    CUSPARSE_STATUS_EXECUTION_FAILED = 6,
    CUSPARSE_STATUS_INTERNAL_ERROR = 7,
    CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED = 8,
    CUSPARSE_STATUS_ZERO_PIVOT = 9,
    CUSPARSE_STATUS_NOT_SUPPORTED = 10,
    CUSPARSE_STATUS_INSUFFICIENT_RESOURCES = 11
} cusparseStatus_t;

typedef enum { CUSPARSE_POINTER_MODE_HOST = 0, CUSPARSE_POINTER_MODE_DEVICE = 1 } cusparsePointerMode_t;
typedef enum {
    CUSPARSE_OPERATION_NON_TRANSPOSE = 0,
    CUSPARSE_OPERATION_TRANSPOSE = 1,
    CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE = 2
} cusparseOperation_t;
typedef enum { CUSPARSE_INDEX_BASE_ZERO = 0, CUSPARSE_INDEX_BASE_ONE = 1 } cusparseIndexBase_t;
typedef enum { CUSPARSE_INDEX_16U = 1, CUSPARSE_INDEX_32I = 2, CUSPARSE_INDEX_64I = 3 } cusparseIndexType_t;
typedef enum { CUSPARSE_ORDER_COL = 1, CUSPARSE_ORDER_ROW = 2 } cusparseOrder_t;
typedef enum { CUSPARSE_FORMAT_CSR = 1, CUSPARSE_FORMAT_CSC = 2, CUSPARSE_FORMAT_COO = 3 } cusparseFormat_t;
typedef enum { CUSPARSE_FILL_MODE_LOWER = 0, CUSPARSE_FILL_MODE_UPPER = 1 } cusparseFillMode_t;
typedef enum { CUSPARSE_DIAG_TYPE_NON_UNIT = 0, CUSPARSE_DIAG_TYPE_UNIT = 1 } cusparseDiagType_t;
typedef enum { CUSPARSE_SPMAT_FILL_MODE = 0, CUSPARSE_SPMAT_DIAG_TYPE = 1 } cusparseSpMatAttribute_t;
typedef enum { CUSPARSE_SPMV_ALG_DEFAULT = 0 } cusparseSpMVAlg_t;
typedef enum { CUSPARSE_SPMM_ALG_DEFAULT = 0 } cusparseSpMMAlg_t;
typedef enum { CUSPARSE_SPGEMM_DEFAULT = 0 } cusparseSpGEMMAlg_t;
typedef enum { CUSPARSE_SDDMM_ALG_DEFAULT = 0 } cusparseSDDMMAlg_t;
typedef enum { CUSPARSE_SPSM_ALG_DEFAULT = 0 } cusparseSpSMAlg_t;
typedef enum { CUSPARSE_SPARSETODENSE_ALG_DEFAULT = 0 } cusparseSparseToDenseAlg_t;
typedef enum { CUSPARSE_DENSETOSPARSE_ALG_DEFAULT = 0 } cusparseDenseToSparseAlg_t;

typedef struct cpSparseContext* cusparseHandle_t;
typedef struct cpSpMat* cusparseSpMatDescr_t;
typedef struct cpDnMat* cusparseDnMatDescr_t;
typedef struct cpSpVec* cusparseSpVecDescr_t;
typedef struct cpDnVec* cusparseDnVecDescr_t;
typedef const struct cpSpMat* cusparseConstSpMatDescr_t;
typedef const struct cpDnMat* cusparseConstDnMatDescr_t;
typedef const struct cpSpVec* cusparseConstSpVecDescr_t;
typedef const struct cpDnVec* cusparseConstDnVecDescr_t;
typedef struct cpSpGEMMDescr* cusparseSpGEMMDescr_t;
typedef struct cpSpSMDescr* cusparseSpSMDescr_t;

/* ---- handle and status ------------------------------------------------------------------------------ */
CP_API cusparseStatus_t cusparseCreate(cusparseHandle_t* handle);
CP_API cusparseStatus_t cusparseDestroy(cusparseHandle_t handle);
CP_API cusparseStatus_t cusparseSetStream(cusparseHandle_t handle, cudaStream_t stream);
CP_API cusparseStatus_t cusparseGetStream(cusparseHandle_t handle, cudaStream_t* stream);
CP_API cusparseStatus_t cusparseSetPointerMode(cusparseHandle_t handle, cusparsePointerMode_t mode);
CP_API cusparseStatus_t cusparseGetPointerMode(cusparseHandle_t handle, cusparsePointerMode_t* mode);
CP_API const char* cusparseGetErrorString(cusparseStatus_t status);
CP_API const char* cusparseGetErrorName(cusparseStatus_t status);

/* ---- descriptors ------------------------------------------------------------------------------------ */
CP_API cusparseStatus_t cusparseCreateCsr(cusparseSpMatDescr_t* mat, int64_t rows, int64_t cols, int64_t nnz,
                                          void* csrRowOffsets, void* csrColInd, void* csrValues,
                                          cusparseIndexType_t csrRowOffsetsType, cusparseIndexType_t csrColIndType,
                                          cusparseIndexBase_t idxBase, cudaDataType valueType);
CP_API cusparseStatus_t cusparseCreateCoo(cusparseSpMatDescr_t* mat, int64_t rows, int64_t cols, int64_t nnz,
                                          void* cooRowInd, void* cooColInd, void* cooValues,
                                          cusparseIndexType_t cooIdxType, cusparseIndexBase_t idxBase,
                                          cudaDataType valueType);
CP_API cusparseStatus_t cusparseDestroySpMat(cusparseConstSpMatDescr_t mat);
CP_API cusparseStatus_t cusparseSpMatGetSize(cusparseConstSpMatDescr_t mat, int64_t* rows, int64_t* cols,
                                             int64_t* nnz);
CP_API cusparseStatus_t cusparseSpMatGetFormat(cusparseConstSpMatDescr_t mat, cusparseFormat_t* format);
CP_API cusparseStatus_t cusparseSpMatGetValues(cusparseSpMatDescr_t mat, void** values);
CP_API cusparseStatus_t cusparseSpMatSetValues(cusparseSpMatDescr_t mat, void* values);
CP_API cusparseStatus_t cusparseSpMatSetAttribute(cusparseSpMatDescr_t mat, cusparseSpMatAttribute_t attribute,
                                                  void* data, size_t dataSize);
CP_API cusparseStatus_t cusparseSpMatGetAttribute(cusparseConstSpMatDescr_t mat,
                                                  cusparseSpMatAttribute_t attribute, void* data, size_t dataSize);
CP_API cusparseStatus_t cusparseCsrSetPointers(cusparseSpMatDescr_t mat, void* csrRowOffsets, void* csrColInd,
                                               void* csrValues);
CP_API cusparseStatus_t cusparseCsrGet(cusparseSpMatDescr_t mat, int64_t* rows, int64_t* cols, int64_t* nnz,
                                       void** csrRowOffsets, void** csrColInd, void** csrValues,
                                       cusparseIndexType_t* csrRowOffsetsType, cusparseIndexType_t* csrColIndType,
                                       cusparseIndexBase_t* idxBase, cudaDataType* valueType);
CP_API cusparseStatus_t cusparseCsrSetStridedBatch(cusparseSpMatDescr_t mat, int batchCount,
                                                   int64_t offsetsBatchStride, int64_t columnsValuesBatchStride);
CP_API cusparseStatus_t cusparseCooSetStridedBatch(cusparseSpMatDescr_t mat, int batchCount, int64_t batchStride);

CP_API cusparseStatus_t cusparseCreateDnMat(cusparseDnMatDescr_t* mat, int64_t rows, int64_t cols, int64_t ld,
                                            void* values, cudaDataType valueType, cusparseOrder_t order);
CP_API cusparseStatus_t cusparseDestroyDnMat(cusparseConstDnMatDescr_t mat);
CP_API cusparseStatus_t cusparseDnMatGet(cusparseDnMatDescr_t mat, int64_t* rows, int64_t* cols, int64_t* ld,
                                         void** values, cudaDataType* type, cusparseOrder_t* order);
CP_API cusparseStatus_t cusparseDnMatGetValues(cusparseDnMatDescr_t mat, void** values);
CP_API cusparseStatus_t cusparseDnMatSetValues(cusparseDnMatDescr_t mat, void* values);
CP_API cusparseStatus_t cusparseDnMatSetStridedBatch(cusparseDnMatDescr_t mat, int batchCount, int64_t batchStride);

CP_API cusparseStatus_t cusparseCreateSpVec(cusparseSpVecDescr_t* vec, int64_t size, int64_t nnz, void* indices,
                                            void* values, cusparseIndexType_t idxType, cusparseIndexBase_t idxBase,
                                            cudaDataType valueType);
CP_API cusparseStatus_t cusparseDestroySpVec(cusparseConstSpVecDescr_t vec);
CP_API cusparseStatus_t cusparseCreateDnVec(cusparseDnVecDescr_t* vec, int64_t size, void* values,
                                            cudaDataType valueType);
CP_API cusparseStatus_t cusparseDestroyDnVec(cusparseConstDnVecDescr_t vec);
CP_API cusparseStatus_t cusparseDnVecGetValues(cusparseDnVecDescr_t vec, void** values);
CP_API cusparseStatus_t cusparseDnVecSetValues(cusparseDnVecDescr_t vec, void* values);

/* ---- level 1, conversions ----------------------------------------------------------------------------- */
CP_API cusparseStatus_t cusparseAxpby(cusparseHandle_t handle, const void* alpha, cusparseConstSpVecDescr_t vecX,
                                      const void* beta, cusparseDnVecDescr_t vecY);
CP_API cusparseStatus_t cusparseSparseToDense_bufferSize(cusparseHandle_t handle, cusparseConstSpMatDescr_t matA,
                                                         cusparseDnMatDescr_t matB, cusparseSparseToDenseAlg_t alg,
                                                         size_t* bufferSize);
CP_API cusparseStatus_t cusparseSparseToDense(cusparseHandle_t handle, cusparseConstSpMatDescr_t matA,
                                              cusparseDnMatDescr_t matB, cusparseSparseToDenseAlg_t alg,
                                              void* externalBuffer);
CP_API cusparseStatus_t cusparseDenseToSparse_bufferSize(cusparseHandle_t handle, cusparseConstDnMatDescr_t matA,
                                                         cusparseSpMatDescr_t matB, cusparseDenseToSparseAlg_t alg,
                                                         size_t* bufferSize);
CP_API cusparseStatus_t cusparseDenseToSparse_analysis(cusparseHandle_t handle, cusparseConstDnMatDescr_t matA,
                                                       cusparseSpMatDescr_t matB, cusparseDenseToSparseAlg_t alg,
                                                       void* externalBuffer);
CP_API cusparseStatus_t cusparseDenseToSparse_convert(cusparseHandle_t handle, cusparseConstDnMatDescr_t matA,
                                                      cusparseSpMatDescr_t matB, cusparseDenseToSparseAlg_t alg,
                                                      void* externalBuffer);

/* ---- SpMV, SpMM, SDDMM -------------------------------------------------------------------------------- */
CP_API cusparseStatus_t cusparseSpMV_bufferSize(cusparseHandle_t handle, cusparseOperation_t opA, const void* alpha,
                                                cusparseConstSpMatDescr_t matA, cusparseConstDnVecDescr_t vecX,
                                                const void* beta, cusparseDnVecDescr_t vecY, cudaDataType computeType,
                                                cusparseSpMVAlg_t alg, size_t* bufferSize);
CP_API cusparseStatus_t cusparseSpMV(cusparseHandle_t handle, cusparseOperation_t opA, const void* alpha,
                                     cusparseConstSpMatDescr_t matA, cusparseConstDnVecDescr_t vecX, const void* beta,
                                     cusparseDnVecDescr_t vecY, cudaDataType computeType, cusparseSpMVAlg_t alg,
                                     void* externalBuffer);
CP_API cusparseStatus_t cusparseSpMM_bufferSize(cusparseHandle_t handle, cusparseOperation_t opA,
                                                cusparseOperation_t opB, const void* alpha,
                                                cusparseConstSpMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                                const void* beta, cusparseDnMatDescr_t matC, cudaDataType computeType,
                                                cusparseSpMMAlg_t alg, size_t* bufferSize);
CP_API cusparseStatus_t cusparseSpMM(cusparseHandle_t handle, cusparseOperation_t opA, cusparseOperation_t opB,
                                     const void* alpha, cusparseConstSpMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                     const void* beta, cusparseDnMatDescr_t matC, cudaDataType computeType,
                                     cusparseSpMMAlg_t alg, void* externalBuffer);
CP_API cusparseStatus_t cusparseSDDMM_bufferSize(cusparseHandle_t handle, cusparseOperation_t opA,
                                                 cusparseOperation_t opB, const void* alpha,
                                                 cusparseConstDnMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                                 const void* beta, cusparseSpMatDescr_t matC, cudaDataType computeType,
                                                 cusparseSDDMMAlg_t alg, size_t* bufferSize);
CP_API cusparseStatus_t cusparseSDDMM_preprocess(cusparseHandle_t handle, cusparseOperation_t opA,
                                                 cusparseOperation_t opB, const void* alpha,
                                                 cusparseConstDnMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                                 const void* beta, cusparseSpMatDescr_t matC, cudaDataType computeType,
                                                 cusparseSDDMMAlg_t alg, void* externalBuffer);
CP_API cusparseStatus_t cusparseSDDMM(cusparseHandle_t handle, cusparseOperation_t opA, cusparseOperation_t opB,
                                      const void* alpha, cusparseConstDnMatDescr_t matA,
                                      cusparseConstDnMatDescr_t matB, const void* beta, cusparseSpMatDescr_t matC,
                                      cudaDataType computeType, cusparseSDDMMAlg_t alg, void* externalBuffer);

/* ---- SpSM (host) -------------------------------------------------------------------------------- */
CP_API cusparseStatus_t cusparseSpSM_createDescr(cusparseSpSMDescr_t* descr);
CP_API cusparseStatus_t cusparseSpSM_destroyDescr(cusparseSpSMDescr_t descr);
CP_API cusparseStatus_t cusparseSpSM_bufferSize(cusparseHandle_t handle, cusparseOperation_t opA,
                                                cusparseOperation_t opB, const void* alpha,
                                                cusparseConstSpMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                                cusparseDnMatDescr_t matC, cudaDataType computeType,
                                                cusparseSpSMAlg_t alg, cusparseSpSMDescr_t descr, size_t* bufferSize);
CP_API cusparseStatus_t cusparseSpSM_analysis(cusparseHandle_t handle, cusparseOperation_t opA,
                                              cusparseOperation_t opB, const void* alpha,
                                              cusparseConstSpMatDescr_t matA, cusparseConstDnMatDescr_t matB,
                                              cusparseDnMatDescr_t matC, cudaDataType computeType,
                                              cusparseSpSMAlg_t alg, cusparseSpSMDescr_t descr, void* externalBuffer);
CP_API cusparseStatus_t cusparseSpSM_solve(cusparseHandle_t handle, cusparseOperation_t opA, cusparseOperation_t opB,
                                           const void* alpha, cusparseConstSpMatDescr_t matA,
                                           cusparseConstDnMatDescr_t matB, cusparseDnMatDescr_t matC,
                                           cudaDataType computeType, cusparseSpSMAlg_t alg, cusparseSpSMDescr_t descr);

/* ---- SpGEMM (host) ------------------------------------------------------------------------------------ */
CP_API cusparseStatus_t cusparseSpGEMM_createDescr(cusparseSpGEMMDescr_t* descr);
CP_API cusparseStatus_t cusparseSpGEMM_destroyDescr(cusparseSpGEMMDescr_t descr);
CP_API cusparseStatus_t cusparseSpGEMM_workEstimation(cusparseHandle_t handle, cusparseOperation_t opA,
                                                      cusparseOperation_t opB, const void* alpha,
                                                      cusparseConstSpMatDescr_t matA, cusparseConstSpMatDescr_t matB,
                                                      const void* beta, cusparseSpMatDescr_t matC,
                                                      cudaDataType computeType, cusparseSpGEMMAlg_t alg,
                                                      cusparseSpGEMMDescr_t spgemmDescr, size_t* bufferSize1,
                                                      void* externalBuffer1);
CP_API cusparseStatus_t cusparseSpGEMM_compute(cusparseHandle_t handle, cusparseOperation_t opA,
                                               cusparseOperation_t opB, const void* alpha,
                                               cusparseConstSpMatDescr_t matA, cusparseConstSpMatDescr_t matB,
                                               const void* beta, cusparseSpMatDescr_t matC, cudaDataType computeType,
                                               cusparseSpGEMMAlg_t alg, cusparseSpGEMMDescr_t spgemmDescr,
                                               size_t* bufferSize2, void* externalBuffer2);
CP_API cusparseStatus_t cusparseSpGEMM_copy(cusparseHandle_t handle, cusparseOperation_t opA, cusparseOperation_t opB,
                                            const void* alpha, cusparseConstSpMatDescr_t matA,
                                            cusparseConstSpMatDescr_t matB, const void* beta,
                                            cusparseSpMatDescr_t matC, cudaDataType computeType,
                                            cusparseSpGEMMAlg_t alg, cusparseSpGEMMDescr_t spgemmDescr);

#endif
