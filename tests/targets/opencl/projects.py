"""Test helpers for the OpenCL target: a small multi-file CUDA project written to a temporary folder and
translated with the CLI, as a user runs it; `cudaport build` of the translation and a run of the program it
built, in the environment a user has (no CUDAPORT_ setting of the test session but the cache folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from translator.cli import main


def translate_project(tmp_path: Path, files: dict[str, str]) -> Path:
    """Writes `files` (relative path -> text) under tmp_path/src and translates them to tmp_path/out."""
    src = tmp_path / "src"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    out = tmp_path / "out"
    assert main(["translate", str(src), "--to", "opencl", "-o", str(out), "-q"]) in (0, 1)
    return out


REPO = Path(__file__).resolve().parents[3]


def build_env() -> dict[str, str]:
    """The environment without the test session's CUDAPORT_ settings (CUDAPORT_CACHE_DIR kept)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_") or k == "CUDAPORT_CACHE_DIR"}


def cudaport_build(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`cudaport build OUT -q [extra]`, from the repository, in build_env()."""
    return subprocess.run([sys.executable, "-m", "translator.cli", "build", str(out), "-q", *extra],
                          capture_output=True, text=True, timeout=600, env=build_env(), cwd=REPO)


def run_built(out: Path, exe: str = "main") -> subprocess.CompletedProcess[str]:
    """The program `cudaport build` made (OUT/build/EXE), run in its folder in build_env()."""
    binary = out / "build" / exe
    return subprocess.run([str(binary)], cwd=binary.parent, capture_output=True, text=True, timeout=300,
                          env=build_env())


def build_and_run(out: Path, exe: str = "main") -> str:
    """cudaport_build then run_built, both asserted to succeed; the program's output."""
    b = cudaport_build(out)
    assert b.returncode == 0, b.stdout + b.stderr
    proc = run_built(out, exe)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout
