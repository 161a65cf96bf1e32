"""Free operators on CUDA vector types (helper_math.h style) on the OpenCL target (vecops.py): the `.cl` uses
OpenCL's built-in vector operators, so an operator device code calls is checked to be the component-wise one
(CP4052, a note) and the program runs on PoCL with the right numbers; an operator that is something else (a dot
product written as `*`, a reversed difference, a 3-component type, a comparison) is CP4051 at the operator, and
an operator only host code calls is left alone. Before, `operator+(double4 a, double4 b) {...}` was read as a
device variable `b`, and the host code registered a symbol that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, translate_project
from translator.api import translate_text
from translator.engine.context import Options
from translator.project.runner import run
from translator.project.tree import discover

OPERATORS = r"""
#include <cstdio>
#include <cuda_runtime.h>
inline __device__ float4 operator+(float4 a, float4 b)
{
  return make_float4(a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w);
}
inline __host__ __device__ float4 operator*(float s, float4 a) {
  return make_float4(s * a.x, s * a.y, s * a.z, s * a.w);
}
__device__ __forceinline__ float2 operator-(float2 a, float2 b) { return make_float2((a.x - b.x), (a.y - b.y)); }
__device__ float2 operator-(float2 a) { return make_float2(-a.x, -a.y); }
inline __device__ void operator+=(float4 &a, float4 b) { a.x += b.x; a.y += b.y; a.z += b.z; a.w += b.w; }
inline __device__ int2 operator*(int2 a, int b) { return make_int2(a.x * b, a.y * b); }
"""

KERNEL = r"""
__global__ void combine(const float4* x, const float2* y, float4* out, int2* iout, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float4 v = x[i] + 2.0f * x[(i + 1) % n];
  v += x[i];
  float2 d = -(y[i] - y[(i + 3) % n]);
  out[i] = v + make_float4(d.x, d.y, 0.0f, 1.0f);
  iout[i] = make_int2(i, -i) * 3;
}
int main() {
  const int n = 300;
  float4 hx[n]; float2 hy[n];
  for (int i = 0; i < n; i++) { hx[i] = make_float4(i, 2 * i, -i, 0.5f); hy[i] = make_float2(0.25f * i, i % 7); }
  float4 *x, *out; float2* y; int2* iout;
  cudaMalloc(&x, sizeof(hx)); cudaMalloc(&y, sizeof(hy));
  cudaMalloc(&out, sizeof(hx)); cudaMalloc(&iout, n * sizeof(int2));
  cudaMemcpy(x, hx, sizeof(hx), cudaMemcpyHostToDevice);
  cudaMemcpy(y, hy, sizeof(hy), cudaMemcpyHostToDevice);
  combine<<<(n + 63) / 64, 64>>>(x, y, out, iout, n);
  float4 h[n]; int2 hi[n];
  cudaMemcpy(h, out, sizeof(h), cudaMemcpyDeviceToHost);
  cudaMemcpy(hi, iout, sizeof(hi), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    const float4 a = hx[i], b = hx[(i + 1) % n];
    float dx = -(hy[i].x - hy[(i + 3) % n].x), dy = -(hy[i].y - hy[(i + 3) % n].y);
    float want[4] = {2 * a.x + 2 * b.x + dx, 2 * a.y + 2 * b.y + dy, 2 * a.z + 2 * b.z, 2 * a.w + 2 * b.w + 1};
    float got[4] = {h[i].x, h[i].y, h[i].z, h[i].w};
    for (int c = 0; c < 4; c++)
      if (got[c] != want[c]) { printf("FAIL at %d.%d: %f, want %f\n", i, c, got[c], want[c]); return 1; }
    if (hi[i].x != 3 * i || hi[i].y != -3 * i) { printf("FAIL int2 at %d\n", i); return 1; }
  }
  float4 hs = 2.0f * hx[3];   // the host calls its own copy
  printf("PASS %g\n", hs.y);
  return 0;
}
"""


@pytest.mark.opencl
def test_component_wise_vector_operators_run_as_opencl_builtins_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": OPERATORS + KERNEL})
    host = (out / "main.cpp").read_text()
    assert "cpRegisterSymbol((const void*)&b" not in host and "CUDAPORT CP4051" not in host
    assert "operator+(float4 a, float4 b)" not in (out / "main.cl").read_text()
    assert "PASS 12" in build_and_run(out)


def test_each_verified_operator_is_a_note() -> None:
    res = translate_text(OPERATORS + KERNEL, "opencl", name="v.cu")
    notes = sorted(f.message.split(": ", 1)[-1] for f in res.findings if f.code == "CP4052")
    assert len(notes) == 6, notes
    assert not [f for f in res.findings if f.code == "CP4051"]


@pytest.mark.parametrize("definition, why", [
    ("__device__ float4 operator*(float4 a, float4 b) { return make_float4(a.x * b.x + a.y * b.y, 0, 0, 0); }",
     "component x"),
    ("__device__ float4 operator*(float4 a, float4 b) { return make_float4(b.x * a.x, b.y * a.y, b.z * a.z, "
     "b.w * a.w); }", "component x"),
    ("__device__ float3 operator*(float3 a, float3 b) { return make_float3(a.x * b.x, a.y * b.y, a.z * b.z); }",
     "3-component"),
    ("__device__ float4 operator*(float4 a, float4 b) { float4 r; r.x = a.x * b.x; return r; }", "one `return"),
])
def test_an_operator_that_is_not_the_builtin_one_is_cp4051(definition: str, why: str) -> None:
    vec = "float3" if "float3" in definition else "float4"
    kernel = f"__global__ void k({vec}* p) {{ p[threadIdx.x] = p[threadIdx.x] * p[0]; }}\n"
    res = translate_text("#include <cuda_runtime.h>\n" + definition + "\n" + kernel, "opencl", name="w.cu")
    errors = [f for f in res.findings if f.code == "CP4051"]
    assert len(errors) == 1 and why in errors[0].message, res.findings
    assert errors[0].line == 2


def test_an_operator_only_host_code_calls_is_left_alone() -> None:
    src = ("#include <cuda_runtime.h>\n__host__ __device__ float4 operator*(float4 a, float4 b) "
           "{ return make_float4(a.x * b.y, 0, 0, 0); }\n__global__ void k(float* p) { p[0] = 1; }\n"
           "float4 host(float4 a) { return a * a; }\n")
    res = translate_text(src, "opencl", name="h.cu")
    assert not [f for f in res.findings if f.code in ("CP4051", "CP4052")], res.findings


HEADER = r"""#pragma once
#include <cuda_runtime.h>
inline __host__ __device__ float4 operator+(float4 a, float4 b) {
  return make_float4(a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w);
}
inline __host__ __device__ float3 operator+(float3 a, float3 b) { return make_float3(a.x + b.x, a.y + b.y, a.z + b.z); }
inline __host__ __device__ float4 operator*(float4 a, float4 b) { return make_float4(a.x * b.x, 0, 0, 0); }
"""


def test_header_operators_are_checked_where_the_file_calls_them(tmp_path: Path) -> None:
    # helper_math.h style: the header defines many operators; the unused float3 one and the wrong `*` that
    # only host code calls say nothing, the `+` device code calls is verified
    main = ('#include "vec.h"\n__global__ void k(float4* p) { p[threadIdx.x] = p[threadIdx.x] + p[0]; }\n'
            "float4 host(float4 a) { return a * a; }\n")
    res = translate_project_findings(tmp_path, {"vec.h": HEADER, "main.cu": main})
    codes = [(f.code, f.message.split(": ", 1)[-1]) for f in res if f.code in ("CP4051", "CP4052")]
    assert codes == [("CP4052", "operator+(float4, float4) (in vec.h:3)")], codes
    bad = main.replace("p[threadIdx.x] + p[0]", "p[threadIdx.x] * p[0]")
    res = translate_project_findings(tmp_path / "bad", {"vec.h": HEADER, "main.cu": bad})
    assert [f.code for f in res if f.code in ("CP4051", "CP4052")] == ["CP4051"]


def translate_project_findings(tmp_path: Path, files: dict[str, str]) -> list:
    src = tmp_path / "src"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    result = run(discover(src, None, ()), Options(target="opencl"), out=tmp_path / "out")
    return list(result.findings)
