"""cuBLASLt's plain matmul on the OpenCL shim (include/cudaport_cublaslt.h, src/cublaslt.cpp: CLBlast gemm and the
shim's bias/ReLU epilogue kernel): the corpus case (translated CUDA host code; float with transposed A and ReLU+bias,
double with beta, a distinct C and bias) against its NumPy oracle on both device-pointer paths, and the attributes
the layer does not implement refused with CUBLAS_STATUS_NOT_SUPPORTED. Skips when CLBlast is not installed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PATHS, run_corpus_case, run_program

pytestmark = pytest.mark.opencl


@pytest.mark.parametrize("env", PATHS)
def test_cublaslt_corpus_case_matches_numpy_on_both_pointer_paths(clblast, env, tmp_path: Path) -> None:
    res, data = run_corpus_case("cublaslt_matmul_epilogues", env, tmp_path)
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]


def test_cublaslt_refuses_what_it_does_not_implement(clblast, build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("cublaslt_refusals"), timeout=300)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
