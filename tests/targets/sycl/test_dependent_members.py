"""`.x` on a value whose type is a template parameter: sycl::vec components are functions, so `p[i].x` in a
kernel template instantiated with float2 (and `(*(T*)a).x` in a host comparator instantiated with double2)
must become `.x()`, decided from the template's instantiations in the file; a template also instantiated with
a struct that has a data member `x` must keep `.x`. Each translation is type-checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.sycl.typecheck import typecheck_text
from translator.api import translate_text

pytestmark = pytest.mark.sycl_headers

VECTORS = r"""
#include <cstdio>
#include <cstdlib>
#include <cmath>
template <class T, class H>
int by_fraction(const void* a, const void* b) {
  H qa, qb;
  H fa = modf((*((T*)a)).x, &qa);
  H fb = modf((*((T*)b)).y, &qb);
  return fa < fb ? -1 : 1;
}
template <typename T>
__global__ void sum_xy(const T* p, float* o, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) o[i] = p[i].x + p->y;
}
int main() {
  double2 v[4];
  qsort(v, 4, sizeof(double2), by_fraction<double2, double>);
  float2* d; float* o;
  cudaMalloc(&d, 4 * sizeof(float2)); cudaMalloc(&o, 4 * sizeof(float));
  sum_xy<<<1, 4>>>(d, o, 4);
  cudaDeviceSynchronize();
  printf("done\n");
  return 0;
}
"""

MIXED = r"""
struct Point { float x, y; };
template <typename T>
__global__ void first(const T* p, float* o) { o[threadIdx.x] = p[threadIdx.x].x; }
int main() {
  float2* a; Point* b; float* o;
  first<<<1, 1>>>(a, o);
  first<<<1, 1>>>(b, o);
  return 0;
}
"""


def _typecheck(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    return typecheck_text(tmp_path, "t.cpp", text)


def test_members_of_vector_instantiations_become_calls(tmp_path: Path) -> None:
    text = translate_text(VECTORS, "sycl", name="vectors.cu").output.decode()
    assert "modf((*((T*)a)).x(), &qa)" in text and "modf((*((T*)b)).y(), &qb)" in text
    assert "p[i].x() + p->y()" in text
    res = _typecheck(tmp_path, text)
    assert res.returncode == 0, res.stderr[-3000:] + "\n" + text


def test_template_also_instantiated_with_a_struct_keeps_the_field(tmp_path: Path) -> None:
    text = translate_text(MIXED, "sycl", name="mixed.cu").output.decode()
    assert "].x;" in text
    assert ".x()" not in text


NESTED = r"""
#include <cstdio>
template <typename V>
__global__ void scale(V* p, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) { V v = p[i]; p[i].x = 2 * v.x; p[i].y = v.y + v.x; }
}
template <typename V>
void run(V* d, int n) { scale<<<1, n>>>(d, n); }
int main() {
  float2* d;
  cudaMalloc(&d, 8 * sizeof(float2));
  run(d, 8);
  cudaDeviceSynchronize();
  printf("done\n");
  return 0;
}
"""


def test_kernel_launched_from_a_host_template_takes_clang_instantiations(tmp_path: Path) -> None:
    """The launch inside `run<V>` names only `V`; clang's specializations say scale is made for float2."""
    from translator.frontend.specializations import specializations_available

    if not specializations_available():
        tool_missing("needs an installed clang++ for the template specializations")
    text = translate_text(NESTED, "sycl", name="nested.cu").output.decode()
    assert "p[i].x() = 2 * v.x();" in text and "p[i].y() = v.y() + v.x();" in text
    res = _typecheck(tmp_path, text)
    assert res.returncode == 0, res.stderr[-3000:] + "\n" + text
