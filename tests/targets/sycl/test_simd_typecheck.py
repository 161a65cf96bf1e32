"""A CUDA kernel calling SIMD-within-a-word intrinsics translated to SYCL calls cpsycl::vmaxs4 etc. and
type-checks with g++ against the SYCL 2020 headers and cudaport_sycl/simd.hpp."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.simd_model import KERNEL
from translator.api import translate_text
from translator.targets import simd


@pytest.mark.sycl_headers
def test_translated_kernel_type_checks_as_sycl(tmp_path: Path) -> None:
    from tests.targets.sycl.typecheck import typecheck_text

    res = translate_text(KERNEL + "int main() { return 0; }\n", "sycl", name="k.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    text = res.output.decode()
    assert "cpsycl::vmaxs4(" in text and "cpsycl::vibmax_u16x2(" in text
    proc = typecheck_text(tmp_path, "k.cpp", text, "-I", str(simd.SYCL_HEADER_PATH.parents[1]))
    assert proc.returncode == 0, proc.stderr[-3000:]


