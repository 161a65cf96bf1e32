"""Behaviour of the OpenCL runtime shim (runtime_shim/opencl) on the default OpenCL device (PoCL here):
C++ programs in tests/shim/cpp call the CUDA runtime API through the shim and assert the results;
each runs on the SVM path and, where it matters, on the handle-table path (CUDAPORT_OPENCL_SVM=0)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_program

pytestmark = pytest.mark.opencl

SVM = {}
HANDLES = {"CUDAPORT_OPENCL_SVM": "0"}
PATHS = [pytest.param(SVM, "svm", id="svm"), pytest.param(HANDLES, "handles", id="handle-table")]


def _passes(proc) -> None:
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_every_memcpy_kind_and_pointer_arithmetic(build_program: Callable[[str], Path], env, path) -> None:
    _passes(run_program(build_program("memcpy_kinds"), path, env=env))


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_last_error_is_cleared_unless_sticky(build_program: Callable[[str], Path], env, path) -> None:
    _passes(run_program(build_program("errors"), env=env))


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_streams_are_ordered_and_events_time_monotonically(build_program: Callable[[str], Path], env,
                                                           path) -> None:
    proc = run_program(build_program("streams_events"), env=env)
    _passes(proc)
    assert "ok event timing" in proc.stdout


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_symbols_and_dynamic_local_memory(build_program: Callable[[str], Path], env, path) -> None:
    _passes(run_program(build_program("symbols_local"), env=env))


def test_managed_memory_on_fine_grain_svm(build_program: Callable[[str], Path]) -> None:
    _passes(run_program(build_program("managed"), "ok"))


def test_managed_memory_falls_back_to_coarse_grain_map_unmap(build_program: Callable[[str], Path]) -> None:
    _passes(run_program(build_program("managed"), "ok", env={"CUDAPORT_OPENCL_MANAGED": "coarse"}))


def test_managed_memory_is_not_supported_without_svm(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("managed"), "unsupported", env=HANDLES)
    _passes(proc)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "cudaMallocManaged" in lines[0], proc.stderr


def test_device_properties_are_sane(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("device_props"))
    _passes(proc)
    assert "warp 32" in proc.stdout


def test_missing_device_prints_one_line_and_returns_no_device(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("device_props"), "nodevice",
                       env={"CUDAPORT_OPENCL_DEVICE": "no-such-device-xyzzy"})
    _passes(proc)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("cudaport: no OpenCL device found (install PoCL: "), lines[0]
    assert "no-such-device-xyzzy" in lines[0]


def test_device_is_chosen_by_name_substring(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("device_props"), env={"CUDAPORT_OPENCL_DEVICE": "PORTABLE",
                                                           "CUDAPORT_OPENCL_VERBOSE": "1"})
    _passes(proc)
    assert "cudaport: OpenCL device 'Portable Computing Language / " in proc.stderr


def test_device_substring_also_matches_platform_version(build_program: Callable[[str], Path]) -> None:
    # PoCL's platform is named "Portable Computing Language"; "pocl" is only in its version string
    proc = run_program(build_program("device_props"), env={"CUDAPORT_OPENCL_DEVICE": "pocl",
                                                           "CUDAPORT_OPENCL_VERBOSE": "1"})
    _passes(proc)
    assert "cudaport: OpenCL device 'Portable Computing Language / " in proc.stderr


def test_build_error_names_the_cl_file_and_shows_the_build_log(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("build_and_lookup"), "1")
    _passes(proc)
    assert "cudaport: OpenCL build of 'broken_kernels.cl'" in proc.stderr
    assert "undeclared_thing_42" in proc.stderr  # from the OpenCL build log
    assert proc.stderr.count("cudaport: OpenCL build of") == 1  # reported once, not per launch


def _lookup_variant(directory: Path, value: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lookup.cl").write_text(
        "__kernel void which(__global int* out\n#ifdef CUDAPORT_NO_SVM\n, ulong out_cpoff\n#endif\n) {\n"
        "#ifdef CUDAPORT_NO_SVM\nout = (__global int*)((__global char*)out + out_cpoff);\n#endif\n"
        f"out[0] = {value}; }}\n")


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_kernel_file_lookup_order(build_program: Callable[[str], Path], tmp_path: Path, env, path) -> None:
    exe_dir = tmp_path / "bin"
    exe_dir.mkdir()
    exe = exe_dir / "build_and_lookup"
    exe.write_bytes(build_program("build_and_lookup").read_bytes())
    exe.chmod(0o755)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    # Nothing on disk: the embedded copy.
    _passes(run_program(exe, "1", env=env, cwd=cwd))
    # The current directory is the last resort.
    _lookup_variant(cwd, 4)
    _passes(run_program(exe, "4", env=env, cwd=cwd))
    # The executable's directory comes before the current directory.
    _lookup_variant(exe_dir, 2)
    _passes(run_program(exe, "2", env=env, cwd=cwd))
    # $CUDAPORT_KERNEL_PATH comes first (colon-separated, missing entries skipped).
    _lookup_variant(tmp_path / "kp", 3)
    kernel_path = f"{tmp_path / 'nothing'}:{tmp_path / 'kp'}"
    _passes(run_program(exe, "3", env={**env, "CUDAPORT_KERNEL_PATH": kernel_path}, cwd=cwd))


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_kernels_are_found_by_name_text_not_name_address(build_program: Callable[[str], Path], env, path) -> None:
    _passes(run_program(build_program("kernel_names"), env=env))


@pytest.mark.parametrize(("env", "path"), PATHS)
def test_stream_ordered_allocation_and_the_default_pool(build_program: Callable[[str], Path], env, path) -> None:
    _passes(run_program(build_program("mempool"), env=env))


def test_cuda_host_math_and_bit_casts(build_program: Callable[[str], Path]) -> None:
    _passes(run_program(build_program("host_math")))



def test_allocation_past_the_device_limit_is_host_memory_on_pocl(build_program: Callable[[str], Path]) -> None:
    # OpenCL refuses one buffer past CL_DEVICE_MAX_MEM_ALLOC_SIZE (PoCL: a quarter of its memory) where CUDA
    # allocates it (a 5.4 GB cudaMalloc on a 23 GB machine); PoCL's CPU device takes host memory as SVM
    proc = run_program(build_program("too_big"), "host")
    _passes(proc)
    assert not proc.stderr.strip(), proc.stderr


def test_allocation_past_the_device_limit_fails_out_loud_without_svm(build_program: Callable[[str], Path]) -> None:
    # a program that does not check cudaMalloc would fault on the null pointer, so the shim names the failure
    proc = run_program(build_program("too_big"), "refused", env=HANDLES)
    _passes(proc)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "CL_DEVICE_MAX_MEM_ALLOC_SIZE" in lines[0], proc.stderr
    assert lines[0].startswith("cudaport: error: cudaMalloc of "), lines[0]
