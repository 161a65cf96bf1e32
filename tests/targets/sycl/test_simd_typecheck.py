"""A CUDA kernel calling SIMD-within-a-word intrinsics translated to SYCL calls cpsycl::vmaxs4 etc. and
type-checks with g++ against the SYCL 2020 headers and cudaport_sycl/simd.hpp."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.simd_model import KERNEL
from translator.api import translate_text
from translator.build.toolchains import sycl_include_dir
from translator.targets import simd


@pytest.mark.sycl_headers
def test_translated_kernel_type_checks_as_sycl(tmp_path: Path) -> None:
    from tests.targets.sycl.typecheck import typecheck_command

    if shutil.which("g++") is None or sycl_include_dir() is None:
        tool_missing("needs g++ and the SYCL headers")
    res = translate_text(KERNEL + "int main() { return 0; }\n", "sycl", name="k.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    text = res.output.decode()
    assert "cpsycl::vmaxs4(" in text and "cpsycl::vibmax_u16x2(" in text
    out = tmp_path / "k.cpp"
    out.write_text(text)
    cmd = typecheck_command(str(out), str(sycl_include_dir()))
    shim = str(simd.SYCL_HEADER_PATH.parents[1])
    proc = subprocess.run([*cmd, "-I", shim], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]


