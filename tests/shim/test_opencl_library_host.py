"""Library calls the OpenCL shim runs in host code (include/cudaport_thrust.h, cudaport_cub_device.h,
src/cublas_getrf.cpp): thrust's containers and algorithms on device ranges of sizes 1, 7, 1000 and 100003, CUB's
device-wide algorithms (float radix order, descending sorts, empty inputs) and input iterators, cuRAND's host API
(MRG32k3a) and batched LU factorisation, against
host loops, on both device-pointer paths (SVM and the handle table)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PATHS, run_program

pytestmark = pytest.mark.opencl


def _passes(proc, steps: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    for step in steps:
        assert f"ok {step}" in proc.stdout


@pytest.mark.parametrize("env", PATHS)
def test_thrust_algorithms_match_host_loops(build_program: Callable[[str], Path], env) -> None:
    _passes(run_program(build_program("thrust_calls"), env=env, timeout=600),
            ("containers", "sort", "reduce scan", "transform copy"))


@pytest.mark.parametrize("env", PATHS)
def test_cub_curand_host_and_getrf_batched_match_host_loops(build_program: Callable[[str], Path], env) -> None:
    _passes(run_program(build_program("library_host_calls"), env=env, timeout=600),
            ("cub", "curand", "sgetrf", "dgetrf"))


@pytest.mark.parametrize("env", PATHS)
def test_cub_input_iterators_with_cub_alone_match_host_loops(build_program: Callable[[str], Path], env) -> None:
    """CUB's iterators (thrust's under CUB's names) with only cudaport_cub.h included: host arithmetic, and as
    inputs a transformed device pointer (also nested), counting, constant and transformed counting iterators."""
    _passes(run_program(build_program("cub_iterators"), env=env, timeout=600),
            ("host arithmetic", "transformed device pointer", "computed inputs", "flagged"))
