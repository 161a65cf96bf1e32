"""HIP build: compiles each unit of a tree translated with `--to hip` with hipcc (HIP_PLATFORM=amd,
--offload-arch, default gfx90a) and links the units that define `main` into OUT/build/<stem> with all the
other units. No AMD GPU is needed: building is the check. Input: OUT. Output: BuildResult.
"""

from __future__ import annotations

import os
from pathlib import Path

from translator.build.common import (
    CONFIG_FLAGS,
    SOURCE_SUFFIXES,
    BuildError,
    BuildResult,
    blocking_marks,
    blocking_suffix,
    compile_and_link,
    first_errors,
    include_flags,
    tree_files,
)
from translator.build.toolchains import hipcc
from translator.resources import shim_dir


def _is_hip_source(unit: Path) -> bool:
    if unit.suffix in (".cu", ".hip"):
        return True
    text = unit.read_text("utf-8", "replace")
    return "hip/hip_runtime" in text or "__global__" in text


def build(out: Path, jobs: int, config: str, offload_arch: str, defines: tuple[str, ...] = ()) -> BuildResult:
    """Compiles and links OUT with hipcc for `offload_arch`; BuildError on a missing hipcc or a failed unit."""
    compiler = hipcc()
    if not compiler:
        raise BuildError("hipcc not found (install HIP: apt-get install hipcc libamdhip64-dev)", setup=True)
    env = dict(os.environ, HIP_PLATFORM="amd")
    marks = blocking_marks(out)
    units = tree_files(out, SOURCE_SUFFIXES)
    if not units:
        raise BuildError(f"{out}: no sources to build (.cu, .hip, .cpp)")
    includes = include_flags(out)
    if (shim_dir() / "hip" / "include").is_dir():
        includes.append(f"-I{shim_dir() / 'hip' / 'include'}")
    flags = ["-std=c++17", f"--offload-arch={offload_arch}", *CONFIG_FLAGS[config], *(f"-D{d}" for d in defines),
             *includes]

    def compile_argv(unit: Path, obj: Path) -> list[str]:
        lang = ["-x", "hip"] if _is_hip_source(unit) else []
        return [compiler, *flags, *lang, "-c", str(unit), "-o", str(obj)]

    def compile_failure(unit: Path, output: str) -> BuildError:
        return BuildError(f"{unit.relative_to(out)}: hipcc compile error (--offload-arch={offload_arch})"
                          f"{blocking_suffix(marks)}", first_errors(output))

    def link_failure(unit: Path, exe: Path, output: str) -> BuildError:
        return BuildError(f"{exe.name}: hipcc link error (program from {unit.relative_to(out)})", first_errors(output))

    result = compile_and_link(
        out, "hip", units, jobs, compile_argv=compile_argv,
        link_argv=lambda main, shared, exe: [compiler, f"--offload-arch={offload_arch}", str(main), *map(str, shared),
                                             "-o", str(exe)],
        compile_failure=compile_failure, link_failure=link_failure, env=env)
    result.notes.append("HIP programs need an AMD GPU to run; building them is the check here")
    return result
