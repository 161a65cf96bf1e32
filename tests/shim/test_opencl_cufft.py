"""cuFFT on clFFT through the OpenCL shim (include/cudaport_cufft.h, src/cufft.cpp): batched C2C with an
unnormalised inverse, cufftPlanMany's advanced layout, in-place 3D R2C and C2R agree with direct DFT loops, with
data at unaligned and aligned offsets inside allocations, on both device-pointer paths; the corpus case
(translated CUDA host code calling cuFFT between kernels that use cuComplex.h) against its NumPy oracle on both
paths. Skips when clFFT (libclfft2) is not installed."""

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
def clfft() -> None:
    if not ctypes.util.find_library("clFFT"):
        pytest.skip("clFFT not installed (apt-get install libclfft-dev)")


@pytest.mark.parametrize("env", PATHS)
def test_cufft_calls_match_dft_loops(clfft, build_program: Callable[[str], Path], env) -> None:
    proc = run_program(build_program("cufft_calls"), env=env, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in ("c2c", "advanced layout", "real 3d"):
        assert f"ok {step}" in proc.stdout


@pytest.mark.parametrize("env", PATHS)
def test_cufft_corpus_case_matches_numpy_on_both_pointer_paths(clfft, env, tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "corpus" / "cases" / "cufft_plans_complex"
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(case), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                         timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
