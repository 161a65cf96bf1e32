"""Report stage, OpenCL verification: what `cudaport build` checks, unit by unit so that every file gets its own
status. Each host unit is compiled against the runtime shim with the flags a build gives it (the tree's include
directories and the -I of its Makefiles), each unit that defines main is linked with the others, the shim
library and the OpenCL loader, and each .cl program is compiled for the run-time device by cp_clcheck.

Input: the translated tree, its units, the origins of its files. Output: a TargetCheck (verify.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from translator.build.common import BuildError, defines_main, find_cxx, include_flags, parallel, tree_files
from translator.build.kernel_check import NO_DEVICE, checker
from translator.build.opencl import HOST_SUFFIXES, shim_library, shim_paths
from translator.report.checkerrors import CheckError, TargetCheck, _Origins, _run, parse_errors
from translator.report.units import Unit


def _makefile_includes(units: list[Unit]) -> list[str]:
    """The -I directories of every Makefile compile line, absolute: a project's own headers must win over
    same-named ones elsewhere in the tree, as in the user's build."""
    found: list[str] = []
    for u in units:
        flags = list(u.flags)
        for i, f in enumerate(flags):
            value = flags[i + 1] if f == "-I" and i + 1 < len(flags) else f[2:] if f.startswith("-I") else None
            if value:
                flag = f"-I{os.path.normpath(u.cwd / value)}"
                if flag not in found:
                    found.append(flag)
    return found


def _host_units(out: Path, units: list[Unit]) -> list[Path]:
    """The C/C++ units `cudaport build` compiles: every host source of the tree not #included by another."""
    from translator.build.common import included_units

    sources = tree_files(out, HOST_SUFFIXES)
    inside = included_units(out, sources)
    return [s for s in sources if Path(os.path.normpath(s)) not in inside]


def check_opencl(out: Path, units: list[Unit], how: str, extra: tuple[str, ...], origins: _Origins,
                 jobs: int) -> TargetCheck:
    hosts = _host_units(out, units)
    check = TargetCheck("opencl", "host units compiled with the runtime shim and linked with the OpenCL loader, "
                        "each .cl compiled for the run-time OpenCL device", out=out)
    try:
        compiler = find_cxx()
        lib = shim_library(compiler, "Release", jobs)
    except BuildError as exc:
        check.notes.append(f"not checked: {exc}")
        check.method = f"not checked: {exc}"
        return check
    _src, inc = shim_paths()
    flags = ["-std=c++17", "-O0", "-g", "-w", *extra, f"-I{inc}", *_makefile_includes(units), *include_flags(out)]
    work = out / "build" / "verify-obj"  # build/ is never a unit folder
    work.mkdir(parents=True, exist_ok=True)

    def compile_one(unit: Path) -> tuple[Path, Path, list[CheckError], bool]:
        obj = work / (str(unit.relative_to(out)).replace("/", "__") + ".o")
        std = ["-std=c11", *flags[1:]] if unit.suffix == ".c" else flags
        rc, text = _run([compiler, *std, "-c", str(unit), "-o", str(obj)], unit.parent)
        rel = origins.rel(unit, out)
        errors = [] if rc == 0 else parse_errors(text, unit.parent, rel, origins, "compile")
        return unit, obj, errors, rc == 0

    compiled = parallel(jobs, compile_one, hosts)
    for _u, _o, errors, _ok in compiled:
        check.errors.extend(errors)
    if all(ok for *_rest, ok in compiled):
        _link(check, compiled, compiler, lib, out, origins, jobs)
    try:
        tool = checker(compiler, lib, inc)
    except BuildError as exc:
        check.notes.append(f"kernels not compiled: {exc}")
        return check
    _kernels(check, out, tool, extra, origins)
    return check


def _link(check: TargetCheck, compiled: list, compiler: str, lib: Path, out: Path, origins: _Origins,
          jobs: int) -> None:
    mains = [(u, o) for u, o, _e, _ok in compiled if defines_main(o, u)]
    others = [o for u, o, _e, _ok in compiled if (u, o) not in mains]
    if not mains:
        check.notes.append("no unit defines main(): objects compiled, nothing linked")

    def link(item: tuple[Path, Path]) -> list[CheckError]:
        unit, obj = item
        exe = obj.with_suffix(".exe")
        rc, text = _run([compiler, str(obj), *map(str, others), str(lib), "-lOpenCL", "-pthread", "-o", str(exe)],
                        unit.parent)
        if rc == 0:
            return []
        rel = origins.rel(unit, out)
        return parse_errors(text, unit.parent, rel, origins, "link") or (
            [CheckError("link", origins.source[rel], 1, 1, text.strip().splitlines()[-1][:300], str(rel), "", "unit")]
            if rel is not None else [])

    for errors in parallel(jobs, link, mains):
        check.errors.extend(errors)


def _kernels(check: TargetCheck, out: Path, tool: Path, extra: tuple[str, ...], origins: _Origins) -> None:
    """Each .cl program on its own, so every program that the device rejects is named, not only the first."""
    env = dict(os.environ)
    if extra:  # the project's -D macros reach its kernels as they reach its host code
        env["CUDAPORT_OPENCL_BUILD_OPTIONS"] = " ".join([env.get("CUDAPORT_OPENCL_BUILD_OPTIONS", ""), *extra]).strip()
    for program in tree_files(out, (".cl",)):
        rc, text = _run([str(tool), str(program)], program.parent, env)
        if rc == NO_DEVICE:
            check.notes.append("kernels not compiled: no OpenCL device (they would be compiled at the first launch)")
            return
        if rc == 0:
            continue
        rel = origins.rel(program, out)
        # The device's log names the program by a path of its own (a cache file): every error is in `program`.
        log = "\n".join(_as_program(line, program) for line in text.splitlines())
        errors = parse_errors(log, program.parent, rel, origins, "kernel")
        if not errors and rel is not None:
            errors = [CheckError("kernel", origins.source[rel], 1, 1, (text.strip().splitlines() or ["rejected"])[-1]
                                 [:300], str(rel), "", "unit")]
        check.errors.extend(errors)


def _as_program(line: str, program: Path) -> str:
    """`error: /tmp/cache/x.cl:9:3: msg` or `<source>:9:3: error: msg` as `program:9:3: error: msg`."""
    m = re.match(r"^\s*(?:error:\s*)?(\S*?):(\d+):(\d+)(?:\s*<[^>]*>)?:\s*(?:(fatal )?error:\s*)?(.*)$", line)
    if not m or "warning:" in line or "note:" in line[:60]:
        return line
    return f"{program}:{m.group(2)}:{m.group(3)}: error: {m.group(5)}"
