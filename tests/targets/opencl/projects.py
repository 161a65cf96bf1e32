"""Test helper for the OpenCL target: a small multi-file CUDA project written to a temporary folder and
translated with the CLI, as a user runs it."""

from __future__ import annotations

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
