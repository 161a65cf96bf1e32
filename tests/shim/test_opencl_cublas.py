"""cuBLAS on CLBlast through the OpenCL shim (include/cudaport_cublas.h, src/cublas.cpp, src/clblast_calls.cpp):
gemm, gemv, reductions, device pointer mode and geam agree with host loops, with operands at offsets inside
one allocation, on both device-pointer paths. Skips when CLBlast (libclblast1) is not installed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PATHS, run_corpus_case, run_program

pytestmark = pytest.mark.opencl


@pytest.mark.parametrize("env", PATHS)
def test_cublas_calls_match_host_loops(clblast, build_program: Callable[[str], Path], env) -> None:
    proc = run_program(build_program("cublas_calls"), env=env, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in ("dgemm", "dgemv", "reductions", "device pointer mode", "sgeam"):
        assert f"ok {step}" in proc.stdout


@pytest.mark.parametrize("env", PATHS)
def test_cublas_corpus_case_matches_numpy_on_both_pointer_paths(clblast, env, tmp_path: Path) -> None:
    """The corpus case (translated CUDA host code calling cuBLAS between kernels) against its NumPy oracle."""
    res, data = run_corpus_case("cublas_gemm_gemv_dot", env, tmp_path)
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
