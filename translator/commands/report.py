"""`cudaport report`: analyses a CUDA file or project for one or all targets without writing translated code,
and prints or writes the migration report (terminal, JSON, CSV, Markdown, HTML, SARIF).

Input: parsed CLI arguments. Output: the report on stdout or in -o FILE (never inside SRC); exit 0, or 2 with
one line on bad input. The analysis is runner.run(..., out=None), the same pipeline as `cudaport translate`;
with --verify the run writes a scratch tree per target, which report/verify.py checks.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from translator.commands.common import EXIT_OK, jobs_from, parse_version
from translator.errors import CliError
from translator.report import FORMATS, format_for_path, render, write_report
from translator.targets.base import get_target, target_names


def register(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    p = sub.add_parser("report", help="report the migration effort of a CUDA file or project (writes no code)",
                       description="Analyse SRC with the same front end, rules and diagnostics as `translate`, "
                                   "without writing translated code, and report per target and per file.")
    p.add_argument("src", type=Path, help="CUDA file or directory")
    p.add_argument("--to", dest="target", default="all", metavar="TARGET",
                   help=f"{', '.join(target_names())} or all (default all: side-by-side comparison)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from the -o extension, else terminal)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--effort-weights", type=Path, metavar="FILE",
                   help="effort model weights (YAML, same keys as translator/report/effort.yaml)")
    p.add_argument("--verify", action="store_true",
                   help="translate into a scratch tree and check what this machine can check per target (HIP: "
                        "hipcc -fsyntax-only; SYCL: a SYCL compiler or g++ against the SYCL headers; OpenCL: host "
                        "code built with the shim, each .cl compiled for the device); errors become CP6xxx findings")
    p.add_argument("--verify-out", type=Path, metavar="DIR",
                   help="with --verify: keep the checked translations in DIR/<target> (the HTML report links "
                        "each failure to its translated line); default: a scratch directory, removed after")
    p.add_argument("--tests", nargs="*", type=Path, metavar="CASE_DIR", default=None,
                   help="with --verify: also run differential cases (folders with case.yaml, as `cudaport test` "
                        "takes them; default: those inside SRC) on PoCL; a failing case fails its kernel file "
                        "(CP6004). OpenCL only")
    add_source(p)
    add_common(p)


def _targets(name: str) -> list[str]:
    if name == "all":
        return target_names()
    if name not in target_names():
        raise CliError(f"--to {name}: unknown target; choose one of {', '.join(target_names())} or all")
    get_target(name)  # a single target that is not in this build: one-line error, as translate gives
    return [name]


def _check_output(src: Path, out: Path) -> None:
    real_out, real_src = Path(os.path.realpath(out)), Path(os.path.realpath(src))
    if real_out == real_src or (src.is_dir() and real_src in real_out.parents):
        raise CliError(f"{out}: the report would be written inside the input {src}; choose a path outside it")


def run(args: argparse.Namespace) -> int:
    from translator.api import default_rules
    from translator.commands.translate import extra_flags
    from translator.engine.ruleset import load_rules
    from translator.project.tree import discover
    from translator.report.build import analyse
    from translator.report.effort import load_weights

    targets = _targets(args.target)
    fmt = args.format or (format_for_path(args.output) if args.output else "terminal")
    hip_version = parse_version(args.hip_version)
    weights = load_weights(args.effort_weights)
    tree = discover(args.src, args.build_dir, extra_flags(args))
    if args.output:
        _check_output(args.src, args.output)
    rules = load_rules(args.rules) if args.rules else default_rules()
    if (args.verify_out or args.tests is not None) and not args.verify:
        raise CliError("--verify-out and --tests need --verify")
    tests = None if args.tests is None else (args.tests or [args.src])
    with _scratch(args) as verify_dir:
        report = analyse(tree, targets, rules, weights, source=str(args.src), extra_rules=args.rules,
                         hip_version=hip_version, jobs=jobs_from(args), verify_dir=verify_dir,
                         defines=tuple(args.defines), keep=args.verify_out is not None, tests=tests)
        _write(report, fmt, args)
    return EXIT_OK


@contextlib.contextmanager
def _scratch(args: argparse.Namespace) -> Iterator[Path | None]:
    """Where --verify translates: --verify-out (kept), else a temporary directory removed afterwards."""
    if not args.verify:
        yield None
        return
    if args.verify_out:
        _check_output(args.src, args.verify_out)
        args.verify_out.mkdir(parents=True, exist_ok=True)
        yield Path(os.path.abspath(args.verify_out))
        return
    with tempfile.TemporaryDirectory(prefix="cudaport-verify-") as tmp:
        yield Path(tmp)


def _write(report, fmt: str, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    if args.output:
        write_report(report, fmt, args.output)
        if not args.quiet:
            print(f"cudaport: {fmt} report written to {args.output}", file=sys.stderr)
    elif fmt == "terminal":
        from rich.console import Console

        from translator.report import terminal

        terminal.render(report, Console(highlight=False))
    else:
        sys.stdout.write(render(report, fmt, link_base=Path.cwd()))
