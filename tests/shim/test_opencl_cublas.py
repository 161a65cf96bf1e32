"""cuBLAS on CLBlast through the OpenCL shim (include/cudaport_cublas.h, src/cublas.cpp, src/clblast_calls.cpp):
gemm, gemv, reductions, device pointer mode and geam agree with host loops, with operands at offsets inside
one allocation, on both device-pointer paths. Skips when CLBlast (libclblast1) is not installed."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import tool_missing

from .conftest import run_program

pytestmark = pytest.mark.opencl

PATHS = [pytest.param({}, id="svm"), pytest.param({"CUDAPORT_OPENCL_SVM": "0"}, id="handle-table")]


@pytest.fixture(scope="module")
def clblast() -> None:
    if not ctypes.util.find_library("clblast"):
        tool_missing("CLBlast not installed (apt-get install libclblast-dev)")


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
    case = Path(__file__).resolve().parents[2] / "corpus" / "cases" / "cublas_gemm_gemv_dot"
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(case), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                         timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
