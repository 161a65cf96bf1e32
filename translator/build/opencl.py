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
    CONFIG_FLAGS,
    BuildError,
    BuildResult,
    blocking_marks,
    blocking_suffix,
    cache_root,
    compile_and_link,
    find_cxx,
    first_errors,
    include_flags,
    included_units,
    parallel,
    run_tool,
    tree_files,
)
from translator.build.kernel_check import check_kernels, checker
from translator.frontend.lexer import lex
from translator.resources import shim_dir

HOST_SUFFIXES = (".cpp", ".cc", ".cxx", ".c")
APT_DEV = "apt-get install ocl-icd-opencl-dev opencl-headers"


def shim_paths() -> tuple[Path, Path]:
    """(src dir, include dir) of the OpenCL runtime shim."""
    base = shim_dir() / "opencl"
    return base / "src", base / "include"


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
    tools = src.parent / "tools"
    for f in sorted([*src.iterdir(), *inc.iterdir(), *(tools.iterdir() if tools.is_dir() else ())]):
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


def build(out: Path, jobs: int, config: str, defines: tuple[str, ...] = (), kernels: bool = True,
          includes: tuple[str, ...] = ()) -> BuildResult:
    """Compiles and links OUT's host units against the shim library, compiles every .cl for the run-time
    device (`kernels`) and copies the .cl files to OUT/build."""
    compiler = find_cxx()
    marks = blocking_marks(out)
    units = tree_files(out, HOST_SUFFIXES)
    inside = included_units(out, units)
    units = [u for u in units if Path(os.path.normpath(u)) not in inside]
    if not units:
        raise BuildError(f"{out}: no host C/C++ sources to build (expected the .cpp files of `cudaport translate "
                         "--to opencl`)")
    lib = shim_library(compiler, config, jobs)
    _src, inc = shim_paths()
    openmp = ["-fopenmp"] if any(uses_openmp(u) for u in tree_files(out, HOST_SUFFIXES)) else []
    flags = [*CONFIG_FLAGS[config], *(f"-D{d}" for d in defines), f"-I{inc}", *(f"-I{d}" for d in includes),
             *include_flags(out), *openmp]

    def compile_argv(unit: Path, obj: Path) -> list[str]:
        std = ["-std=c11"] if unit.suffix == ".c" else ["-std=c++17"]
        return [compiler, *std, *flags, "-c", str(unit), "-o", str(obj)]

    def compile_failure(unit: Path, output: str) -> BuildError:
        missing = _missing_opencl(output)
        if missing:
            return BuildError(missing)
        return BuildError(f"{unit.relative_to(out)}: compile error{blocking_suffix(marks)}", first_errors(output))

    def link_failure(unit: Path, exe: Path, output: str) -> BuildError:
        return BuildError(_missing_opencl(output) or f"{exe.name}: link error (program from "
                          f"{unit.relative_to(out)}){blocking_suffix(marks)}", first_errors(output))

    result = compile_and_link(
        out, "opencl", units, jobs, compile_argv=compile_argv,
        link_argv=lambda main, shared, exe: [compiler, str(main), *map(str, shared), str(lib), "-lOpenCL", "-pthread",
                                             *openmp, "-o", str(exe)],
        compile_failure=compile_failure, link_failure=link_failure)
    if kernels:
        note = check_kernels(out, checker(compiler, lib, inc), defines)
        if note:
            result.notes.append(note)
    bin_dir = out / "build"
    copy_kernels(out, bin_dir)
    if not result.programs:
        result.notes.append("no unit defines main(): objects compiled, no executable linked")
    return result


def uses_openmp(path: Path) -> bool:
    """Whether a host unit or header has `#pragma omp` or includes <omp.h>: nvcc builds such programs with
    `-Xcompiler -fopenmp`, which cudaport's own build then passes to the compiler and the linker."""
    toks, _ = lex(path.read_bytes())
    for i, t in enumerate(toks[:-2]):
        if t.text == "#" and t.directive >= 0 and toks[i + 1].directive == t.directive:
            if toks[i + 1].text == "pragma" and toks[i + 2].text == "omp":
                return True
            if toks[i + 1].text == "include" and toks[i + 2].text in ("<omp.h>", '"omp.h"'):
                return True
    return False


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
