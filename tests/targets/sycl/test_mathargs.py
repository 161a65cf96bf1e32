"""Integer arguments of CUDA's float/double math functions get an explicit conversion in SYCL, whose math
functions are templates over floating types only; floating arguments stay as written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.sycl.typecheck import typecheck_command
from translator.api import translate_text
from translator.build.toolchains import sycl_include_dir

SRC = r"""
#include <cstdio>
__global__ void k(float* o, int n, long m) {
  o[0] = rsqrtf(n) + sqrtf(n * 2) + expf(o[1]) + (float)sqrt(m) + powf(o[2], 2);
}
int main() { int n = 4; float s = sqrt(n) + rsqrtf(n); printf("%f\n", s); return 0; }
"""


def test_integer_arguments_are_converted_to_the_parameter_type() -> None:
    out = translate_text(SRC, "sycl", name="m.cu").output.decode()
    assert "sycl::rsqrt(static_cast<float>(n))" in out
    assert "sycl::sqrt(static_cast<float>(n * 2))" in out
    assert "sycl::exp(o[1])" in out  # already float: unchanged
    assert "sycl::sqrt(static_cast<double>(m))" in out
    assert "sycl::pow(o[2], static_cast<float>(2))" in out
    assert "float s = sqrt(n) + sycl::rsqrt(static_cast<float>(n));" in out  # host: C library kept


@pytest.mark.sycl_headers
def test_converted_calls_type_check(tmp_path: Path) -> None:
    if shutil.which("g++") is None or sycl_include_dir() is None:
        tool_missing("needs g++ and the SYCL headers")
    path = tmp_path / "m.cpp"
    path.write_text(translate_text(SRC, "sycl", name="m.cu").output.decode())
    res = subprocess.run(typecheck_command(str(path), str(sycl_include_dir())), capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, res.stderr[-3000:]
