// OPTIONS: --roc --library-data-types
// --roc: cuBLAS, cuRAND, cuSPARSE and cuSOLVER calls go to the ROC libraries themselves; a name with no ROC
// mapping is flagged, not sent to a hip* wrapper with a rocBLAS handle; cuFFT is flagged (rocFFT's API differs).
#include <cuda_runtime.h>
#include <cublas_v2.h>
#include <curand.h>
#include <cusparse.h>
#include <cusolverDn.h>
#include <cufft.h>
// CHECK-HIP: #include <rocblas/rocblas.h>
// CHECK-HIP: #include <rocrand/rocrand.h>
// CHECK-HIP: #include <rocsparse/rocsparse.h>
// CHECK-HIP: #include <rocsolver/rocsolver.h>

int main() {
  cublasHandle_t blas;
  // CHECK-HIP: rocblas_handle blas;
  cublasStatus_t st = cublasCreate(&blas);
  // CHECK-HIP: rocblas_status st = rocblas_create_handle(&blas);
  float alpha = 1.0f, beta = 0.0f, *A = nullptr, *B = nullptr, *C = nullptr;
  cublasSgemm(blas, CUBLAS_OP_N, CUBLAS_OP_T, 4, 4, 4, &alpha, A, 4, B, 4, &beta, C, 4);
  // CHECK-HIP: rocblas_sgemm(blas, rocblas_operation_none, rocblas_operation_transpose, 4, 4, 4, &alpha, A, 4, B, 4, &beta, C, 4);
  cublasDaxpy(blas, 4, nullptr, nullptr, 1, nullptr, 1);
  // CHECK-HIP: rocblas_daxpy(blas, 4, nullptr, nullptr, 1, nullptr, 1);
  cublasGemmEx(blas, CUBLAS_OP_N, CUBLAS_OP_N, 4, 4, 4, &alpha, A, CUDA_R_32F, 4, B, CUDA_R_32F, 4, &beta, C,
               CUDA_R_32F, 4, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
  // CHECK-HIP: --roc: no rocBLAS counterpart is mapped for this name (hip* mode has hipblasGemmEx)
  // CHECK-HIP: rocblas_datatype_f32_r
  if (st != CUBLAS_STATUS_SUCCESS) return 1;
  // CHECK-HIP: if (st != rocblas_status_success) return 1;
  cublasDestroy(blas);
  // CHECK-HIP: rocblas_destroy_handle(blas);

  curandGenerator_t gen;
  curandCreateGenerator(&gen, CURAND_RNG_PSEUDO_PHILOX4_32_10);
  // CHECK-HIP: rocrand_create_generator(&gen, ROCRAND_RNG_PSEUDO_PHILOX4_32_10);
  curandSetPseudoRandomGeneratorSeed(gen, 1234ULL);
  // CHECK-HIP: rocrand_set_seed(gen, 1234ULL);
  curandGenerateNormal(gen, A, 16, 0.0f, 1.0f);
  // CHECK-HIP: rocrand_generate_normal(gen, A, 16, 0.0f, 1.0f);
  curandDestroyGenerator(gen);

  cusparseHandle_t sparse;
  cusparseCreate(&sparse);
  // CHECK-HIP: rocsparse_create_handle(&sparse);
  cusparseMatDescr_t descr;
  cusparseCreateMatDescr(&descr);
  cusparseSetMatIndexBase(descr, CUSPARSE_INDEX_BASE_ZERO);
  // CHECK-HIP: rocsparse_set_mat_index_base(descr, rocsparse_index_base_zero);

  cusolverDnHandle_t solver;
  cusolverDnCreate(&solver);
  // CHECK-HIP: rocblas_create_handle(&solver);
  int lwork = 0, *ipiv = nullptr, *info = nullptr;
  cusolverDnSgetrf_bufferSize(solver, 4, 4, A, 4, &lwork);
  // CHECK-HIP: (*(&lwork) = 0, rocblas_status_success);
  cusolverDnSgetrf(solver, 4, 4, A, 4, B, ipiv, info);
  // CHECK-HIP: rocsolver_sgetrf(solver, 4, 4, A, 4, ipiv, info);

  cufftHandle plan;
  cufftPlan1d(&plan, 64, CUFFT_C2C, 1);
  // CHECK-HIP: rocFFT's plan and execution API has no call-for-call counterpart
  return 0;
}
