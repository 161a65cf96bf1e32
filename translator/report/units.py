"""Report stage, verification inputs: the translation units of a translated tree with the flags its migrated
build gives them (a dry run of each Makefile, `make -n -B`), and the checker command per target (HIP: hipcc
-fsyntax-only for gfx90a; SYCL: a SYCL compiler, else clang++ (g++ without clang) -fsyntax-only against the
SYCL 2020 headers).
Shared by `cudaport report --verify` and the real-code harness (benchmarks/realcode/checks.py).

Input: a translated tree. Output: Unit records and argv lists; no compiler is run here.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from translator.build.sycl import sycl_compiler
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir

SOURCE_SUFFIXES = {"hip": (".cu", ".hip", ".cpp", ".cc"), "sycl": (".cpp", ".cc", ".cxx"),
                   "opencl": (".cpp", ".cc", ".cxx", ".c")}
_SOURCE_EXT = (".cu", ".cpp", ".cc", ".cxx", ".c", ".hip")
# The compile flags a translation unit keeps from its migrated build line; the checker adds its own mode flags.
KEEP_WITH_VALUE = ("-I", "-isystem", "-include", "-D", "-U", "-iquote")
KEEP_PREFIX = ("-std=", "-fopenmp")
# Output folders that never hold user units: build products and the runtime the tree carries.
SKIP_PARTS = {"build", "cudaport_runtime", ".cudaport"}
HIP_ARCH = "gfx90a"


@dataclass(frozen=True)
class Unit:
    """One translation unit as the migrated build compiles it: the folder make runs in, the file, its flags."""
    cwd: Path
    source: str  # relative to cwd
    flags: tuple[str, ...]

    @property
    def path(self) -> Path:
        return Path(os.path.normpath(self.cwd / self.source))


def _dry_run(prog_dir: Path) -> str:
    try:
        proc = subprocess.run(["make", "-n", "-B"], cwd=prog_dir, capture_output=True, text=True, errors="replace",
                              timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ""
    return proc.stdout


def make_units(prog_dir: Path) -> list[Unit]:
    """The translation units and their flags, read from a dry run of the Makefile in `prog_dir`, so a check uses
    the include paths and defines a user building the translated tree would get. [] without a Makefile."""
    if not (prog_dir / "Makefile").is_file() or not shutil.which("make"):
        return []
    units: list[Unit] = []
    seen: set[str] = set()
    for line in _dry_run(prog_dir).splitlines():
        try:
            words = shlex.split(line)
        except ValueError:
            continue
        sources = [w for w in words if w.endswith(_SOURCE_EXT) and not w.startswith("-") and (prog_dir / w).is_file()]
        if not sources:
            continue
        flags = kept_flags(words)
        for s in sources:
            if s not in seen:
                seen.add(s)
                units.append(Unit(prog_dir, s, flags))
    return units


def kept_flags(words: list[str]) -> tuple[str, ...]:
    """The include, define, language-standard and OpenMP flags of one compile line."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in KEEP_WITH_VALUE and i + 1 < len(words):
            kept += [w, words[i + 1]]
            i += 2
            continue
        if w.startswith(KEEP_WITH_VALUE) or w.startswith(KEEP_PREFIX):
            kept.append(w)
        i += 1
    return tuple(kept)


def _skipped(rel: Path) -> bool:
    return bool(SKIP_PARTS & set(rel.parts[:-1])) or any(p.startswith((".", "cmake-build")) for p in rel.parts[:-1])


def tree_units(prog_dir: Path, suffixes: tuple[str, ...]) -> list[Unit]:
    """Fallback when there is no usable Makefile: every source of the folder, with -I. only."""
    return [Unit(prog_dir, str(p.relative_to(prog_dir)), ("-I.",))
            for p in sorted(prog_dir.rglob("*")) if p.suffix in suffixes and p.is_file()
            and not _skipped(p.relative_to(prog_dir))]


def discover_units(out: Path, target: str, excluded: set[Path] = frozenset()) -> tuple[list[Unit], str]:
    """Units of a whole translated tree, and how they were found. Every Makefile of the tree is dry-run; when
    no Makefile yields a unit, every source is a unit (minus `excluded`: files another file #includes)."""
    makefiles = sorted(p.parent for p in out.rglob("Makefile") if not _skipped(p.relative_to(out)))
    units = [u for d in makefiles for u in make_units(d)]
    if units:
        return units, "the translated Makefile (make -n -B)"
    flags = ("-I.", *fallback_includes(out, target))
    found = [Unit(u.cwd, u.source, flags) for u in tree_units(out, SOURCE_SUFFIXES[target]) if u.path not in excluded]
    return found, "every source file of the tree (no Makefile names its units)"


def fallback_includes(out: Path, target: str) -> list[str]:
    """The include flags `cudaport build` gives a tree without a Makefile: its root, its `include` folders, and
    the runtime it carries (OUT/cudaport_runtime/<target>/include; HIP: cudaport's own HIP additions)."""
    from translator.build.common import include_flags
    from translator.resources import shim_dir

    flags = include_flags(out)
    for inc in (out / "cudaport_runtime" / target / "include", shim_dir() / target / "include"):
        if inc.is_dir() and f"-I{inc}" not in flags:
            flags.append(f"-I{inc}")
    return flags


def mentions_hip(path: Path) -> bool:
    text = path.read_text("utf-8", "replace")
    return "hip/hip_runtime" in text or "__global__" in text


def missing_checker(target: str) -> str | None:
    """Why `target` cannot be checked on this machine (the not-checked reason), or None."""
    if target == "hip" and not shutil.which("hipcc"):
        return "no hipcc (apt-get install hipcc libamdhip64-dev)"
    if target == "sycl" and sycl_compiler() is None and sycl_include_dir() is None:
        return "no SYCL compiler and no SYCL 2020 headers (pip install intel-sycl-rt)"
    if target == "opencl" and not (os.environ.get("CXX") or shutil.which("g++") or shutil.which("clang++")):
        return "no C++ compiler (apt-get install g++)"
    return None


def checker_command(target: str, unit: Unit, extra: tuple[str, ...] = ()) -> list[str] | None:
    """The syntax-check argv for one HIP or SYCL unit (run in unit.cwd), or None when the checker is missing.
    `extra`: flags the user passed (-D NAME), placed before the file."""
    if target == "hip":
        hipcc = shutil.which("hipcc")
        if not hipcc:
            return None
        lang = ["-x", "hip"] if unit.source.endswith((".cu", ".hip")) or mentions_hip(unit.path) else []
        std = [] if any(f.startswith("-std=") for f in unit.flags) else ["-std=c++17"]
        return [hipcc, "-fsyntax-only", f"--offload-arch={HIP_ARCH}", "-w", *std, *unit.flags, *extra, *lang,
                unit.source]
    real = sycl_compiler()
    if real is not None:
        return [*real, "-std=c++17", "-fsyntax-only", "-w", *[f for f in unit.flags if not f.startswith("-std=")],
                *extra, "-x", "c++", unit.source]
    include = sycl_include_dir()
    if include is None:
        return None
    host = sycl_host_cxx()
    if host is None:
        return None
    return [host, "-std=c++17", "-fsyntax-only", "-w", "-DSYCL_DISABLE_FSYCL_SYCLHPP_WARNING",
            *[f for f in unit.flags if not f.startswith("-std=")], *extra, f"-I{include}", "-x", "c++", unit.source]
