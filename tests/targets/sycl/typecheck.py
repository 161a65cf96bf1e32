"""The type-check these tests run on translated SYCL files: the command `cudaport build --syntax-only` runs
without a SYCL compiler (translator/build/sycl.host_syntax_command: clang++ when installed, else g++,
-fsyntax-only against the SYCL 2020 headers and the cpsycl helper), for one file and with the warnings that
carry no information here turned off; `typecheck_text` writes a translation to a file and runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import tool_missing
from translator.build.sycl import host_syntax_command
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir
from translator.resources import shim_dir

SHIM_INCLUDE = shim_dir() / "sycl" / "include"


def typecheck_command(source: str, sycl_include: str, cxx: str | None = None) -> list[str]:
    cxx = cxx or sycl_host_cxx() or "g++"
    quiet = ["-w"] if "clang" in cxx else ["-Wno-attributes", "-Wno-deprecated-declarations", "-Wno-terminate"]
    return [*host_syntax_command([f"-I{SHIM_INCLUDE}"], cxx, sycl_include), *quiet, "-x", "c++", source]


def typecheck_text(tmp_path: Path, name: str, text: str | bytes, *extra: str,
                   timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Write `text` to tmp_path/name and type-check it (`extra`: more compiler arguments). Skips (fails under
    CUDAPORT_REQUIRE_TOOLS=1) without the SYCL headers or a host C++ compiler."""
    include, host = sycl_include_dir(), sycl_host_cxx()
    if include is None or host is None:
        tool_missing("needs a host C++ compiler and the SYCL headers")
    out = tmp_path / name
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        out.write_bytes(text)
    else:
        out.write_text(text)
    return subprocess.run([*typecheck_command(str(out), str(include), host), *extra], capture_output=True, text=True,
                          check=False, timeout=timeout)
