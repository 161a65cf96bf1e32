"""Project build: when a translated tree has the project's own (migrated) build system, `cudaport build` drives
it instead of scanning units itself. CMake: configure into OUT/build/cmake and build, then read the targets it
made from CMake's file API (the user's names: add_executable(vecapp ...) gives vecapp). Makefile: run make in
OUT; the programs are the executables that run wrote. Input: OUT, target, jobs, config. Output: BuildResult.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from translator.build.cmake import GENERATED_PREFIX, MARKER
from translator.build.common import BuildError, BuildResult, first_errors, run_tool
from translator.migrate.cmake import CMakeParseError
from translator.migrate.cmake import parse as parse_cmake
from translator.project.runtime_bundle import RUNTIME_DIR, runtime_folder
from translator.resources import cmake_package_dir, shim_dir

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
CMAKE_BUILD_DIR = ("build", "cmake")  # under OUT, beside cudaport's own build products
_ELF = b"\x7fELF"


def project_system(out: Path) -> str | None:
    """"cmake" or "make" when OUT has the project's build files (migrated by translate), None when it has none
    or only the CMakeLists.txt cudaport generated for a project that had no build. A top-level CMakeLists.txt
    (one that calls project()) wins over a Makefile."""
    cmakelists = out / "CMakeLists.txt"
    if cmakelists.is_file():
        text = cmakelists.read_text("utf-8", "replace")
        if not text.startswith((MARKER, GENERATED_PREFIX)) and _is_project(text):
            return "cmake"
    if any((out / name).is_file() for name in MAKEFILES):
        return "make"
    return None


def _is_project(text: str) -> bool:
    """Whether a CMakeLists.txt can be configured on its own: it calls project(). One that does not is a
    folder of a larger build (a benchmark suite's add_my_benchmark(...) per program) and cannot."""
    try:
        return any(cmd.lname == "project" for cmd in parse_cmake(text))
    except CMakeParseError:
        return False


def _tool(name: str, apt: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BuildError(f"{name} not found: the translated tree builds with its own {name} files "
                         f"(install it: apt-get install {apt}, or pass --own-build)", setup=True)
    return found


def _env(target: str) -> dict[str, str]:
    # HIP 5.2's hipcc picks the nvcc backend when a CUDA install is present; the tree is for AMD's.
    return dict(os.environ, HIP_PLATFORM="amd") if target == "hip" else dict(os.environ)


def _carries_runtime(out: Path, target: str) -> bool:
    folder = runtime_folder(target)
    return folder is None or (out / folder).is_dir()


def cmake_build(out: Path, target: str, jobs: int, config: str, offload_arch: str,
                compiler: list[str] | None = None) -> BuildResult:
    """Configures OUT with CMake into OUT/build/cmake and builds every target; BuildError on failure."""
    cmake = _tool("cmake", "cmake")
    bdir = out.joinpath(*CMAKE_BUILD_DIR)
    query = bdir / ".cmake" / "api" / "v1" / "query" / "codemodel-v2"
    query.parent.mkdir(parents=True, exist_ok=True)
    query.touch()
    argv = [cmake, "-S", str(out), "-B", str(bdir), f"-DCMAKE_BUILD_TYPE={config}"]
    if target == "hip":
        argv.append(f"-DCMAKE_HIP_ARCHITECTURES={offload_arch}")
    if not _carries_runtime(out, target):  # translated with --runtime external: this cudaport's package
        argv.append(f"-DCMAKE_PREFIX_PATH={cmake_package_dir()}")
    if compiler:
        argv.append(f"-DCMAKE_CXX_COMPILER={compiler[0]}")
    env = _env(target)
    res = run_tool(argv, env=env)
    if res.returncode != 0:
        hint = ("; CMake's HIP language needs ROCm's hip-lang CMake package (Debian's hipcc has none): "
                "--own-build compiles the units with hipcc directly") if "hip-lang" in res.stderr else ""
        raise BuildError(f"{out / 'CMakeLists.txt'}: cmake configure failed (build dir {bdir}){hint}",
                         first_errors(res.stderr + res.stdout, 10))
    res = run_tool([cmake, "--build", str(bdir), "--config", config, "-j", str(max(jobs, 1))], env=env)
    if res.returncode != 0:
        raise BuildError(f"{out}: cmake build failed (build dir {bdir})", first_errors(res.stdout + res.stderr, 10))
    result = BuildResult(target)
    targets = _cmake_targets(bdir, out)
    for _name, kind, artifacts in targets:
        if kind == "EXECUTABLE":
            result.executables += [a for a in artifacts if a.is_file()]
    shown = ", ".join(f"{name} ({kind.lower().replace('_', ' ')})" for name, kind, _a in targets)
    result.notes.append(f"built with the project's CMakeLists.txt in {bdir}: {shown or 'no targets'}")
    return result


def _cmake_targets(bdir: Path, out: Path) -> list[tuple[str, str, list[Path]]]:
    """(name, type, artifact paths) of the project's targets from CMake's file-API reply; the runtime's own
    targets (from OUT/cudaport_runtime or an installed cudaport) are left out."""
    reply = bdir / ".cmake" / "api" / "v1" / "reply"
    index = max(reply.glob("index-*.json"), default=None, key=lambda p: p.name)
    if index is None:
        return []
    data = json.loads(index.read_text())
    model = next((o for o in data.get("objects", []) if o.get("kind") == "codemodel"), None)
    if model is None:
        return []
    codemodel = json.loads((reply / model["jsonFile"]).read_text())
    found = []
    for config in codemodel.get("configurations", [])[:1]:
        for ref in config.get("targets", []):
            target = json.loads((reply / ref["jsonFile"]).read_text())
            source = target.get("paths", {}).get("source", ".")
            if Path(source).is_absolute() or Path(source).parts[:1] == (RUNTIME_DIR,):
                continue
            if target.get("type") == "UTILITY":
                continue
            artifacts = [Path(a["path"]) if Path(a["path"]).is_absolute() else bdir / a["path"]
                         for a in target.get("artifacts", [])]
            found.append((target["name"], target["type"], artifacts))
    return sorted(found)


def make_build(out: Path, target: str, jobs: int) -> BuildResult:
    """Runs make (its default goal) in OUT; the programs are the executables this run wrote."""
    make = _tool("make", "make")
    argv = [make, "-C", str(out), f"-j{max(jobs, 1)}"]
    if not _carries_runtime(out, target):  # --runtime external, and `cudaport` may not be on PATH
        argv.append(f"CUDAPORT_SHIM={shim_dir() / target}")
    start = time.time() - 1
    res = run_tool(argv, env=_env(target))
    if res.returncode != 0:
        raise BuildError(f"{out}: make failed", first_errors(res.stdout + res.stderr, 10))
    result = BuildResult(target, executables=_new_executables(out, start))
    names = ", ".join(e.name for e in result.executables) or "no executables"
    result.notes.append(f"built with the project's Makefile: {names}")
    return result


def _new_executables(out: Path, since: float) -> list[Path]:
    """ELF executables under OUT written at or after `since`, outside the runtime and the CMake build folder
    (a project's Makefile may well write into OUT/build itself)."""
    found = []
    for root, dirs, files in os.walk(out):
        rel = Path(root).relative_to(out)
        if rel.parts[:1] == (RUNTIME_DIR,) or rel.parts[:2] == CMAKE_BUILD_DIR:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            try:
                st = path.stat()
                if st.st_mtime < since or not os.access(path, os.X_OK) or path.suffix in (".so", ".o", ".a"):
                    continue
                with path.open("rb") as fh:
                    if fh.read(4) == _ELF:
                        found.append(path)
            except OSError:
                continue
    return sorted(found)
