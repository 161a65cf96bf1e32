"""Command line: `cudaport translate|report|test|build|rules|explain|doctor`.

Parses arguments, turns every expected failure into one line `cudaport: error: WHERE: WHAT` with a
documented exit code (tracebacks only with --verbose), and hands work to the stages.
Exit codes: 0 success; 1 findings at or above --fail-on (test: a case failed); 2 bad input or usage; 3 some
files could not be translated (unreadable, binary); 4 build failed (`cudaport build`); 70 internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from translator import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_FILES, EXIT_INTERNAL = 0, 1, 2, 3, 70


class CliError(Exception):
    """A one-line user-facing error (exit 2)."""


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument("-v", "--verbose", action="store_true", help="more detail; tracebacks on internal errors")


def _add_source_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("-p", "--build-dir", type=Path, metavar="BUILD_DIR",
                   help="directory holding compile_commands.json (or the file itself)")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="FILE",
                   help="extra rule file (same schema as rules/); overrides built-in entries")
    p.add_argument("-I", dest="includes", action="append", default=[], metavar="DIR", help="include directory")
    p.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME[=VALUE]", help="macro")
    p.add_argument("--hip-version", default="6.4", metavar="X.Y",
                   help="HIP version to target (default 6.4); below 6.2 warp *_sync functions lose their mask")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="parallel workers (default: cores)")
    p.add_argument("--parser", choices=["clang", "tree-sitter"], default="clang",
                   help="clang (default; tree-sitter only for files clang cannot parse) or tree-sitter alone "
                        "(about 2.5x faster, no type information: for HIP)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cudaport", description="Move CUDA C++ to HIP, SYCL and OpenCL.")
    parser.add_argument("--version", action="version", version=f"cudaport {__version__}")
    parser.add_argument("--cmake-dir", action="store_true",
                        help="print the folder of the cudaport_opencl/cudaport_sycl CMake packages (for "
                        "CMAKE_PREFIX_PATH, with trees translated with --runtime external) and exit")
    parser.add_argument("--runtime-dir", choices=["opencl", "sycl"], metavar="TARGET",
                        help="print the installed runtime folder of TARGET (opencl or sycl) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    _add_source_opts(t)
    _add_common(t)
    from translator.commands.translate import register_options

    register_options(t)

    r = sub.add_parser("rules", help="list or check rules")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION")
    rl = rsub.add_parser("list", help="list CUDA names and their mapping per target")
    rl.add_argument("--target", default=None, help="only this target's column")
    rl.add_argument("--unsupported", action="store_true", help="only names unsupported (or unmapped) on --target")
    rl.add_argument("--family", default=None, help="only this family (runtime, device, libs/cublas, ...)")
    rl.add_argument("--format", choices=["table", "json"], default="table")
    rl.add_argument("--rules", type=Path, action="append", default=[], metavar="FILE")
    rc = rsub.add_parser("check", help="validate rule files")
    rc.add_argument("files", type=Path, nargs="+")
    rv = rsub.add_parser("coverage", help="print the supported-API table (Markdown) generated from rules/")
    rv.add_argument("--rules", type=Path, action="append", default=[], metavar="FILE")
    for p in (rl, rc, rv):
        _add_common(p)

    e = sub.add_parser("explain", help="explain a diagnostic code")
    e.add_argument("code", nargs="?", help="CPnnnn; without it, list all codes")
    _add_common(e)

    d = sub.add_parser("doctor", help="show which parsers, compilers and OpenCL devices this machine has")
    _add_common(d)

    from translator import plugins

    plugins.register_subcommands(sub, _add_common, _add_source_opts)
    return parser


def _parse_version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in text.split("."))
    except ValueError:
        raise CliError(f"--hip-version {text!r}: expected a version such as 5.2 or 6.4") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.cmake_dir or args.runtime_dir:
        from translator.resources import cmake_package_dir, shim_dir

        print(cmake_package_dir() if args.cmake_dir else shim_dir() / args.runtime_dir)
        return EXIT_OK
    if not args.command:
        parser.print_help()
        return EXIT_INPUT
    verbose = getattr(args, "verbose", False)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("cudaport: interrupted; no half-written files were left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into exit codes
        from translator.errors import user_message

        msg = user_message(exc)
        if msg is not None:
            print(f"cudaport: error: {msg}", file=sys.stderr)
            if verbose:
                traceback.print_exc()
            return EXIT_INPUT
        print(f"cudaport: internal error: {type(exc).__name__}: {exc} (run with --verbose for details)",
              file=sys.stderr)
        if verbose:
            traceback.print_exc()
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "translate":
        from translator.commands.translate import cmd_translate

        return cmd_translate(args)
    if args.command == "rules":
        from translator.commands.rules import cmd_rules

        return cmd_rules(args)
    if args.command == "explain":
        from translator.commands.info import cmd_explain

        return cmd_explain(args)
    if args.command == "doctor":
        from translator.commands.info import cmd_doctor

        return cmd_doctor(args)
    from translator import plugins

    return plugins.dispatch(args)


def jobs_from(args: argparse.Namespace) -> int:
    return args.jobs if getattr(args, "jobs", 0) and args.jobs > 0 else (os.cpu_count() or 1)


if __name__ == "__main__":
    sys.exit(main())
