// cuSPARSE's handle and descriptor calls on the OpenCL shim (src/cusparse.cpp, src/cusparse_host.cpp): each create
// keeps what it was given and each getter returns it; each destroy accepts what its create made (and NULL, as
// cuSPARSE does, except the handle); the invalid arguments each call checks are refused with the status cuSPARSE
// gives. No kernel runs: the device pointers are only stored. Prints PASS.
#include <cstdint>
#include <cstring>

#include "cudaport_cusparse.h"
#include "shim_check.h"

#define CHECK_ST(call, want) CHECK((call) == (want))
#define CHECK_SP(call) CHECK_ST(call, CUSPARSE_STATUS_SUCCESS)

static void handle() {
    CHECK_ST(cusparseCreate(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseDestroy(nullptr), CUSPARSE_STATUS_NOT_INITIALIZED);
    cusparseHandle_t h = nullptr;
    CHECK_SP(cusparseCreate(&h));
    CHECK(h != nullptr);
    cudaStream_t s = nullptr, got = (cudaStream_t)1;
    CHECK_CUDA(cudaStreamCreate(&s));
    CHECK_SP(cusparseGetStream(h, &got));
    CHECK(got == nullptr);
    CHECK_SP(cusparseSetStream(h, s));
    CHECK_SP(cusparseGetStream(h, &got));
    CHECK(got == s);
    CHECK_ST(cusparseGetStream(h, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseSetStream(nullptr, s), CUSPARSE_STATUS_NOT_INITIALIZED);
    cusparsePointerMode_t mode = CUSPARSE_POINTER_MODE_DEVICE;
    CHECK_SP(cusparseGetPointerMode(h, &mode));
    CHECK(mode == CUSPARSE_POINTER_MODE_HOST);
    CHECK_SP(cusparseSetPointerMode(h, CUSPARSE_POINTER_MODE_DEVICE));
    CHECK_SP(cusparseGetPointerMode(h, &mode));
    CHECK(mode == CUSPARSE_POINTER_MODE_DEVICE);
    CHECK_ST(cusparseSetPointerMode(h, (cusparsePointerMode_t)7), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseGetPointerMode(h, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseGetPointerMode(nullptr, &mode), CUSPARSE_STATUS_NOT_INITIALIZED);
    CHECK(std::strcmp(cusparseGetErrorName(CUSPARSE_STATUS_ZERO_PIVOT), "CUSPARSE_STATUS_ZERO_PIVOT") == 0);
    CHECK(std::strcmp(cusparseGetErrorString(CUSPARSE_STATUS_ALLOC_FAILED), "out of memory") == 0);
    CHECK(std::strcmp(cusparseGetErrorName((cusparseStatus_t)999), "CUSPARSE_STATUS_UNKNOWN") == 0);
    CHECK_SP(cusparseDestroy(h));
    CHECK_CUDA(cudaStreamDestroy(s));
    printf("ok handle\n");
}

static void sparse_matrices(char* d) {
    void *off = d, *col = d + 64, *val = d + 128;
    CHECK_ST(cusparseCreateCsr(nullptr, 3, 4, 5, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_64I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    cusparseSpMatDescr_t a = nullptr;
    CHECK_ST(cusparseCreateCsr(&a, -1, 4, 5, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateCsr(&a, 3, 4, -5, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateCsr(&a, 3, 4, 5, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                               (cusparseIndexBase_t)2, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK(a == nullptr);

    CHECK_SP(cusparseCreateCsr(&a, 3, 4, 5, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_64I,
                               CUSPARSE_INDEX_BASE_ONE, CUDA_R_64F));
    int64_t rows = 0, cols = 0, nnz = 0;
    CHECK_SP(cusparseSpMatGetSize(a, &rows, &cols, &nnz));
    CHECK(rows == 3 && cols == 4 && nnz == 5);
    CHECK_ST(cusparseSpMatGetSize(a, &rows, nullptr, &nnz), CUSPARSE_STATUS_INVALID_VALUE);
    cusparseFormat_t fmt = CUSPARSE_FORMAT_COO;
    CHECK_SP(cusparseSpMatGetFormat(a, &fmt));
    CHECK(fmt == CUSPARSE_FORMAT_CSR);
    void *o = nullptr, *c = nullptr, *v = nullptr;
    cusparseIndexType_t ot = CUSPARSE_INDEX_16U, ct = CUSPARSE_INDEX_16U;
    cusparseIndexBase_t base = CUSPARSE_INDEX_BASE_ZERO;
    cudaDataType t = CUDA_R_32F;
    CHECK_SP(cusparseCsrGet(a, &rows, &cols, &nnz, &o, &c, &v, &ot, &ct, &base, &t));
    CHECK(o == off && c == col && v == val && ot == CUSPARSE_INDEX_32I && ct == CUSPARSE_INDEX_64I);
    CHECK(base == CUSPARSE_INDEX_BASE_ONE && t == CUDA_R_64F);
    CHECK_ST(cusparseCsrGet(a, &rows, &cols, &nnz, &o, &c, &v, &ot, &ct, &base, nullptr),
             CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseSpMatSetValues(a, d + 256));
    CHECK_SP(cusparseSpMatGetValues(a, &v));
    CHECK(v == d + 256);
    CHECK_ST(cusparseSpMatGetValues(a, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseCsrSetPointers(a, d + 8, d + 72, d + 136));
    CHECK_SP(cusparseCsrGet(a, &rows, &cols, &nnz, &o, &c, &v, &ot, &ct, &base, &t));
    CHECK(o == d + 8 && c == d + 72 && v == d + 136);

    cusparseFillMode_t fill = CUSPARSE_FILL_MODE_LOWER;
    cusparseDiagType_t diag = CUSPARSE_DIAG_TYPE_UNIT;
    CHECK_SP(cusparseSpMatGetAttribute(a, CUSPARSE_SPMAT_DIAG_TYPE, &diag, sizeof(diag)));
    CHECK(diag == CUSPARSE_DIAG_TYPE_NON_UNIT);
    fill = CUSPARSE_FILL_MODE_UPPER;
    diag = CUSPARSE_DIAG_TYPE_UNIT;
    CHECK_SP(cusparseSpMatSetAttribute(a, CUSPARSE_SPMAT_FILL_MODE, &fill, sizeof(fill)));
    CHECK_SP(cusparseSpMatSetAttribute(a, CUSPARSE_SPMAT_DIAG_TYPE, &diag, sizeof(diag)));
    fill = CUSPARSE_FILL_MODE_LOWER;
    diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
    CHECK_SP(cusparseSpMatGetAttribute(a, CUSPARSE_SPMAT_FILL_MODE, &fill, sizeof(fill)));
    CHECK_SP(cusparseSpMatGetAttribute(a, CUSPARSE_SPMAT_DIAG_TYPE, &diag, sizeof(diag)));
    CHECK(fill == CUSPARSE_FILL_MODE_UPPER && diag == CUSPARSE_DIAG_TYPE_UNIT);
    CHECK_ST(cusparseSpMatSetAttribute(a, CUSPARSE_SPMAT_FILL_MODE, &fill, 1), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseSpMatGetAttribute(a, CUSPARSE_SPMAT_DIAG_TYPE, nullptr, sizeof(diag)),
             CUSPARSE_STATUS_INVALID_VALUE);

    CHECK_SP(cusparseCsrSetStridedBatch(a, 2, 4, 5));
    CHECK_ST(cusparseCsrSetStridedBatch(a, 0, 4, 5), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCooSetStridedBatch(a, 2, 5), CUSPARSE_STATUS_INVALID_VALUE);  // a is CSR
    CHECK_SP(cusparseDestroySpMat(a));

    cusparseSpMatDescr_t b = nullptr;
    CHECK_SP(cusparseCreateCoo(&b, 6, 2, 3, off, col, val, CUSPARSE_INDEX_64I, CUSPARSE_INDEX_BASE_ZERO,
                               CUDA_R_32F));
    CHECK_SP(cusparseSpMatGetFormat(b, &fmt));
    CHECK(fmt == CUSPARSE_FORMAT_COO);
    CHECK_SP(cusparseSpMatGetSize(b, &rows, &cols, &nnz));
    CHECK(rows == 6 && cols == 2 && nnz == 3);
    CHECK_ST(cusparseCsrGet(b, &rows, &cols, &nnz, &o, &c, &v, &ot, &ct, &base, &t),
             CUSPARSE_STATUS_INVALID_VALUE);  // COO
    CHECK_ST(cusparseCsrSetPointers(b, off, col, val), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCsrSetStridedBatch(b, 2, 4, 5), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseCooSetStridedBatch(b, 3, 3));
    CHECK_ST(cusparseCooSetStridedBatch(b, 3, -1), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseDestroySpMat(b));
    CHECK_SP(cusparseDestroySpMat(nullptr));
    printf("ok sparse matrices\n");
}

static void dense_and_vectors(char* d) {
    cusparseDnMatDescr_t m = nullptr;
    CHECK_ST(cusparseCreateDnMat(nullptr, 3, 4, 3, d, CUDA_R_32F, CUSPARSE_ORDER_COL), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateDnMat(&m, 3, 4, 2, d, CUDA_R_32F, CUSPARSE_ORDER_COL), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateDnMat(&m, 3, 4, 3, d, CUDA_R_32F, CUSPARSE_ORDER_ROW), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateDnMat(&m, 3, -4, 3, d, CUDA_R_32F, CUSPARSE_ORDER_COL), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateDnMat(&m, 3, 4, 4, d, CUDA_R_32F, (cusparseOrder_t)9), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK(m == nullptr);
    CHECK_SP(cusparseCreateDnMat(&m, 3, 4, 5, d, CUDA_R_64F, CUSPARSE_ORDER_ROW));
    int64_t rows = 0, cols = 0, ld = 0;
    void* v = nullptr;
    cudaDataType t = CUDA_R_32F;
    cusparseOrder_t order = CUSPARSE_ORDER_COL;
    CHECK_SP(cusparseDnMatGet(m, &rows, &cols, &ld, &v, &t, &order));
    CHECK(rows == 3 && cols == 4 && ld == 5 && v == d && t == CUDA_R_64F && order == CUSPARSE_ORDER_ROW);
    CHECK_ST(cusparseDnMatGet(m, &rows, &cols, &ld, &v, &t, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseDnMatSetValues(m, d + 32));
    CHECK_SP(cusparseDnMatGetValues(m, &v));
    CHECK(v == d + 32);
    CHECK_ST(cusparseDnMatGetValues(m, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseDnMatSetStridedBatch(m, 2, 15));
    CHECK_ST(cusparseDnMatSetStridedBatch(m, 0, 15), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseDnMatSetStridedBatch(m, 2, -1), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseDestroyDnMat(m));
    CHECK_SP(cusparseDestroyDnMat(nullptr));

    cusparseSpVecDescr_t sv = nullptr;
    CHECK_ST(cusparseCreateSpVec(&sv, 4, 5, d, d + 64, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
             CUSPARSE_STATUS_INVALID_VALUE);  // nnz > size
    CHECK_ST(cusparseCreateSpVec(nullptr, 4, 2, d, d + 64, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F),
             CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseCreateSpVec(&sv, 4, 2, d, d + 64, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    CHECK(sv != nullptr);
    CHECK_SP(cusparseDestroySpVec(sv));
    CHECK_SP(cusparseDestroySpVec(nullptr));

    cusparseDnVecDescr_t dv = nullptr;
    CHECK_ST(cusparseCreateDnVec(&dv, -1, d, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseCreateDnVec(nullptr, 4, d, CUDA_R_32F), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseCreateDnVec(&dv, 4, d, CUDA_R_32F));
    CHECK_SP(cusparseDnVecGetValues(dv, &v));
    CHECK(v == d);
    CHECK_SP(cusparseDnVecSetValues(dv, d + 16));
    CHECK_SP(cusparseDnVecGetValues(dv, &v));
    CHECK(v == d + 16);
    CHECK_ST(cusparseDnVecGetValues(dv, nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_ST(cusparseDnVecSetValues(nullptr, d), CUSPARSE_STATUS_INVALID_VALUE);
    CHECK_SP(cusparseDestroyDnVec(dv));
    CHECK_SP(cusparseDestroyDnVec(nullptr));
    printf("ok dense and vectors\n");
}

static void algorithm_descriptors() {
    CHECK_ST(cusparseSpSM_createDescr(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    cusparseSpSMDescr_t sm = nullptr;
    CHECK_SP(cusparseSpSM_createDescr(&sm));
    CHECK(sm != nullptr);
    CHECK_SP(cusparseSpSM_destroyDescr(sm));
    CHECK_SP(cusparseSpSM_destroyDescr(nullptr));
    CHECK_ST(cusparseSpGEMM_createDescr(nullptr), CUSPARSE_STATUS_INVALID_VALUE);
    cusparseSpGEMMDescr_t gemm = nullptr;
    CHECK_SP(cusparseSpGEMM_createDescr(&gemm));
    CHECK(gemm != nullptr);
    CHECK_SP(cusparseSpGEMM_destroyDescr(gemm));
    CHECK_SP(cusparseSpGEMM_destroyDescr(nullptr));
    printf("ok algorithm descriptors\n");
}

int main() {
    char* d = nullptr;
    CHECK_CUDA(cudaMalloc((void**)&d, 512));
    handle();
    sparse_matrices(d);
    dense_and_vectors(d);
    algorithm_descriptors();
    CHECK_CUDA(cudaFree(d));
    printf("PASS\n");
    return 0;
}
