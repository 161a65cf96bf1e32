"""A .cu that another source includes textually after a header of macros is parsed after its includer's text
(frontend.included): parsed alone, clang drops every expression that names one of those macros, so a `.x` on
a template-typed value there kept its CUDA spelling while the rest of the kernel got sycl::vec's `.x()`, and
the translation did not type-check."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.sycl.typecheck import typecheck_command
from translator.build.toolchains import sycl_host_cxx, sycl_include_dir
from translator.cli import main

pytestmark = pytest.mark.sycl_headers

PARAMS_H = """#ifndef PARAMS_H
#define PARAMS_H
#define SCALE 3
#define WIDTH 64
#endif
"""

KERNELS_CU = """template <typename V>
__global__ void mix(const V* __restrict in, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  V v = in[i];
  float a = SCALE * (v.x - floorf(v.x));
  float b = in[(i + 1) % WIDTH].y * SCALE;
  out[i] = a + b + v.y;
}

template <typename V>
void run(V* d_in, float* d_out) {
  mix<<<WIDTH / 32, 32>>>(d_in, d_out, WIDTH);
  cudaDeviceSynchronize();
}
"""

MAIN_CU = """#include <cstdio>
#include "params.h"

#include "kernels.cu"

int main() {
  float2* d_in; float* d_out;
  cudaMalloc(&d_in, WIDTH * sizeof(float2));
  cudaMalloc(&d_out, WIDTH * sizeof(float));
  run(d_in, d_out);
  cudaFree(d_in); cudaFree(d_out);
  printf("done\\n");
  return 0;
}
"""


def test_included_source_is_parsed_with_its_includers_macros(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for name, text in {"params.h": PARAMS_H, "kernels.cu": KERNELS_CU, "main.cu": MAIN_CU}.items():
        (src / name).write_text(text)
    assert main(["translate", str(src), "--to", "sycl", "-o", str(out), "-q"]) in (0, 1)
    kernels = (out / "kernels.cpp").read_text()
    assert "SCALE * (v.x() - sycl::floor(v.x()))" in kernels, kernels
    assert "in[(i + 1) % WIDTH].y() * SCALE" in kernels, kernels
    assert "a + b + v.y()" in kernels, kernels
    include, host = sycl_include_dir(), sycl_host_cxx()
    if include is None or host is None:
        tool_missing("needs a host C++ compiler and the SYCL headers")
    res = subprocess.run(typecheck_command(str(out / "main.cpp"), str(include), host), capture_output=True,
                         text=True, check=False, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:] + "\n" + kernels
