"""A CUDA kernel calling SIMD-within-a-word intrinsics translated to HIP (HIP 5.2 has none of them): the calls
become cp_vmaxs4 etc., each definition is inserted once into the file, and hipcc checks host and device code."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.simd_model import KERNEL
from translator.api import translate_text


@pytest.mark.hipcc
def test_translated_kernel_passes_hipcc(tmp_path: Path) -> None:
    if shutil.which("hipcc") is None:
        tool_missing("needs hipcc")
    res = translate_text(KERNEL + "int main() { return 0; }\n", "hip", name="k.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    text = res.output.decode()
    assert text.count("#define CUDAPORT_SIMD_VMAXS4") == 1 and "cp_vmaxs4(v, 0)" in text
    out = tmp_path / "k.hip"
    out.write_text(text)
    env = {**os.environ, "HIP_PLATFORM": "amd"}
    proc = subprocess.run(["hipcc", "-fsyntax-only", "--offload-arch=gfx90a", str(out)], capture_output=True,
                          text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
