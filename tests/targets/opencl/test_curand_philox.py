"""cuRAND's Philox4x32-10 device API on OpenCL: the reference generator of the corpus case reproduces Random123's
published known-answer vectors for philox4x32 with 10 rounds, and the translated kernels (OpenCL prelude) give
that generator's outputs bit for bit on PoCL (corpus/cases/curand_philox_device)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from translator.api import translate_text
from translator.engine.context import Options

CASE = Path(__file__).resolve().parents[3] / "corpus" / "cases" / "curand_philox_device"
# Random123 kat_vectors, "philox4x32 10": counter, key -> output
KAT = [
    ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
]


def _oracle():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("philox_oracle", CASE / "oracle.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(("ctr", "key", "out"), KAT)
def test_reference_philox_matches_random123_known_answers(ctr, key, out) -> None:
    assert tuple(_oracle().philox4x32_10(list(ctr), list(key))) == out


def test_xorwow_state_is_refused_with_the_reason_on_opencl() -> None:
    res = translate_text(b"__global__ void k(unsigned long long s) { curandState st; curand_init(s, 0, 0, &st); }\n",
                         "opencl", name="k.cu", options=Options(target="opencl"))
    msgs = [f.message for f in res.findings if f.code == "CP2008"]
    assert any("XORWOW" in m and "curandStatePhilox4_32_10_t" in m for m in msgs)


@pytest.mark.opencl
def test_translated_kernels_give_curand_philox_sequence_on_pocl(tmp_path: Path) -> None:
    out = tmp_path / "res.json"
    res = subprocess.run([sys.executable, "-m", "translator.cli", "test", str(CASE), "--device", "pocl", "--json",
                          str(out), "-q", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                         timeout=900)
    data = json.loads(out.read_text()) if out.exists() else {}
    if data and data["cases"][0].get("verdicts", {}) == {"pocl": "skip"}:
        tool_missing("PoCL not available")
    assert res.returncode == 0 and data["cases"][0]["ok"], res.stdout[-3000:] + res.stderr[-3000:]
