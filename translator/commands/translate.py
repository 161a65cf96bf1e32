"""`cudaport translate`: checks the input and output paths, runs the translation (an update when OUT holds a
manifest), writes in place with backups on request, prints a progress bar, a summary or a diff.

Input: parsed CLI arguments. Output: files under OUT (never inside SRC unless --in-place) and an exit code.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from translator.commands.common import EXIT_FILES, EXIT_FINDINGS, EXIT_OK, jobs_from, parse_version
from translator.engine.context import Options
from translator.errors import CliError
from translator.model import FileStatus, Severity
from translator.project.manifest import Manifest
from translator.project.runner import RunResult, atomic_write, preload_rules, run
from translator.project.tree import InputError, discover
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
    if out.is_dir() and any(out.iterdir()) and not force and not Manifest.path_in(out).is_file():
        raise CliError(f"{out}: output directory is not empty and was not written by cudaport "
                       "(use --force to write into it)")


def register(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    t = sub.add_parser("translate", help="translate a CUDA file or project")
    t.add_argument("src", type=Path, help="CUDA file or directory")
    t.add_argument("--to", dest="target", default="hip", help="target: hip, sycl or opencl (default hip)")
    t.add_argument("-o", "--output", type=Path, help="output directory (or file for a single-file input)")
    t.add_argument("--force", action="store_true", help="write into a non-empty output directory")
    t.add_argument("--dry-run", action="store_true", help="print a unified diff instead of writing files")
    t.add_argument("--hip-launch-kernel-ggl", action="store_true",
                   help="HIP: rewrite <<<>>> launches as hipLaunchKernelGGL(...)")
    t.add_argument("--hip-extension", choices=[".hip"], default=None, help="HIP: rename .cu files to .hip")
    t.add_argument("--no-inline-diagnostics", action="store_true",
                   help="do not put diagnostic comments into the translated code")
    t.add_argument("--fail-on", choices=["warning", "error"], default=None,
                   help="exit 1 when findings of this severity or worse remain")
    t.add_argument("--report", type=Path, metavar="FILE",
                   help="also write the migration report of this run (format from the extension)")
    add_source(t)
    add_common(t)
    t.add_argument("--in-place", action="store_true",
                   help="rewrite the input files themselves (needs a clean git state unless --force)")
    t.add_argument("--backup-dir", type=Path, default=None, metavar="DIR",
                   help="with --in-place: keep originals under DIR (default: NAME.orig beside each file)")
    t.add_argument("--runtime", choices=["bundled", "external"], default="bundled",
                   help="OpenCL/SYCL: copy the cudaport runtime into OUT/cudaport_runtime/ (bundled, default) or "
                   "use the installed cudaport's (external: CMake find_package(cudaport_opencl) with "
                   "CMAKE_PREFIX_PATH=$(cudaport --cmake-dir); Makefiles ask `cudaport --runtime-dir`)")
    t.add_argument("--roc", action="store_true",
                   help="HIP: call the ROC libraries directly (rocBLAS, rocRAND, rocSPARSE, rocSOLVER) instead of "
                        "the hip* wrappers; names without a ROC mapping are flagged")
    t.add_argument("--library-data-types", action="store_true",
                   help="HIP: spell cudaDataType values as the BLAS library's enum (hipblasDatatype_t; "
                        "rocblas_datatype with --roc) instead of HIP's hipDataType")


def hip_modes(args: argparse.Namespace) -> list[str]:
    """The HIP library modes asked for (translator/targets/hip_modes.py)."""
    return [m for m, on in (("roc", getattr(args, "roc", False)),
                            ("library-data-types", getattr(args, "library_data_types", False))) if on]


def options_from(args: argparse.Namespace) -> Options:
    return Options(target=args.target, hip_version=parse_version(args.hip_version),
                   hip_launch_ggl=getattr(args, "hip_launch_kernel_ggl", False),
                   inline_diagnostics=not getattr(args, "no_inline_diagnostics", False),
                   parser=getattr(args, "parser", "auto"))


def extra_flags(args: argparse.Namespace) -> tuple[str, ...]:
    flags = [f"-I{os.path.abspath(d)}" for d in args.includes] + [f"-D{d}" for d in args.defines]
    return tuple(flags)


def cmd_translate(args: argparse.Namespace) -> int:
    get_target(args.target)  # unknown target: one-line error before any work
    preload_rules(args.rules)  # broken rule file: one-line error before any work (the run reuses them)
    options = options_from(args)
    in_place = getattr(args, "in_place", False)
    tree = discover(args.src, args.build_dir, extra_flags(args))
    if not any(True for _ in tree.cuda_candidates()):
        raise InputError(f"{args.src}: no CUDA sources found (.cu, .cuh, or C/C++ files using CUDA)")
    if in_place:
        if args.output is not None or args.dry_run:
            raise CliError("translate: --in-place writes into SRC; it takes neither -o nor --dry-run")
        if not args.force:
            require_clean_vcs(tree.root, [sf.path for sf in tree.files])
    elif not args.dry_run:
        if args.output is None:
            raise CliError("translate: give an output directory with -o OUT, or use --dry-run")
        check_paths(args.src, args.output, args.force)
    target_opts = {"extension": args.hip_extension, "modes": hip_modes(args)} if args.target == "hip" else {}
    jobs = jobs_from(args)
    candidates = sum(1 for _ in tree.cuda_candidates())
    out = None if args.dry_run or in_place else args.output
    bar = None
    progress = None
    if not args.quiet and sys.stderr.isatty() and candidates > 20:
        bar, progress = _progress_bar()
    try:
        result = run(tree, options, out=out, extra_rules=args.rules, jobs=jobs, target_opts=target_opts,
                     progress=progress, force=args.force, runtime=getattr(args, "runtime", "bundled"))
    finally:
        if bar is not None:
            bar.stop()
    if in_place:
        backups = write_in_place(tree.root, result, getattr(args, "backup_dir", None))
        if not args.quiet:
            print(f"cudaport: {len(backups)} files changed in place; originals kept "
                  + (f"under {args.backup_dir}" if getattr(args, "backup_dir", None) else "as NAME.orig"),
                  file=sys.stderr)
    if args.dry_run:
        _print_diff(tree, result)
    if getattr(args, "report", None):
        from translator.report import write_report_file

        write_report_file(result, tree, args.report)
    if not args.quiet and not args.dry_run:
        print_summary(result, tree.root if in_place else args.output, verbose=args.verbose)
    return exit_code(result, args.fail_on)


def _progress_bar():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TimeElapsedColumn
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def]
            return Text(f"{task.speed:.1f} files/s" if task.speed else "- files/s")

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), FilesPerSecond(),
                   TimeElapsedColumn(), transient=True)
    task = bar.add_task("translating", total=None)
    bar.start()

    def progress(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, progress


def require_clean_vcs(root: Path, paths: list[Path]) -> None:
    """Refuse to rewrite files in place unless git knows them and none has uncommitted changes."""
    git = shutil.which("git")
    if git is None:
        raise CliError(f"{root}: --in-place needs git to check that the files are committed (or use --force)")
    try:
        proc = subprocess.run([git, "-C", str(root), "status", "--porcelain", "--", "."], capture_output=True,
                              text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CliError(f"{root}: could not run git status ({exc})") from None
    if proc.returncode != 0:
        raise CliError(f"{root}: not in a git work tree; --in-place needs committed files to undo changes "
                       "(use --force to go ahead anyway)")
    wanted = {os.path.realpath(p) for p in paths}
    top = subprocess.run([git, "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    base = Path(top.stdout.strip() or root)
    dirty = []
    for line in proc.stdout.splitlines():
        name = line[3:].split(" -> ")[-1].strip('"')
        full = os.path.realpath(base / name)
        if full in wanted or any(w.startswith(full.rstrip("/") + os.sep) for w in wanted) or line.startswith("??"):
            dirty.append(name)
    if dirty:
        raise CliError(f"{root}: {len(dirty)} files have uncommitted changes or are untracked (first: {dirty[0]}); "
                       "commit them or use --force")


def write_in_place(root: Path, result: RunResult, backup_dir: Path | None) -> list[Path]:
    """Write translated files and migrated build scripts into the input tree, keeping each original first."""
    outputs: list[tuple[PurePosixPath, PurePosixPath, bytes]] = []
    for fr in result.files:
        outputs.append((fr.rel, fr.out_rel, fr.output))
        outputs += [(PurePosixPath(r), PurePosixPath(r), c) for r, c in fr.extra_files.items()]
    outputs += [(b.rel, b.out_rel, b.output) for b in result.build]
    backups: list[Path] = []
    for rel, out_rel, data in outputs:
        src, dest = root / rel, root / out_rel
        try:
            if src.is_file() and src.read_bytes() == data and src == dest:
                continue
        except OSError:
            continue
        mode = src.stat().st_mode if src.exists() else None
        for original in {src, dest}:
            if original.is_file():
                kept = (backup_dir / original.relative_to(root)) if backup_dir else original.with_name(
                    original.name + ".orig")
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(original, kept)
                backups.append(kept)
        atomic_write(dest, data, mode)
        if dest != src and src.exists():
            src.unlink()
    return backups


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
    counts = [(len(result.copied), "copied"), (len(result.skipped), "skipped"),
              (len(result.up_to_date), "up to date"), (len(result.build), "build scripts"),
              (len(result.conflicts), "conflicts"), (len(result.removed), "removed")]
    parts += [f"{n} {what}" for n, what in counts if n]
    console.print(f"cudaport: {result.target}: " + (", ".join(parts) or "nothing to do")
                  + (f" -> {out}" if out else ""))
    order = ("error", "warning", "note")
    if sev:
        console.print("findings: " + ", ".join(f"{sev[s]} {s}" for s in order if s in sev))
    for s in result.skipped:
        console.print(f"  skipped {s.rel}: {s.reason}", markup=False)
    for c in result.conflicts:
        console.print(f"  conflict {c}: edited since the last run; new translation in {c.name}.cudaport-new",
                      markup=False)
    shown = [f for f in result.findings if f.severity != Severity.NOTE or verbose]
    limit = None if verbose else 20
    for f in shown[:limit]:
        console.print(f"  {f.path}:{f.line}:{f.col}: {f.severity.value}: {f.code}: {f.message}", markup=False)
    if limit is not None and len(shown) > limit:
        console.print(f"  ... {len(shown) - limit} more (use --verbose or cudaport report)")
