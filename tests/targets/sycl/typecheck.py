"""The type-check these tests run on translated SYCL files: the command `cudaport build --syntax-only` runs
without a SYCL compiler (translator/build/sycl.host_syntax_command: clang++ when installed, else g++,
-fsyntax-only against the SYCL 2020 headers and the cpsycl helper), for one file and with the warnings that
carry no information here turned off."""

from __future__ import annotations

from translator.build.sycl import host_syntax_command
from translator.build.toolchains import sycl_host_cxx
from translator.resources import shim_dir

SHIM_INCLUDE = shim_dir() / "sycl" / "include"


def typecheck_command(source: str, sycl_include: str, cxx: str | None = None) -> list[str]:
    cxx = cxx or sycl_host_cxx() or "g++"
    quiet = ["-w"] if "clang" in cxx else ["-Wno-attributes", "-Wno-deprecated-declarations", "-Wno-terminate"]
    return [*host_syntax_command([f"-I{SHIM_INCLUDE}"], cxx, sycl_include), *quiet, "-x", "c++", source]
