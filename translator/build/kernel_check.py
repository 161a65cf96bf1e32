"""OpenCL build, kernel check: every translated .cl program is compiled at build time for the device the
executables will run on (the shim picks it, as at run time: CUDAPORT_OPENCL_DEVICE), with the options a
launch uses, so a kernel the device's compiler rejects fails `cudaport build` with the error mapped to its
function and CUDA file, instead of an executable that prints timings and FAIL. Input: OUT, the shim
library. Output: None, or a BuildError; a note when no OpenCL device exists.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from translator.build.common import BuildError, blocking_marks, blocking_suffix, first_errors, run_tool, tree_files
from translator.resources import shim_dir

NO_DEVICE, UNREADABLE = 2, 3
TIMEOUT = 900  # seconds for all programs: a device compiler that hangs must not hang the build
# PoCL and clang print "<file>.cl:LINE:COL: error: msg"; some drivers "error: <file>:LINE:COL: msg"
_ERROR = re.compile(r"(?:error:\s*)?\S*?:(\d+):(\d+)(?:\s*<[^>]*>)?:\s*(?:error:\s*)?(.*)")
_ORIGIN = re.compile(r"/\* translated by cudaport from (\S+) \*/")
_STATEMENTS = {"if", "for", "while", "switch", "return", "sizeof", "do", "else"}
_FUNC = re.compile(r"^(?:__kernel\s+|static\s+|inline\s+)*[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\(")


def checker(compiler: str, lib: Path, include: Path) -> Path:
    """The cp_clcheck tool, built once beside the shim library it links (same cache key)."""
    tool = lib.parent / "cp_clcheck"
    if tool.is_file():
        return tool
    source = shim_dir() / "opencl" / "tools" / "cp_clcheck.cpp"
    tmp = tool.with_name(f"cp_clcheck.{os.getpid()}.tmp")
    res = run_tool([compiler, "-std=c++17", "-O1", f"-I{include}", str(source), str(lib), "-lOpenCL", "-pthread",
                    "-o", str(tmp)])
    if res.returncode != 0:
        raise BuildError("the OpenCL kernel checker (cp_clcheck) did not compile", res.stderr[-2000:])
    os.replace(tmp, tool)
    return tool


def check_kernels(out: Path, tool: Path, defines: tuple[str, ...]) -> str | None:
    """Compiles every .cl of OUT for the run-time device; a BuildError naming the first rejected kernel, or a
    note (None when everything compiled)."""
    programs = tree_files(out, (".cl",))
    if not programs:
        return None
    env = dict(os.environ)
    if defines:  # the project's -D macros reach its kernels as they reach its host code
        env["CUDAPORT_OPENCL_BUILD_OPTIONS"] = " ".join(
            [env.get("CUDAPORT_OPENCL_BUILD_OPTIONS", ""), *(f"-D{d}" for d in defines)]).strip()
    try:
        res = subprocess.run([str(tool), *map(str, programs)], env=env, capture_output=True, text=True,
                             errors="replace", timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"kernels not compiled at build time: the device compiler took over {TIMEOUT} s"
    if res.returncode == 0:
        return None
    if res.returncode == NO_DEVICE:
        return "kernels not compiled at build time: no OpenCL device (they are compiled at the first launch)"
    failed = next((p for p in programs if f"cp_clcheck: {p}:" in res.stderr), programs[0])
    # built with --ignore-diagnostics: the tree's error diagnostics most likely say why
    raise BuildError(f"{failed.relative_to(out)}: the OpenCL device rejected this kernel program: "
                     f"{locate(failed, res.stderr)}{blocking_suffix(blocking_marks(out))}",
                     first_errors(res.stderr, 12))


def _function_at(line: str) -> str | None:
    """The function a .cl line starts the definition of: a top-level one (`static CP_OVL float f(...)`), or a
    member function of a class a C++ for OpenCL program carries (indented, with its body's `{`)."""
    m = _FUNC.match(line)
    if m:
        return m.group(1)
    m = _FUNC.match(line.lstrip()) if line[:1].isspace() and "{" in line else None
    return m.group(1) if m and m.group(1) not in _STATEMENTS else None


def locate(cl_file: Path, log: str) -> str:
    """The first compiler error, at its .cl line, the enclosing function and the CUDA file it came from."""
    lines = cl_file.read_text("utf-8", "replace").splitlines()
    for entry in log.splitlines():
        m = _ERROR.match(entry.strip())
        if not m or "warning:" in entry or not m.group(3):
            continue
        line = int(m.group(1))
        where = f"{cl_file.name}:{line}"
        func = next((f for f in (_function_at(t) for t in reversed(lines[:line])) if f), None)
        origin = next((o.group(1) for o in (_ORIGIN.search(t) for t in reversed(lines[:line])) if o), None)
        if func:
            where += f" (in {func}" + (f", translated from {origin})" if origin else ")")
        return f"{where}: {m.group(3).strip()}"
    return "see the build log"
