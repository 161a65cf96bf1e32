"""Library names newer than the target HIP: hipSPARSE has hipsparseGetErrorName/GetErrorString only from 3.0
(HIP 6.0), so below 6.0 the call becomes an inline lookup of the enumerator's name; hipRAND has orderings only
from HIP 6.2, so below it the ordering type is an int, the enumerators their cuRAND values and
curandSetGeneratorOrdering a call that succeeds. Each carries CP2003 at its site; at newer versions they are
plain renames. The 5.2 translations are checked by hipcc against the installed hipSPARSE/hipRAND headers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from translator.api import translate_text
from translator.engine.context import Options

SOURCE = r"""
#include <cstdio>
#include <cusparse.h>
int main() {
  cusparseHandle_t h;
  cusparseStatus_t st = cusparseCreate(&h);
  printf("%s %s\n", cusparseGetErrorString(st), cusparseGetErrorName(CUSPARSE_STATUS_INVALID_VALUE));
  return 0;
}
"""

RAND = r"""
#include <curand.h>
int seeded(curandGenerator_t gen, const curandOrdering_t &order) {
  curandOrdering_t best = CURAND_ORDERING_PSEUDO_BEST;
  return curandSetGeneratorOrdering(gen, order) == CURAND_STATUS_SUCCESS && best != order;
}
int main() { return 0; }
"""


def _translate(version: tuple[int, int], source: str = SOURCE) -> tuple[str, list[str]]:
    res = translate_text(source, "hip", name="s.cu", options=Options(target="hip", hip_version=version))
    return res.output.decode(), [f.code for f in res.findings]


def _hipcc(tmp_path: Path, text: str, header: str) -> None:
    if shutil.which("hipcc") is None or not Path(header).exists():
        tool_missing(f"needs hipcc and {header}")
    out = tmp_path / "s.hip"
    out.write_text(text)
    proc = subprocess.run(["hipcc", "-fsyntax-only", "--offload-arch=gfx90a", str(out)], capture_output=True,
                          text=True, check=False, env={**os.environ, "HIP_PLATFORM": "amd"})
    assert proc.returncode == 0, proc.stderr[-3000:] + "\n" + text


def test_hip6_renames() -> None:
    text, codes = _translate((6, 0))
    assert "hipsparseGetErrorString(st)" in text and "hipsparseGetErrorName(HIPSPARSE_STATUS_INVALID_VALUE)" in text
    assert "CP2003" not in codes


@pytest.mark.hipcc
def test_hip52_names_the_status_and_passes_hipcc(tmp_path: Path) -> None:
    text, codes = _translate((5, 2))
    assert "hipsparseGetErrorString" not in text and codes.count("CP2003") == 2
    _hipcc(tmp_path, text, "/usr/include/hipsparse/hipsparse.h")


def test_hip62_keeps_hiprand_orderings() -> None:
    text, codes = _translate((6, 2), RAND)
    assert "hiprandSetGeneratorOrdering(gen, order)" in text and "HIPRAND_ORDERING_PSEUDO_BEST" in text
    assert "CP2003" not in codes


@pytest.mark.hipcc
def test_hip52_orderings_are_values_and_pass_hipcc(tmp_path: Path) -> None:
    text, codes = _translate((5, 2), RAND)
    assert "HIPRAND_ORDERING" not in text and "hiprandSetGeneratorOrdering" not in text
    assert re.search(r"\bint\b[^;]*\bbest = [^;]*\b100;", text) and codes.count("CP2003") == 4
    _hipcc(tmp_path, text, "/usr/include/hiprand/hiprand.h")
