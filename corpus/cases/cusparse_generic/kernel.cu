// cuSPARSE's generic API from host code around a kernel, on a user stream: a dense matrix is thinned by a kernel,
// converted to CSR (DenseToSparse), multiplied with a dense matrix (SpMM) and a vector (SpMV), used as the pattern
// of a sampled product (SDDMM with a column-major B), and converted back to dense matrices (SparseToDense,
// column-major and row-major).
#include <cstdio>
#include <cstdlib>

#include <cusparse.h>

__global__ void thin(float* v, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && fabsf(v[i]) < 0.5f) v[i] = 0.0f;
}

#define SPARSE_OK(call)                                                            \
    do {                                                                           \
        cusparseStatus_t s_ = (call);                                              \
        if (s_ != CUSPARSE_STATUS_SUCCESS) {                                       \
            printf("cuSPARSE error %s at line %d\n", cusparseGetErrorString(s_), __LINE__); \
            exit(1);                                                               \
        }                                                                          \
    } while (0)

// a: m x k, b: k x n, c: m x n, p: m x r (row-major); q: r x k (column-major); x: k, y: m;
// d: m x k column-major, e: m x k row-major; nnz: 1
void sparse_chain(int m, int n, int k, int r, float* a, const float* b, float* c, const float* x, float* y,
                  const float* p, const float* q, float* d, float* e, int* nnz_out) {
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    thin<<<(m * k + 127) / 128, 128, 0, stream>>>(a, m * k);
    cusparseHandle_t handle;
    SPARSE_OK(cusparseCreate(&handle));
    SPARSE_OK(cusparseSetStream(handle, stream));
    cusparseDnMatDescr_t denseA, matB, matC, matD, matE, matP, matQ;
    cusparseSpMatDescr_t sparseA;
    cusparseDnVecDescr_t vecX, vecY;
    int *offsets, *columns;
    float* values;
    cudaMalloc((void**)&offsets, (m + 1) * sizeof(int));
    SPARSE_OK(cusparseCreateDnMat(&denseA, m, k, k, a, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    SPARSE_OK(cusparseCreateCsr(&sparseA, m, k, 0, offsets, NULL, NULL, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
    size_t size = 0;
    void* buffer = NULL;
    SPARSE_OK(cusparseDenseToSparse_bufferSize(handle, denseA, sparseA, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, &size));
    cudaMalloc(&buffer, size);
    SPARSE_OK(cusparseDenseToSparse_analysis(handle, denseA, sparseA, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, buffer));
    int64_t rows, cols, nnz;
    SPARSE_OK(cusparseSpMatGetSize(sparseA, &rows, &cols, &nnz));
    cudaMalloc((void**)&columns, (nnz + 1) * sizeof(int));
    cudaMalloc((void**)&values, (nnz + 1) * sizeof(float));
    SPARSE_OK(cusparseCsrSetPointers(sparseA, offsets, columns, values));
    SPARSE_OK(cusparseDenseToSparse_convert(handle, denseA, sparseA, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, buffer));
    int nnz32 = (int)nnz;
    cudaMemcpy(nnz_out, &nnz32, sizeof(int), cudaMemcpyHostToDevice);

    const float alpha = 1.5f, beta = 0.5f, two = 2.0f, zero = 0.0f, s = 0.75f, minus_one = -1.0f;
    SPARSE_OK(cusparseCreateDnMat(&matB, k, n, n, (void*)b, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    SPARSE_OK(cusparseCreateDnMat(&matC, m, n, n, c, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    SPARSE_OK(cusparseSpMM_bufferSize(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                      &alpha, sparseA, matB, &beta, matC, CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT,
                                      &size));
    SPARSE_OK(cusparseSpMM(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &alpha,
                           sparseA, matB, &beta, matC, CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, buffer));

    SPARSE_OK(cusparseCreateDnVec(&vecX, k, (void*)x, CUDA_R_32F));
    SPARSE_OK(cusparseCreateDnVec(&vecY, m, y, CUDA_R_32F));
    SPARSE_OK(cusparseSpMV_bufferSize(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &two, sparseA, vecX, &zero, vecY,
                                      CUDA_R_32F, CUSPARSE_SPMV_ALG_DEFAULT, &size));
    SPARSE_OK(cusparseSpMV(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &two, sparseA, vecX, &zero, vecY, CUDA_R_32F,
                           CUSPARSE_SPMV_ALG_DEFAULT, buffer));

    SPARSE_OK(cusparseCreateDnMat(&matD, m, k, m, d, CUDA_R_32F, CUSPARSE_ORDER_COL));
    SPARSE_OK(cusparseSparseToDense_bufferSize(handle, sparseA, matD, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, &size));
    SPARSE_OK(cusparseSparseToDense(handle, sparseA, matD, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, buffer));

    // values of A become 0.75 (P Q) - A on A's pattern
    SPARSE_OK(cusparseCreateDnMat(&matP, m, r, r, (void*)p, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    SPARSE_OK(cusparseCreateDnMat(&matQ, r, k, r, (void*)q, CUDA_R_32F, CUSPARSE_ORDER_COL));
    SPARSE_OK(cusparseSDDMM_bufferSize(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                       &s, matP, matQ, &minus_one, sparseA, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT,
                                       &size));
    SPARSE_OK(cusparseSDDMM_preprocess(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                       &s, matP, matQ, &minus_one, sparseA, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT,
                                       buffer));
    SPARSE_OK(cusparseSDDMM(handle, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &s, matP,
                            matQ, &minus_one, sparseA, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, buffer));
    SPARSE_OK(cusparseCreateDnMat(&matE, m, k, k, e, CUDA_R_32F, CUSPARSE_ORDER_ROW));
    SPARSE_OK(cusparseSparseToDense(handle, sparseA, matE, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, buffer));
    cudaStreamSynchronize(stream);

    SPARSE_OK(cusparseDestroySpMat(sparseA));
    SPARSE_OK(cusparseDestroyDnMat(denseA));
    SPARSE_OK(cusparseDestroyDnMat(matB));
    SPARSE_OK(cusparseDestroyDnMat(matC));
    SPARSE_OK(cusparseDestroyDnMat(matD));
    SPARSE_OK(cusparseDestroyDnMat(matE));
    SPARSE_OK(cusparseDestroyDnMat(matP));
    SPARSE_OK(cusparseDestroyDnMat(matQ));
    SPARSE_OK(cusparseDestroyDnVec(vecX));
    SPARSE_OK(cusparseDestroyDnVec(vecY));
    SPARSE_OK(cusparseDestroy(handle));
    cudaFree(offsets);
    cudaFree(columns);
    cudaFree(values);
    cudaFree(buffer);
    cudaStreamDestroy(stream);
}
