"""`cudaport build OUT`: builds a translated output tree for its target (OpenCL: executables linked with the
runtime shim; HIP: hipcc; SYCL: icpx/acpp or a header type-check) and prints the executables it made.
Input: parsed CLI arguments. Output: files under OUT/build/, OUT/CMakeLists.txt, an exit code:
0 built; 2 bad usage or a missing tool; 4 the build failed (compile/link error, blocking diagnostics).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from translator.commands.common import EXIT_BUILD, jobs_from
from translator.commands.common import EXIT_INPUT as EXIT_USAGE


def register(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    b = sub.add_parser("build", help="build a translated tree (OpenCL programs, hipcc, SYCL)",
                       description="Compile the output of `cudaport translate`. A tree with the project's "
                       "migrated CMakeLists.txt (or Makefile) is built with it: cmake into OUT/build/cmake (or make "
                       "in OUT), printing the project's executables. Otherwise cudaport's own build: every host unit "
                       "that defines main() becomes OUT/build/<stem>, linked with all other units (OpenCL: with the "
                       "runtime shim and -lOpenCL; the .cl files are copied next to it), and OUT/CMakeLists.txt is "
                       "written when the tree has none.")
    b.add_argument("out", type=Path, metavar="OUT", help="output directory of `cudaport translate`")
    b.add_argument("--target", choices=["opencl", "hip", "sycl"], default=None,
                   help="target of the tree (default: detected from its files)")
    b.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="parallel compiler jobs (default: cores)")
    b.add_argument("--config", choices=["Release", "Debug"], default="Release", help="Release (-O2) or Debug (-O0 -g)")
    b.add_argument("--offload-arch", default="gfx90a", metavar="ARCH", help="HIP: GPU architecture (default gfx90a)")
    b.add_argument("--syntax-only", action="store_true",
                   help="SYCL: only type-check (clang++, else g++, -fsyntax-only against the SYCL headers "
                        "without a SYCL compiler)")
    b.add_argument("--ignore-diagnostics", action="store_true",
                   help="try to build even when the translation left error diagnostics (CUDAPORT CPnnnn comments)")
    b.add_argument("-D", "--define", dest="defines", action="append", default=[], metavar="NAME[=VALUE]",
                   help="define a macro for the host compiles (as the project's build passes -D; for OpenCL kernels "
                   "set CUDAPORT_OPENCL_BUILD_OPTIONS=-DNAME at run time)")
    b.add_argument("-I", "--include", dest="includes", action="append", default=[], metavar="DIR",
                   help="OpenCL: an include directory for the host compiles, searched before the tree's own (as "
                   "the project's build passes -I)")
    b.add_argument("--no-kernel-check", action="store_true",
                   help="OpenCL: do not compile the .cl programs for the device at build time (they are compiled at "
                   "the first launch)")
    b.add_argument("--own-build", action="store_true",
                   help="build with cudaport's own unit scan even when the tree has the project's migrated "
                   "CMakeLists.txt or Makefile (which is used by default)")
    b.add_argument("--no-cmake", action="store_true", help="own build: do not write OUT/CMakeLists.txt")
    add_common(b)


def run(args: argparse.Namespace) -> int:
    from translator.build import BuildError, build

    try:
        result = build(args.out, args.target, jobs=jobs_from(args), config=args.config,
                       offload_arch=args.offload_arch, syntax_only=args.syntax_only,
                       ignore_diagnostics=args.ignore_diagnostics, cmake=not args.no_cmake,
                       defines=tuple(args.defines), kernels=not args.no_kernel_check,
                       includes=tuple(args.includes), own_build=args.own_build)
    except BuildError as exc:
        print(f"cudaport: error: {exc}", file=sys.stderr)
        if exc.detail and not args.quiet:
            print(exc.detail, file=sys.stderr)
        return EXIT_USAGE if exc.setup else EXIT_BUILD
    for exe in result.executables:
        print(exe)
    if not args.quiet:
        for unit in result.checked:
            print(f"checked {unit}", file=sys.stderr)
        for note in result.notes:
            print(f"cudaport: {note}", file=sys.stderr)
        if result.cmake_file:
            print(f"cudaport: wrote {result.cmake_file}", file=sys.stderr)
    return 0
