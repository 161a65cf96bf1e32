"""Record and replay end to end through the OpenCL shim: a case harness built with the record layer writes an
archive (manifest.json + .npy), the archive packs into an .npz, and `cudaport test CASE --replay ARCHIVE` replays
every launch on the translated kernel and compares with the recorded after-state; a tampered archive fails."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.difftest.conftest import CORPUS
from translator.difftest import replay, runner
from translator.difftest.schema import load_case

pytestmark = [pytest.mark.slow, pytest.mark.opencl]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translator.cli", "test", *args], capture_output=True, text=True,
                          timeout=1200)


@pytest.mark.parametrize("name", ["template_axpby_types", "struct_param_byvalue", "stencil2d_jacobi"])
def test_record_then_replay(name: str, tmp_path: Path, need_pipeline: None) -> None:
    case_dir = CORPUS / name
    res = _cli(str(case_dir), "--record", str(tmp_path / "rec"), "--device", "pocl")
    assert res.returncode == 0, res.stdout + res.stderr
    archive = tmp_path / "rec" / name
    manifest = json.loads((archive / "manifest.json").read_text())
    assert manifest["format"] == "cudaport-record" and manifest["launches"]
    first = manifest["launches"][0]
    assert first["kernel"] and len(first["grid"]) == 3
    res = _cli(str(case_dir), "--replay", str(archive), "--device", "pocl")
    assert res.returncode == 0 and "1 passed, 0 failed" in res.stdout, res.stdout + res.stderr
    npz = tmp_path / f"{name}.npz"
    replay.pack(archive, npz)
    assert set(np.load(npz).files) >= {f"l0_a{a['alloc']}_after" for a in first["args"] if a["kind"] == "pointer"}
    res = _cli(str(case_dir), "--replay", str(npz), "--device", "pocl")
    assert res.returncode == 0, res.stdout + res.stderr


def test_replay_detects_a_changed_result(tmp_path: Path, need_pipeline: None) -> None:
    case = load_case(CORPUS / "saxpy")
    opts = runner.Options(devices=["pocl"])
    assert replay.record_cases([case], tmp_path, opts) == 0
    archive = tmp_path / "saxpy"
    after = next(archive.glob("l0_a1_after.npy"))
    arr = np.load(after)
    arr[3] += 1.0
    np.save(after, arr)
    assert replay.run_replay(case, archive, opts) == 1
