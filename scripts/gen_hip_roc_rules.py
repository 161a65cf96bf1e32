"""Draft the HIP library-mode rules: `rules/modes/roc/` (cuBLAS -> rocBLAS, cuRAND -> rocRAND, cuSPARSE ->
rocSPARSE, cuSOLVER -> rocSOLVER, used by `translate --to hip --roc`), `rules/modes/library-data-types/` and
the base rules for cudaDataType, cuBLASLt -> hipBLASLt and cuDNN -> MIOpen.

The CUDA -> ROC name pairs follow each library's naming convention (cublasSgemm_v2 -> rocblas_sgemm); every
pair is kept only when the ROC name is declared by the library's public headers, read from git mirrors of the
public ROCm repositories (--mirrors DIR holding ROCm+rocBLAS/repo, ...). Only calls whose arguments match one
for one are renamed. Prints a report of what was kept and dropped; writes nothing unless --write. The YAML files
are the source of truth afterwards.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {  # library -> (mirror, include folder inside it)
    "rocblas": ("ROCm+rocBLAS", "library/include"),
    "rocrand": ("ROCm+rocRAND", "library/include"),
    "rocsparse": ("ROCm+rocSPARSE", "library/include"),
    "rocsolver": ("ROCm+rocSOLVER", "library/include"),
    "hipblaslt": ("ROCm+hipBLASLt", "library/include"),
    "miopen": ("ROCm+MIOpen", "include/miopen"),
    "hipblas": ("ROCm+hipBLAS", "library/include"),
}

BLAS_OPS = (
    "gemm",
    "gemv",
    "axpy",
    "dot",
    "nrm2",
    "scal",
    "asum",
    "copy",
    "swap",
    "ger",
    "symv",
    "syrk",
    "trsm",
    "trmm",
    "trsv",
    "symm",
    "syr",
    "syr2k",
    "rot",
    "geam",
    "dgmm",
    "gemmBatched",
    "gemmStridedBatched",
    "trsmBatched",
    "gemvBatched",
    "gemvStridedBatched",
)
BLAS_HELPERS = {
    "Create": "create_handle",
    "Destroy": "destroy_handle",
    "SetStream": "set_stream",
    "GetStream": "get_stream",
    "SetPointerMode": "set_pointer_mode",
    "GetPointerMode": "get_pointer_mode",
    "SetVector": "set_vector",
    "GetVector": "get_vector",
    "SetMatrix": "set_matrix",
    "GetMatrix": "get_matrix",
    "SetVectorAsync": "set_vector_async",
    "GetVectorAsync": "get_vector_async",
    "SetMatrixAsync": "set_matrix_async",
    "GetMatrixAsync": "get_matrix_async",
    "SetWorkspace": "set_workspace",
    "SetAtomicsMode": "set_atomics_mode",
    "GetAtomicsMode": "get_atomics_mode",
}
BLAS_TYPES = {
    "cublasHandle_t": "rocblas_handle",
    "cublasStatus_t": "rocblas_status",
    "cublasOperation_t": "rocblas_operation",
    "cublasFillMode_t": "rocblas_fill",
    "cublasDiagType_t": "rocblas_diagonal",
    "cublasSideMode_t": "rocblas_side",
    "cublasPointerMode_t": "rocblas_pointer_mode",
    "cublasAtomicsMode_t": "rocblas_atomics_mode",
    "CUBLAS_OP_N": "rocblas_operation_none",
    "CUBLAS_OP_T": "rocblas_operation_transpose",
    "CUBLAS_OP_C": "rocblas_operation_conjugate_transpose",
    "CUBLAS_FILL_MODE_LOWER": "rocblas_fill_lower",
    "CUBLAS_FILL_MODE_UPPER": "rocblas_fill_upper",
    "CUBLAS_FILL_MODE_FULL": "rocblas_fill_full",
    "CUBLAS_DIAG_NON_UNIT": "rocblas_diagonal_non_unit",
    "CUBLAS_DIAG_UNIT": "rocblas_diagonal_unit",
    "CUBLAS_SIDE_LEFT": "rocblas_side_left",
    "CUBLAS_SIDE_RIGHT": "rocblas_side_right",
    "CUBLAS_POINTER_MODE_HOST": "rocblas_pointer_mode_host",
    "CUBLAS_POINTER_MODE_DEVICE": "rocblas_pointer_mode_device",
    "CUBLAS_ATOMICS_NOT_ALLOWED": "rocblas_atomics_not_allowed",
    "CUBLAS_ATOMICS_ALLOWED": "rocblas_atomics_allowed",
    "CUBLAS_STATUS_SUCCESS": "rocblas_status_success",
    "CUBLAS_STATUS_NOT_INITIALIZED": "rocblas_status_invalid_handle",
    "CUBLAS_STATUS_ALLOC_FAILED": "rocblas_status_memory_error",
    "CUBLAS_STATUS_INVALID_VALUE": "rocblas_status_invalid_value",
    "CUBLAS_STATUS_NOT_SUPPORTED": "rocblas_status_not_implemented",
    "CUBLAS_STATUS_INTERNAL_ERROR": "rocblas_status_internal_error",
    "CUBLAS_STATUS_ARCH_MISMATCH": "rocblas_status_arch_mismatch",
}
RAND = {
    "curandCreateGenerator": "rocrand_create_generator",
    "curandCreateGeneratorHost": "rocrand_create_generator_host",
    "curandDestroyGenerator": "rocrand_destroy_generator",
    "curandSetPseudoRandomGeneratorSeed": "rocrand_set_seed",
    "curandSetGeneratorOffset": "rocrand_set_offset",
    "curandSetStream": "rocrand_set_stream",
    "curandGenerate": "rocrand_generate",
    "curandGenerateUniform": "rocrand_generate_uniform",
    "curandGenerateUniformDouble": "rocrand_generate_uniform_double",
    "curandGenerateNormal": "rocrand_generate_normal",
    "curandGenerateNormalDouble": "rocrand_generate_normal_double",
    "curandGenerateLogNormal": "rocrand_generate_log_normal",
    "curandGenerateLogNormalDouble": "rocrand_generate_log_normal_double",
    "curandGeneratePoisson": "rocrand_generate_poisson",
    "curandSetQuasiRandomGeneratorDimensions": "rocrand_set_quasi_random_generator_dimensions",
    "curandGetVersion": "rocrand_get_version",
    "curandGenerator_t": "rocrand_generator",
    "curandStatus_t": "rocrand_status",
    "curandRngType_t": "rocrand_rng_type",
    "curandStatus": "rocrand_status",
    "curandRngType": "rocrand_rng_type",
    "CURAND_STATUS_SUCCESS": "ROCRAND_STATUS_SUCCESS",
    "CURAND_STATUS_VERSION_MISMATCH": "ROCRAND_STATUS_VERSION_MISMATCH",
    "CURAND_STATUS_NOT_INITIALIZED": "ROCRAND_STATUS_NOT_CREATED",
    "CURAND_STATUS_ALLOCATION_FAILED": "ROCRAND_STATUS_ALLOCATION_FAILED",
    "CURAND_STATUS_TYPE_ERROR": "ROCRAND_STATUS_TYPE_ERROR",
    "CURAND_STATUS_OUT_OF_RANGE": "ROCRAND_STATUS_OUT_OF_RANGE",
    "CURAND_STATUS_LENGTH_NOT_MULTIPLE": "ROCRAND_STATUS_LENGTH_NOT_MULTIPLE",
    "CURAND_STATUS_LAUNCH_FAILURE": "ROCRAND_STATUS_LAUNCH_FAILURE",
    "CURAND_STATUS_INTERNAL_ERROR": "ROCRAND_STATUS_INTERNAL_ERROR",
    "CURAND_RNG_PSEUDO_DEFAULT": "ROCRAND_RNG_PSEUDO_DEFAULT",
    "CURAND_RNG_PSEUDO_XORWOW": "ROCRAND_RNG_PSEUDO_XORWOW",
    "CURAND_RNG_PSEUDO_MRG32K3A": "ROCRAND_RNG_PSEUDO_MRG32K3A",
    "CURAND_RNG_PSEUDO_MTGP32": "ROCRAND_RNG_PSEUDO_MTGP32",
    "CURAND_RNG_PSEUDO_MT19937": "ROCRAND_RNG_PSEUDO_MT19937",
    "CURAND_RNG_PSEUDO_PHILOX4_32_10": "ROCRAND_RNG_PSEUDO_PHILOX4_32_10",
    "CURAND_RNG_QUASI_DEFAULT": "ROCRAND_RNG_QUASI_DEFAULT",
    "CURAND_RNG_QUASI_SOBOL32": "ROCRAND_RNG_QUASI_SOBOL32",
    "CURAND_RNG_QUASI_SCRAMBLED_SOBOL32": "ROCRAND_RNG_QUASI_SCRAMBLED_SOBOL32",
    "CURAND_RNG_QUASI_SOBOL64": "ROCRAND_RNG_QUASI_SOBOL64",
    "CURAND_RNG_QUASI_SCRAMBLED_SOBOL64": "ROCRAND_RNG_QUASI_SCRAMBLED_SOBOL64",
    "curand_init": "rocrand_init",
    "curand": "rocrand",
    "curand_uniform": "rocrand_uniform",
    "curand_uniform_double": "rocrand_uniform_double",
    "curand_uniform4": "rocrand_uniform4",
    "curand_normal": "rocrand_normal",
    "curand_normal_double": "rocrand_normal_double",
    "curand_normal2": "rocrand_normal2",
    "curand_normal2_double": "rocrand_normal2_double",
    "curand_normal4": "rocrand_normal4",
    "curand_log_normal": "rocrand_log_normal",
    "curand_log_normal_double": "rocrand_log_normal_double",
    "curand_poisson": "rocrand_poisson",
    "curandState": "rocrand_state_xorwow",
    "curandState_t": "rocrand_state_xorwow",
    "curandStateXORWOW": "rocrand_state_xorwow",
    "curandStateXORWOW_t": "rocrand_state_xorwow",
    "curandStatePhilox4_32_10": "rocrand_state_philox4x32_10",
    "curandStatePhilox4_32_10_t": "rocrand_state_philox4x32_10",
    "curandStateMRG32k3a": "rocrand_state_mrg32k3a",
    "curandStateMRG32k3a_t": "rocrand_state_mrg32k3a",
    "curandStateSobol32": "rocrand_state_sobol32",
    "curandStateSobol32_t": "rocrand_state_sobol32",
}
SPARSE = {
    "cusparseCreate": "rocsparse_create_handle",
    "cusparseDestroy": "rocsparse_destroy_handle",
    "cusparseSetStream": "rocsparse_set_stream",
    "cusparseGetStream": "rocsparse_get_stream",
    "cusparseSetPointerMode": "rocsparse_set_pointer_mode",
    "cusparseGetPointerMode": "rocsparse_get_pointer_mode",
    "cusparseCreateMatDescr": "rocsparse_create_mat_descr",
    "cusparseDestroyMatDescr": "rocsparse_destroy_mat_descr",
    "cusparseSetMatIndexBase": "rocsparse_set_mat_index_base",
    "cusparseGetMatIndexBase": "rocsparse_get_mat_index_base",
    "cusparseSetMatType": "rocsparse_set_mat_type",
    "cusparseGetMatType": "rocsparse_get_mat_type",
    "cusparseSetMatFillMode": "rocsparse_set_mat_fill_mode",
    "cusparseSetMatDiagType": "rocsparse_set_mat_diag_type",
    "cusparseHandle_t": "rocsparse_handle",
    "cusparseMatDescr_t": "rocsparse_mat_descr",
    "cusparseStatus_t": "rocsparse_status",
    "cusparseIndexBase_t": "rocsparse_index_base",
    "cusparseMatrixType_t": "rocsparse_matrix_type",
    "cusparseOperation_t": "rocsparse_operation",
    "cusparsePointerMode_t": "rocsparse_pointer_mode",
    "cusparseFillMode_t": "rocsparse_fill_mode",
    "cusparseDiagType_t": "rocsparse_diag_type",
    "CUSPARSE_STATUS_SUCCESS": "rocsparse_status_success",
    "CUSPARSE_INDEX_BASE_ZERO": "rocsparse_index_base_zero",
    "CUSPARSE_INDEX_BASE_ONE": "rocsparse_index_base_one",
    "CUSPARSE_MATRIX_TYPE_GENERAL": "rocsparse_matrix_type_general",
    "CUSPARSE_MATRIX_TYPE_SYMMETRIC": "rocsparse_matrix_type_symmetric",
    "CUSPARSE_MATRIX_TYPE_HERMITIAN": "rocsparse_matrix_type_hermitian",
    "CUSPARSE_MATRIX_TYPE_TRIANGULAR": "rocsparse_matrix_type_triangular",
    "CUSPARSE_OPERATION_NON_TRANSPOSE": "rocsparse_operation_none",
    "CUSPARSE_OPERATION_TRANSPOSE": "rocsparse_operation_transpose",
    "CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE": "rocsparse_operation_conjugate_transpose",
    "CUSPARSE_POINTER_MODE_HOST": "rocsparse_pointer_mode_host",
    "CUSPARSE_POINTER_MODE_DEVICE": "rocsparse_pointer_mode_device",
    "CUSPARSE_FILL_MODE_LOWER": "rocsparse_fill_mode_lower",
    "CUSPARSE_FILL_MODE_UPPER": "rocsparse_fill_mode_upper",
    "CUSPARSE_DIAG_TYPE_NON_UNIT": "rocsparse_diag_type_non_unit",
    "CUSPARSE_DIAG_TYPE_UNIT": "rocsparse_diag_type_unit",
}
SOLVER = {  # rocSOLVER works on a rocBLAS handle
    "cusolverDnCreate": "rocblas_create_handle",
    "cusolverDnDestroy": "rocblas_destroy_handle",
    "cusolverDnSetStream": "rocblas_set_stream",
    "cusolverDnGetStream": "rocblas_get_stream",
    "cusolverDnHandle_t": "rocblas_handle",
    "cusolverStatus_t": "rocblas_status",
    "CUSOLVER_STATUS_SUCCESS": "rocblas_status_success",
}
# cuSOLVER's factorizations take a workspace rocSOLVER allocates itself: the call drops it; the size query
# answers 0 (the workspace the program then allocates is empty and unused).
SOLVER_CALLS = {
    "cusolverDnSgetrf": ("rocsolver_sgetrf", "rocsolver_sgetrf($1, $2, $3, $4, $5, $7, $8)"),
    "cusolverDnDgetrf": ("rocsolver_dgetrf", "rocsolver_dgetrf($1, $2, $3, $4, $5, $7, $8)"),
    "cusolverDnSpotrf": ("rocsolver_spotrf", "rocsolver_spotrf($1, $2, $3, $4, $5, $8)"),
    "cusolverDnDpotrf": ("rocsolver_dpotrf", "rocsolver_dpotrf($1, $2, $3, $4, $5, $8)"),
    "cusolverDnSgetrf_bufferSize": (None, "(*($6) = 0, rocblas_status_success)"),
    "cusolverDnDgetrf_bufferSize": (None, "(*($6) = 0, rocblas_status_success)"),
    "cusolverDnSpotrf_bufferSize": (None, "(*($6) = 0, rocblas_status_success)"),
    "cusolverDnDpotrf_bufferSize": (None, "(*($6) = 0, rocblas_status_success)"),
}
LT = {
    "cublasLtCreate": "hipblasLtCreate",
    "cublasLtDestroy": "hipblasLtDestroy",
    "cublasLtHandle_t": "hipblasLtHandle_t",
    "cublasLtMatmul": "hipblasLtMatmul",
    "cublasLtMatmulDescCreate": "hipblasLtMatmulDescCreate",
    "cublasLtMatmulDescDestroy": "hipblasLtMatmulDescDestroy",
    "cublasLtMatmulDescSetAttribute": "hipblasLtMatmulDescSetAttribute",
    "cublasLtMatmulDescGetAttribute": "hipblasLtMatmulDescGetAttribute",
    "cublasLtMatrixLayoutCreate": "hipblasLtMatrixLayoutCreate",
    "cublasLtMatrixLayoutDestroy": "hipblasLtMatrixLayoutDestroy",
    "cublasLtMatrixLayoutSetAttribute": "hipblasLtMatrixLayoutSetAttribute",
    "cublasLtMatmulPreferenceCreate": "hipblasLtMatmulPreferenceCreate",
    "cublasLtMatmulPreferenceDestroy": "hipblasLtMatmulPreferenceDestroy",
    "cublasLtMatmulPreferenceSetAttribute": "hipblasLtMatmulPreferenceSetAttribute",
    "cublasLtMatmulAlgoGetHeuristic": "hipblasLtMatmulAlgoGetHeuristic",
    "cublasLtMatmulDesc_t": "hipblasLtMatmulDesc_t",
    "cublasLtMatrixLayout_t": "hipblasLtMatrixLayout_t",
    "cublasLtMatmulPreference_t": "hipblasLtMatmulPreference_t",
    "cublasLtMatmulHeuristicResult_t": "hipblasLtMatmulHeuristicResult_t",
    "cublasLtMatmulAlgo_t": "hipblasLtMatmulAlgo_t",
    "cublasLtEpilogue_t": "hipblasLtEpilogue_t",
    "cublasLtMatmulDescAttributes_t": "hipblasLtMatmulDescAttributes_t",
    "cublasLtMatmulPreferenceAttributes_t": "hipblasLtMatmulPreferenceAttributes_t",
    "CUBLASLT_MATMUL_DESC_TRANSA": "HIPBLASLT_MATMUL_DESC_TRANSA",
    "CUBLASLT_MATMUL_DESC_TRANSB": "HIPBLASLT_MATMUL_DESC_TRANSB",
    "CUBLASLT_MATMUL_DESC_EPILOGUE": "HIPBLASLT_MATMUL_DESC_EPILOGUE",
    "CUBLASLT_MATMUL_DESC_BIAS_POINTER": "HIPBLASLT_MATMUL_DESC_BIAS_POINTER",
    "CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE": "HIPBLASLT_MATMUL_DESC_BIAS_DATA_TYPE",
    "CUBLASLT_MATMUL_DESC_POINTER_MODE": "HIPBLASLT_MATMUL_DESC_POINTER_MODE",
    "CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES": "HIPBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES",
    "CUBLASLT_EPILOGUE_DEFAULT": "HIPBLASLT_EPILOGUE_DEFAULT",
    "CUBLASLT_EPILOGUE_RELU": "HIPBLASLT_EPILOGUE_RELU",
    "CUBLASLT_EPILOGUE_BIAS": "HIPBLASLT_EPILOGUE_BIAS",
    "CUBLASLT_EPILOGUE_RELU_BIAS": "HIPBLASLT_EPILOGUE_RELU_BIAS",
    "CUBLASLT_EPILOGUE_GELU": "HIPBLASLT_EPILOGUE_GELU",
    "CUBLASLT_EPILOGUE_GELU_BIAS": "HIPBLASLT_EPILOGUE_GELU_BIAS",
}
DNN = {
    "cudnnCreate": "miopenCreate",
    "cudnnDestroy": "miopenDestroy",
    "cudnnSetStream": "miopenSetStream",
    "cudnnGetStream": "miopenGetStream",
    "cudnnGetErrorString": "miopenGetErrorString",
    "cudnnCreateTensorDescriptor": "miopenCreateTensorDescriptor",
    "cudnnDestroyTensorDescriptor": "miopenDestroyTensorDescriptor",
    "cudnnCreateFilterDescriptor": "miopenCreateTensorDescriptor",
    "cudnnDestroyFilterDescriptor": "miopenDestroyTensorDescriptor",
    "cudnnCreateConvolutionDescriptor": "miopenCreateConvolutionDescriptor",
    "cudnnDestroyConvolutionDescriptor": "miopenDestroyConvolutionDescriptor",
    "cudnnCreatePoolingDescriptor": "miopenCreatePoolingDescriptor",
    "cudnnDestroyPoolingDescriptor": "miopenDestroyPoolingDescriptor",
    "cudnnCreateActivationDescriptor": "miopenCreateActivationDescriptor",
    "cudnnDestroyActivationDescriptor": "miopenDestroyActivationDescriptor",
    "cudnnHandle_t": "miopenHandle_t",
    "cudnnStatus_t": "miopenStatus_t",
    "cudnnTensorDescriptor_t": "miopenTensorDescriptor_t",
    "cudnnFilterDescriptor_t": "miopenTensorDescriptor_t",
    "cudnnConvolutionDescriptor_t": "miopenConvolutionDescriptor_t",
    "cudnnPoolingDescriptor_t": "miopenPoolingDescriptor_t",
    "cudnnActivationDescriptor_t": "miopenActivationDescriptor_t",
    "cudnnDataType_t": "miopenDataType_t",
    "CUDNN_DATA_FLOAT": "miopenFloat",
    "CUDNN_DATA_HALF": "miopenHalf",
    "CUDNN_DATA_DOUBLE": "miopenDouble",
    "CUDNN_DATA_INT8": "miopenInt8",
    "CUDNN_DATA_INT32": "miopenInt32",
    "CUDNN_DATA_BFLOAT16": "miopenBFloat16",
    "CUDNN_STATUS_SUCCESS": "miopenStatusSuccess",
    "CUDNN_STATUS_NOT_INITIALIZED": "miopenStatusNotInitialized",
    "CUDNN_STATUS_ALLOC_FAILED": "miopenStatusAllocFailed",
    "CUDNN_STATUS_BAD_PARAM": "miopenStatusBadParm",
    "CUDNN_STATUS_INTERNAL_ERROR": "miopenStatusInternalError",
    "CUDNN_STATUS_NOT_SUPPORTED": "miopenStatusUnsupportedOp",
}
DATA_TYPES = (
    "R_16F",
    "C_16F",
    "R_32F",
    "C_32F",
    "R_64F",
    "C_64F",
    "R_8I",
    "C_8I",
    "R_8U",
    "C_8U",
    "R_32I",
    "C_32I",
    "R_32U",
    "C_32U",
    "R_16BF",
    "C_16BF",
    "R_4I",
    "C_4I",
    "R_4U",
    "C_4U",
    "R_16I",
    "C_16I",
    "R_16U",
    "C_16U",
    "R_64I",
    "C_64I",
    "R_64U",
    "C_64U",
)
ROCBLAS_DT = {
    "R_16F": "f16_r",
    "R_32F": "f32_r",
    "R_64F": "f64_r",
    "C_16F": "f16_c",
    "C_32F": "f32_c",
    "C_64F": "f64_c",
    "R_8I": "i8_r",
    "R_8U": "u8_r",
    "R_32I": "i32_r",
    "R_32U": "u32_r",
    "C_8I": "i8_c",
    "C_8U": "u8_c",
    "C_32I": "i32_c",
    "C_32U": "u32_c",
    "R_16BF": "bf16_r",
    "C_16BF": "bf16_c",
}
HIPBLAS_DT = {"R_16BF": "R_16B", "C_16BF": "C_16B"}


def declared(mirrors: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for lib, (repo, folder) in HEADERS.items():
        git = ["git", "-C", str(mirrors / repo / "repo")]
        paths = subprocess.run(
            [*git, "ls-tree", "-r", "--name-only", "HEAD", folder], capture_output=True, text=True, check=True
        ).stdout.split()
        names: set[str] = set()
        for p in paths:
            if not p.endswith((".h", ".hpp", ".h.in")):
                continue
            text = subprocess.run([*git, "show", f"HEAD:{p}"], capture_output=True, text=True, errors="replace").stdout
            names |= set(re.findall(r"\b\w+\b", re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)))
        out[lib] = names
    return out


def _snake(op: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", op).lower()


def blas_pairs() -> dict[str, str]:
    pairs = dict(BLAS_TYPES)
    for cu, roc in BLAS_HELPERS.items():
        pairs[f"cublas{cu}"] = f"rocblas_{roc}"
        pairs[f"cublas{cu}_v2"] = f"rocblas_{roc}"
    for op in BLAS_OPS:
        for t in "SD":
            name = f"cublas{t}{op}"
            pairs[name] = f"rocblas_{t.lower()}{_snake(op)}"
            pairs[f"{name}_v2"] = pairs[name]
    for t in "SD":
        for op in ("amax", "amin"):
            pairs[f"cublasI{t.lower()}{op}"] = f"rocblas_i{t.lower()}{op}"
            pairs[f"cublasI{t.lower()}{op}_v2"] = f"rocblas_i{t.lower()}{op}"
    return pairs


ROC_HEADERS = {
    "cublas_v2.h": "rocblas/rocblas.h",
    "cublas_api.h": "rocblas/rocblas.h",
    "curand.h": "rocrand/rocrand.h",
    "curand_kernel.h": "rocrand/rocrand_kernel.h",
    "cusparse.h": "rocsparse/rocsparse.h",
    "cusparse_v2.h": "rocsparse/rocsparse.h",
    "cusolverDn.h": "rocsolver/rocsolver.h",
    "cusolver_common.h": "rocsolver/rocsolver.h",
}
_HEAD = (
    "# {what}: HIP mappings used by `cudaport translate --to hip --roc` in place of the hip* wrapper ones.\n"
    "# Drafted by scripts/gen_hip_roc_rules.py (each ROC name checked in the library's public headers); this\n"
    "# file is the source of truth. Names of the family not listed here are unsupported in --roc mode.\n"
    "family: {family}\nsection: roc\nentries:\n"
)


# One example per overlay file (run by tests/targets/hip/test_library_modes.py with the folder's modes).
EXAMPLES = {
    "cublas": """examples:
  - name: handle, gemm and status through rocBLAS
    cuda: |
      cublasCreate(&h);
      cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &a, A, m, B, k, &b, C, m);
      if (cublasDestroy(h) != CUBLAS_STATUS_SUCCESS) return 1;
    hip: |
      rocblas_create_handle(&h);
      rocblas_sgemm(h, rocblas_operation_none, rocblas_operation_none, m, n, k, &a, A, m, B, k, &b, C, m);
      if (rocblas_destroy_handle(h) != rocblas_status_success) return 1;
""",
    "curand": """examples:
  - name: generator through rocRAND
    cuda: |
      curandCreateGenerator(&g, CURAND_RNG_PSEUDO_DEFAULT);
      curandGenerateUniform(g, d, n);
    hip: |
      rocrand_create_generator(&g, ROCRAND_RNG_PSEUDO_DEFAULT);
      rocrand_generate_uniform(g, d, n);
""",
    "cusparse": """examples:
  - name: handle and matrix descriptor through rocSPARSE
    cuda: |
      cusparseCreate(&h);
      cusparseSetMatType(descr, CUSPARSE_MATRIX_TYPE_GENERAL);
    hip: |
      rocsparse_create_handle(&h);
      rocsparse_set_mat_type(descr, rocsparse_matrix_type_general);
""",
    "cusolver": """examples:
  - name: LU through rocSOLVER, which needs no workspace
    cuda: |
      cusolverDnDgetrf_bufferSize(h, n, n, A, n, &lwork);
      cusolverDnDgetrf(h, n, n, A, n, work, ipiv, info);
    hip: |
      (*(&lwork) = 0, rocblas_status_success);
      rocsolver_dgetrf(h, n, n, A, n, ipiv, info);
""",
    "headers": """examples:
  - name: library headers become the ROC ones
    cuda: |
      #include <cublas_v2.h>
      #include <curand_kernel.h>
    hip: |
      #include <rocblas/rocblas.h>
      #include <rocrand/rocrand_kernel.h>
""",
    "library-data-types": """examples:
  - name: cudaDataType as hipblasDatatype_t
    cuda: |
      cudaDataType t = CUDA_R_32F;
    hip: |
      hipblasDatatype_t t = HIPBLAS_R_32F;
""",
    "roc+library-data-types": """examples:
  - name: cudaDataType as rocblas_datatype
    cuda: |
      cudaDataType t = CUDA_C_64F;
    hip: |
      rocblas_datatype t = rocblas_datatype_f64_c;
""",
}


def _line(name: str, kind: str, value: str) -> str:
    return f"  {name}: {{kind: {kind}, hip: {value}}}\n"


def write_overlays(rules, have: dict[str, set[str]]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """rules/modes/roc/*.yaml, rules/modes/library-data-types/*.yaml and rules/modes/roc+library-data-types/."""
    counts: dict[str, int] = {}
    roc = ROOT / "rules" / "modes" / "roc"
    roc.mkdir(parents=True, exist_ok=True)
    for fname, family, lib, pairs in (
        ("cublas", "libs/cublas", "rocblas", blas_pairs()),
        ("curand", "libs/curand", "rocrand", RAND),
        ("cusparse", "libs/cusparse", "rocsparse", SPARSE),
        ("cusolver", "libs/cusolver", "rocblas", SOLVER),
    ):
        body = ""
        for cu, r in sorted(pairs.items()):
            if r in have[lib] and cu in rules:
                body += _line(cu, rules.get(cu).kind, r)
        if fname == "cusolver":
            for cu, (r, tpl) in sorted(SOLVER_CALLS.items()):
                if cu in rules and (r is None or r in have["rocsolver"]):
                    note = (
                        "rocSOLVER needs no workspace: the size is 0"
                        if r is None
                        else "rocSOLVER allocates its workspace itself: the workspace argument is dropped"
                    )
                    body += f'  {cu}: {{kind: function, hip: {{template: "{tpl}", note: "{note}"}}}}\n'
        counts[fname] = body.count("\n")
        (roc / f"{fname}.yaml").write_text(
            _HEAD.format(what=f"{family} -> {lib}", family=family) + body + EXAMPLES[fname]
        )
    heads = "".join(_line(h, "header", r) for h, r in ROC_HEADERS.items())
    (roc / "headers.yaml").write_text(
        _HEAD.format(what="library headers", family="headers") + heads + EXAMPLES["headers"]
    )
    counts["headers"] = len(ROC_HEADERS)
    for mode, spell in (
        ("library-data-types", lambda d: f"HIPBLAS_{HIPBLAS_DT.get(d, d)}"),
        ("roc+library-data-types", lambda d: f"rocblas_datatype_{ROCBLAS_DT[d]}"),
    ):
        lib = "hipblas" if mode == "library-data-types" else "rocblas"
        type_name = "hipblasDatatype_t" if lib == "hipblas" else "rocblas_datatype"
        body = "".join(
            _line(t, "type", type_name) for t in ("cudaDataType", "cudaDataType_t") if type_name in have[lib]
        )
        body += "".join(
            _line(f"CUDA_{d}", "enum", spell(d))
            for d in DATA_TYPES
            if (d in ROCBLAS_DT or lib == "hipblas") and spell(d) in have[lib]
        )
        folder = ROOT / "rules" / "modes" / mode
        folder.mkdir(parents=True, exist_ok=True)
        what = (
            "cudaDataType values as hipBLAS's hipblasDatatype_t (`--library-data-types`)"
            if lib == "hipblas"
            else "cudaDataType values as rocBLAS's rocblas_datatype (`--roc --library-data-types`)"
        )
        head = _HEAD.replace(
            "used by `cudaport translate --to hip --roc` in place of the hip* wrapper ones",
            "in place of HIP's hipDataType",
        ).replace(" Names of the family not listed here are unsupported in --roc mode.", "")
        (folder / "data_types.yaml").write_text(head.format(what=what, family="runtime") + body + EXAMPLES[mode])
        counts[mode] = body.count("\n")
    return counts


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from translator.engine.ruleset import load_rules

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--write", action="store_true", help="write rules/modes/ (overwrites those files)")
    args = ap.parse_args()
    have = declared(args.mirrors)
    rules = load_rules()
    report: dict[str, tuple[int, list[str]]] = {}
    for lib, pairs in (
        ("rocblas", blas_pairs()),
        ("rocrand", RAND),
        ("rocsparse", SPARSE),
        ("rocblas", SOLVER),
        ("hipblaslt", LT),
        ("miopen", DNN),
    ):
        kept = {c: r for c, r in pairs.items() if r in have[lib] and c in rules}
        absent = sorted(c for c in pairs if c not in rules)
        dropped = sorted(f"{c}->{r}" for c, r in pairs.items() if r not in have[lib])
        report[f"{lib} ({len(pairs)} pairs)"] = (len(kept), dropped + [f"no CUDA rule: {a}" for a in absent])
    for key, (n, notes) in report.items():
        print(f"{key}: {n} kept; {', '.join(notes) or 'none dropped'}")
    missing_dt = [f"HIP_{d}" for d in DATA_TYPES if f"HIPBLAS_{HIPBLAS_DT.get(d, d)}" not in have["hipblas"]]
    print("hipBLAS data types missing:", missing_dt)
    print(
        "rocBLAS data types missing:",
        [v for v in ROCBLAS_DT.values() if f"rocblas_datatype_{v}" not in have["rocblas"]],
    )
    solver = [r for r, _ in SOLVER_CALLS.values() if r and r not in have["rocsolver"]]
    print("rocSOLVER calls missing:", solver)
    if args.write:
        print("written:", write_overlays(rules, have))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
