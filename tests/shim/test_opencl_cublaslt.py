"""cuBLASLt's plain matmul on the OpenCL shim (include/cudaport_cublaslt.h, src/cublaslt.cpp: CLBlast gemm and the
shim's bias/ReLU epilogue kernel): the corpus case (translated CUDA host code; float with transposed A and ReLU+bias,
double with beta, a distinct C and bias) against its NumPy oracle on both device-pointer paths, and the attributes
the layer does not implement refused with CUBLAS_STATUS_NOT_SUPPORTED. Skips when CLBlast is not installed."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
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
def test_cublaslt_corpus_case_matches_numpy_on_both_pointer_paths(clblast, env, tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "corpus" / "cases" / "cublaslt_matmul_epilogues"
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(case), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                         timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]


def test_cublaslt_refuses_what_it_does_not_implement(clblast, build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("cublaslt_refusals"), timeout=300)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
