"""The runtime a translated tree carries: OpenCL and SYCL output needs the cudaport runtime shim (the CUDA
runtime API on the target), so translation copies it into OUT/cudaport_runtime/<target>/ with a VERSION
file, and the migrated build files refer to it by a path relative to themselves. A team can commit the
translated tree and build it on a machine without cudaport. Input: the target name. Output: output-relative
paths and their bytes; the runner writes them like any other output (user edits are kept).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from translator import __version__
from translator.resources import shim_dir

RUNTIME_DIR = "cudaport_runtime"
BUNDLED_TARGETS = ("opencl", "sycl")
RUNTIME_MODES = ("bundled", "external")  # translate --runtime: copy it into the tree, or use the installed one
_SKIP_PARTS = {"tests", "__pycache__", "build"}


def runtime_folder(target: str) -> str | None:
    """Output-relative folder of the bundled runtime (`cudaport_runtime/opencl`), None for targets without one."""
    return f"{RUNTIME_DIR}/{target}" if target in BUNDLED_TARGETS else None


def runtime_files(target: str) -> dict[PurePosixPath, bytes]:
    """Every file of the target's runtime shim (sources, headers, its own build files), plus VERSION."""
    folder = runtime_folder(target)
    if folder is None:
        return {}
    base = shim_dir() / target
    files: dict[PurePosixPath, bytes] = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if path.is_file() and not (_SKIP_PARTS & set(rel.parts)) and not rel.name.startswith("."):
            files[PurePosixPath(folder) / rel.as_posix()] = path.read_bytes()
    files[PurePosixPath(folder) / "VERSION"] = (
        f"cudaport {__version__} {target} runtime (Apache-2.0), copied here by `cudaport translate`; a newer "
        "cudaport replaces this folder when it translates the tree again.\n").encode()
    return files
