"""Build stage (`cudaport build OUT`): turns a translated output tree into programs for its target.
Input: OUT written by `cudaport translate`; target (detected from the tree when not given), jobs, config.
Output: BuildResult (executables under OUT/build/, or units type-checked) and OUT/CMakeLists.txt for the
user's own builds when the tree has none. Failures raise BuildError with a one-line message.
"""

from __future__ import annotations

import json
from pathlib import Path

from translator.build.common import BuildError, BuildResult, blocking_marks, blocking_summary, tree_files

TARGETS = ("opencl", "hip", "sycl")
__all__ = ["TARGETS", "BuildError", "BuildResult", "build", "detect_target"]


def detect_target(out: Path) -> str:
    """The target a tree was translated to: from the run's manifest (OUT/.cudaport/manifest.json) when present,
    else from its kernel files and the headers it includes."""
    try:
        recorded = json.loads((out / ".cudaport" / "manifest.json").read_text())["options"]["options"]["target"]
        if recorded in TARGETS:
            return recorded
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if tree_files(out, (".cl",)):
        return "opencl"
    texts = [p.read_text("utf-8", "replace") for p in tree_files(out, (".cpp", ".cc", ".cu", ".hip", ".h", ".hpp",
                                                                        ".cuh"))]
    for target, needle in (("opencl", "cudaport_opencl.h"), ("sycl", "sycl/sycl.hpp"), ("hip", "hip/hip_runtime")):
        if any(needle in t for t in texts):
            return target
    if tree_files(out, (".hip",)):
        return "hip"
    raise BuildError(f"{out}: cannot tell which target this tree was translated to; pass --target opencl|hip|sycl",
                     setup=True)


def build(out: Path, target: str | None = None, *, jobs: int = 1, config: str = "Release",
          offload_arch: str = "gfx90a", syntax_only: bool = False, ignore_diagnostics: bool = False,
          cmake: bool = True, defines: tuple[str, ...] = (), kernels: bool = True,
          includes: tuple[str, ...] = (), own_build: bool = False) -> BuildResult:
    """Builds OUT for its target after checking it for blocking diagnostics; BuildError on any failure. A tree
    with the project's migrated CMakeLists.txt or Makefile is built with it, unless `own_build` (or -D/-I,
    which are options of cudaport's own build) asks for cudaport's unit scan."""
    if not out.is_dir():
        raise BuildError(f"{out}: not a directory (give the output directory of `cudaport translate`)",
                         setup=True)
    target = target or detect_target(out)
    if target not in TARGETS:
        raise BuildError(f"--target {target!r}: expected one of {', '.join(TARGETS)}", setup=True)
    from translator.build.project import project_system

    system = None if own_build else project_system(out)
    if system is not None and (defines or includes):
        notes = [f"-D/-I are options of cudaport's own build: built without the project's {system} files"]
        system = None
    else:
        notes = []
    marks = blocking_marks(out, scripts=system is not None and not (target == "sycl" and syntax_only))
    if marks and not ignore_diagnostics:
        raise BuildError(f"{out}: the build is blocked by {blocking_summary(marks)}; fix them, or pass "
                         "--ignore-diagnostics to try anyway", "\n".join(str(m) for m in marks[:10]))
    if system is not None and not (target == "sycl" and syntax_only):
        return _project_build(out, target, system, jobs, config, offload_arch, kernels)
    if target == "opencl":
        from translator.build import opencl

        result = opencl.build(out, jobs, config, defines, kernels, includes)
    elif target == "hip":
        from translator.build import hip

        result = hip.build(out, jobs, config, offload_arch, defines)
    else:
        from translator.build import sycl

        result = sycl.build(out, jobs, config, syntax_only, defines)
    if cmake:
        from translator.build import cmake as cmake_gen

        result.cmake_file = cmake_gen.write_cmakelists(out, target, result, offload_arch)
    result.notes[:0] = notes
    return result


def _project_build(out: Path, target: str, system: str, jobs: int, config: str, offload_arch: str,
                   kernels: bool) -> BuildResult:
    """Builds with the tree's migrated CMake or Makefile; OpenCL kernels are then compiled for the device."""
    from translator.build import project

    compiler = None
    if target == "sycl":
        from translator.build.sycl import sycl_compiler

        compiler = sycl_compiler()
        if compiler is None:
            raise BuildError(f"no SYCL compiler found (icpx -fsycl from Intel oneAPI, or acpp from AdaptiveCpp): "
                             f"the project's migrated {system} build needs one; --syntax-only type-checks the "
                             "units against the SYCL headers instead", setup=True)
    if system == "cmake":
        result = project.cmake_build(out, target, jobs, config, offload_arch, compiler)
    else:
        result = project.make_build(out, target, jobs)
    if target == "opencl" and kernels:
        from translator.build import opencl
        from translator.build.common import find_cxx
        from translator.build.kernel_check import check_kernels, checker

        host = find_cxx()
        lib = opencl.shim_library(host, config, jobs)
        note = check_kernels(out, checker(host, lib, opencl.shim_paths()[1]), ())
        if note:
            result.notes.append(note)
    if target == "hip":
        result.notes.append("HIP programs need an AMD GPU to run; building them is the check here")
    return result
