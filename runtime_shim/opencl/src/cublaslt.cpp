// cuBLASLt's plain matmul (include/cudaport_cublaslt.h) on the shim's cuBLAS layer: C copied to D when they differ
// and beta is not zero, then cublas?gemm on D (CLBlast) and the bias/ReLU epilogue as one kernel of the shim, all on
// the call's stream. Only the public shim API is used (each call takes the shim lock itself).
#include <cstring>

#include "cp_cublas.hpp"
#include "cudaport_cublaslt.h"

struct cpBlasLtContext {
    cublasHandle_t blas = nullptr;
};

namespace {

const char* kEpilogue =
    "#ifdef CUDAPORT_NO_SVM\n"
    "#define CP_OFF(name) , ulong name##_cpoff\n"
    "#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);\n"
    "#else\n"
    "#define CP_OFF(name)\n"
    "#define CP_ADJ(T, name)\n"
    "#endif\n"
    "#define CP_LT_EPILOGUE(T, NAME) \\\n"
    "__kernel void NAME(__global T* d CP_OFF(d), __global const T* bias CP_OFF(bias), long ldd, long m, long n, \\\n"
    "                   int flags) { \\\n"
    "    CP_ADJ(__global T*, d) CP_ADJ(__global const T*, bias) \\\n"
    "    long i = (long)get_global_id(0); \\\n"
    "    if (i >= m * n) return; \\\n"
    "    long r = i % m, c = i / m; \\\n"
    "    T v = d[r + c * ldd]; \\\n"
    "    if (flags & 1) v += bias[r]; \\\n"
    "    if (flags & 2) v = v > (T)0 ? v : (T)0; \\\n"
    "    d[r + c * ldd] = v; }\n"
    "CP_LT_EPILOGUE(float, cp_lt_epilogue_float)\n"
    "#ifdef cl_khr_fp64\n"
    "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n"
    "CP_LT_EPILOGUE(double, cp_lt_epilogue_double)\n"
    "#endif\n";

cpProgram* epilogue_program() {
    static cpProgram* p = cpRegisterProgram("cudaport_cublaslt_epilogue.cl", kEpilogue, "");
    return p;
}

bool known_epilogue(int e) {
    return e == CUBLASLT_EPILOGUE_DEFAULT || e == CUBLASLT_EPILOGUE_RELU || e == CUBLASLT_EPILOGUE_BIAS ||
           e == CUBLASLT_EPILOGUE_RELU_BIAS;
}

template <class F> cublasStatus_t take(F& field, const void* buf, size_t size) {
    if (size != sizeof(field)) return CUBLAS_STATUS_INVALID_VALUE;
    std::memcpy(&field, buf, sizeof(field));
    return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t gemm(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, const float* al,
                    const float* a, int lda, const float* b, int ldb, const float* be, float* d, int ldd) {
    return cublasSgemm(h, ta, tb, m, n, k, al, a, lda, b, ldb, be, d, ldd);
}
cublasStatus_t gemm(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                    const double* al, const double* a, int lda, const double* b, int ldb, const double* be, double* d,
                    int ldd) {
    return cublasDgemm(h, ta, tb, m, n, k, al, a, lda, b, ldb, be, d, ldd);
}

template <class T>
cublasStatus_t run(cublasLtHandle_t h, const cublasLtMatmulDescOpaque_t& desc, const T* alpha, const T* a,
                   const cublasLtMatrixLayoutOpaque_t& la, const T* b, const cublasLtMatrixLayoutOpaque_t& lb,
                   const T* beta, const T* c, const cublasLtMatrixLayoutOpaque_t& lc, T* d,
                   const cublasLtMatrixLayoutOpaque_t& ld, cudaStream_t stream) {
    const long m = (long)ld.rows, n = (long)ld.cols;
    const long k = desc.transa == CUBLAS_OP_N ? (long)la.cols : (long)la.rows;
    if (lc.rows != ld.rows || lc.cols != ld.cols) return CUBLAS_STATUS_INVALID_VALUE;
    cublasStatus_t st = cublasSetStream(h->blas, stream);
    if (st != CUBLAS_STATUS_SUCCESS) return st;
    if (*beta != T(0) && (const void*)c != (const void*)d && m * n > 0 &&
        cudaMemcpy2DAsync(d, (size_t)ld.ld * sizeof(T), c, (size_t)lc.ld * sizeof(T), (size_t)m * sizeof(T), (size_t)n,
                          cudaMemcpyDeviceToDevice, stream) != cudaSuccess)
        return CUBLAS_STATUS_EXECUTION_FAILED;
    st = gemm(h->blas, (cublasOperation_t)desc.transa, (cublasOperation_t)desc.transb, (int)m, (int)n, (int)k, alpha,
              a, (int)la.ld, b, (int)lb.ld, beta, d, (int)ld.ld);
    if (st != CUBLAS_STATUS_SUCCESS) return st;
    int bias = desc.epilogue == CUBLASLT_EPILOGUE_BIAS || desc.epilogue == CUBLASLT_EPILOGUE_RELU_BIAS;
    int relu = desc.epilogue == CUBLASLT_EPILOGUE_RELU || desc.epilogue == CUBLASLT_EPILOGUE_RELU_BIAS;
    if (!(bias || relu) || m * n == 0) return CUBLAS_STATUS_SUCCESS;
    int flags = bias | (relu << 1);
    long ldd = (long)ld.ld;
    const void* bv = bias ? desc.bias : (const void*)d;  // unread without the bias flag
    cpKernelArg args[] = {{CP_ARG_DEVPTR, &d, sizeof(void*)},   {CP_ARG_DEVPTR, &bv, sizeof(void*)},
                          {CP_ARG_VALUE, &ldd, sizeof(long)},   {CP_ARG_VALUE, &m, sizeof(long)},
                          {CP_ARG_VALUE, &n, sizeof(long)},     {CP_ARG_VALUE, &flags, sizeof(int)}};
    const long block = 128, blocks = (m * n + block - 1) / block;
    if (blocks > 0x7fffffffL) return CUBLAS_STATUS_NOT_SUPPORTED;
    cudaError_t e = cpLaunchKernel(epilogue_program(), sizeof(T) == 4 ? "cp_lt_epilogue_float" : "cp_lt_epilogue_double",
                                   dim3((unsigned)blocks), dim3((unsigned)block), 0, stream, args, 6);
    return e == cudaSuccess ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_EXECUTION_FAILED;
}

}  // namespace

extern "C" cublasStatus_t cublasLtCreate(cublasLtHandle_t* handle) {
    if (!handle) return CUBLAS_STATUS_INVALID_VALUE;
    cublasHandle_t b = nullptr;
    cublasStatus_t st = cublasCreate(&b);
    if (st != CUBLAS_STATUS_SUCCESS) return st;
    *handle = new cpBlasLtContext();
    (*handle)->blas = b;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtDestroy(cublasLtHandle_t handle) {
    if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
    cublasDestroy(handle->blas);
    delete handle;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmulDescInit(cublasLtMatmulDesc_t desc, cublasComputeType_t compute,
                                                 cudaDataType_t scale) {
    if (!desc) return CUBLAS_STATUS_INVALID_VALUE;
    *desc = cublasLtMatmulDescOpaque_t{(int)compute, (int)scale, CUBLAS_OP_N, CUBLAS_OP_N, CUBLASLT_EPILOGUE_DEFAULT,
                                       nullptr, 0};
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmulDescCreate(cublasLtMatmulDesc_t* desc, cublasComputeType_t compute,
                                                   cudaDataType_t scale) {
    if (!desc) return CUBLAS_STATUS_INVALID_VALUE;
    *desc = new cublasLtMatmulDescOpaque_t();
    return cublasLtMatmulDescInit(*desc, compute, scale);
}

extern "C" cublasStatus_t cublasLtMatmulDescDestroy(cublasLtMatmulDesc_t desc) {
    delete desc;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmulDescSetAttribute(cublasLtMatmulDesc_t desc,
                                                         cublasLtMatmulDescAttributes_t attr, const void* buf,
                                                         size_t size) {
    if (!desc || !buf) return CUBLAS_STATUS_INVALID_VALUE;
    switch (attr) {
    case CUBLASLT_MATMUL_DESC_COMPUTE_TYPE: return take(desc->compute, buf, size);
    case CUBLASLT_MATMUL_DESC_SCALE_TYPE: return take(desc->scale, buf, size);
    case CUBLASLT_MATMUL_DESC_TRANSA: return take(desc->transa, buf, size);
    case CUBLASLT_MATMUL_DESC_TRANSB: return take(desc->transb, buf, size);
    case CUBLASLT_MATMUL_DESC_EPILOGUE: return take(desc->epilogue, buf, size);
    case CUBLASLT_MATMUL_DESC_BIAS_POINTER: return take(desc->bias, buf, size);
    case CUBLASLT_MATMUL_DESC_POINTER_MODE: {
        int mode = 0;
        cublasStatus_t st = take(mode, buf, size);
        if (st == CUBLAS_STATUS_SUCCESS && mode != 0) desc->unsupported = 1;  // only host scalars
        return st == CUBLAS_STATUS_SUCCESS && mode != 0 ? CUBLAS_STATUS_NOT_SUPPORTED : st;
    }
    default: desc->unsupported = 1; return CUBLAS_STATUS_NOT_SUPPORTED;
    }
}

extern "C" cublasStatus_t cublasLtMatrixLayoutInit(cublasLtMatrixLayout_t layout, cudaDataType_t type, uint64_t rows,
                                                   uint64_t cols, int64_t ld) {
    if (!layout) return CUBLAS_STATUS_INVALID_VALUE;
    *layout = cublasLtMatrixLayoutOpaque_t{(int)type, rows, cols, ld, 0};
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatrixLayoutCreate(cublasLtMatrixLayout_t* layout, cudaDataType_t type,
                                                     uint64_t rows, uint64_t cols, int64_t ld) {
    if (!layout) return CUBLAS_STATUS_INVALID_VALUE;
    *layout = new cublasLtMatrixLayoutOpaque_t();
    return cublasLtMatrixLayoutInit(*layout, type, rows, cols, ld);
}

extern "C" cublasStatus_t cublasLtMatrixLayoutDestroy(cublasLtMatrixLayout_t layout) {
    delete layout;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatrixLayoutSetAttribute(cublasLtMatrixLayout_t layout,
                                                           cublasLtMatrixLayoutAttribute_t attr, const void* buf,
                                                           size_t size) {
    if (!layout || !buf) return CUBLAS_STATUS_INVALID_VALUE;
    int v = 0;
    switch (attr) {
    case CUBLASLT_MATRIX_LAYOUT_TYPE: return take(layout->type, buf, size);
    case CUBLASLT_MATRIX_LAYOUT_ROWS: return take(layout->rows, buf, size);
    case CUBLASLT_MATRIX_LAYOUT_COLS: return take(layout->cols, buf, size);
    case CUBLASLT_MATRIX_LAYOUT_LD: return take(layout->ld, buf, size);
    case CUBLASLT_MATRIX_LAYOUT_ORDER:  // column order only
    case CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT:  // one matrix only
        if (take(v, buf, size) != CUBLAS_STATUS_SUCCESS) return CUBLAS_STATUS_INVALID_VALUE;
        if (v == (attr == CUBLASLT_MATRIX_LAYOUT_ORDER ? CUBLASLT_ORDER_COL : 1)) return CUBLAS_STATUS_SUCCESS;
        layout->unsupported = 1;
        return CUBLAS_STATUS_NOT_SUPPORTED;
    default: layout->unsupported = 1; return CUBLAS_STATUS_NOT_SUPPORTED;
    }
}

extern "C" cublasStatus_t cublasLtMatmulPreferenceInit(cublasLtMatmulPreference_t pref) {
    if (!pref) return CUBLAS_STATUS_INVALID_VALUE;
    pref->max_workspace = 0;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmulPreferenceCreate(cublasLtMatmulPreference_t* pref) {
    if (!pref) return CUBLAS_STATUS_INVALID_VALUE;
    *pref = new cublasLtMatmulPreferenceOpaque_t();
    return cublasLtMatmulPreferenceInit(*pref);
}

extern "C" cublasStatus_t cublasLtMatmulPreferenceDestroy(cublasLtMatmulPreference_t pref) {
    delete pref;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmulPreferenceSetAttribute(cublasLtMatmulPreference_t pref,
                                                               cublasLtMatmulPreferenceAttributes_t attr,
                                                               const void* buf, size_t size) {
    if (!pref || !buf) return CUBLAS_STATUS_INVALID_VALUE;
    if (attr != CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES) return CUBLAS_STATUS_SUCCESS;  // a search hint
    return take(pref->max_workspace, buf, size);
}

// One algorithm, CLBlast's gemm, needing no workspace; NOT_SUPPORTED for what cublasLtMatmul would refuse.
extern "C" cublasStatus_t cublasLtMatmulAlgoGetHeuristic(cublasLtHandle_t handle, cublasLtMatmulDesc_t desc,
                                                         cublasLtMatrixLayout_t a, cublasLtMatrixLayout_t b,
                                                         cublasLtMatrixLayout_t c, cublasLtMatrixLayout_t d,
                                                         cublasLtMatmulPreference_t, int requested,
                                                         cublasLtMatmulHeuristicResult_t results[], int* returned) {
    if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (!desc || !a || !b || !c || !d || !results || !returned || requested < 1) return CUBLAS_STATUS_INVALID_VALUE;
    *returned = 0;
    if (desc->unsupported || a->unsupported || b->unsupported || c->unsupported || d->unsupported ||
        !known_epilogue(desc->epilogue))
        return CUBLAS_STATUS_NOT_SUPPORTED;
    std::memset(&results[0], 0, sizeof(results[0]));
    results[0].state = CUBLAS_STATUS_SUCCESS;
    results[0].wavesCount = 1.0f;
    *returned = 1;
    return CUBLAS_STATUS_SUCCESS;
}

extern "C" cublasStatus_t cublasLtMatmul(cublasLtHandle_t handle, cublasLtMatmulDesc_t desc, const void* alpha,
                                         const void* a, cublasLtMatrixLayout_t la, const void* b,
                                         cublasLtMatrixLayout_t lb, const void* beta, const void* c,
                                         cublasLtMatrixLayout_t lc, void* d, cublasLtMatrixLayout_t ld,
                                         const cublasLtMatmulAlgo_t*, void*, size_t, cudaStream_t stream) {
    if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (!desc || !la || !lb || !lc || !ld || !alpha || !beta) return CUBLAS_STATUS_INVALID_VALUE;
    if (desc->unsupported || la->unsupported || lb->unsupported || lc->unsupported || ld->unsupported ||
        !known_epilogue(desc->epilogue))
        return CUBLAS_STATUS_NOT_SUPPORTED;
    bool bias = desc->epilogue == CUBLASLT_EPILOGUE_BIAS || desc->epilogue == CUBLASLT_EPILOGUE_RELU_BIAS;
    if (bias && !desc->bias) return CUBLAS_STATUS_INVALID_VALUE;
    int t = la->type;
    if (lb->type != t || lc->type != t || ld->type != t || desc->scale != t) return CUBLAS_STATUS_NOT_SUPPORTED;
    if (t == CUDA_R_32F)
        return run(handle, *desc, (const float*)alpha, (const float*)a, *la, (const float*)b, *lb, (const float*)beta,
                   (const float*)c, *lc, (float*)d, *ld, stream);
    if (t == CUDA_R_64F)
        return run(handle, *desc, (const double*)alpha, (const double*)a, *la, (const double*)b, *lb,
                   (const double*)beta, (const double*)c, *lc, (double*)d, *ld, stream);
    return CUBLAS_STATUS_NOT_SUPPORTED;
}
