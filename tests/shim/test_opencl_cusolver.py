"""cuSOLVER's dense LU and Cholesky on the OpenCL shim (include/cudaport_cusolver.h, src/cusolver.cpp, host copies
with src/cp_lapack.hpp): the corpus case (translated CUDA host code: getrf and getrs with and without transpose at
lda > n, potrf in the upper triangle, devInfo, an invalid lda refused) against its NumPy oracle (np.linalg and
LAPACK's pivoting) on both device-pointer paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.opencl

PATHS = [pytest.param({}, id="svm"), pytest.param({"CUDAPORT_OPENCL_SVM": "0"}, id="handle-table")]


@pytest.mark.parametrize("env", PATHS)
def test_cusolver_corpus_case_matches_numpy_on_both_pointer_paths(env, tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "corpus" / "cases" / "cusolver_lu_cholesky"
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(case), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")],
                         capture_output=True, text=True, timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    if data and data["cases"][0].get("verdicts", {}) == {"pocl": "skip"}:
        pytest.skip("PoCL not available")
    assert res.returncode == 0 and all(c["ok"] for c in data["cases"]), res.stdout[-3000:] + res.stderr[-3000:]
