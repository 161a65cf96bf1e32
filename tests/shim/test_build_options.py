"""The shim's build options: a user's CUDAPORT_OPENCL_BUILD_OPTIONS reach the OpenCL compiler, programs the
translator marks CP_POCL_NO_OPT are built without optimisation on PoCL, and programs using the warp emulation
are built optimised (see runtime_shim/opencl/README.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.opencl, pytest.mark.slow]


# a loop that reaches a barrier after a `continue` (poclopt.py): marked CP_POCL_NO_OPT
NO_OPT = r"""
#include <cstdio>
#include <cuda_runtime.h>
__global__ void k(const int* c, int* out, int n)
{
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        if (c[i] < 0) continue;
        __syncthreads();
        if (threadIdx.x == 0) out[i] = 1;
    }
}
int main()
{
    const int n = 64;
    int h[n], *c, *out;
    for (int i = 0; i < n; i++) h[i] = i % 3 == 0 ? -1 : 1;
    cudaMalloc(&c, sizeof(h));
    cudaMalloc(&out, sizeof(h));
    cudaMemcpy(c, h, sizeof(h), cudaMemcpyHostToDevice);
    cudaMemset(out, 0, sizeof(h));
    k<<<8, 16>>>(c, out, n);
    cudaMemcpy(h, out, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < n; i++)
        if (h[i] != (i % 3 == 0 ? 0 : 1)) { printf("FAIL at %d\n", i); return 1; }
    printf("PASS\n");
    return 0;
}
"""


def _build(tmp_path: Path, program: str, source: Path | None = None) -> Path:
    out = tmp_path / program
    src = source or REPO / "corpus" / "programs" / program
    for args in (["translate", str(src), "--to", "opencl", "-o", str(out), "-q"],
                 ["build", str(out), "-q"]):
        r = subprocess.run([sys.executable, "-m", "translator.cli", *args], capture_output=True, text=True,
                           timeout=600)
        assert r.returncode == 0, r.stderr
    return out / "build" / program


def _options_used(exe: Path, **env: str) -> str:
    r = subprocess.run([str(exe)], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "CUDAPORT_OPENCL_VERBOSE": "1", "CUDAPORT_OPENCL_DEVICE": "pocl", **env})
    assert r.returncode == 0, r.stdout + r.stderr
    return "\n".join(line for line in r.stderr.splitlines() if "with options" in line)


def test_only_marked_programs_are_built_without_optimisation_on_pocl_and_user_options_reach_the_compiler(
        tmp_path: Path) -> None:
    warp = _build(tmp_path, "warp_vote")
    assert "with options" in _options_used(warp) and "-cl-opt-disable" not in _options_used(warp)
    assert "-DCP_USER_FLAG=1" in _options_used(warp, CUDAPORT_OPENCL_BUILD_OPTIONS="-DCP_USER_FLAG=1")
    plain = _build(tmp_path, "vector_add")
    assert "-cl-opt-disable" not in _options_used(plain)
    src = tmp_path / "src" / "no_opt"
    src.mkdir(parents=True)
    (src / "no_opt.cu").write_text(NO_OPT)
    marked = _build(tmp_path, "no_opt", src)
    assert "#define CP_POCL_NO_OPT" in (tmp_path / "no_opt" / "no_opt.cl").read_text()
    assert "-cl-opt-disable" in _options_used(marked)
