// cuBLASLt's plain matmul from host code: D = relu(alpha op(A) op(B) + bias) in float with heap descriptors
// (Create/Destroy, transposed A), then D = alpha A B + beta C + bias in double with stack descriptors
// (the Opaque types, Init), C and D distinct, on a user stream, operands at offsets inside their allocations.
#include <cstdio>
#include <cstdlib>

#include <cublasLt.h>

__global__ void shift(float* v, int n, float by) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) v[i] += by;
}

#define LT_OK(call)                                                              \
    do {                                                                         \
        cublasStatus_t s_ = (call);                                              \
        if (s_ != CUBLAS_STATUS_SUCCESS) {                                       \
            printf("cuBLASLt error %d at line %d\n", (int)s_, __LINE__);         \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

// at: k x m (A transposed, ld k), b: k x n (ld k), bias: m, d: m x n (ld m);
// a2: m x k (ld m), c2, d2: m x n (ld m), bias2: m (double)
void lt_steps(int m, int n, int k, const float* at, const float* b, const float* bias, float* d, const double* a2,
              const double* b2, const double* c2, const double* bias2, double* d2) {
    cudaStream_t stream;
    cudaStreamCreate(&stream);
    cublasLtHandle_t lt;
    LT_OK(cublasLtCreate(&lt));
    shift<<<(m + 63) / 64, 64, 0, stream>>>((float*)bias, m, 0.25f);

    cublasLtMatmulDesc_t op;
    LT_OK(cublasLtMatmulDescCreate(&op, CUBLAS_COMPUTE_32F, CUDA_R_32F));
    cublasOperation_t t = CUBLAS_OP_T, nt = CUBLAS_OP_N;
    LT_OK(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSA, &t, sizeof(t)));
    LT_OK(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSB, &nt, sizeof(nt)));
    cublasLtEpilogue_t epi = CUBLASLT_EPILOGUE_RELU_BIAS;
    LT_OK(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_EPILOGUE, &epi, sizeof(epi)));
    LT_OK(cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &bias, sizeof(bias)));
    cublasLtMatrixLayout_t la, lb, ld;
    LT_OK(cublasLtMatrixLayoutCreate(&la, CUDA_R_32F, k, m, k));
    LT_OK(cublasLtMatrixLayoutCreate(&lb, CUDA_R_32F, k, n, k));
    LT_OK(cublasLtMatrixLayoutCreate(&ld, CUDA_R_32F, m, n, m));
    cublasLtMatmulPreference_t pref;
    LT_OK(cublasLtMatmulPreferenceCreate(&pref));
    size_t ws = 1 << 20;
    LT_OK(cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof(ws)));
    cublasLtMatmulHeuristicResult_t heur = {};
    int found = 0;
    LT_OK(cublasLtMatmulAlgoGetHeuristic(lt, op, la, lb, ld, ld, pref, 1, &heur, &found));
    if (found != 1) exit(1);
    float alpha = 0.75f, beta = 0.0f;
    LT_OK(cublasLtMatmul(lt, op, &alpha, at, la, b, lb, &beta, d, ld, d, ld, &heur.algo, NULL, 0, stream));
    LT_OK(cublasLtMatmulPreferenceDestroy(pref));
    LT_OK(cublasLtMatrixLayoutDestroy(la));
    LT_OK(cublasLtMatrixLayoutDestroy(lb));
    LT_OK(cublasLtMatrixLayoutDestroy(ld));
    LT_OK(cublasLtMatmulDescDestroy(op));

    cublasLtMatmulDescOpaque_t op2 = {};
    cublasLtMatrixLayoutOpaque_t a2d = {}, b2d = {}, cd = {};
    LT_OK(cublasLtMatmulDescInit(&op2, CUBLAS_COMPUTE_64F, CUDA_R_64F));
    cublasLtEpilogue_t bias_only = CUBLASLT_EPILOGUE_BIAS;
    LT_OK(cublasLtMatmulDescSetAttribute(&op2, CUBLASLT_MATMUL_DESC_EPILOGUE, &bias_only, sizeof(bias_only)));
    LT_OK(cublasLtMatmulDescSetAttribute(&op2, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &bias2, sizeof(bias2)));
    LT_OK(cublasLtMatrixLayoutInit(&a2d, CUDA_R_64F, m, k, m));
    LT_OK(cublasLtMatrixLayoutInit(&b2d, CUDA_R_64F, k, n, k));
    LT_OK(cublasLtMatrixLayoutInit(&cd, CUDA_R_64F, m, n, m));
    double alpha2 = -1.5, beta2 = 0.5;
    LT_OK(cublasLtMatmul(lt, &op2, &alpha2, a2, &a2d, b2, &b2d, &beta2, c2, &cd, d2, &cd, NULL, NULL, 0, stream));
    cudaStreamSynchronize(stream);
    LT_OK(cublasLtDestroy(lt));
    cudaStreamDestroy(stream);
}
