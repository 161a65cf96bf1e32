"""Multi-file CUDA projects end to end on the OpenCL target: `cudaport translate --to opencl`, `cudaport build`
(with the project's migrated CMakeLists.txt or Makefile where it has one, else each unit with main() becomes an
executable with the other units linked into it; the one executable it prints is run), then it must
print PASS on PoCL and again under `oclgrind --data-races` on the shim's handle-table path with no error
reported. Projects: examples/heat2d (launches kernels of two other files through a header's prototypes), the
corpus projects imgproc_cmake and particles_make (device templates in shared headers, namespaces), and the
crossfile fixture (kernels defined in a header, extern __constant__/__device__ variables across files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
PROJECTS = {
    "heat2d": REPO / "examples" / "heat2d",  # CMake: target heat2d
    "imgproc_cmake": REPO / "corpus" / "projects" / "imgproc_cmake",  # CMake: imgproc_app and a static library
    "particles_make": REPO / "corpus" / "projects" / "particles_make",  # Makefile: build/particles
    "crossfile": Path(__file__).parent / "data" / "crossfile",  # no build files: build/main
}
OCLGRIND_ERRORS = ("data race", "Invalid read", "Invalid write", "Uninitialized", "divergence", "Oclgrind - ")

pytestmark = pytest.mark.opencl


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_") or k == "CUDAPORT_CACHE_DIR"}
    env.update(extra)
    return env


def _cudaport(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translator.cli", *args], capture_output=True, text=True,
                          timeout=600, env=_env({}), cwd=REPO)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> executable, translated and built once for the module."""
    out = {}
    for name, src in PROJECTS.items():
        dest = tmp_path_factory.mktemp(name) / "out"
        tr = _cudaport("translate", str(src), "--to", "opencl", "-o", str(dest), "-q")
        assert tr.returncode == 0, tr.stdout + tr.stderr
        b = _cudaport("build", str(dest), "-q")
        assert b.returncode == 0, b.stdout + b.stderr
        (exe,) = b.stdout.split()
        out[name] = Path(exe)
        assert out[name].is_file(), exe
    return out


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_project_passes_on_pocl(built: dict[str, Path], name: str) -> None:
    exe = built[name]
    proc = subprocess.run([str(exe)], cwd=exe.parent, capture_output=True, text=True, timeout=300, env=_env({}))
    assert proc.returncode == 0 and f"PASS {name}" in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.oclgrind
@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_project_passes_under_oclgrind_without_errors(built: dict[str, Path], name: str) -> None:
    exe = built[name]
    proc = subprocess.run(["oclgrind", "--data-races", str(exe)], cwd=exe.parent, capture_output=True, text=True,
                          timeout=600, env=_env({"CUDAPORT_OPENCL_SVM": "0"}))
    assert proc.returncode == 0 and f"PASS {name}" in proc.stdout, proc.stdout + proc.stderr
    found = [e for e in OCLGRIND_ERRORS if e in proc.stderr]
    assert not found, proc.stderr[-3000:]
