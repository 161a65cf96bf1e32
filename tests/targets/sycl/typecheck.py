"""The type-check these tests run on translated SYCL files: g++ -fsyntax-only against the SYCL 2020 headers
(intel-sycl-rt) and the cpsycl helper, as `cudaport build --syntax-only` does without a SYCL compiler
(translator/build/sycl.py), for one file and with the warnings that carry no information here turned off."""

from __future__ import annotations

from translator.resources import shim_dir

SHIM_INCLUDE = shim_dir() / "sycl" / "include"


def typecheck_command(source: str, sycl_include: str, cxx: str = "g++") -> list[str]:
    return [cxx, "-std=c++17", "-fsyntax-only", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING", "-Wno-attributes",
            "-Wno-deprecated-declarations", "-Wno-terminate", f"-I{sycl_include}", f"-I{SHIM_INCLUDE}", source]
