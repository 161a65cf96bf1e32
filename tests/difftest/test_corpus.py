"""The corpus through the real pipeline (translate --to opencl, build, run): all cases on PoCL, a subset under
Oclgrind (races, out-of-bounds, uninitialised reads count as failures). Prints the summary line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.difftest.conftest import CORPUS

pytestmark = [pytest.mark.slow, pytest.mark.opencl]
# translator gaps the corpus found (as of this commit); a case listed here may fail, every other case must pass
KNOWN_GAPS: dict[str, str] = {}
OCLGRIND_SUBSET = ["reverse_static_shared", "reduce_tree_float", "matmul_tiled", "transpose_padded",
                   "histogram_shared", "scan_blelloch", "stencil1d_halo", "conv1d_shared_constant",
                   "reduce_warp_shfl"]


def _cudaport_test(args: list[str], tmp_path: Path) -> tuple[int, dict, str]:
    out = tmp_path / "res.json"
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", *args, "--json", str(out), "-q"],
                         capture_output=True, text=True, timeout=3600)
    data = json.loads(out.read_text()) if out.exists() else {}
    return res.returncode, data, res.stdout + res.stderr


def test_corpus_on_pocl(tmp_path: Path, need_pipeline: None) -> None:
    rc, data, text = _cudaport_test([str(CORPUS), "--device", "pocl", "--jobs", "2"], tmp_path)
    print(data.get("summary"))
    failed = [c["case"] for c in data.get("cases", []) if not c["ok"]]
    assert data and rc == (1 if failed else 0), text[-3000:]
    unexpected = [c for c in failed if c not in KNOWN_GAPS]
    fixed = sorted(set(KNOWN_GAPS) - set(failed))
    if fixed:
        print(f"known gaps that pass on PoCL now (drop them from KNOWN_GAPS when Oclgrind agrees): {fixed}")
    assert len(data["cases"]) >= 60
    assert not unexpected, f"{data['summary']}: failing cases {unexpected}\n{text[-4000:]}"


def test_corpus_subset_under_oclgrind(tmp_path: Path, need_pipeline: None, need_oclgrind: None) -> None:
    dirs = [str(CORPUS / n) for n in OCLGRIND_SUBSET]
    rc, data, text = _cudaport_test([*dirs, "--device", "oclgrind", "--jobs", "2"], tmp_path)
    print(data.get("summary"))
    failed = [c["case"] for c in data.get("cases", []) if not c["ok"]]
    assert data and not failed, f"{data.get('summary')}: failing under oclgrind {failed}\n{text[-4000:]}"
