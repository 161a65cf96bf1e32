"""CUDA half and bfloat16 translated to SYCL type-check with g++ against the SYCL 2020 headers: sycl::half and
sycl::half2 (vec members x()/y()), the oneAPI bfloat16, and the cpsycl helpers of every half/bfloat16 rule,
in host code (arrays of __half, conversions on the host) and in a kernel."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text
from translator.engine.ruleset import load_rules

pytestmark = [pytest.mark.sycl_headers, pytest.mark.gxx]

PROGRAM = r"""
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <cstdio>
#include <cstdlib>
__global__ void k(const __half* a, __half2* p, __nv_bfloat16* b, int* q, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __half2 v = __halves2half2(a[i], __hmax(a[i], __float2half(1.0f)));
  v.x = __hadd(v.x, a[i]);
  p[i] = __hfma2(v, __hgt2(v, __lowhigh2highlow(v)), __float2half2_rn(0.5f));
  b[i] = __float2bfloat16(__low2float(p[i]) + __bfloat162float(b[i]));
  q[i] = __half2int_rn(a[i]) + __hadd(q[i], 3) + __hbeq2(v, v) + __hisinf(a[i]);
}
int main() {
  const int n = 64;
  __half* h = (__half*)malloc(n * sizeof(__half));
  for (int i = 0; i < n; ++i) h[i] = __float2half(i * 0.5f);
  __half *d; __half2* p; __nv_bfloat16* b; int* q;
  cudaMalloc(&d, n * sizeof(__half)); cudaMalloc(&p, n * sizeof(__half2));
  cudaMalloc(&b, n * sizeof(__nv_bfloat16)); cudaMalloc(&q, n * sizeof(int));
  cudaMemcpy(d, h, n * sizeof(__half), cudaMemcpyHostToDevice);
  k<<<1, n>>>(d, p, b, q, n);
  printf("%f\n", __half2float(h[3]));
  return 0;
}
"""


def _check(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    return typecheck_text(tmp_path, name, text)


def test_half_program_type_checks(tmp_path: Path) -> None:
    res = translate_text(PROGRAM, "sycl", name="half.cu")
    assert not [f for f in res.findings if f.code in ("CP2001", "CP2002")]
    text = res.output.decode()
    assert "v.x() = cpsycl::hadd(v.x(), a[i])" in text
    done = _check(tmp_path, "half.cpp", text)
    assert done.returncode == 0, done.stderr[-3000:]


def test_every_cpsycl_half_helper_exists(tmp_path: Path) -> None:
    """Each rule that names a cpsycl:: helper names one the header declares (an overload set is enough)."""
    rules = load_rules()
    names = set()
    for rule in rules.rules.values():
        if rule.section not in ("half", "bfloat16") and rule.name != "__hadd":
            continue
        mapping = rule.for_target("sycl")
        spelled = (mapping.rename or "") if mapping else ""
        if spelled.startswith("cpsycl::"):
            names.add(spelled)
    assert len(names) > 100
    body = "".join(f"using {n};\n" for n in sorted(names))
    done = _check(tmp_path, "names.cpp", "#include <cudaport_sycl.hpp>\n" + body + "int main() {}\n")
    assert done.returncode == 0, done.stderr[-3000:]
