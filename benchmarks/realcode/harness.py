"""Real-code harness: translates every program of the HeCBench development set to HIP, SYCL and OpenCL and
checks each (HIP: hipcc compile; SYCL: type-check; OpenCL: build, run on PoCL, the program's own verdict).
Input: a HeCBench checkout or bare mirror, the development set, args/*.yaml. Output:
reports/realcode/hecbench.json (merged on re-runs of one program, class or target) and the tables.

    python benchmarks/realcode/harness.py run --hecbench PATH [--jobs 2] [--program NAME] [--class C] [--target T]
    python benchmarks/realcode/harness.py table        # regenerate reports/realcode/hecbench.md and the README
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

import checks  # noqa: E402
import programs as programs_mod  # noqa: E402
import table  # noqa: E402

TARGETS = ("hip", "sycl", "opencl")
RESULTS = ROOT / "reports" / "realcode" / "hecbench.json"
SCHEMA = "cudaport-realcode/1"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="harness.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="translate and check programs")
    r.add_argument("--hecbench", type=Path, default=os.environ.get("HECBENCH"),
                   help="HeCBench checkout (with src/) or bare git mirror ($HECBENCH)")
    r.add_argument("--devset", type=Path, default=programs_mod.DEFAULT_DEVSET)
    r.add_argument("--args-dir", type=Path, default=programs_mod.ARGS_DIR, help="folder of the CPU-sized arguments")
    r.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "cudaport-realcode")
    r.add_argument("--jobs", "-j", type=int, default=2)
    r.add_argument("--program", action="append", default=[], help="only this program (repeatable)")
    r.add_argument("--class", dest="klass", choices=["plain", "advanced", "library"], action="append", default=[])
    r.add_argument("--target", choices=TARGETS, action="append", default=[])
    r.add_argument("--results", type=Path, default=RESULTS)
    r.add_argument("--no-table", action="store_true", help="do not regenerate the markdown table and README")
    r.add_argument("--long", action="store_true",
                   help="also run the skip_run programs that give a long_timeout, each with that limit")
    t = sub.add_parser("table", help="regenerate the markdown table and the README section from the results")
    t.add_argument("--results", type=Path, default=RESULTS)
    return p.parse_args(argv)


def select(all_programs: list, names: list[str], classes: list[str]) -> list:
    known = {p.name for p in all_programs}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise programs_mod.SetupError(f"not in the development set: {', '.join(unknown)}")
    return [p for p in all_programs if (not names or p.name in names) and (not classes or p.klass in classes)]


def load_results(path: Path) -> dict:
    if path.is_file():
        return json.loads(path.read_text())
    return {"schema": SCHEMA, "programs": []}


def cudaport_version() -> str:
    from translator import __version__

    return __version__


def run(ns: argparse.Namespace) -> int:
    if ns.hecbench is None:
        raise programs_mod.SetupError("no HeCBench source: pass --hecbench PATH (checkout or bare mirror)")
    commit, everything = programs_mod.load_programs(ns.devset, ns.args_dir)
    chosen = select(everything, ns.program, ns.klass)
    if ns.long:
        chosen = [dataclasses.replace(p, skip_run="", timeout=p.long_timeout) if p.skip_run and p.long_timeout
                  else p for p in chosen]
    targets = ns.target or list(TARGETS)
    suite = programs_mod.Suite(ns.hecbench, commit)
    ns.work.mkdir(parents=True, exist_ok=True)
    results = load_results(ns.results)
    by_name = {p["name"]: p for p in results["programs"]}
    for prog in chosen:
        pristine = ns.work / prog.name / "src"
        if not pristine.is_dir():
            suite.export(prog, pristine)
        entry = by_name.setdefault(prog.name, {"name": prog.name, "class": prog.klass, "dir": prog.dir,
                                               "targets": {}})
        entry.update({"class": prog.klass, "dir": prog.dir, "args": prog.args, "why": prog.why})
    jobs = [(p, t) for p in chosen for t in targets]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=not sys.stderr.isatty()) as bar, \
            ThreadPoolExecutor(max_workers=max(1, ns.jobs)) as pool:
        task = bar.add_task("real code", total=len(jobs))
        futures = {pool.submit(checks.check, p, t, ns.work / p.name / "src", ns.work / p.name): (p, t)
                   for p, t in jobs}
        for fut in as_completed(futures):
            prog, target = futures[fut]
            try:
                outcome = fut.result()
            except Exception as exc:  # a harness bug must not lose the other results
                outcome = checks.Outcome("translate", False, f"harness error: {type(exc).__name__}: {exc}")
            by_name[prog.name]["targets"][target] = outcome.to_json()
            verdict = "PASS" if outcome.passed else f"{outcome.stage}: {outcome.first_error or ''}"[:90]
            bar.console.log(f"{prog.name:24} {target:6} {verdict}") if sys.stderr.isatty() else print(
                f"{prog.name:24} {target:6} {outcome.seconds:6.1f}s {verdict}", flush=True)
            bar.advance(task)
            _save(ns.results, results, commit, everything, by_name)
    if not ns.no_table:
        table.write_all(ns.results)
    return 0


def _save(path: Path, results: dict, commit: str, everything: list, by_name: dict) -> None:
    order = [p.name for p in everything]
    results.update({"schema": SCHEMA, "suite": "HeCBench (github zjin-lcf/HeCBench)", "commit": commit,
                    "cudaport": cudaport_version(), "updated": datetime.date.today().isoformat(),
                    "verdicts": table.MEANING,
                    "programs": [by_name[n] for n in order if n in by_name]})
    results["summary"] = table.summary(results["programs"])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1) + "\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ns = parse_args(argv)
    try:
        if ns.cmd == "table":
            table.write_all(ns.results)
            return 0
        return run(ns)
    except programs_mod.SetupError as exc:
        print(f"harness: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
