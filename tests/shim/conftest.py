"""Fixtures and helpers for the OpenCL runtime shim tests: build libcudaport_opencl.a once per session, compile the
C++ test programs in tests/shim/cpp against it, run them (optionally under Oclgrind); run a corpus case (translated
CUDA host code) with `cudaport test` on PoCL; PATHS, the two device-pointer paths the tests are parametrised over;
the `clblast` and `clfft` fixtures for the library layers that load them.
Inputs: runtime_shim/opencl/{include,src}, corpus/cases; outputs: executables in a session temp dir.
Skips (fails with CUDAPORT_REQUIRE_TOOLS=1) when g++, the OpenCL headers/loader, an OpenCL platform, or the library a
test needs is missing."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_dir, shared_lock, tool_missing

REPO = Path(__file__).resolve().parents[2]
SHIM = REPO / "runtime_shim" / "opencl"
CPP_DIR = Path(__file__).resolve().parent / "cpp"
CASES = REPO / "corpus" / "cases"
CXXFLAGS = ["-std=c++17", "-O1", "-Wall", "-Wextra"]

# The two device-pointer paths: SVM (the default where the device has it) and the handle table.
PATHS = [pytest.param({}, id="svm"), pytest.param({"CUDAPORT_OPENCL_SVM": "0"}, id="handle-table")]


def _opencl_platform_count() -> int:
    name = ctypes.util.find_library("OpenCL")
    if not name:
        return 0
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return 0
    count = ctypes.c_uint(0)
    if lib.clGetPlatformIDs(0, None, ctypes.byref(count)) != 0:
        return 0
    return count.value


def _missing_toolchain() -> str | None:
    if shutil.which("g++") is None:
        return "g++ not found"
    if not Path("/usr/include/CL/cl.h").exists():
        return "OpenCL headers not installed (apt: opencl-headers ocl-icd-opencl-dev)"
    if _opencl_platform_count() == 0:
        return "no OpenCL platform (apt: pocl-opencl-icd)"
    return None


@dataclass(frozen=True)
class ShimBuild:
    """The shim library built for this session and where test executables go."""

    lib: Path
    include: Path
    out: Path


@pytest.fixture(scope="session")
def shim_build(tmp_path_factory: pytest.TempPathFactory) -> ShimBuild:
    """libcudaport_opencl.a built once per test run (the xdist workers share it)."""
    reason = _missing_toolchain()
    if reason:
        tool_missing(f"OpenCL shim tests need {reason}")
    out = shared_dir(tmp_path_factory, "shim_opencl")
    lib = out / "libcudaport_opencl.a"
    with shared_lock(out / "build.lock"):
        if not lib.is_file():
            objs = []
            procs = []
            for src in sorted((SHIM / "src").glob("*.cpp")):
                obj = out / (src.stem + ".o")
                objs.append(obj)
                cmd = ["g++", *CXXFLAGS, "-fPIC", "-I", str(SHIM / "include"), "-c", str(src), "-o", str(obj)]
                procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
            for proc in procs:
                log, _ = proc.communicate()
                assert proc.returncode == 0, log
            subprocess.run(["ar", "rcs", str(lib), *map(str, objs)], check=True)
    return ShimBuild(lib=lib, include=SHIM / "include", out=out)


@pytest.fixture(scope="session")
def build_program(shim_build: ShimBuild) -> Callable[[str], Path]:
    """Compiles tests/shim/cpp/<name>.cpp against the shim (once per test run); returns the executable."""

    def build(name: str) -> Path:
        exe = shim_build.out / "bin" / name / name
        exe.parent.mkdir(parents=True, exist_ok=True)
        with shared_lock(exe.parent / "build.lock"):
            if not exe.is_file():
                cmd = ["g++", *CXXFLAGS, "-I", str(shim_build.include), "-I", str(CPP_DIR),
                       str(CPP_DIR / f"{name}.cpp"), str(shim_build.lib), "-lOpenCL", "-lpthread", "-o", str(exe)]
                proc = subprocess.run(cmd, capture_output=True, text=True)
                assert proc.returncode == 0, proc.stderr
        return exe

    return build


def run_program(exe: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
                oclgrind: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Runs a test program with extra environment variables; under `oclgrind --data-races` if asked."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_")}
    full_env.update(env or {})
    cmd = [str(exe), *args]
    if oclgrind:
        cmd = ["oclgrind", "--data-races", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=cwd, timeout=timeout)


def run_corpus_case(case: str, env: dict[str, str],
                    tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`cudaport test corpus/cases/<case> --device pocl` with env added to this process's environment; returns the
    process and its --json report ({} when it wrote none)."""
    out = tmp_path / "res.json"
    full_env = {**os.environ, **env}
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(CASES / case), "--device", "pocl",
                          "--json", str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True,
                         text=True, timeout=900, env=full_env)
    data = json.loads(out.read_text()) if out.exists() else {}
    return res, data


@pytest.fixture(scope="session")
def clblast() -> None:
    """CLBlast, which the cuBLAS and cuBLASLt layers load."""
    if not ctypes.util.find_library("clblast"):
        tool_missing("CLBlast not installed (apt-get install libclblast-dev)")


@pytest.fixture(scope="session")
def clfft() -> None:
    """clFFT, which the cuFFT layer loads."""
    if not ctypes.util.find_library("clFFT"):
        tool_missing("clFFT not installed (apt-get install libclfft-dev)")
