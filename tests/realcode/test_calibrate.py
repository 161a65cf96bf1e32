"""Calibration of the report (benchmarks/realcode/calibrate.py): precision and recall per target and mode from
predictions and the harness's outcomes, programs not run by design left out, the published table and README
section generated from calibration.json, and end to end a `cudaport report --verify` of the fake suite's program.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks" / "realcode"))

import calibrate  # noqa: E402

SUITE = Path(__file__).parent / "data" / "suite"


def _entry(passed: bool, rule: bool, estimate: bool, verify: bool, excluded: bool = False) -> dict:
    return {"predicted": {"rule": rule, "estimate": estimate, "verify": verify}, "score": 100.0,
            "actual": {"passed": passed, "stage": "compile", "excluded": excluded}}


def test_precision_and_recall_per_mode() -> None:
    progs = [
        {"name": "a", "targets": {"hip": _entry(True, True, True, True)}},     # right in every mode
        {"name": "b", "targets": {"hip": _entry(False, True, True, False)}},   # only --verify flags it
        {"name": "c", "targets": {"hip": _entry(False, True, False, False)}},  # an error diagnostic flags it
        {"name": "d", "targets": {"hip": _entry(True, True, True, False)}},    # a false alarm of --verify
        {"name": "e", "targets": {"hip": _entry(False, True, True, True, excluded=True)}},  # not run here
        {"name": "f", "targets": {"hip": {"error": "cudaport: error: x", "seconds": 1.0,
                                          "actual": {"passed": True, "stage": "compile", "excluded": False}}}},
    ]
    s = calibrate.summary(progs)["hip"]
    assert (s["programs"], s["compared"], s["excluded"], s["report_errors"], s["pass"]) == (6, 4, 1, 1, 2)
    assert s["rule"] == {"predicted_pass": 4, "predicted_pass_that_pass": 2, "fail": 2, "fail_flagged": 0,
                         "pass_flagged": 0, "precision": 50.0, "recall": 0.0}
    assert (s["estimate"]["precision"], s["estimate"]["recall"]) == (round(200 / 3, 1), 50.0)
    assert s["verify"] == {"predicted_pass": 1, "predicted_pass_that_pass": 1, "fail": 2, "fail_flagged": 2,
                           "pass_flagged": 1, "precision": 100.0, "recall": 100.0}
    assert calibrate.summary([])["opencl"]["verify"]["precision"] is None  # nothing predicted: no share


def test_programs_not_run_by_design_have_no_outcome() -> None:
    doc = {"programs": [{"name": "p", "targets": {
        "opencl": {"stage": "run", "passed": False, "first_error": "not run: fixed sizes"},
        "hip": {"stage": "compile", "passed": False, "first_error": "x.cpp:1: error: y"}}}]}
    assert calibrate.actual(doc, "p", "opencl")["excluded"] is True
    assert calibrate.actual(doc, "p", "hip") == {"passed": False, "stage": "compile", "excluded": False}
    assert calibrate.actual(doc, "q", "hip") is None


def test_readme_table_shows_both_shares_before_and_after_verify() -> None:
    progs = [{"name": "a", "targets": {t: _entry(True, True, True, True) for t in calibrate.TARGETS}},
             {"name": "b", "targets": {t: _entry(False, True, True, False) for t in calibrate.TARGETS}}]
    table = calibrate.readme_table(calibrate.summary(progs))
    assert "| hip | report without `--verify` | 2 | 50 % (1/2) | 0 % (0/1) |" in table
    assert "| hip | report with `--verify` | 2 | 100 % (1/1) | 100 % (1/1) |" in table


def test_published_calibration_and_readme_section_match_the_results() -> None:
    results = calibrate.CALIBRATION
    if not results.is_file():
        pytest.skip("reports/realcode/calibration.json not published yet")
    doc = json.loads(results.read_text())
    assert results.with_suffix(".md").read_text() == calibrate.markdown(doc), (
        "reports/realcode/calibration.md is stale: run `python benchmarks/realcode/calibrate.py table`")
    assert calibrate.readme_section(doc) in (REPO / "README.md").read_text(), (
        "the README's calibration table is stale: run `python benchmarks/realcode/calibrate.py table`")


@pytest.mark.slow
@pytest.mark.hipcc
def test_calibration_runs_the_report_on_a_program_and_merges_per_target(tmp_path: Path) -> None:
    devset = tmp_path / "dev.json"
    devset.write_text(json.dumps({"commit": "0" * 40, "programs": [
        {"name": "saxpy", "dir": "saxpy-cuda", "class": "plain", "lines": 40}]}))
    (tmp_path / "args").mkdir()
    (tmp_path / "args" / "t.yaml").write_text("saxpy:\n  args: '3000'\n  why: test\n")
    outcomes = tmp_path / "hecbench.json"
    outcomes.write_text(json.dumps({"commit": "0" * 40, "programs": [{"name": "saxpy", "targets": {
        "hip": {"stage": "compile", "passed": True, "first_error": None}}}]}))
    results = tmp_path / "calibration.json"
    argv = ["run", "--hecbench", str(SUITE), "--devset", str(devset), "--args-dir", str(tmp_path / "args"),
            "--work", str(tmp_path / "work"), "--harness-results", str(outcomes), "--results", str(results),
            "--no-table", "--target", "hip"]
    assert calibrate.main(argv) == 0
    entry = json.loads(results.read_text())["programs"][0]["targets"]["hip"]
    assert entry["verification"]["failed"] == 0 and entry["verification"]["checked"] >= 1
    assert entry["predicted"]["verify"] is True and entry["actual"]["passed"] is True
    doc = json.loads(results.read_text())
    assert doc["summary"]["hip"]["verify"]["precision"] == 100.0
    assert (tmp_path / "work" / "saxpy" / "report-hip.json").is_file()
