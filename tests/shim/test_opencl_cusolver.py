"""cuSOLVER's dense LU and Cholesky on the OpenCL shim (include/cudaport_cusolver.h, src/cusolver.cpp, host copies
with src/cp_lapack.hpp): the corpus case (translated CUDA host code: getrf and getrs with and without transpose at
lda > n, potrf in the upper triangle, devInfo, an invalid lda refused) against its NumPy oracle (np.linalg and
LAPACK's pivoting) on both device-pointer paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import PATHS, run_corpus_case

pytestmark = pytest.mark.opencl


@pytest.mark.parametrize("env", PATHS)
def test_cusolver_corpus_case_matches_numpy_on_both_pointer_paths(env, tmp_path: Path) -> None:
    res, data = run_corpus_case("cusolver_lu_cholesky", env, tmp_path)
    if data and data["cases"][0].get("verdicts", {}) == {"pocl": "skip"}:
        pytest.skip("PoCL not available")
    assert res.returncode == 0 and all(c["ok"] for c in data["cases"]), res.stdout[-3000:] + res.stderr[-3000:]
