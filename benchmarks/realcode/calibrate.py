"""Real-code calibration: how well `cudaport report` predicts whether a translation works. For each program of
the development set and each target it runs `cudaport report --verify --format json` on the program (as the
harness translates it: program folder and src/include, the same -D macros, HIP 5.2) and compares the report's
prediction (score >= threshold and no failed verification) with the harness's outcome in
reports/realcode/hecbench.json. One run gives both predictions: the JSON's `estimate` is what the report says
without --verify (the same analysis with verification ignored), `score` what it says with it.

    python benchmarks/realcode/calibrate.py run --hecbench PATH [--program NAME] [--target T] [--jobs 1]
    python benchmarks/realcode/calibrate.py table    # regenerate calibration.md and the README section

Output: reports/realcode/calibration.json (merged on re-runs of one program or target, saved after each one),
calibration.md, and the README table between `<!-- calibration:start -->` and `<!-- calibration:end -->`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

import checks  # noqa: E402
import harness  # noqa: E402
import programs as programs_mod  # noqa: E402

CALIBRATION = ROOT / "reports" / "realcode" / "calibration.json"
SCHEMA = "cudaport-calibration/1"
TARGETS = ("hip", "sycl", "opencl")
MODES = {"rule": "rule score only (the score before verification existed)",
         "estimate": "cudaport report (no --verify)",
         "verify": "cudaport report --verify"}
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"
REPORT_TIMEOUT = 1800
NOT_RUN = "not run:"  # the harness's verdict for a program that cannot run here by design (skip_run)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="calibrate.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run cudaport report --verify on programs and compare with the harness")
    r.add_argument("--hecbench", type=Path, default=os.environ.get("HECBENCH"),
                   help="HeCBench checkout (with src/) or bare git mirror ($HECBENCH)")
    r.add_argument("--devset", type=Path, default=programs_mod.DEFAULT_DEVSET)
    r.add_argument("--args-dir", type=Path, default=programs_mod.ARGS_DIR)
    r.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "cudaport-calibrate")
    r.add_argument("--jobs", "-j", type=int, default=1)
    r.add_argument("--program", action="append", default=[], help="only this program (repeatable)")
    r.add_argument("--class", dest="klass", choices=["plain", "advanced", "library"], action="append", default=[])
    r.add_argument("--target", choices=TARGETS, action="append", default=[])
    r.add_argument("--harness-results", type=Path, default=harness.RESULTS,
                   help="the harness's outcomes (default reports/realcode/hecbench.json)")
    r.add_argument("--results", type=Path, default=CALIBRATION)
    r.add_argument("--resume", action="store_true",
                   help="skip the program/target pairs the results already hold (a run that was stopped goes on)")
    r.add_argument("--no-table", action="store_true", help="do not regenerate calibration.md and the README")
    t = sub.add_parser("table", help="regenerate calibration.md and the README section from the results")
    t.add_argument("--results", type=Path, default=CALIBRATION)
    return p.parse_args(argv)


def report_command(src_root: Path, target: str, defines: tuple[str, ...], out: Path) -> list[str]:
    cmd = [*checks.cudaport_exe(), "report", str(src_root), "--to", target, "--verify", "--format", "json",
           "-o", str(out), "-j", "1", "-q"]
    if target == "hip":
        cmd += ["--hip-version", "5.2"]  # as the harness translates: the HIP this machine has
    for d in defines:
        cmd += ["-D", d]
    return cmd


def predict(program: programs_mod.Program, target: str, pristine: Path, work: Path) -> dict:
    """One `cudaport report --verify` of `program` for `target`: its three predictions, or the error."""
    start = time.monotonic()
    extra = [d for d in checks.makefile_defines(pristine / program.dir) if d not in program.defines]
    defines = (*program.defines, *extra)
    out = work / f"report-{target}.json"
    out.unlink(missing_ok=True)
    rc, text = checks._run(report_command(pristine, target, defines, out), pristine, REPORT_TIMEOUT)
    seconds = round(time.monotonic() - start, 1)
    if rc != 0 or not out.is_file():
        return {"error": checks.first_error(text), "seconds": seconds}
    doc = json.loads(out.read_text())
    (t,) = [x for x in doc["targets"] if x["target"] == target]
    s = t["summary"]
    threshold = doc["effort_model"]["score"]["threshold"]
    rule = s["rule_score"]
    first = next((f for f in t["findings"] if f["code"].startswith("CP6")), None)
    return {"rule_score": rule, "estimate_score": s["estimate"]["score"], "score": s["score"],
            "predicted": {"rule": rule is None or rule >= threshold,
                          "estimate": s["estimate"]["predicted_to_work"], "verify": s["predicted_to_work"]},
            "verification": s["verification"] and {k: s["verification"][k] for k in ("checked", "failed",
                                                                                      "not_checked")},
            "capped_by": s["capped_by"], "score_basis": s["score_basis"],
            "first_failure": first and f"{first['file']}:{first['line']}: {first['code']} {first['message']}"[:300],
            "seconds": seconds}


def actual(harness_doc: dict, name: str, target: str) -> dict | None:
    """The harness's outcome: passed, or not; `excluded` when the program is not run here by design."""
    prog = next((p for p in harness_doc.get("programs", []) if p["name"] == name), None)
    if prog is None or target not in prog["targets"]:
        return None
    o = prog["targets"][target]
    excluded = (o.get("first_error") or "").startswith(NOT_RUN) and not o["passed"]
    return {"passed": o["passed"], "stage": o["stage"], "excluded": excluded}


def run(ns: argparse.Namespace) -> int:
    if ns.hecbench is None:
        raise programs_mod.SetupError("no HeCBench source: pass --hecbench PATH (checkout or bare mirror)")
    commit, everything = programs_mod.load_programs(ns.devset, ns.args_dir)
    chosen = harness.select(everything, ns.program, ns.klass)
    targets = ns.target or list(TARGETS)
    harness_doc = json.loads(ns.harness_results.read_text())
    suite = programs_mod.Suite(ns.hecbench, commit)
    results = load(ns.results)
    by_name = {p["name"]: p for p in results["programs"]}
    for prog in chosen:
        pristine = ns.work / prog.name / "src"
        if not pristine.is_dir():
            suite.export(prog, pristine)
        by_name.setdefault(prog.name, {"name": prog.name, "class": prog.klass, "targets": {}})
    jobs = [(p, t) for p in interleaved(chosen) for t in targets
            if not (ns.resume and "error" not in by_name[p.name]["targets"].get(t, {"error": ""}))]
    with ThreadPoolExecutor(max_workers=max(1, ns.jobs)) as pool:
        futures = {pool.submit(predict, p, t, ns.work / p.name / "src", ns.work / p.name): (p, t) for p, t in jobs}
        for done, fut in enumerate(as_completed(futures), 1):
            prog, target = futures[fut]
            try:
                entry = fut.result()
            except Exception as exc:  # a calibration bug must not lose the other results
                entry = {"error": f"calibration error: {type(exc).__name__}: {exc}", "seconds": 0.0}
            entry["actual"] = actual(harness_doc, prog.name, target)
            by_name[prog.name]["targets"][target] = entry
            shown = entry.get("error") or (f"score {entry['score']} predicted {entry['predicted']['verify']} "
                                           f"actual {entry['actual'] and entry['actual']['passed']}")
            print(f"[{done}/{len(jobs)}] {prog.name:24} {target:6} {entry['seconds']:6.1f}s {shown}"[:200], flush=True)
            save(ns.results, results, everything, by_name, harness_doc)
    if not ns.no_table:
        write_all(ns.results)
    return 0


def interleaved(chosen: list) -> list:
    """Programs in turn from each class (plain, advanced, library, plain, ...), so that a run stopped half-way
    has measured every class alike; the results are saved in the development set's order all the same."""
    by_class: dict[str, list] = {}
    for p in chosen:
        by_class.setdefault(p.klass, []).append(p)
    rank = {id(p): (i, k) for k, members in enumerate(by_class.values()) for i, p in enumerate(members)}
    return sorted(chosen, key=lambda p: rank[id(p)])


def load(path: Path) -> dict:
    if path.is_file():
        return json.loads(path.read_text())
    return {"schema": SCHEMA, "programs": []}


def save(path: Path, results: dict, everything: list, by_name: dict, harness_doc: dict) -> None:
    order = [p.name for p in everything]
    results.update({"schema": SCHEMA, "cudaport": harness.cudaport_version(),
                    "updated": datetime.date.today().isoformat(), "harness_commit": harness_doc.get("commit"),
                    "harness_updated": harness_doc.get("updated"), "modes": MODES, "devset_programs": len(order),
                    "programs": [by_name[n] for n in order if n in by_name]})
    results["summary"] = summary(results["programs"])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1) + "\n")
    tmp.replace(path)


def summary(progs: list[dict]) -> dict:
    """Per target and mode: of the programs predicted to work, how many pass (precision); of those that fail,
    how many the report flags (recall). Programs without a harness outcome, with a report error, or not run
    here by design are left out and counted."""
    out: dict = {}
    for target in TARGETS:
        entries = [p["targets"][target] for p in progs if target in p["targets"]]
        usable = [e for e in entries if "error" not in e and e.get("actual") and not e["actual"]["excluded"]]
        row: dict = {"programs": len(entries), "compared": len(usable),
                     "report_errors": sum("error" in e for e in entries),
                     "excluded": sum(bool(e.get("actual") and e["actual"]["excluded"]) for e in entries),
                     "no_outcome": sum("error" not in e and not e.get("actual") for e in entries),
                     "pass": sum(e["actual"]["passed"] for e in usable)}
        for mode in MODES:
            predicted = [e for e in usable if e["predicted"][mode]]
            failing = [e for e in usable if not e["actual"]["passed"]]
            right = sum(e["actual"]["passed"] for e in predicted)
            flagged = sum(not e["predicted"][mode] for e in failing)
            row[mode] = {"predicted_pass": len(predicted), "predicted_pass_that_pass": right,
                         "fail": len(failing), "fail_flagged": flagged,
                         "pass_flagged": sum(e["actual"]["passed"] and not e["predicted"][mode] for e in usable),
                         "precision": _share(right, len(predicted)), "recall": _share(flagged, len(failing))}
        out[target] = row
    return out


def _share(n: int, d: int) -> float | None:
    return None if d == 0 else round(100.0 * n / d, 1)


def _pct(value: float | None, n: int, d: int) -> str:
    return "n/a" if value is None else f"{value:.0f} % ({n}/{d})"


README_MODES = {"rule": "rule score alone (the score before this calibration)", "estimate": "report without `--verify`",
                "verify": "report with `--verify`"}


def readme_table(summ: dict) -> str:
    rows = ["| target | report | programs compared | scored ≥ 95 % that pass | failures flagged |",
            "| --- | --- | ---: | ---: | ---: |"]
    for t in TARGETS:
        s = summ[t]
        for mode, label in README_MODES.items():
            m = s[mode]
            rows.append(f"| {t} | {label} | {s['compared']} | "
                        f"{_pct(m['precision'], m['predicted_pass_that_pass'], m['predicted_pass'])} | "
                        f"{_pct(m['recall'], m['fail_flagged'], m['fail'])} |")
    return "\n".join(rows)


def coverage(doc: dict) -> str:
    """How much of the development set the results cover, said in the tables when a run is partial."""
    total = doc.get("devset_programs") or len(doc["programs"])
    done = {t: sum(t in p["targets"] for p in doc["programs"]) for t in TARGETS}
    if all(n >= total for n in done.values()):
        return ""
    return ("Partial run: " + ", ".join(f"{t} {done[t]}" for t in TARGETS) + f" of the {total} programs measured "
            "so far (`calibrate.py run --resume` measures the rest).")


def readme_section(doc: dict) -> str:
    note = coverage(doc)
    return "\n".join([START, "<!-- generated by `python benchmarks/realcode/calibrate.py table` -->",
                      readme_table(summary(doc["programs"])), *(["", note] if note else []), "", END])


def markdown(doc: dict) -> str:
    progs = doc["programs"]
    summ = summary(progs)
    out = ["# Calibration of the migration report: HeCBench development set", "",
           f"Generated by `python benchmarks/realcode/calibrate.py table` from `calibration.json` (cudaport "
           f"{doc.get('cudaport', '?')}, updated {doc.get('updated', '?')}; outcomes from `hecbench.json` of "
           f"{doc.get('harness_updated', '?')}).", "",
           "For each program and target, `cudaport report --verify` predicts that the translation works when its "
           "score is at least 95 % and no file failed verification; the real outcome is the harness's (HIP "
           "compiles, SYCL type-checks, OpenCL builds, runs on PoCL and passes its own check). **Precision**: of "
           "the programs predicted to work, the share that pass. **Recall**: of the programs that fail, the share "
           "the report flags (score below 95 % or a failed verification). Programs the harness does not run by "
           "design (sizes fixed beyond a CPU, missing input data) have no outcome and are left out.", "",
           "Modes: " + "; ".join(f"**{k}**: {v}" for k, v in MODES.items()) + ".", "",
           *([coverage(doc), ""] if coverage(doc) else []),
           "| target | mode | compared | predicted to work | of them pass | precision | failures | flagged | "
           "recall | passes flagged |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for t in TARGETS:
        s = summ[t]
        for mode in MODES:
            m = s[mode]
            out.append(f"| {t} | {mode} | {s['compared']} | {m['predicted_pass']} | {m['predicted_pass_that_pass']} | "
                       f"{_pct(m['precision'], m['predicted_pass_that_pass'], m['predicted_pass'])} | {m['fail']} | "
                       f"{m['fail_flagged']} | {_pct(m['recall'], m['fail_flagged'], m['fail'])} | "
                       f"{m['pass_flagged']} |")
    out += ["", "Left out per target: " + "; ".join(
        f"{t}: {summ[t]['excluded']} not run by design, {summ[t]['report_errors']} report errors, "
        f"{summ[t]['no_outcome']} without a harness outcome" for t in TARGETS) + ".", "",
        "## Mispredictions (with --verify)", "",
        "| program | target | score | capped by | verification | outcome | first verification failure |",
        "| --- | --- | ---: | --- | --- | --- | --- |"]
    for p in progs:
        for t, e in sorted(p["targets"].items()):
            a = e.get("actual")
            if "error" in e or not a or a["excluded"] or e["predicted"]["verify"] == a["passed"]:
                continue
            v = e.get("verification") or {}
            out.append(f"| {p['name']} | {t} | {e['score']} | {e.get('capped_by') or '-'} | "
                       f"{v.get('failed', '-')} failed of {v.get('checked', '-')}"
                       f" | {'pass' if a['passed'] else a['stage'] + ' fails'} | "
                       f"{(e.get('first_failure') or '').replace('|', '/')[:140]} |")
    errors = [(p["name"], t, e["error"]) for p in progs for t, e in p["targets"].items() if "error" in e]
    if errors:
        out += ["", "## Report errors", "", "| program | target | error |", "| --- | --- | --- |"]
        out += [f"| {n} | {t} | {err.replace('|', '/')[:160]} |" for n, t, err in errors]
    return "\n".join(out) + "\n"


def write_all(results: Path) -> None:
    doc = json.loads(results.read_text())
    results.with_suffix(".md").write_text(markdown(doc))
    readme = ROOT / "README.md"
    if readme.is_file():
        text = readme.read_text()
        if START in text and END in text:
            head, rest = text.split(START, 1)
            readme.write_text(head + readme_section(doc) + rest.split(END, 1)[1])


def main(argv: list[str] | None = None) -> int:
    ns = parse_args(argv)
    try:
        if ns.cmd == "table":
            write_all(ns.results)
            return 0
        return run(ns)
    except programs_mod.SetupError as exc:
        print(f"calibrate: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
