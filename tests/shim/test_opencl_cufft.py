"""cuFFT on clFFT through the OpenCL shim (include/cudaport_cufft.h, src/cufft.cpp): batched C2C with an
unnormalised inverse, cufftPlanMany's advanced layout, in-place 3D R2C and C2R agree with direct DFT loops, with
data at unaligned and aligned offsets inside allocations, on both device-pointer paths; the corpus case
(translated CUDA host code calling cuFFT between kernels that use cuComplex.h) against its NumPy oracle on both
paths. Skips when clFFT (libclfft2) is not installed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PATHS, run_corpus_case, run_program

pytestmark = pytest.mark.opencl


@pytest.mark.parametrize("env", PATHS)
def test_cufft_calls_match_dft_loops(clfft, build_program: Callable[[str], Path], env) -> None:
    proc = run_program(build_program("cufft_calls"), env=env, timeout=600)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in ("c2c", "advanced layout", "real 3d"):
        assert f"ok {step}" in proc.stdout


@pytest.mark.parametrize("env", PATHS)
def test_cufft_corpus_case_matches_numpy_on_both_pointer_paths(clfft, env, tmp_path: Path) -> None:
    res, data = run_corpus_case("cufft_plans_complex", env, tmp_path)
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
