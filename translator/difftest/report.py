"""Reports of a difftest run: a rich terminal table (case, device, max abs/rel/ULP error, time, verdict), a JSON
document and JUnit XML (one testcase per case and device). Input: CaseResult list. Output: text/files.
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from translator.difftest.runner import CaseResult


def verdict_counts(results: list[CaseResult]) -> tuple[int, int]:
    passed = sum(1 for r in results if r.ok)
    return passed, len(results) - passed


def summary_line(results: list[CaseResult]) -> str:
    passed, failed = verdict_counts(results)
    per_dev: dict[str, list[int]] = {}
    for r in results:
        for run in r.runs:
            if run.verdict != "skip":
                per_dev.setdefault(run.device, [0, 0])[run.verdict != "pass"] += 1
    devs = ", ".join(f"{d}: {p}/{p + f}" for d, (p, f) in per_dev.items())
    return f"{passed} passed, {failed} failed" + (f" ({devs})" if devs else "")


def print_table(results: list[CaseResult], console: Any = None, verbose: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title="cudaport test", show_lines=False)
    for col in ("case", "device", "max abs", "max rel", "max ulp", "time", "verdict"):
        table.add_column(col, justify="right" if col.startswith(("max", "time")) else "left")
    colors = {"pass": "green", "fail": "red", "error": "red", "skip": "yellow"}
    for r in results:
        if r.stage_error:
            table.add_row(r.case, "-", "", "", "", f"{r.build_seconds:.1f}s", "[red]error[/red]")
            continue
        for run in r.runs:
            table.add_row(r.case, run.device, f"{run.max_abs:.3g}", f"{run.max_rel:.3g}", f"{run.max_ulp:.0f}",
                          f"{run.seconds:.2f}s", f"[{colors[run.verdict]}]{run.verdict}[/{colors[run.verdict]}]")
    console.print(table)
    for r in results:
        if r.stage_error:
            console.print(f"[red]{r.case}[/red]: {r.stage_error}", markup=True, highlight=False)
        for run in r.runs:
            if run.verdict in ("fail", "error") or (verbose and run.message):
                console.print(f"[red]{r.case} on {run.device}[/red] (sizes {r.sizes}, seed {r.seed}): {run.message}",
                              highlight=False)


def to_json(results: list[CaseResult]) -> dict[str, Any]:
    passed, failed = verdict_counts(results)
    return {
        "format": "cudaport-test", "version": 1, "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "passed": passed, "failed": failed, "summary": summary_line(results),
        "cases": [{
            "case": r.case, "path": r.path, "sizes": r.sizes, "seed": r.seed, "ok": r.ok,
            "stage_error": r.stage_error or None, "build_seconds": round(r.build_seconds, 3), "cached": r.cached,
            "runs": [{
                "device": run.device, "verdict": run.verdict, "seconds": round(run.seconds, 3),
                "message": run.message or None,
                "outputs": [{"name": c.name, "ok": c.ok, "max_abs": c.max_abs, "max_rel": c.max_rel,
                             "max_ulp": c.max_ulp, "bad": c.bad, "total": c.total,
                             "first_mismatches": [{"index": i, "expected": e, "actual": a} for i, e, a in c.mismatches]}
                            for c in run.comparisons],
            } for run in r.runs],
        } for r in results],
    }


def write_json(results: list[CaseResult], path: Path) -> None:
    path.write_text(json.dumps(to_json(results), indent=2, default=float) + "\n")


def write_junit(results: list[CaseResult], path: Path) -> None:
    suite = ET.Element("testsuite", name="cudaport-test")
    tests = failures = errors = skipped = 0
    total_time = 0.0
    for r in results:
        runs = r.runs or []
        if r.stage_error or not runs:
            tests += 1
            errors += 1
            tc = ET.SubElement(suite, "testcase", classname=f"difftest.{r.case}", name="build",
                               time=f"{r.build_seconds:.3f}")
            ET.SubElement(tc, "error", message=(r.stage_error or "no device ran").splitlines()[0]).text = r.stage_error
            continue
        for run in runs:
            tests += 1
            total_time += run.seconds
            tc = ET.SubElement(suite, "testcase", classname=f"difftest.{r.case}", name=run.device,
                               time=f"{run.seconds:.3f}")
            if run.verdict == "fail":
                failures += 1
                ET.SubElement(tc, "failure", message=run.message[:200]).text = run.message
            elif run.verdict == "error":
                errors += 1
                ET.SubElement(tc, "error", message=run.message[:200]).text = run.message
            elif run.verdict == "skip":
                skipped += 1
                ET.SubElement(tc, "skipped", message=run.message)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", f"{total_time:.3f}")
    ET.ElementTree(suite).write(path, encoding="unicode", xml_declaration=True)
