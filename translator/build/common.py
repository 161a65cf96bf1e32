"""Shared pieces of the build stage: finding the units of a translated tree, scanning it for blocking
diagnostics, compiling and linking its units in parallel and turning failures into one-line errors.
Input: an output tree written by `cudaport translate`. Output: unit lists, DiagnosticMarks, BuildResult, BuildError.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from translator.build.toolchains import cxx
from translator.engine.diagnostics import CATALOGUE
from translator.frontend.includes import resolve_include, scan_includes
from translator.model import Severity
from translator.project.manifest import Manifest, file_sha
from translator.project.runtime_bundle import RUNTIME_DIR

SOURCE_SUFFIXES = (".cpp", ".cc", ".cxx", ".c", ".cu", ".hip")
TEXT_SUFFIXES = SOURCE_SUFFIXES + (".h", ".hpp", ".hh", ".cuh", ".inl", ".cl")
# Top-level directories of the output tree that hold build products or the runtime it carries, never user units.
SKIP_DIRS = ("build", "cudaport_shim", RUNTIME_DIR)
CONFIG_FLAGS = {"Release": ["-O2"], "Debug": ["-O0", "-g"]}
# `/* CUDAPORT CP3004: text */`, `#error "CUDAPORT CP3004: text"`, `CUDAPORT CP3004 at line 32: text`
_MARK = re.compile(r"CUDAPORT (CP\d{4})\b(?: at line \d+)?:\s*([^*\n\"]*)")
_MAIN = re.compile(r"\bint\s+main\s*\(")


class BuildError(Exception):
    """A one-line user-facing build failure (missing tool, compile error, blocking diagnostic)."""

    def __init__(self, message: str, detail: str = "", *, setup: bool = False) -> None:
        super().__init__(message)
        self.detail = detail  # compiler output lines shown under the one-line message
        self.setup = setup  # a missing tool or bad usage rather than a failed compile


@dataclass
class BuildResult:
    target: str
    executables: list[Path] = field(default_factory=list)
    objects: list[Path] = field(default_factory=list)
    checked: list[Path] = field(default_factory=list)  # units only type-checked (--syntax-only)
    cmake_file: Path | None = None
    programs: dict[str, Path] = field(default_factory=dict)  # executable name -> unit defining main
    shared_units: list[Path] = field(default_factory=list)  # units linked into every program
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DiagnosticMark:
    path: Path
    line: int
    code: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.text.strip()}"


def skip_dir(rel: Path) -> bool:
    parts = rel.parts[:-1]
    if parts and (parts[0] in SKIP_DIRS or parts[0].startswith("cmake-build")):
        return True
    return any(p.startswith(".") for p in parts)


def tree_files(out: Path, suffixes: Sequence[str]) -> list[Path]:
    """Files under `out` with one of `suffixes`, sorted, outside build products and CMake build trees."""
    found = []
    for root, dirs, files in os.walk(out):
        if Path(root, "CMakeCache.txt").exists():
            dirs[:] = []
            continue
        for name in files:
            path = Path(root, name)
            if name.endswith(tuple(suffixes)) and not skip_dir(path.relative_to(out)):
                found.append(path)
    return sorted(found)


def included_units(out: Path, units: Sequence[Path]) -> set[Path]:
    """Units that a file of the tree includes textually (`#include "reference.cpp"`, a translated
    `#include "kernels.cu"`): they are part of the including unit, and compiling them on their own would fail
    (they rely on what the includer declared first) or define their symbols twice at link time."""
    unit_set = {Path(os.path.normpath(u)) for u in units}
    found: set[Path] = set()
    for path in tree_files(out, TEXT_SUFFIXES):
        if path.suffix == ".cl":
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for header, angled in scan_includes(data):
            cand = resolve_include(header, angled, path, ())  # beside the includer: the tree is self-contained
            if cand in unit_set and cand != Path(os.path.normpath(path)):
                found.add(cand)
    return found


def include_flags(out: Path) -> list[str]:
    """-I for the tree's root and for every directory named `include` in it (projects keep their layout)."""
    dirs = [out] + sorted(p for p in out.rglob("include") if p.is_dir() and not skip_dir(p.relative_to(out) / "x"))
    return [f"-I{d}" for d in dirs]


def error_marks(out: Path) -> list[DiagnosticMark]:
    """Inline `CUDAPORT CPnnnn:` comments of error severity left in the translated tree."""
    marks = []
    for path in tree_files(out, TEXT_SUFFIXES):
        text = path.read_text("utf-8", "replace")
        for m in _MARK.finditer(text):
            diag = CATALOGUE.get(m.group(1))
            if diag is not None and diag.severity == Severity.ERROR:
                line = text.count("\n", 0, m.start()) + 1
                marks.append(DiagnosticMark(path.relative_to(out), line, m.group(1), m.group(2)))
    return marks


def manifest_errors(out: Path, scripts: bool = False) -> list[DiagnosticMark]:
    """The error findings the translation recorded in OUT/.cudaport/manifest.json, at their CUDA file and line.
    A marked construct can move without its marker (a kernel body written into the .cl from text the marker
    was not in), so the inline markers alone miss it and the device compile fails with a bare compiler error.
    Only the findings of inputs whose outputs are all as the translation wrote them count: once a person edits
    an output, its inline markers say what is left. Those of the project's build scripts (CP5010, a CUDA
    library the Makefile links) count only for a build with those scripts (`scripts`): cudaport's own build
    does not read them."""
    manifest = Manifest.load(out)
    if manifest is None:
        return []
    found: dict[tuple[str, int, str, str], DiagnosticMark] = {}
    for entry in manifest.files.values():
        if entry.kind == "build" and not scripts:
            continue
        errors = [f for f in entry.findings if f.get("severity") == Severity.ERROR.value]
        if not errors or any(file_sha(out / rel) != digest for rel, digest in entry.outputs.items()):
            continue
        for f in errors:
            key = (str(f.get("path")), int(f.get("line") or 0), str(f.get("code")), str(f.get("message", "")))
            found.setdefault(key, DiagnosticMark(Path(key[0]), key[1], key[2], key[3]))
    return sorted(found.values(), key=lambda m: (str(m.path), m.line, m.code))


def blocking_marks(out: Path, scripts: bool = False) -> list[DiagnosticMark]:
    """The error diagnostics that block a build of OUT (with the project's build scripts: `scripts`): those the
    manifest records (manifest_errors), then the inline markers (error_marks) no recorded finding accounts for
    (same code, the marker's text a prefix of its message: a marker's text stops at a `*`)."""
    recorded = manifest_errors(out, scripts)

    def accounted(mark: DiagnosticMark) -> bool:
        text = mark.text.strip()
        return any(r.code == mark.code and r.text.strip().startswith(text) for r in recorded)

    return recorded + [m for m in error_marks(out) if not accounted(m)]


def blocking_summary(marks: Sequence[DiagnosticMark]) -> str:
    """Names the error diagnostics of a tree: codes, count, the first one's place, how to read about it."""
    codes = sorted({m.code for m in marks})
    return (f"{len(marks)} unresolved error diagnostic(s) {', '.join(codes)}, first at {marks[0]}"
            f" (see `cudaport explain {codes[0]}`)")


def blocking_suffix(marks: Sequence[DiagnosticMark]) -> str:
    """The part of a compile-failure message that names the diagnostics which most likely caused it."""
    return f"; the tree has {blocking_summary(marks)}" if marks else ""


def run_tool(cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True, errors="replace")


def first_errors(output: str, limit: int = 6) -> str:
    """The first error lines of a compiler's output (with the following context line), else its first lines."""
    lines = output.splitlines()
    picked: list[str] = []
    for i, line in enumerate(lines):
        if re.search(r"\b(error|fatal error|undefined reference)\b", line):
            picked.extend(lines[i:i + 2])
        if len(picked) >= limit:
            break
    return "\n".join((picked or lines)[:limit])


def parallel(jobs: int, func, items: Sequence):  # type: ignore[no-untyped-def]
    """Runs func over items with `jobs` threads (compilers are separate processes); results in order."""
    if jobs <= 1 or len(items) <= 1:
        return [func(i) for i in items]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(func, items))


def defines_main(obj: Path, source: Path) -> bool:
    """Whether an object file defines `main` (from nm; a source-text check when nm is missing)."""
    nm = shutil.which("nm")
    if nm:
        res = run_tool([nm, "--defined-only", "-g", str(obj)])
        if res.returncode == 0:
            return any(line.split()[-1:] == ["main"] for line in res.stdout.splitlines())
    return source_defines_main(source)


def source_defines_main(source: Path) -> bool:
    """Text check used where no object file exists (type-check-only builds)."""
    return _MAIN.search(source.read_text("utf-8", "replace")) is not None


def program_names(main_units: Sequence[Path], out: Path) -> dict[Path, str]:
    """Executable name per main unit: the file stem, or dir_stem where two units share a stem."""
    stems: dict[str, int] = {}
    for u in main_units:
        stems[u.stem] = stems.get(u.stem, 0) + 1
    names = {}
    for u in main_units:
        rel = u.relative_to(out)
        names[u] = u.stem if stems[u.stem] == 1 else "_".join(rel.with_suffix("").parts)
    return names


def find_cxx() -> str:
    """The host C++ compiler ($CXX, else c++/g++/clang++) as a full path; BuildError when there is none."""
    compiler = cxx()
    found = shutil.which(compiler) if compiler else None
    if not found:
        where = f" ($CXX={compiler!r} is not a program)" if compiler else ""
        raise BuildError(f"no C++ compiler found{where} (install g++: apt-get install g++, or set CXX)",
                         setup=True)
    return found


def compile_and_link(out: Path, target: str, units: list[Path], jobs: int, *,
                     compile_argv: Callable[[Path, Path], list[str]],
                     link_argv: Callable[[Path, list[Path], Path], list[str]],
                     compile_failure: Callable[[Path, str], BuildError],
                     link_failure: Callable[[Path, Path, str], BuildError],
                     env: dict[str, str] | None = None) -> BuildResult:
    """Compiles every unit to OUT/build/obj (compile_argv(unit, obj)), then links each unit that defines main
    with the objects of all the others into OUT/build/<name> (link_argv(main_obj, other_objs, exe)). The first
    failing unit raises the error compile_failure(unit, output) or link_failure(unit, exe, output) makes."""
    def compile_unit(unit: Path) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
        obj = object_path(out, unit)
        obj.parent.mkdir(parents=True, exist_ok=True)
        return unit, obj, run_tool(compile_argv(unit, obj), env=env)

    results = parallel(jobs, compile_unit, units)
    for unit, _obj, res in results:
        if res.returncode != 0:
            raise compile_failure(unit, res.stderr + res.stdout)
    mains = [u for u, obj, _r in results if defines_main(obj, u)]
    names = program_names(mains, out)
    shared = [obj for u, obj, _r in results if u not in mains]
    result = BuildResult(target, objects=[o for _u, o, _r in results], programs={names[u]: u for u in mains},
                         shared_units=[u for u in units if u not in mains])

    def link(unit: Path) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
        exe = out / "build" / names[unit]
        return unit, exe, run_tool(link_argv(object_path(out, unit), shared, exe), env=env)

    for unit, exe, res in parallel(jobs, link, mains):
        if res.returncode != 0:
            raise link_failure(unit, exe, res.stderr + res.stdout)
        result.executables.append(exe)
    return result


def object_path(out: Path, unit: Path) -> Path:
    rel = unit.relative_to(out)
    return out / "build" / "obj" / rel.parent / (rel.name + ".o")


def cache_root() -> Path:
    env = os.environ.get("CUDAPORT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cudaport"
