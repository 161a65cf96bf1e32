"""`pip install .` ships the data the tool needs at run time: rules/, runtime_shim/ and corpus/ travel inside
the wheel (translator/_data/) and are found there by translator.resources."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import tool_missing

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_rules_shim_and_corpus(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(tmp_path), str(REPO)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0 and "hatchling" in out.stderr:
        out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                              str(REPO)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    (wheel,) = tmp_path.glob("cudaport-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "translator/_data/rules/runtime/memory.yaml" in names
    assert "translator/_data/runtime_shim/opencl/include/cudaport_opencl.h" in names
    assert "translator/_data/runtime_shim/sycl/include/cudaport_sycl.hpp" in names
    assert any(n.startswith("translator/_data/corpus/cases/") for n in names)
    assert any(n.startswith("translator/_data/corpus/programs/") for n in names)
    assert "translator/engine/diagnostics.yaml" in names
    assert "translator/frontend/prelude/cuda_prelude.h" in names
    assert any(n.startswith("translator/report/templates/") for n in names)


def test_installed_layout_is_preferred_by_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from translator import resources

    fake_pkg = tmp_path / "translator"
    (fake_pkg / "_data" / "rules").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PKG", fake_pkg)
    assert resources.rules_dir() == fake_pkg / "_data" / "rules"


@pytest.mark.opencl
@pytest.mark.slow
def test_installed_cudaport_runs_its_shipped_cases_from_any_directory(tmp_path: Path) -> None:
    """`cudaport test` with no case folder, from the installed command outside the checkout, finds the corpus
    shipped in the wheel (it used to look for site-packages/corpus)."""
    exe = Path(sys.executable).with_name("cudaport")
    if not exe.is_file():
        tool_missing("no installed cudaport command beside this Python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    proc = subprocess.run([str(exe), "test", "-k", "saxpy", "--device", "pocl", "--cache-dir",
                           str(tmp_path / "cache")], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-1500:] + proc.stderr[-1500:]
    assert "not a case folder" not in proc.stderr
    assert "pass" in proc.stdout.lower()
