"""What every subcommand shares: the exit codes, the options common to several commands and their parsing.

Input: argparse parsers and parsed arguments. Output: options added to a parser, values checked (a bad one
raises CliError, one line, exit 2). Imports nothing from translator.cli, so the CLI and the commands form no
cycle.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from translator.errors import CliError

# 0 success; 1 findings at or above --fail-on (test: a case failed); 2 bad input or usage; 3 some files could
# not be translated (unreadable, binary); 4 build failed (`cudaport build`); 70 internal error.
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_FILES, EXIT_BUILD, EXIT_INTERNAL = 0, 1, 2, 3, 4, 70


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.add_argument("-v", "--verbose", action="store_true", help="more detail; tracebacks on internal errors")


def add_source_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("-p", "--build-dir", type=Path, metavar="BUILD_DIR",
                   help="directory holding compile_commands.json (or the file itself)")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="FILE",
                   help="extra rule file (same schema as rules/); overrides built-in entries")
    p.add_argument("-I", dest="includes", action="append", default=[], metavar="DIR", help="include directory")
    p.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME[=VALUE]", help="macro")
    p.add_argument("--hip-version", default="6.4", metavar="X.Y",
                   help="HIP version to target (default 6.4); below 6.2 warp *_sync functions lose their mask")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="parallel workers (default: cores)")
    p.add_argument("--parser", choices=["auto", "clang", "tree-sitter"], default="auto",
                   help="auto (default: clang where the target needs types, i.e. OpenCL and SYCL; tree-sitter for "
                        "HIP, whose renames need none), clang (tree-sitter only for files clang cannot parse) or "
                        "tree-sitter alone (no type information)")


def parse_version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in text.split("."))
    except ValueError:
        raise CliError(f"--hip-version {text!r}: expected a version such as 5.2 or 6.4") from None


def jobs_from(args: argparse.Namespace) -> int:
    return args.jobs if getattr(args, "jobs", 0) and args.jobs > 0 else (os.cpu_count() or 1)
