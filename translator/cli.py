"""Command line: `cudaport translate|rules|explain|doctor|report|test|build`.

Parses arguments, turns every expected failure into one line `cudaport: error: WHERE: WHAT` with a
documented exit code (tracebacks only with --verbose), and hands work to the stages.
Exit codes: 0 success; 1 findings at or above --fail-on (test: a case failed); 2 bad input or usage; 3 some
files could not be translated (unreadable, binary); 4 build failed (`cudaport build`); 70 internal error.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence

from translator import __version__
from translator.commands import build, info, report, rules, test, translate
from translator.commands.common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, add_common, add_source_opts
from translator.errors import user_message

Register = Callable[[argparse._SubParsersAction, Callable, Callable], None]
Run = Callable[[argparse.Namespace], int]

# The one command registry: name -> (adds the subparser of that name, runs it), in `--help` order. A command
# module keeps the imports of the stages it runs inside its run function, so building the parser stays cheap.
COMMANDS: dict[str, tuple[Register, Run]] = {
    "translate": (translate.register, translate.cmd_translate),
    "rules": (rules.register, rules.cmd_rules),
    "explain": (info.register_explain, info.cmd_explain),
    "doctor": (info.register_doctor, info.cmd_doctor),
    "report": (report.register, report.run),
    "test": (test.register, test.run),
    "build": (build.register, build.run),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cudaport", description="Move CUDA C++ to HIP, SYCL and OpenCL.")
    parser.add_argument("--version", action="version", version=f"cudaport {__version__}")
    parser.add_argument("--cmake-dir", action="store_true",
                        help="print the folder of the cudaport_opencl/cudaport_sycl CMake packages (for "
                        "CMAKE_PREFIX_PATH, with trees translated with --runtime external) and exit")
    parser.add_argument("--runtime-dir", choices=["opencl", "sycl"], metavar="TARGET",
                        help="print the installed runtime folder of TARGET (opencl or sycl) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register, _run in COMMANDS.values():
        register(sub, add_common, add_source_opts)
    return parser


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
        return COMMANDS[args.command][1](args)
    except KeyboardInterrupt:
        print("cudaport: interrupted; no half-written files were left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into exit codes
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


if __name__ == "__main__":
    sys.exit(main())
