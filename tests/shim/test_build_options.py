"""The shim's build options: a user's CUDAPORT_OPENCL_BUILD_OPTIONS reach the OpenCL compiler, and programs
using the warp emulation are built without optimisation on PoCL (see runtime_shim/opencl/README.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.opencl, pytest.mark.slow]


def _build(tmp_path: Path, program: str) -> Path:
    out = tmp_path / program
    for args in (["translate", str(REPO / "corpus" / "programs" / program), "--to", "opencl", "-o", str(out), "-q"],
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


def test_warp_emulation_is_built_without_optimisation_on_pocl_and_user_options_reach_the_compiler(
        tmp_path: Path) -> None:
    warp = _build(tmp_path, "warp_vote")
    assert "-cl-opt-disable" in _options_used(warp)
    assert "-DCP_USER_FLAG=1" in _options_used(warp, CUDAPORT_OPENCL_BUILD_OPTIONS="-DCP_USER_FLAG=1")
    plain = _build(tmp_path, "vector_add")
    assert "-cl-opt-disable" not in _options_used(plain)
