// cuBLASLt on the shim refuses what it does not implement (CUBLAS_STATUS_NOT_SUPPORTED), and the heuristic then
// offers no algorithm; a bias epilogue without a bias pointer is CUBLAS_STATUS_INVALID_VALUE.
#include "cudaport_cublaslt.h"
#include "shim_check.h"

int main() {
    cublasLtHandle_t lt;
    CHECK(cublasLtCreate(&lt) == CUBLAS_STATUS_SUCCESS);
    float *a, *d;
    CHECK_CUDA(cudaMalloc(&a, 64 * sizeof(float)));
    CHECK_CUDA(cudaMalloc(&d, 64 * sizeof(float)));
    cublasLtMatmulDescOpaque_t op = {};
    cublasLtMatrixLayoutOpaque_t l = {};
    cublasLtMatmulPreferenceOpaque_t pref = {};
    CHECK(cublasLtMatmulDescInit(&op, CUBLAS_COMPUTE_32F, CUDA_R_32F) == CUBLAS_STATUS_SUCCESS);
    CHECK(cublasLtMatrixLayoutInit(&l, CUDA_R_32F, 8, 8, 8) == CUBLAS_STATUS_SUCCESS);
    CHECK(cublasLtMatmulPreferenceInit(&pref) == CUBLAS_STATUS_SUCCESS);
    float one = 1.0f, zero = 0.0f;
    cublasLtEpilogue_t bias = CUBLASLT_EPILOGUE_BIAS;
    CHECK(cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_EPILOGUE, &bias, sizeof(bias)) ==
          CUBLAS_STATUS_SUCCESS);
    CHECK(cublasLtMatmul(lt, &op, &one, a, &l, a, &l, &zero, d, &l, d, &l, nullptr, nullptr, 0, 0) ==
          CUBLAS_STATUS_INVALID_VALUE);
    cublasLtEpilogue_t gelu = CUBLASLT_EPILOGUE_GELU;
    CHECK(cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_EPILOGUE, &gelu, sizeof(gelu)) ==
          CUBLAS_STATUS_SUCCESS);
    cublasLtMatmulHeuristicResult_t r;
    int found = 5;
    CHECK(cublasLtMatmulAlgoGetHeuristic(lt, &op, &l, &l, &l, &l, &pref, 1, &r, &found) ==
          CUBLAS_STATUS_NOT_SUPPORTED);
    CHECK(found == 0);
    CHECK(cublasLtMatmul(lt, &op, &one, a, &l, a, &l, &zero, d, &l, d, &l, nullptr, nullptr, 0, 0) ==
          CUBLAS_STATUS_NOT_SUPPORTED);
    cublasLtMatrixLayoutOpaque_t rows = {};
    CHECK(cublasLtMatrixLayoutInit(&rows, CUDA_R_32F, 8, 8, 8) == CUBLAS_STATUS_SUCCESS);
    int order = CUBLASLT_ORDER_ROW;
    CHECK(cublasLtMatrixLayoutSetAttribute(&rows, CUBLASLT_MATRIX_LAYOUT_ORDER, &order, sizeof(order)) ==
          CUBLAS_STATUS_NOT_SUPPORTED);
    cublasLtMatmulDescOpaque_t plain = {};
    CHECK(cublasLtMatmulDescInit(&plain, CUBLAS_COMPUTE_32F, CUDA_R_32F) == CUBLAS_STATUS_SUCCESS);
    CHECK(cublasLtMatmul(lt, &plain, &one, a, &rows, a, &l, &zero, d, &l, d, &l, nullptr, nullptr, 0, 0) ==
          CUBLAS_STATUS_NOT_SUPPORTED);
    cublasLtMatrixLayoutOpaque_t dbl = {};
    CHECK(cublasLtMatrixLayoutInit(&dbl, CUDA_R_64F, 8, 8, 8) == CUBLAS_STATUS_SUCCESS);
    CHECK(cublasLtMatmul(lt, &plain, &one, a, &dbl, a, &l, &zero, d, &l, d, &l, nullptr, nullptr, 0, 0) ==
          CUBLAS_STATUS_NOT_SUPPORTED);
    CHECK(cublasLtDestroy(lt) == CUBLAS_STATUS_SUCCESS);
    printf("PASS\n");
    return 0;
}
