"""Report formats and checker parsing: summary line, JSON document, JUnit XML, Oclgrind log lines as failures."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from translator.difftest import report
from translator.difftest.compare import compare
from translator.difftest.runner import CaseResult, DeviceRun, oclgrind_errors
from translator.difftest.schema import Tolerance


def _results() -> list[CaseResult]:
    good = CaseResult("saxpy", "corpus/cases/saxpy", {"n": 10}, 0, runs=[DeviceRun("pocl", "pass", 0.5),
                                                                          DeviceRun("oclgrind", "pass", 2.0)])
    good.runs[0].comparisons.append(compare("y", np.ones(3, np.float32), np.ones(3, np.float32), Tolerance(ulp=1)))
    bad_cmp = compare("y", np.zeros(4), np.array([0, 1.0, 0, 0]), Tolerance(abs=1e-3))
    bad = CaseResult("scan", "corpus/cases/scan", {"n": 4}, 3,
                     runs=[DeviceRun("pocl", "fail", 0.2, [bad_cmp], bad_cmp.describe()),
                           DeviceRun("intel", "skip", message="not installed")])
    broken = CaseResult("odd", "corpus/cases/odd", {}, 0, stage_error="build failed (exit 4):\nerror: x")
    return [good, bad, broken]


def test_summary_counts_cases_and_devices() -> None:
    assert report.summary_line(_results()) == "1 passed, 2 failed (pocl: 1/2, oclgrind: 1/1)"


def test_json_has_per_output_errors_and_first_mismatches(tmp_path: Path) -> None:
    report.write_json(_results(), tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["passed"] == 1 and data["failed"] == 2
    out = data["cases"][1]["runs"][0]["outputs"][0]
    assert out["bad"] == 1 and out["first_mismatches"] == [{"index": "1", "expected": "0.0", "actual": "1.0"}]
    assert data["cases"][2]["stage_error"].startswith("build failed")


def test_junit_counts_failures_errors_and_skips(tmp_path: Path) -> None:
    report.write_junit(_results(), tmp_path / "r.xml")
    suite = ET.parse(tmp_path / "r.xml").getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("5", "1", "1",
                                                                                                       "1")
    names = [(tc.get("classname"), tc.get("name")) for tc in suite.iter("testcase")]
    assert ("difftest.scan", "pocl") in names and ("difftest.odd", "build") in names


def test_oclgrind_log_lines_become_errors() -> None:
    log = """Write-write data race at local memory address 0x1000000000000
\tKernel: reverse_blocks
\tFirst entity: Global(0,0,0) Local(3,0,0)
Invalid read of size 4 at global memory address 0x1000000000010
Uninitialized value read from private memory address 0x50
plain output line
"""
    errs = oclgrind_errors(log)
    assert len(errs) == 3 and errs[0].startswith("Write-write data race")
