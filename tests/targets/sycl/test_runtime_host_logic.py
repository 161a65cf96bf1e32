"""The SYCL helper's host-side logic (error codes and strings, sticky last error, dim3 reversal, pitch,
2D copy checks, handle tables, event timing, CUB's temp-storage protocol) compiled with plain g++ and run: no
SYCL needed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

SHIM = Path(__file__).resolve().parents[3] / "runtime_shim" / "sycl"


@pytest.mark.gxx
def test_host_logic_unit_tests_pass(tmp_path: Path) -> None:
    exe = tmp_path / "test_host_logic"
    build = subprocess.run(["g++", "-std=c++17", "-Wall", "-Wextra", "-Werror", f"-I{SHIM / 'include'}",
                            str(SHIM / "tests" / "test_host_logic.cpp"), "-o", str(exe)],
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("ok ")


@pytest.mark.parametrize("header", ["host_logic.hpp", "cub_temp_storage.hpp"])
def test_host_logic_header_needs_no_sycl(header: str) -> None:
    text = (SHIM / "include" / "cudaport_sycl" / header).read_text()
    includes = [line for line in text.splitlines() if line.startswith("#include")]
    assert includes and not [line for line in includes if "sycl" in line]


@pytest.mark.gxx
@pytest.mark.sycl_headers
def test_dot_product_intrinsics_compute_cudas_values(tmp_path: Path) -> None:
    """cpsycl::dp4a/dp2a_lo/dp2a_hi (header-only, plain host functions) run on the host against the SYCL headers:
    signed and unsigned bytes as CUDA's overloads pick them, hand-computed expected values."""
    from translator.build.toolchains import sycl_include_dir

    exe = tmp_path / "test_dot"
    build = subprocess.run(["g++", "-std=c++17", "-w", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING",
                            f"-I{sycl_include_dir()}", f"-I{SHIM / 'include'}", str(SHIM / "tests" / "test_dot.cpp"),
                            "-o", str(exe)], capture_output=True, text=True, check=False, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    run = subprocess.run([str(exe)], capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stdout
