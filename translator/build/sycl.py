"""SYCL build: compiles each unit of a tree translated with `--to sycl` with a SYCL compiler (`icpx -fsycl`
or AdaptiveCpp's `acpp`) and links the units that define `main` into OUT/build/<stem>. Without one,
--syntax-only type-checks every unit with the host C++ compiler against the SYCL 2020 headers of the
intel-sycl-rt wheel (clang++, else g++, -fsyntax-only). Input: OUT. Output: BuildResult.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from translator.build.common import (
    CONFIG_FLAGS,
    SOURCE_SUFFIXES,
    BuildError,
    BuildResult,
    blocking_marks,
    blocking_suffix,
    compile_and_link,
    find_cxx,
    first_errors,
    include_flags,
    parallel,
    program_names,
    run_tool,
    source_defines_main,
    tree_files,
)
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir
from translator.resources import shim_dir


def sycl_compiler() -> list[str] | None:
    """The command prefix of a real SYCL compiler, when this machine has one."""
    if shutil.which("icpx"):
        return [shutil.which("icpx") or "icpx", "-fsycl"]
    if shutil.which("acpp"):
        return [shutil.which("acpp") or "acpp"]
    return None


def _includes(out: Path) -> list[str]:
    flags = include_flags(out)
    if (shim_dir() / "sycl" / "include").is_dir():
        flags.append(f"-I{shim_dir() / 'sycl' / 'include'}")
    return flags


def build(out: Path, jobs: int, config: str, syntax_only: bool, defines: tuple[str, ...] = ()) -> BuildResult:
    """Compiles and links OUT with a SYCL compiler, or only type-checks its units with `syntax_only`."""
    marks = blocking_marks(out)
    units = tree_files(out, SOURCE_SUFFIXES)
    if not units:
        raise BuildError(f"{out}: no sources to build (.cpp)")
    compiler = sycl_compiler()
    if syntax_only:
        return _syntax_only(out, units, marks, compiler, jobs, defines)
    if compiler is None:
        raise BuildError("no SYCL compiler found (icpx -fsycl from Intel oneAPI, or acpp from AdaptiveCpp); "
                         "use --syntax-only to type-check against the SYCL headers instead", setup=True)
    flags = ["-std=c++17", *CONFIG_FLAGS[config], *(f"-D{d}" for d in defines), *_includes(out)]

    def compile_failure(unit: Path, output: str) -> BuildError:
        return BuildError(f"{unit.relative_to(out)}: SYCL compile error{blocking_suffix(marks)}", first_errors(output))

    def link_failure(unit: Path, exe: Path, output: str) -> BuildError:
        return BuildError(f"{exe.name}: SYCL link error (program from {unit.relative_to(out)})", first_errors(output))

    return compile_and_link(
        out, "sycl", units, jobs,
        compile_argv=lambda unit, obj: [*compiler, *flags, "-x", "c++", "-c", str(unit), "-o", str(obj)],
        link_argv=lambda main, shared, exe: [*compiler, str(main), *map(str, shared), "-o", str(exe)],
        compile_failure=compile_failure, link_failure=link_failure)


def host_syntax_command(includes: list[str], host: str | None = None, include: str | None = None) -> list[str]:
    """The type-check command without a SYCL compiler (the unit goes last, after `-x c++`): the host C++ compiler
    (clang++ when installed, else g++; `host` overrides it) -fsyntax-only against the SYCL 2020 headers
    (`include`, else found). The SYCL tests type-check with this same command."""
    host, include = host or sycl_host_cxx() or find_cxx(), include or sycl_include_dir()
    if include is None:
        raise BuildError("no SYCL compiler and no SYCL 2020 headers found (pip install intel-sycl-rt, or set "
                         "CUDAPORT_SYCL_INCLUDE to the directory holding sycl/sycl.hpp)", setup=True)
    return [host, "-std=c++17", "-fsyntax-only", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING", *includes, f"-I{include}"]


def _syntax_only(out: Path, units: list[Path], marks: list, compiler: list[str] | None, jobs: int,
                 defines: tuple[str, ...] = ()) -> BuildResult:
    if compiler is not None:
        cmd = [*compiler, "-std=c++17", "-fsyntax-only", *_includes(out)]
    else:
        cmd = host_syntax_command(_includes(out))
    cmd += [f"-D{d}" for d in defines]
    results = parallel(jobs, lambda u: (u, run_tool([*cmd, "-x", "c++", str(u)])), units)
    for unit, res in results:
        if res.returncode != 0:
            raise BuildError(f"{unit.relative_to(out)}: SYCL type-check error{blocking_suffix(marks)}",
                             first_errors(res.stderr + res.stdout))
    mains = [u for u in units if source_defines_main(u)]
    names = program_names(mains, out)
    return BuildResult("sycl", checked=units, programs={names[u]: u for u in mains},
                       shared_units=[u for u in units if u not in mains],
                       notes=["type-checked only (--syntax-only): no executables"])
