"""Type-checks SYCL translations of CUDA library code with the host compiler the SYCL checks use (clang++ where
installed: g++ 12 cannot parse oneDPL's device backend) against the SYCL 2020, oneDPL and cpsycl headers."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.targets.sycl.typecheck import typecheck_text
from translator.build.toolchains import sycl_include_dir


def onedpl_available() -> bool:
    include = sycl_include_dir()
    return include is not None and (Path(include) / "oneapi" / "dpl" / "algorithm").exists()


def typecheck(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    return typecheck_text(tmp_path, name, text, timeout=600)
