"""SYCL target, toolchain commands for the build and the differential tester: find a SYCL compiler and
spell the argv that compiles translated sources (with the cpsycl shim headers) or type-checks one file
against the SYCL 2020 headers. Input: paths; output: argv lists (nothing is run here).
"""

from __future__ import annotations

import shutil

from translator.resources import shim_dir

SHIM_INCLUDE = shim_dir() / "sycl" / "include"


def find_compiler() -> list[str] | None:
    """The command prefix of a real SYCL compiler (kernels run), or None: `icpx -fsycl`, then AdaptiveCpp."""
    for exe, flags in (("icpx", ["-fsycl"]), ("acpp", []), ("syclcc", [])):
        path = shutil.which(exe)
        if path:
            return [path, *flags]
    return None


def compile_command(sources: list[str], output: str, compiler: list[str] | None = None,
                    extra: tuple[str, ...] = ()) -> list[str] | None:
    """argv that builds translated sources into an executable with a SYCL compiler; None when none exists."""
    prefix = compiler or find_compiler()
    if prefix is None:
        return None
    return [*prefix, "-std=c++17", "-O2", f"-I{SHIM_INCLUDE}", *sources, "-o", output, *extra]


def typecheck_command(source: str, sycl_include: str, cxx: str = "g++") -> list[str]:
    """argv that type-checks one translated file against the SYCL 2020 headers (no SYCL compiler needed)."""
    return [cxx, "-std=c++17", "-fsyntax-only", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING", "-Wno-attributes",
            "-Wno-deprecated-declarations", "-Wno-terminate", f"-I{sycl_include}", f"-I{SHIM_INCLUDE}", source]
