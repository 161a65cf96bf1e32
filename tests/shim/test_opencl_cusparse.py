"""cuSPARSE's generic API on the OpenCL shim (include/cudaport_cusparse.h, src/cusparse*.cpp): SpMM (CSR and COO),
SpMV, batched SDDMM, Axpby, dense<->sparse conversions, SpSM (plain and transposed) and SpGEMM agree with host
loops on odd sizes, float and double, 32- and 64-bit indices, both index bases, operands at offsets inside one
allocation; on both device-pointer paths. The handle and descriptor calls keep what they are given and refuse
invalid arguments with cuSPARSE's status. The corpus case runs the translated CUDA program against NumPy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PATHS, run_corpus_case, run_program
from .test_opencl_shim_oclgrind import oclgrind_errors

pytestmark = pytest.mark.opencl

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


@pytest.mark.parametrize("env", PATHS)
def test_cusparse_descriptors_keep_their_arguments_and_refuse_invalid_ones(build_program: Callable[[str], Path],
                                                                          env) -> None:
    """The handle's and the descriptors' create/get/set/destroy calls, with the invalid arguments each refuses."""
    proc = run_program(build_program("cusparse_descriptors"), env=env, timeout=300)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in ("handle", "sparse matrices", "dense and vectors", "algorithm descriptors"):
        assert f"ok {step}\n" in proc.stdout


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
    res, data = run_corpus_case("cusparse_generic", env, tmp_path)
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
