"""OpenCL build: compiles the runtime shim once into a cache, then each host unit of a translated tree with
the system C++ compiler, links every unit that defines `main` into OUT/build/<stem> together with all the
other units, and copies the .cl kernel files next to the executables (where the shim looks for them).
Input: OUT written by `cudaport translate --to opencl`. Output: BuildResult with the executables.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from translator.build.common import (
    BuildError,
    BuildResult,
    blocking_suffix,
    cache_root,
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
from translator.targets_support import cxx

HOST_SUFFIXES = (".cpp", ".cc", ".cxx", ".c")
CONFIG_FLAGS = {"Release": ["-O2"], "Debug": ["-O0", "-g"]}
APT_DEV = "apt-get install ocl-icd-opencl-dev opencl-headers"


def shim_paths() -> tuple[Path, Path]:
    """(src dir, include dir) of the OpenCL runtime shim."""
    base = shim_dir() / "opencl"
    return base / "src", base / "include"


def find_cxx() -> str:
    compiler = cxx()
    found = shutil.which(compiler) if compiler else None
    if not found:
        where = f" ($CXX={compiler!r} is not a program)" if compiler else ""
        raise BuildError(f"no C++ compiler found{where} (install g++: apt-get install g++, or set CXX)",
                         setup=True)
    return found


def _compiler_id(compiler: str) -> str:
    res = run_tool([compiler, "--version"])
    return (res.stdout.splitlines() or [compiler])[0]


def _missing_opencl(output: str) -> str | None:
    if "CL/cl.h" in output or "CL/opencl.h" in output:
        return f"OpenCL headers not found (CL/cl.h); install them: {APT_DEV}"
    if "-lOpenCL" in output:
        return f"OpenCL loader library (libOpenCL.so) not found; install it: {APT_DEV}"
    return None


def shim_library(compiler: str, config: str, jobs: int) -> Path:
    """libcudaport_opencl.a for these shim sources and this compiler, built once into the cache."""
    src, inc = shim_paths()
    sources = sorted(src.glob("*.cpp"))
    if not sources:
        raise BuildError(f"{src}: OpenCL runtime shim sources not found (broken cudaport installation)",
                         setup=True)
    flags = ["-std=c++17", "-fPIC", *CONFIG_FLAGS[config], f"-I{inc}"]
    digest = hashlib.sha256()
    digest.update("\0".join([_compiler_id(compiler), compiler, *flags[:-1]]).encode())
    for f in sorted([*src.iterdir(), *inc.iterdir()]):
        if f.is_file():
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
    final = cache_root() / f"shim-opencl-{digest.hexdigest()[:16]}"
    lib = final / "libcudaport_opencl.a"
    if lib.is_file():
        return lib
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="shim-build-", dir=final.parent))
    try:
        def compile_one(source: Path):  # type: ignore[no-untyped-def]
            return source, run_tool([compiler, *flags, "-c", str(source), "-o", str(work / (source.stem + ".o"))])

        for source, res in parallel(jobs, compile_one, sources):
            if res.returncode != 0:
                out = res.stderr + res.stdout
                raise BuildError(_missing_opencl(out) or f"{source}: the OpenCL runtime shim did not compile",
                                 first_errors(out))
        ar = shutil.which("ar")
        if not ar:
            raise BuildError("no `ar` archiver found (install binutils)", setup=True)
        res = run_tool([ar, "rcs", str(work / lib.name), *(str(work / (s.stem + ".o")) for s in sources)])
        if res.returncode != 0:
            raise BuildError("ar could not create libcudaport_opencl.a", first_errors(res.stderr))
        try:
            os.rename(work, final)  # atomic: a concurrent build that got there first wins
        except OSError:
            if not lib.is_file():
                raise
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return lib


def build(out: Path, jobs: int, config: str) -> BuildResult:
    compiler = find_cxx()
    marks = error_marks(out)
    units = tree_files(out, HOST_SUFFIXES)
    if not units:
        raise BuildError(f"{out}: no host C/C++ sources to build (expected the .cpp files of `cudaport translate "
                         "--to opencl`)")
    lib = shim_library(compiler, config, jobs)
    _src, inc = shim_paths()
    flags = [*CONFIG_FLAGS[config], f"-I{inc}", *include_flags(out)]

    def compile_unit(unit: Path):  # type: ignore[no-untyped-def]
        obj = object_path(out, unit)
        obj.parent.mkdir(parents=True, exist_ok=True)
        std = ["-std=c11"] if unit.suffix == ".c" else ["-std=c++17"]
        return unit, obj, run_tool([compiler, *std, *flags, "-c", str(unit), "-o", str(obj)])

    results = parallel(jobs, compile_unit, units)
    for unit, _obj, res in results:
        if res.returncode != 0:
            output = res.stderr + res.stdout
            missing = _missing_opencl(output)
            if missing:
                raise BuildError(missing)
            raise BuildError(f"{unit.relative_to(out)}: compile error{blocking_suffix(marks)}", first_errors(output))
    objects = [obj for _u, obj, _r in results]
    mains = [u for u, obj, _r in results if defines_main(obj, u)]
    shared = [obj for u, obj, _r in results if u not in mains]
    names = program_names(mains, out)
    result = BuildResult("opencl", objects=objects, programs={names[u]: u for u in mains},
                         shared_units=[u for u in units if u not in mains])
    bin_dir = out / "build"

    def link(unit: Path):  # type: ignore[no-untyped-def]
        exe = bin_dir / names[unit]
        cmd = [compiler, str(object_path(out, unit)), *map(str, shared), str(lib), "-lOpenCL", "-pthread",
               "-o", str(exe)]
        return unit, exe, run_tool(cmd)

    for unit, exe, res in parallel(jobs, link, mains):
        if res.returncode != 0:
            output = res.stderr + res.stdout
            raise BuildError(_missing_opencl(output) or f"{exe.name}: link error (program from "
                             f"{unit.relative_to(out)}){blocking_suffix(marks)}", first_errors(output))
        result.executables.append(exe)
    copy_kernels(out, bin_dir)
    if not mains:
        result.notes.append("no unit defines main(): objects compiled, no executable linked")
    return result


def copy_kernels(out: Path, bin_dir: Path) -> None:
    """Copies each .cl file to the same relative path under bin_dir, and by bare name when that is free."""
    for cl in tree_files(out, (".cl",)):
        rel = cl.relative_to(out)
        targets = [bin_dir / rel]
        if len(rel.parts) > 1 and not (out / rel.name).exists():
            targets.append(bin_dir / rel.name)
        for dest in targets:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cl, dest)
