"""`cudaport translate`: checks the input and output paths, runs the translation, prints a summary or a diff.

Input: parsed CLI arguments. Output: files under OUT (never inside SRC) and an exit code.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from translator.cli import EXIT_FILES, EXIT_FINDINGS, EXIT_OK, CliError, _parse_version, jobs_from
from translator.engine import Options
from translator.model import FileStatus, Severity
from translator.project import InputError, discover
from translator.ruleset import load_rules
from translator.runner import RunResult, run
from translator.targets.base import get_target


def _inside(child: Path, parent: Path) -> bool:
    child, parent = Path(os.path.realpath(child)), Path(os.path.realpath(parent))
    return child == parent or parent in child.parents


def check_paths(src: Path, out: Path, force: bool) -> None:
    if not src.exists():
        raise InputError(f"{src}: no such file or directory")
    if src.is_dir():
        if _inside(out, src):
            raise CliError(f"{out}: the output directory is inside the input {src}; choose a path outside it")
        if _inside(src, out):
            raise CliError(f"{src}: the input is inside the output directory {out}; choose another output")
    elif Path(os.path.realpath(out)) == Path(os.path.realpath(src)):
        raise CliError(f"{out}: the output would overwrite the input")
    if out.exists() and not out.is_dir():
        raise CliError(f"{out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CliError(f"{out}: output directory is not empty (use --force to write into it)")


def options_from(args: argparse.Namespace) -> Options:
    return Options(target=args.target, hip_version=_parse_version(args.hip_version),
                   hip_launch_ggl=getattr(args, "hip_launch_kernel_ggl", False),
                   inline_diagnostics=not getattr(args, "no_inline_diagnostics", False))


def extra_flags(args: argparse.Namespace) -> tuple[str, ...]:
    flags = [f"-I{os.path.abspath(d)}" for d in args.includes] + [f"-D{d}" for d in args.defines]
    return tuple(flags)


def cmd_translate(args: argparse.Namespace) -> int:
    get_target(args.target)  # unknown target: one-line error before any work
    load_rules(args.rules)  # broken rule file: one-line error before any work
    options = options_from(args)
    tree = discover(args.src, args.build_dir, extra_flags(args))
    if not any(True for _ in tree.cuda_candidates()):
        raise InputError(f"{args.src}: no CUDA sources found (.cu, .cuh, or C/C++ files using CUDA)")
    if not args.dry_run:
        if args.output is None:
            raise CliError("translate: give an output directory with -o OUT, or use --dry-run")
        check_paths(args.src, args.output, args.force)
    target_opts = {"extension": args.hip_extension} if args.target == "hip" else {}
    progress = None
    jobs = jobs_from(args)
    candidates = sum(1 for _ in tree.cuda_candidates())
    bar = None
    if not args.quiet and sys.stderr.isatty() and candidates > 20:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), transient=True)
        task = bar.add_task("translating", total=candidates)
        bar.start()

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done)
    try:
        result = run(tree, options, out=None if args.dry_run else args.output, extra_rules=args.rules, jobs=jobs,
                     target_opts=target_opts, progress=progress)
    finally:
        if bar is not None:
            bar.stop()
    if args.dry_run:
        _print_diff(tree, result)
    if getattr(args, "report", None):
        from translator.report import write_report_file

        write_report_file(result, tree, args.report)
    if not args.quiet and not args.dry_run:
        print_summary(result, args.output, verbose=args.verbose)
    return exit_code(result, args.fail_on)


def exit_code(result: RunResult, fail_on: str | None) -> int:
    if any(s.status in (FileStatus.SKIPPED, FileStatus.FAILED) and s.reason != "no CUDA" for s in result.skipped):
        return EXIT_FILES
    if fail_on:
        worst = {"warning": (Severity.WARNING, Severity.ERROR), "error": (Severity.ERROR,)}[fail_on]
        if any(f.severity in worst for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _print_diff(tree, result: RunResult) -> None:  # type: ignore[no-untyped-def]
    by_rel = {f.rel: f for f in tree.files}
    for fr in result.files:
        before = by_rel[fr.rel].path.read_bytes().decode("utf-8", "surrogateescape").splitlines(keepends=True)
        after = fr.output.decode("utf-8", "surrogateescape").splitlines(keepends=True)
        sys.stdout.writelines(difflib.unified_diff(before, after, f"a/{fr.rel}", f"b/{fr.out_rel}"))
        for rel, content in fr.extra_files.items():
            sys.stdout.writelines(difflib.unified_diff(
                [], content.decode("utf-8", "surrogateescape").splitlines(keepends=True), "/dev/null", f"b/{rel}"))


def print_summary(result: RunResult, out: Path | None, verbose: bool = False) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    by_status: dict[str, int] = {}
    for fr in result.files:
        by_status[fr.status.value] = by_status.get(fr.status.value, 0) + 1
    sev: dict[str, int] = {}
    for f in result.findings:
        sev[f.severity.value] = sev.get(f.severity.value, 0) + 1
    parts = [f"{n} {s}" for s, n in sorted(by_status.items())]
    if result.copied:
        parts.append(f"{len(result.copied)} copied")
    if result.skipped:
        parts.append(f"{len(result.skipped)} skipped")
    console.print(f"cudaport: {result.target}: " + ", ".join(parts) + (f" -> {out}" if out else ""))
    if sev:
        console.print("findings: " + ", ".join(f"{n} {s}" for s, n in sorted(sev.items())))
    for s in result.skipped:
        console.print(f"  skipped {s.rel}: {s.reason}")
    shown = [f for f in result.findings if f.severity != Severity.NOTE or verbose]
    limit = None if verbose else 20
    for f in shown[:limit]:
        console.print(f"  {f.path}:{f.line}:{f.col}: {f.severity.value}: {f.code}: {f.message}", markup=False)
    if limit is not None and len(shown) > limit:
        console.print(f"  ... {len(shown) - limit} more (use --verbose or cudaport report)")
