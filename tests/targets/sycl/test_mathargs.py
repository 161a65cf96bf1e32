"""Integer arguments of CUDA's float/double math functions get an explicit conversion in SYCL, whose math
functions are templates over floating types only; floating arguments stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

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
    res = typecheck_text(tmp_path, "m.cpp", translate_text(SRC, "sycl", name="m.cu").output.decode())
    assert res.returncode == 0, res.stderr[-3000:]
