"""The type-check these tests run on translated SYCL files: the host compiler `cudaport build --syntax-only`
uses without a SYCL compiler (clang++ when installed, else g++: translator/build/toolchains.sycl_host_cxx)
-fsyntax-only against the SYCL 2020 headers (intel-sycl-rt) and the cpsycl helper, for one file and with the
warnings that carry no information here turned off."""

from __future__ import annotations

from translator.build.toolchains import sycl_host_cxx
from translator.resources import shim_dir

SHIM_INCLUDE = shim_dir() / "sycl" / "include"


def typecheck_command(source: str, sycl_include: str, cxx: str | None = None) -> list[str]:
    cxx = cxx or sycl_host_cxx() or "g++"
    quiet = ["-w"] if "clang" in cxx else ["-Wno-attributes", "-Wno-deprecated-declarations", "-Wno-terminate"]
    return [cxx, "-std=c++17", "-fsyntax-only", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING", *quiet,
            f"-I{sycl_include}", f"-I{SHIM_INCLUDE}", source]
