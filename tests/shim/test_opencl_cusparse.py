"""cuSPARSE's generic API on the OpenCL shim (include/cudaport_cusparse.h, src/cusparse*.cpp): SpMM (CSR and COO),
SpMV, batched SDDMM, Axpby, dense<->sparse conversions, SpSM (plain and transposed) and SpGEMM agree with host
loops on odd sizes, float and double, 32- and 64-bit indices, both index bases, operands at offsets inside one
allocation; on both device-pointer paths. The corpus case runs the translated CUDA program against NumPy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_program
from .test_opencl_shim_oclgrind import oclgrind_errors

pytestmark = pytest.mark.opencl

PATHS = [pytest.param({}, id="svm"), pytest.param({"CUDAPORT_OPENCL_SVM": "0"}, id="handle-table")]
STEPS = ("spmm csr float", "spmm spmv coo double", "sddmm batched", "axpby", "conversions", "spsm",
         "spsm transposed", "spgemm")


@pytest.mark.parametrize("env", PATHS)
def test_cusparse_calls_match_host_loops(build_program: Callable[[str], Path], env) -> None:
    proc = run_program(build_program("cusparse_calls"), env=env, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in STEPS:
        assert f"ok {step}\n" in proc.stdout
    # the one unsupported case the program tries (16-bit indices) is refused, not computed wrongly
    assert "cusparseAxpby: CUSPARSE_INDEX_16U is not supported" in proc.stderr


@pytest.mark.oclgrind
def test_cusparse_kernels_are_clean_under_oclgrind(build_program: Callable[[str], Path]) -> None:
    """The layer's own kernels on the handle-table path (Oclgrind has no SVM): no invalid access, no data race."""
    proc = run_program(build_program("cusparse_calls"), oclgrind=True, env={"CUDAPORT_OPENCL_VERBOSE": "1"},
                       timeout=600)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("PASS"), proc.stdout + proc.stderr
    assert "Oclgrind" in proc.stderr and "device pointers: handle table" in proc.stderr, proc.stderr
    assert oclgrind_errors(proc.stderr) == [], proc.stderr


@pytest.mark.parametrize("env", PATHS)
def test_cusparse_corpus_case_matches_numpy_on_both_pointer_paths(env, tmp_path: Path) -> None:
    """The corpus case (translated CUDA host code calling cuSPARSE between kernels) against its NumPy oracle."""
    case = Path(__file__).resolve().parents[2] / "corpus" / "cases" / "cusparse_generic"
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(case), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                         timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
