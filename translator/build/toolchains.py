"""Locating target toolchains shared by the build step, `doctor` and the tests: hipcc, SYCL 2020 headers
(from the intel-sycl-rt wheel or a real SYCL compiler), nvcc and the host C++ compiler.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from pathlib import Path


@functools.cache
def sycl_include_dir() -> Path | None:
    """A directory holding sycl/sycl.hpp: $CUDAPORT_SYCL_INCLUDE, the Python prefix (intel-sycl-rt), oneAPI."""
    candidates = [os.environ.get("CUDAPORT_SYCL_INCLUDE", ""), os.path.join(sys.prefix, "include"),
                  os.path.join(sys.base_prefix, "include"), "/opt/intel/oneapi/compiler/latest/include"]
    for c in candidates:
        if c and Path(c, "sycl", "sycl.hpp").is_file():
            return Path(c)
    return None


def sycl_host_cxx() -> str | None:
    """The host compiler that type-checks SYCL without a SYCL compiler: $CUDAPORT_SYCL_CXX, else clang++ (any
    Debian clang++-NN; hipcc brings clang-15), else $CXX/g++. clang first because g++ 12 cannot parse oneDPL's
    device backend (class template argument deduction in a declaration), which thrust and CUB translations use."""
    wanted = os.environ.get("CUDAPORT_SYCL_CXX")
    if wanted:
        return shutil.which(wanted)
    for name in ("clang++", *(f"clang++-{v}" for v in range(22, 14, -1))):
        found = shutil.which(name)
        if found:
            return found
    compiler = cxx()
    return shutil.which(compiler) if compiler else None


def hipcc() -> str | None:
    return shutil.which("hipcc")


def nvcc() -> str | None:
    """NVIDIA's CUDA compiler: on PATH, else under $CUDA_PATH or /usr/local/cuda."""
    found = shutil.which("nvcc")
    if found:
        return found
    for root in (os.environ.get("CUDA_PATH"), "/usr/local/cuda"):
        if root and Path(root, "bin", "nvcc").is_file():
            return str(Path(root, "bin", "nvcc"))
    return None


def cxx() -> str | None:
    return os.environ.get("CXX") or shutil.which("g++") or shutil.which("clang++")
