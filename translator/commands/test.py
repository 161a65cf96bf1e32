"""`cudaport test [CASE_DIRS...]`: the differential tester. Translates each corpus case (or a user's kernel with
its case file), builds it, runs it on the chosen OpenCL devices and compares with the NumPy oracle and across
devices; `--replay ARCHIVE` replays recorded launches instead. Output: table, summary line `N passed, M failed`,
optional JSON/JUnit files; exit 0 when everything passed, 1 when a case failed, 2 on bad input.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from translator.commands.common import jobs_from
from translator.errors import CliError
from translator.resources import corpus_dir

DEFAULT_CASES = corpus_dir() / "cases"


def register(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    t = sub.add_parser("test", help="differential test: run corpus cases before/after translation and compare",
                       description="Runs each case (folder with kernel.cu + case.yaml [+ oracle.py]) through "
                       "translate + build, on each OpenCL device, and compares outputs with the oracle and across "
                       "devices. Exit 0: all passed; 1: a case failed; 2: bad input.")
    t.add_argument("cases", nargs="*", type=Path, metavar="CASE_DIR",
                   help=f"case folders or folders of cases (default: {DEFAULT_CASES})")
    t.add_argument("--to", dest="target", default="opencl", choices=["opencl"],
                   help="target to test (only opencl can run kernels here)")
    t.add_argument("--device", action="append", default=[], metavar="DEV",
                   help="pocl, oclgrind, intel or all (repeatable; default pocl)")
    t.add_argument("--seed", type=int, default=0, help="input generator seed (default 0)")
    t.add_argument("--sizes", default="small", metavar="CLASS", help="size class of the case files (small|medium)")
    t.add_argument("--size", action="append", default=[], metavar="NAME=VALUE",
                   help="override one size variable (e.g. --size n=37)")
    t.add_argument("-k", dest="pattern", default=None, metavar="PATTERN",
                   help="only cases whose name matches (substring or glob)")
    t.add_argument("--json", type=Path, metavar="FILE", help="write results as JSON")
    t.add_argument("--junit", type=Path, metavar="FILE", help="write results as JUnit XML")
    t.add_argument("--replay", type=Path, metavar="ARCHIVE",
                   help="replay a recorded archive (directory or .npz) against the translated kernel of CASE_DIR")
    t.add_argument("--record", type=Path, metavar="DIR",
                   help="run each case's harness with the recording layer and write archives under DIR")
    t.add_argument("--cache-dir", type=Path, default=None, help="translation/build cache (default ~/.cache/cudaport)")
    add_source(t)
    add_common(t)


def _devices(raw: list[str]) -> list[str]:
    from translator.difftest.runner import available_devices

    if not raw:
        return ["pocl"]
    out: list[str] = []
    for item in raw:
        for d in item.split(","):
            d = d.strip().lower()
            if d == "all":
                out.extend(k for k, why in available_devices().items() if not why)
            elif d in ("pocl", "oclgrind", "intel"):
                out.append(d)
            else:
                raise CliError(f"--device {d!r}: expected pocl, oclgrind, intel or all")
    return list(dict.fromkeys(out))


def _overrides(raw: list[str]) -> dict[str, int]:
    out = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not value.lstrip("-").isdigit():
            raise CliError(f"--size {item!r}: expected NAME=INTEGER")
        out[name] = int(value)
    return out


def run(args: argparse.Namespace) -> int:
    from translator.difftest import report, runner
    from translator.difftest.schema import CaseError, discover, load_case

    opts = runner.Options(target=args.target, devices=_devices(args.device), seed=args.seed,
                          size_class=args.sizes, rules=list(args.rules), cache_dir=args.cache_dir)
    try:
        dirs = discover(args.cases or [DEFAULT_CASES])
        if args.pattern:
            dirs = [d for d in dirs if args.pattern in d.name or fnmatch.fnmatch(d.name, args.pattern)]
        cases = [load_case(d) for d in dirs]
    except CaseError as exc:
        raise CliError(str(exc)) from None
    if not cases:
        raise CliError("no cases found (a case is a folder with case.yaml and kernel.cu)")
    if args.replay:
        from translator.difftest import replay

        if len(cases) != 1:
            raise CliError("--replay needs exactly one CASE_DIR (the kernel file whose launches were recorded)")
        return replay.run_replay(cases[0], args.replay, opts, quiet=args.quiet)
    if args.record:
        from translator.difftest import replay

        return replay.record_cases(cases, args.record, opts, quiet=args.quiet)
    overrides = _overrides(args.size)
    t0 = time.perf_counter()
    done = 0

    def one(case):  # type: ignore[no-untyped-def]
        nonlocal done
        res = runner.run_case(case, opts, overrides or None)
        done += 1
        if not args.quiet:
            mark = "ok" if res.ok else "FAIL"
            print(f"[{done}/{len(cases)}] {case.name}: {mark}", file=sys.stderr, flush=True)
        return res

    with ThreadPoolExecutor(max_workers=jobs_from(args)) as pool:
        results = list(pool.map(one, cases))
    if not args.quiet:
        report.print_table(results, verbose=args.verbose)
    if args.json:
        report.write_json(results, args.json)
    if args.junit:
        report.write_junit(results, args.junit)
    print(f"{report.summary_line(results)} in {time.perf_counter() - t0:.1f}s")
    return 0 if all(r.ok for r in results) else 1
