"""The SYCL type-check without a SYCL compiler: which host compiler checks it, and that oneDPL and oneMKL (the
libraries thrust/CUB and cuBLAS/cuFFT/cuRAND translations use) type-check with it against the installed headers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir


def test_environment_override_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("g++") is None:
        tool_missing("g++ not available")
    monkeypatch.setenv("CUDAPORT_SYCL_CXX", "g++")
    assert sycl_host_cxx() == shutil.which("g++")


def test_clang_preferred_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUDAPORT_SYCL_CXX", raising=False)
    found = sycl_host_cxx()
    assert found is not None
    if any(shutil.which(n) for n in ("clang++", "clang++-15", "clang++-16", "clang++-17", "clang++-19")):
        assert "clang++" in Path(found).name
    else:
        assert Path(found).name in ("g++", "c++") or "clang" in found


_DPL_MKL = """
#include <sycl/sycl.hpp>
#ifndef SYCL_LANGUAGE_VERSION
#define SYCL_LANGUAGE_VERSION 202012
#endif
#include <oneapi/dpl/execution>
#include <oneapi/dpl/algorithm>
#include <oneapi/dpl/numeric>
#include <oneapi/mkl.hpp>
int main() {
  sycl::queue q;
  float *a = sycl::malloc_device<float>(64, q);
  auto policy = oneapi::dpl::execution::make_device_policy(q);
  oneapi::dpl::sort(policy, a, a + 64);
  float sum = std::reduce(policy, a, a + 64, 0.0f);
  oneapi::mkl::blas::column_major::axpy(q, 64, 2.0f, a, 1, a, 1).wait();
  return sum > 0.0f;
}
"""


@pytest.mark.sycl_headers
@pytest.mark.slow
def test_onedpl_and_onemkl_type_check(tmp_path: Path) -> None:
    include = sycl_include_dir()
    assert include is not None
    if not (include / "oneapi" / "dpl").is_dir() or not (include / "oneapi" / "mkl.hpp").is_file():
        tool_missing("oneDPL/oneMKL headers not installed (scripts/install-deps.sh installs them)")
    src = tmp_path / "t.cpp"
    src.write_text(_DPL_MKL)
    host = sycl_host_cxx()
    assert host is not None
    res = subprocess.run([host, "-std=c++17", "-fsyntax-only", "-w", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING",
                          f"-I{include}", str(src)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    # The same program with an error in it must fail: the check is real.
    src.write_text(_DPL_MKL.replace("return sum > 0.0f;", "return undeclared_name;"))
    res = subprocess.run([host, "-std=c++17", "-fsyntax-only", "-w", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING",
                          f"-I{include}", str(src)], capture_output=True, text=True, timeout=300)
    assert res.returncode != 0
