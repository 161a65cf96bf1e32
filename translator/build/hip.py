"""HIP build: compiles each unit of a tree translated with `--to hip` with hipcc (HIP_PLATFORM=amd,
--offload-arch, default gfx90a) and links the units that define `main` into OUT/build/<stem> with all the
other units. No AMD GPU is needed: building is the check. Input: OUT. Output: BuildResult.
"""

from __future__ import annotations

import os
from pathlib import Path

from translator.build.common import (
    SOURCE_SUFFIXES,
    BuildError,
    BuildResult,
    blocking_suffix,
    defines_main,
    error_marks,
    first_errors,
    include_flags,
    object_path,
    parallel,
    program_names,
    run_tool,
    tree_files,
)
from translator.resources import shim_dir
from translator.targets_support import hipcc

CONFIG_FLAGS = {"Release": ["-O2"], "Debug": ["-O0", "-g"]}


def _is_hip_source(unit: Path) -> bool:
    if unit.suffix in (".cu", ".hip"):
        return True
    text = unit.read_text("utf-8", "replace")
    return "hip/hip_runtime" in text or "__global__" in text


def build(out: Path, jobs: int, config: str, offload_arch: str) -> BuildResult:
    compiler = hipcc()
    if not compiler:
        raise BuildError("hipcc not found (install HIP: apt-get install hipcc libamdhip64-dev)", setup=True)
    env = dict(os.environ, HIP_PLATFORM="amd")
    marks = error_marks(out)
    units = tree_files(out, SOURCE_SUFFIXES)
    if not units:
        raise BuildError(f"{out}: no sources to build (.cu, .hip, .cpp)")
    includes = include_flags(out)
    if (shim_dir() / "hip" / "include").is_dir():
        includes.append(f"-I{shim_dir() / 'hip' / 'include'}")
    flags = ["-std=c++17", f"--offload-arch={offload_arch}", *CONFIG_FLAGS[config], *includes]

    def compile_unit(unit: Path):  # type: ignore[no-untyped-def]
        obj = object_path(out, unit)
        obj.parent.mkdir(parents=True, exist_ok=True)
        lang = ["-x", "hip"] if _is_hip_source(unit) else []
        return unit, obj, run_tool([compiler, *flags, *lang, "-c", str(unit), "-o", str(obj)], env=env)

    results = parallel(jobs, compile_unit, units)
    for unit, _obj, res in results:
        if res.returncode != 0:
            raise BuildError(f"{unit.relative_to(out)}: hipcc compile error (--offload-arch={offload_arch})"
                             f"{blocking_suffix(marks)}", first_errors(res.stderr + res.stdout))
    mains = [u for u, obj, _r in results if defines_main(obj, u)]
    names = program_names(mains, out)
    shared = [obj for u, obj, _r in results if u not in mains]
    result = BuildResult("hip", objects=[o for _u, o, _r in results], programs={names[u]: u for u in mains},
                         shared_units=[u for u in units if u not in mains])

    def link(unit: Path):  # type: ignore[no-untyped-def]
        exe = out / "build" / names[unit]
        cmd = [compiler, f"--offload-arch={offload_arch}", str(object_path(out, unit)), *map(str, shared), "-o",
               str(exe)]
        return unit, exe, run_tool(cmd, env=env)

    for unit, exe, res in parallel(jobs, link, mains):
        if res.returncode != 0:
            raise BuildError(f"{exe.name}: hipcc link error (program from {unit.relative_to(out)})",
                             first_errors(res.stderr + res.stdout))
        result.executables.append(exe)
    result.notes.append("HIP programs need an AMD GPU to run; building them is the check here")
    return result
