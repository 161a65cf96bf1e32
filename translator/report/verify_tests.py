"""Report stage, differential verification (`cudaport report --verify --tests [CASE_DIR...]`): runs differential
cases (folders with case.yaml and a CUDA kernel file, as `cudaport test` takes them; by default those shipped
inside the project) through the tester on the OpenCL devices of this machine. A case whose kernel file is a file
of the project decides that file's result: a failing case fails it with CP6004 at the kernel file; a case outside
the project is reported as a note. Only OpenCL runs here, so other targets get a note.

Input: a TargetCheck (verify.py), the case folders, the project root. Output: the TargetCheck, updated.
"""

from __future__ import annotations

import os
from pathlib import Path

from translator.report.verify import FAILED, NOT_CHECKED, PASSED, CheckError, FileCheck, TargetCheck


def _inside(path: Path, root: Path) -> str | None:
    try:
        return Path(os.path.realpath(path)).relative_to(Path(os.path.realpath(root))).as_posix()
    except ValueError:
        return None


def _why(result) -> str:  # type: ignore[no-untyped-def]
    if result.stage_error:
        return result.stage_error.strip().splitlines()[0][:300]
    bad = next((r for r in result.runs if r.verdict not in ("pass", "skip")), None)
    if bad is None:
        return "no device ran the case: " + "; ".join(f"{r.device}: {r.message}" for r in result.runs)[:250]
    first = next((c for c in bad.comparisons if not c.ok), None)
    detail = first.describe() if first is not None else bad.message.strip().splitlines()[0] if bad.message else ""
    return f"{bad.device}: {bad.verdict}: {detail}"[:300]


def run_tests(check: TargetCheck, case_dirs: list[Path], root: Path) -> TargetCheck:
    if check.target != "opencl":
        check.notes.append("differential cases (--tests) run on OpenCL devices only; not run for this target")
        return check
    from translator.difftest import runner
    from translator.difftest.schema import CaseError, discover, load_case

    try:
        cases = [load_case(d) for d in discover(case_dirs)]
    except CaseError as exc:
        check.notes.append(f"differential cases not run: {exc}")
        return check
    if not cases:
        check.notes.append("no differential cases found (a case is a folder with case.yaml and its kernel file)")
        return check
    passed = failed = 0
    for case in cases:
        result = runner.run_case(case, runner.Options(devices=["pocl"]))
        rel = _inside(case.kernel_file, root)
        if result.ok:
            passed += 1
            if rel is not None and rel in check.files and check.files[rel].status != FAILED:
                status = check.files[rel]
                reason = f"differential case {case.name} passed" + (f"; {status.reason}" if status.reason else "")
                check.files[rel] = FileCheck(PASSED, reason)
            continue
        failed += 1
        why = _why(result)
        if rel is None:
            check.notes.append(f"differential case {case.name} (outside the project) failed: {why}")
            continue
        check.errors.append(CheckError("test", rel, 1, 1, f"case {case.name}: {why}", "", "", "unit"))
        prior = check.files.get(rel, FileCheck(NOT_CHECKED))
        check.files[rel] = FileCheck(FAILED, f"differential case {case.name} failed"
                                     + (f"; {prior.reason}" if prior.reason and prior.status == FAILED else ""))
    check.notes.append(f"differential cases on PoCL: {passed} passed, {failed} failed")
    check.method += "; differential cases run on PoCL and compared with their oracles"
    return check
