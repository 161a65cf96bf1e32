"""The OpenCL runtime shim builds as documented: the Makefile produces libcudaport_opencl.a, and the
header is C-compatible (a C program links against the library)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import SHIM, ShimBuild, run_program

pytestmark = [pytest.mark.opencl, pytest.mark.make, pytest.mark.gxx]


def test_makefile_builds_the_static_library(tmp_path: Path) -> None:
    cmd = ["make", "-C", str(SHIM), f"BUILD={tmp_path / 'b'}", "CXXFLAGS=-O0", "-j2"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "b" / "libcudaport_opencl.a").stat().st_size > 0


def test_header_is_c_compatible(shim_build: ShimBuild, tmp_path: Path) -> None:
    src = tmp_path / "prog.c"
    src.write_text(
        '#include "cudaport_opencl.h"\n#include <stdio.h>\n'
        "int main(void) {\n"
        "    dim3 g = {2, 1, 1}; float4 f = make_float4(1, 2, 3, 4); int *d = 0; int h = 0;\n"
        "    if (cudaMalloc((void**)&d, sizeof(int)) != cudaSuccess) return 1;\n"
        "    if (cudaMemset(d, 1, sizeof(int)) != cudaSuccess) return 2;\n"
        "    if (cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost) != cudaSuccess) return 3;\n"
        "    printf(\"%u %g %x %s\\n\", g.x, f.w, (unsigned)h, cudaGetErrorName(cudaGetLastError()));\n"
        "    return cudaFree(d) == cudaSuccess ? 0 : 4;\n}\n")
    exe = tmp_path / "prog"
    proc = subprocess.run(["gcc", "-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror", "-I",
                           str(shim_build.include), str(src), str(shim_build.lib), "-lOpenCL", "-lstdc++",
                           "-lpthread", "-o", str(exe)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = run_program(exe)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "2 4 1010101 cudaSuccess"
