"""cuBLAS on CLBlast through the OpenCL shim (include/cudaport_cublas.h, src/cublas.cpp, src/clblast_calls.cpp):
gemm, gemv, reductions, device pointer mode and geam agree with host loops, with operands at offsets inside
one allocation, on both device-pointer paths. Skips when CLBlast (libclblast1) is not installed."""

from __future__ import annotations

import ctypes.util
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_program

pytestmark = pytest.mark.opencl

PATHS = [pytest.param({}, id="svm"), pytest.param({"CUDAPORT_OPENCL_SVM": "0"}, id="handle-table")]


@pytest.fixture(scope="module")
def clblast() -> None:
    if not ctypes.util.find_library("clblast"):
        pytest.skip("CLBlast not installed (apt-get install libclblast-dev)")


@pytest.mark.parametrize("env", PATHS)
def test_cublas_calls_match_host_loops(clblast, build_program: Callable[[str], Path], env) -> None:
    proc = run_program(build_program("cublas_calls"), env=env, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in ("dgemm", "dgemv", "reductions", "device pointer mode", "sgeam"):
        assert f"ok {step}" in proc.stdout
