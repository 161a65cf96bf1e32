"""`cudaport explain CODE` and `cudaport doctor`: the diagnostics catalogue, and what this machine offers
(parsers, CUDA headers, compilers, OpenCL devices, SYCL toolchains).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable

from translator.commands.common import EXIT_OK
from translator.engine.diagnostics import CATALOGUE
from translator.errors import CliError


def register_explain(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    e = sub.add_parser("explain", help="explain a diagnostic code")
    e.add_argument("code", nargs="?", help="CPnnnn; without it, list all codes")
    add_common(e)


def register_doctor(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    d = sub.add_parser("doctor", help="show which parsers, compilers and OpenCL devices this machine has")
    add_common(d)


def cmd_explain(args: argparse.Namespace) -> int:
    if not args.code:
        for code, d in CATALOGUE.items():
            print(f"{code}  {d.severity.value:<7}  {d.title}")
        return EXIT_OK
    code = args.code.upper()
    d = CATALOGUE.get(code)
    if d is None:
        raise CliError(f"unknown diagnostic code {args.code!r} (run `cudaport explain` for the list)")
    print(f"{d.code} ({d.severity.value}): {d.title}\n")
    print(textwrap.fill(d.explanation, 100))
    return EXIT_OK


def _version(cmd: list[str]) -> str | None:
    exe = shutil.which(cmd[0])
    if not exe:
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30,
                             env={**os.environ, "HIP_PLATFORM": "amd"})
    except (OSError, subprocess.SubprocessError):
        return f"{exe} (did not answer)"
    text = (out.stdout or out.stderr).strip().splitlines()
    return f"{exe}: {text[0] if text else 'found'}"


def opencl_devices() -> list[str]:
    try:
        import pyopencl as cl
    except ImportError:
        return []
    found = []
    try:
        for p in cl.get_platforms():
            for d in p.get_devices():
                found.append(f"{p.name.strip()} / {d.name.strip()} (OpenCL C {d.opencl_c_version.split()[-1]})")
    except Exception:  # noqa: BLE001 - a broken ICD must not break doctor
        pass
    return found


def cmd_doctor(args: argparse.Namespace) -> int:
    from translator.build.toolchains import nvcc as find_nvcc
    from translator.frontend import treesitter
    from translator.frontend.clang import clang_available
    from translator.resources import prelude_dir, rules_dir, shim_dir

    rows: list[tuple[str, str | None]] = []
    rows.append(("libclang", clang_available()))
    rows.append(("tree-sitter CUDA grammar", "available" if treesitter.available() else None))
    rows.append(("CUDA prelude", str(prelude_dir() / "cuda_prelude.h")))
    cuda_inc = "/usr/local/cuda/include/cuda_runtime.h"
    rows.append(("CUDA headers", cuda_inc if os.path.exists(cuda_inc) else "not found (the prelude is used)"))
    rows.append(("rules", str(rules_dir())))
    rows.append(("runtime shim", str(shim_dir())))
    rows.append(("hipcc", _version(["hipcc", "--version"])))
    rows.append(("C++ compiler", _version(["g++", "--version"]) or _version(["clang++", "--version"])))
    rows.append(("nvcc", _version([nvcc, "--version"]) if (nvcc := find_nvcc()) else None))
    rows.append(("oclgrind", shutil.which("oclgrind")))
    rows.append(("SYCL compiler (icpx)", _version(["icpx", "--version"])))
    rows.append(("SYCL compiler (acpp)", _version(["acpp", "--version"])))
    devices = opencl_devices()
    rows.append(("OpenCL devices", "; ".join(devices) if devices else None))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value if value else 'not found'}")
    return EXIT_OK
