"""The OpenCL emitter's text rewriter never drops an overlapping edit in silence: the first one is kept and the
conflict becomes a CP2006 finding of the file being translated (a blocking code on this target)."""

from __future__ import annotations

import pytest

import translator.targets.opencl as ocl
from translator.api import translate_text
from translator.targets.opencl.text import Rewriter, take_conflicts


def test_overlap_is_recorded_and_first_edit_kept() -> None:
    take_conflicts()
    rw = Rewriter("int a = b + c;")
    rw.replace(8, 13, "x")   # `b + c`
    rw.replace(12, 13, "y")  # `c`, inside the first
    assert rw.result() == "int a = x;"
    conflicts = take_conflicts()
    assert len(conflicts) == 1 and "'c' -> 'y'" in conflicts[0]
    assert take_conflicts() == []


def test_identical_duplicate_is_not_a_conflict() -> None:
    take_conflicts()
    rw = Rewriter("float f;")
    rw.replace(0, 5, "double")
    rw.replace(0, 5, "double")
    assert rw.result() == "double f;"
    assert take_conflicts() == []


def test_conflict_becomes_cp2006_of_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ocl.saturating_conversions

    def clash(ctx, ranges):  # type: ignore[no-untyped-def]
        rw = Rewriter("a b")
        rw.replace(0, 3, "c")
        rw.replace(2, 3, "d")
        rw.result()
        return real(ctx, ranges)

    monkeypatch.setattr(ocl, "saturating_conversions", clash)
    src = "__global__ void k(float* p) { p[threadIdx.x] = 1.0f; }\nint main() { k<<<1, 1>>>(0); return 0; }\n"
    res = translate_text(src, "opencl", name="k.cu")
    codes = [f.code for f in res.findings]
    assert "CP2006" in codes
    assert any("generated OpenCL" in f.message for f in res.findings if f.code == "CP2006")
