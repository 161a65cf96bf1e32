"""CUDA math-library programs translated to SYCL type-check against the SYCL 2020 and oneMKL headers: cuBLAS v2,
cuBLASLt's plain matmul, cuSOLVER dense, cuFFT with cuComplex, cuRAND's host API and cuSPARSE's generic API
become the cpsycl layers of runtime_shim/sycl/include/cudaport_sycl/ (blas, blaslt, solver, fft, complex, rng,
sparse) over oneMKL. Each program is our own; a call with a wrong argument type must fail the same check, and
every cpsycl name the rules of these libraries spell must exist in the layers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.sycl.typecheck import typecheck_command
from translator.api import translate_text
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir
from translator.engine.ruleset import load_rules

pytestmark = [pytest.mark.sycl_headers, pytest.mark.gxx]

BLAS = r"""
#include <cuda_runtime.h>
#include <cublas_v2.h>
#include <cstdio>
#define CHECK_CUBLAS(x) do { cublasStatus_t s_ = (x); if (s_ != CUBLAS_STATUS_SUCCESS) { \
  printf("cublas %s\n", cublasGetStatusString(s_)); return 1; } } while (0)
int main() {
  const int n = 8, batch = 2;
  float *a, *b, *c, r = 0.f, one = 1.f, zero = 0.f;
  double *m, **ptrs; int *piv, *info;
  cudaMalloc(&a, n * n * sizeof(float)); cudaMalloc(&b, n * n * sizeof(float)); cudaMalloc(&c, n * n * sizeof(float));
  cudaMalloc(&m, batch * n * n * sizeof(double)); cudaMalloc(&ptrs, batch * sizeof(double*));
  cudaMalloc(&piv, batch * n * sizeof(int)); cudaMalloc(&info, batch * sizeof(int));
  cudaStream_t st; cudaStreamCreate(&st);
  cublasHandle_t h;
  CHECK_CUBLAS(cublasCreate(&h));
  CHECK_CUBLAS(cublasSetStream(h, st));
  CHECK_CUBLAS(cublasSgeam(h, CUBLAS_OP_T, CUBLAS_OP_N, n, n, &one, a, n, &zero, b, n, c, n));
  CHECK_CUBLAS(cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, a, n, b, n, &zero, c, n));
  CHECK_CUBLAS(cublasSgemv(h, CUBLAS_OP_N, n, n, &one, a, n, b, 1, &zero, c, 1));
  CHECK_CUBLAS(cublasSnrm2(h, n, a, 1, &r));
  CHECK_CUBLAS(cublasSaxpy(h, n, &one, a, 1, b, 1));
  int idx = 0;
  CHECK_CUBLAS(cublasIsamax(h, n, a, 1, &idx));
  cublasStatus_t s = cublasDgetrfBatched(h, n, ptrs, n, piv, info, batch);
  CHECK_CUBLAS(cublasDestroy(h));
  printf("%f %d %d\n", r, idx, (int)s);
  return 0;
}
"""

BLASLT = r"""
#include <cuda_runtime.h>
#include <cublasLt.h>
int matmul_relu(cublasLtHandle_t lt, int m, int n, int k, const float* A, const float* B, float* C, const float* bias,
                cudaStream_t stream) {
  float alpha = 1.f, beta = 0.f;
  cublasOperation_t ta = CUBLAS_OP_T, tb = CUBLAS_OP_N;
  cublasLtMatmulDescOpaque_t op = {};
  cublasLtMatrixLayoutOpaque_t a = {}, b = {}, c = {};
  cublasLtMatmulPreferenceOpaque_t pref = {};
  cublasLtMatmulHeuristicResult_t heur = {};
  cublasLtEpilogue_t epi = CUBLASLT_EPILOGUE_RELU_BIAS;
  size_t ws = 0;
  int found = 0;
  cublasStatus_t s = cublasLtMatmulDescInit(&op, CUBLAS_COMPUTE_32F, CUDA_R_32F);
  if (s != CUBLAS_STATUS_SUCCESS) return 1;
  cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_TRANSA, &ta, sizeof(ta));
  cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_TRANSB, &tb, sizeof(tb));
  cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &bias, sizeof(bias));
  cublasLtMatmulDescSetAttribute(&op, CUBLASLT_MATMUL_DESC_EPILOGUE, &epi, sizeof(epi));
  cublasLtMatrixLayoutInit(&a, CUDA_R_32F, k, m, k);
  cublasLtMatrixLayoutInit(&b, CUDA_R_32F, k, n, k);
  cublasLtMatrixLayoutInit(&c, CUDA_R_32F, m, n, m);
  cublasLtMatmulPreferenceInit(&pref);
  cublasLtMatmulPreferenceSetAttribute(&pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof(ws));
  cublasLtMatmulAlgoGetHeuristic(lt, &op, &a, &b, &c, &c, &pref, 1, &heur, &found);
  if (found == 0) return 1;
  s = cublasLtMatmul(lt, &op, &alpha, A, &a, B, &b, &beta, C, &c, C, &c, &heur.algo, NULL, 0, stream);
  return s == CUBLAS_STATUS_SUCCESS ? 0 : 1;
}
int main() {
  cublasLtHandle_t lt;
  cublasLtCreate(&lt);
  float *A, *B, *C, *bias;
  cudaMalloc(&A, 64 * sizeof(float)); cudaMalloc(&B, 64 * sizeof(float)); cudaMalloc(&C, 64 * sizeof(float));
  cudaMalloc(&bias, 8 * sizeof(float));
  int r = matmul_relu(lt, 8, 8, 8, A, B, C, bias, 0);
  cublasLtDestroy(lt);
  return r;
}
"""

SOLVER = r"""
#include <cuda_runtime.h>
#include <cusolverDn.h>
#include <cstdio>
int main() {
  const int n = 4;
  float *a, *work; double *d, *dwork, *rhs; int lwork = 0, *info, *ipiv;
  cudaMalloc(&a, n * n * sizeof(float)); cudaMalloc(&info, sizeof(int)); cudaMalloc(&ipiv, n * sizeof(int));
  cudaMalloc(&d, n * n * sizeof(double)); cudaMalloc(&rhs, n * sizeof(double));
  cusolverDnHandle_t h;
  cusolverDnCreate(&h);
  cusolverStatus_t s = cusolverDnSpotrf_bufferSize(h, CUBLAS_FILL_MODE_LOWER, n, a, n, &lwork);
  cudaMalloc(&work, lwork * sizeof(float));
  s = cusolverDnSpotrf(h, CUBLAS_FILL_MODE_LOWER, n, a, n, work, lwork, info);
  if (s != CUSOLVER_STATUS_SUCCESS) printf("potrf failed\n");
  cusolverDnDgetrf_bufferSize(h, n, n, d, n, &lwork);
  cudaMalloc(&dwork, lwork * sizeof(double));
  cusolverDnDgetrf(h, n, n, d, n, dwork, ipiv, info);
  cusolverDnDgetrs(h, CUBLAS_OP_N, n, 1, d, n, ipiv, rhs, n, info);
  cusolverDnDestroy(h);
  return 0;
}
"""

FFT = r"""
#include <cuda_runtime.h>
#include <cufft.h>
#include <cuComplex.h>
#include <cstdio>
int main() {
  const int n = 16;
  cufftDoubleComplex* z; cufftComplex* c; cufftReal* r;
  cudaMalloc(&z, n * n * sizeof(cufftDoubleComplex)); cudaMalloc(&c, n * sizeof(cufftComplex));
  cudaMalloc(&r, n * sizeof(cufftReal));
  cufftHandle p2, p1;
  cufftResult res = cufftPlan2d(&p2, n, n, CUFFT_Z2Z);
  if (res != CUFFT_SUCCESS) printf("plan failed\n");
  res = cufftExecZ2Z(p2, z, z, CUFFT_FORWARD);
  cufftPlan1d(&p1, n, CUFFT_R2C, 1);
  cufftExecR2C(p1, r, c);
  cufftDestroy(p1); cufftDestroy(p2);
  cuDoubleComplex v = make_cuDoubleComplex(3.0, 4.0);
  printf("%f %f\n", cuCabs(v), cuCreal(cuCdiv(v, cuConj(v))));
  return 0;
}
"""

RAND = r"""
#include <cuda_runtime.h>
#include <curand.h>
#include <vector>
#include <cstdio>
#define CURAND_CHECK(x) if ((x) != CURAND_STATUS_SUCCESS) { printf("curand error\n"); return 1; }
int main() {
  const size_t n = 1024;
  float* d; double* dd; cudaMalloc(&d, n * sizeof(float)); cudaMalloc(&dd, n * sizeof(double));
  curandGenerator_t g, hg;
  CURAND_CHECK(curandCreateGenerator(&g, CURAND_RNG_PSEUDO_MRG32K3A));
  CURAND_CHECK(curandSetPseudoRandomGeneratorSeed(g, 1234ULL));
  CURAND_CHECK(curandSetGeneratorOffset(g, 0ULL));
  CURAND_CHECK(curandSetGeneratorOrdering(g, CURAND_ORDERING_PSEUDO_BEST));
  CURAND_CHECK(curandGenerateUniform(g, d, n));
  CURAND_CHECK(curandGenerateNormalDouble(g, dd, n, 0.0, 1.0));
  std::vector<float> h(n);
  CURAND_CHECK(curandCreateGeneratorHost(&hg, CURAND_RNG_PSEUDO_PHILOX4_32_10));
  CURAND_CHECK(curandGenerateUniform(hg, h.data(), h.size()));
  curandDestroyGenerator(hg); curandDestroyGenerator(g);
  return 0;
}
"""

SPARSE = r"""
#include <cuda_runtime.h>
#include <cusparse.h>
#include <cstdio>
#define CHECK_CUSPARSE(x) { cusparseStatus_t s_ = (x); if (s_ != CUSPARSE_STATUS_SUCCESS) { \
  printf("cusparse %s\n", cusparseGetErrorString(s_)); return 1; } }
int main() {
  const int rows = 4, cols = 4, nnz = 6;
  int *off, *col; float *val, *dB, *dC, alpha = 1.f, beta = 0.f; int64_t *idx; void* buf; size_t size = 0;
  cudaMalloc(&off, (rows + 1) * sizeof(int)); cudaMalloc(&col, nnz * sizeof(int));
  cudaMalloc(&val, nnz * sizeof(float));
  cudaMalloc(&dB, rows * cols * sizeof(float)); cudaMalloc(&dC, rows * cols * sizeof(float));
  cudaMalloc(&idx, nnz * sizeof(int64_t));
  cusparseHandle_t h; cusparseSpMatDescr_t A; cusparseDnMatDescr_t B, C; cusparseSpVecDescr_t x; cusparseDnVecDescr_t y;
  cusparseSpSMDescr_t sm;
  CHECK_CUSPARSE(cusparseCreate(&h));
  CHECK_CUSPARSE(cusparseCreateCsr(&A, rows, cols, nnz, off, col, val, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                   CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  CHECK_CUSPARSE(cusparseCreateDnMat(&B, rows, cols, cols, dB, CUDA_R_32F, CUSPARSE_ORDER_ROW));
  CHECK_CUSPARSE(cusparseCreateDnMat(&C, rows, cols, cols, dC, CUDA_R_32F, CUSPARSE_ORDER_ROW));
  CHECK_CUSPARSE(cusparseSpMM_bufferSize(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                                         &alpha, A, B, &beta, C, CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, &size));
  cudaMalloc(&buf, size);
  CHECK_CUSPARSE(cusparseSpMM(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                              &alpha, A, B, &beta, C, CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, buf));
  CHECK_CUSPARSE(cusparseSDDMM(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE,
                               &alpha, B, C, &beta, A, CUDA_R_32F, CUSPARSE_SDDMM_ALG_DEFAULT, buf));
  cusparseFillMode_t fill = CUSPARSE_FILL_MODE_LOWER;
  CHECK_CUSPARSE(cusparseSpMatSetAttribute(A, CUSPARSE_SPMAT_FILL_MODE, &fill, sizeof(fill)));
  CHECK_CUSPARSE(cusparseSpSM_createDescr(&sm));
  CHECK_CUSPARSE(cusparseSpSM_analysis(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &alpha,
                                       A, B, C, CUDA_R_32F, CUSPARSE_SPSM_ALG_DEFAULT, sm, buf));
  CHECK_CUSPARSE(cusparseSpSM_solve(h, CUSPARSE_OPERATION_NON_TRANSPOSE, CUSPARSE_OPERATION_NON_TRANSPOSE, &alpha,
                                    A, B, C, CUDA_R_32F, CUSPARSE_SPSM_ALG_DEFAULT, sm));
  CHECK_CUSPARSE(cusparseSparseToDense(h, A, B, CUSPARSE_SPARSETODENSE_ALG_DEFAULT, buf));
  CHECK_CUSPARSE(cusparseDenseToSparse_analysis(h, B, A, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, buf));
  int64_t r, c, z;
  CHECK_CUSPARSE(cusparseSpMatGetSize(A, &r, &c, &z));
  CHECK_CUSPARSE(cusparseCsrSetPointers(A, off, col, val));
  CHECK_CUSPARSE(cusparseDenseToSparse_convert(h, B, A, CUSPARSE_DENSETOSPARSE_ALG_DEFAULT, buf));
  CHECK_CUSPARSE(cusparseCreateSpVec(&x, rows * cols, nnz, idx, val, CUSPARSE_INDEX_64I, CUSPARSE_INDEX_BASE_ZERO,
                                     CUDA_R_32F));
  CHECK_CUSPARSE(cusparseCreateDnVec(&y, rows * cols, dC, CUDA_R_32F));
  CHECK_CUSPARSE(cusparseAxpby(h, &alpha, x, &beta, y));
  cusparseSpMatDescr_t P; cusparseSpGEMMDescr_t g; size_t s1 = 0, s2 = 0; void *b1, *b2;
  CHECK_CUSPARSE(cusparseCreateCsr(&P, rows, cols, 0, NULL, NULL, NULL, CUSPARSE_INDEX_32I, CUSPARSE_INDEX_32I,
                                   CUSPARSE_INDEX_BASE_ZERO, CUDA_R_32F));
  CHECK_CUSPARSE(cusparseSpGEMM_createDescr(&g));
  cusparseOperation_t op = CUSPARSE_OPERATION_NON_TRANSPOSE;
  CHECK_CUSPARSE(cusparseSpGEMM_workEstimation(h, op, op, &alpha, A, A, &beta, P, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT,
                                               g, &s1, NULL));
  cudaMalloc(&b1, s1);
  CHECK_CUSPARSE(cusparseSpGEMM_workEstimation(h, op, op, &alpha, A, A, &beta, P, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT,
                                               g, &s1, b1));
  CHECK_CUSPARSE(cusparseSpGEMM_compute(h, op, op, &alpha, A, A, &beta, P, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT,
                                        g, &s2, NULL));
  cudaMalloc(&b2, s2);
  CHECK_CUSPARSE(cusparseSpGEMM_compute(h, op, op, &alpha, A, A, &beta, P, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT,
                                        g, &s2, b2));
  CHECK_CUSPARSE(cusparseSpMatGetSize(P, &r, &c, &z));
  CHECK_CUSPARSE(cusparseCsrSetPointers(P, off, col, val));
  CHECK_CUSPARSE(cusparseSpGEMM_copy(h, op, op, &alpha, A, A, &beta, P, CUDA_R_32F, CUSPARSE_SPGEMM_DEFAULT, g));
  cusparseSpGEMM_destroyDescr(g); cusparseDestroySpMat(P);
  cusparseSpSM_destroyDescr(sm);
  cusparseDestroySpVec(x); cusparseDestroyDnVec(y);
  cusparseDestroySpMat(A); cusparseDestroyDnMat(B); cusparseDestroyDnMat(C);
  cusparseDestroy(h);
  return 0;
}
"""

PROGRAMS = {
    "blas": (BLAS, "cpsycl::blas::geam(h, oneapi::mkl::transpose::trans, oneapi::mkl::transpose::nontrans"),
    "blaslt": (BLASLT, "cpsycl::blaslt::matmul(lt, &op, &alpha, A, &a, B, &b, &beta, C, &c, C, &c, &heur.algo"),
    "solver": (SOLVER, "cpsycl::solver::potrf(h, oneapi::mkl::uplo::lower"),
    "fft": (FFT, "cpsycl::fft::exec_z2z(p2, z, z, cpsycl::fft::forward)"),
    "rand": (RAND, "cpsycl::rng::generate_uniform(g, d, n)"),
    "sparse": (SPARSE, "cpsycl::sparse::spmm(h, oneapi::mkl::transpose::nontrans"),
}

MKL_SECTIONS = ("libs/cublas", "libs/cusolver", "libs/cufft", "libs/curand", "libs/cusparse", "math")


def _typecheck(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    include = sycl_include_dir()
    if include is None or not (include / "oneapi" / "mkl.hpp").is_file():
        tool_missing("no oneMKL headers (pip install onemkl-sycl-include mkl-include)")
    out = tmp_path / name
    out.write_text(text)
    cmd = typecheck_command(str(out), str(include), sycl_host_cxx() or "g++")
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_math_library_program_type_checks(tmp_path: Path, name: str) -> None:
    source, expected = PROGRAMS[name]
    res = translate_text(source, "sycl", name=f"{name}.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002", "CP2008")], res.findings
    text = res.output.decode()
    assert expected in text
    assert "cublas" not in text.replace("cublas %s", "") and "cusparse" not in text.replace("cusparse %s", "")
    done = _typecheck(tmp_path, f"{name}.cpp", text)
    assert done.returncode == 0, done.stderr[-4000:]


def test_wrong_argument_type_fails_the_check(tmp_path: Path) -> None:
    """The layer's functions are typed as cuBLAS's: a double result for a float norm does not type-check."""
    wrong = BLAS.replace("float *a, *b, *c, r = 0.f", "float *a, *b, *c; double r = 0.0; float")
    res = translate_text(wrong, "sycl", name="wrong.cu")
    done = _typecheck(tmp_path, "wrong.cpp", res.output.decode())
    assert done.returncode != 0
    assert "nrm2" in done.stderr


def test_unmapped_library_call_is_a_numbered_diagnostic() -> None:
    res = translate_text("#include <cusparse.h>\nvoid f(cusparseHandle_t h, cusparseSpSVDescr_t d) {\n"
                         "  cusparseSpSV_destroyDescr(d);\n}\n", "sycl", name="g.cu")
    named = [f for f in res.findings if f.code == "CP2008"]
    assert any("cusparseSpSV_destroyDescr" in f.message for f in named), res.findings


def test_every_cpsycl_name_of_the_library_rules_exists(tmp_path: Path) -> None:
    """Each cpsycl:: or oneapi::mkl:: name a math-library rule renames to is declared (an overload set is enough)."""
    names = set()
    for rule in load_rules().rules.values():
        if rule.family not in MKL_SECTIONS or (rule.family == "math" and rule.section != "complex"):
            continue
        mapping = rule.for_target("sycl")
        spelled = (mapping.rename or "") if mapping else ""
        if spelled.startswith(("cpsycl::", "oneapi::mkl::")):
            names.add(spelled)
    assert len(names) > 150
    lines = []
    for i, n in enumerate(sorted(names)):
        parts = n.split("::")
        if n.startswith("oneapi::mkl::") and len(parts) == 4:  # a scoped enumerator: transpose::nontrans
            lines.append(f"constexpr auto v{i} = {n};\n")
        elif n.endswith("_t") or (n.startswith("oneapi::mkl::") and len(parts) == 3):  # a type
            lines.append(f"static_assert(sizeof({n}) > 0);\n")
        else:  # a function (template, overload set) or an unscoped enumerator
            lines.append(f"namespace p{i} {{ using {n}; }}\n")
    layers = ("blas", "blaslt", "solver", "fft", "complex", "rng", "sparse")
    includes = "".join(f"#include <cudaport_sycl/{h}.hpp>\n" for h in layers)
    done = _typecheck(tmp_path, "names.cpp", includes + "namespace probe {\n" + "".join(lines) + "}\nint main() {}\n")
    assert done.returncode == 0, done.stderr[-4000:]
