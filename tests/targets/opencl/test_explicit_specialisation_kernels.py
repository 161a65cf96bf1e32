"""Explicit specialisations of template kernels (`template <> __global__ void scale<float>(...)`): a launch
`scale<float><<<...>>>` runs the specialisation, one with other arguments the primary template's instance, and
both coexist in the program (`scale_float` is the specialisation's body, `scale_int` the primary's). Three
shapes: the kernels and the host template launching them in a header (explicitly instantiated there, as a
library exposes its entry points); one file whose host template launches `scale<T>` (T = float resolves to the
specialisation); and a primary template that is only declared, with a specialisation per type. Each is
translated, built with `cudaport build` and run on PoCL, where the program checks its own numbers (the
specialisation's `3x + 1`, the primary's `2x`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from tests.targets.opencl.projects import translate_project
from translator.api import translate_text
from translator.frontend import specializations
from translator.model import Severity

KERNELS = r"""
template <typename T>
__global__ void scale(const T* in, T* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] * (T)2;
}

template <>
__global__ void scale<float>(const float* in, float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = in[i] * 3.0f + 1.0f;
}
"""

RUN_IN_HEADER = r"""
template <typename T>
void run(const T* in, T* out, int n)
{
    if constexpr (std::is_same_v<T, float>) {
        scale<float><<<(n + 63) / 64, 64>>>(in, out, n);
    } else {
        scale<T><<<(n + 63) / 64, 64>>>(in, out, n);
    }
}
template void run<float>(const float*, float*, int);
template void run<int>(const int*, int*, int);
"""

RUN_IN_FILE = r"""
template <typename T>
void run(const T* in, T* out, int n) { scale<T><<<(n + 63) / 64, 64>>>(in, out, n); }
"""

CHECK = r"""
template <typename T>
bool check(T mul, T add)
{
    const int n = 200;
    T h_in[n], h_out[n];
    for (int i = 0; i < n; i++) h_in[i] = (T)(i % 13);
    T *d_in, *d_out;
    cudaMalloc(&d_in, sizeof(h_in));
    cudaMalloc(&d_out, sizeof(h_out));
    cudaMemcpy(d_in, h_in, sizeof(h_in), cudaMemcpyHostToDevice);
    run(d_in, d_out, n);
    cudaMemcpy(h_out, d_out, sizeof(h_out), cudaMemcpyDeviceToHost);
    bool ok = true;
    for (int i = 0; i < n; i++) ok = ok && h_out[i] == h_in[i] * mul + add;
    cudaFree(d_in);
    cudaFree(d_out);
    return ok;
}
"""

MAIN = CHECK + r"""
int main()
{
    bool ok = check<float>(3.0f, 1.0f) && check<int>(2, 0);
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""

# the primary template declared only: each type has its own kernel, launched with and without its arguments
DECLARED_ONLY = r"""
#include <cstdio>
#include <cuda_runtime.h>

template <typename T>
__global__ void fill(T* out, int n);

template <>
__global__ void fill<float>(float* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = 0.5f * i;
}

template <>
__global__ void fill<int>(int* out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = 7 * i;
}

int main()
{
    const int n = 100;
    float* df;
    int* di;
    cudaMalloc(&df, n * sizeof(float));
    cudaMalloc(&di, n * sizeof(int));
    fill<float><<<2, 64>>>(df, n);
    fill<<<2, 64>>>(di, n);
    float hf[n];
    int hi[n];
    cudaMemcpy(hf, df, sizeof(hf), cudaMemcpyDeviceToHost);
    cudaMemcpy(hi, di, sizeof(hi), cudaMemcpyDeviceToHost);
    bool ok = true;
    for (int i = 0; i < n; i++) ok = ok && hf[i] == 0.5f * i && hi[i] == 7 * i;
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""

HEAD = "#include <cstdio>\n#include <cuda_runtime.h>\n#include <type_traits>\n"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not specializations.specializations_available():
        tool_missing("no clang++ installed")
    return {
        "header": translate_project(tmp_path_factory.mktemp("spec_hdr"), {
            "scale.h": "#pragma once\n" + HEAD + KERNELS + RUN_IN_HEADER,
            "main.cu": '#include "scale.h"\n' + MAIN}),
        "file": translate_project(tmp_path_factory.mktemp("spec_file"),
                                  {"main.cu": HEAD + KERNELS + RUN_IN_FILE + MAIN}),
        "declared": translate_project(tmp_path_factory.mktemp("spec_decl"), {"main.cu": DECLARED_ONLY}),
    }


def _kernels(cl_text: str) -> list[str]:
    return sorted(line.split("(")[0].split()[-1] for line in cl_text.splitlines() if line.startswith("__kernel"))


@pytest.mark.parametrize("shape", ["header", "file"])
def test_specialisation_and_primary_instance_coexist(projects: dict[str, Path], shape: str) -> None:
    out = projects[shape]
    cl_text = (out / "main.cl").read_text()
    assert _kernels(cl_text) == ["scale_float", "scale_int"]
    body = cl_text[cl_text.index("__kernel void scale_float("):]
    assert "3.0f" in body[:body.index("\n}")]  # the specialisation's body, not the primary's instance
    host = (out / "main.cpp").read_text() + ((out / "scale.h").read_text() if shape == "header" else "")
    assert '"scale_float"' in host and "CP4005" not in host
    assert "template <> static" not in host  # a stub specialisation has no storage class


def test_declared_primary_gets_a_stub_declaration(projects: dict[str, Path]) -> None:
    out = projects["declared"]
    assert _kernels((out / "main.cl").read_text()) == ["fill_float", "fill_int"]
    host = (out / "main.cpp").read_text()
    assert "template <typename T> static cudaError_t cp_launch_fill(" in host
    assert '"fill_float"' in host and '"fill_int"' in host


@pytest.mark.opencl
@pytest.mark.parametrize("shape", ["header", "file", "declared"])
def test_specialisations_run_on_pocl(projects: dict[str, Path], shape: str) -> None:
    b = subprocess.run([sys.executable, "-m", "translator.cli", "build", str(projects[shape]), "-q"],
                       capture_output=True, text=True, timeout=600)
    assert b.returncode == 0, b.stdout + b.stderr
    (exe,) = b.stdout.split()
    r = subprocess.run([exe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "PASS", r.stdout + r.stderr


CLASH = r"""
template <typename T>
__global__ void scale(T* x) { x[threadIdx.x] *= (T)2; }
template <>
__global__ void scale<float>(float* x) { x[threadIdx.x] *= 3.0f; }
__global__ void scale_float(float* x) { x[threadIdx.x] += 1.0f; }
void run(float* x) { scale<float><<<1, 32>>>(x); scale_float<<<1, 32>>>(x); }
"""


def test_a_kernel_named_like_the_specialisation_is_cp4043() -> None:
    res = translate_text(CLASH, "opencl", name="clash.cu")
    codes = [f.code for f in res.findings]
    assert codes.count("CP4043") == 1, codes
    assert next(f for f in res.findings if f.code == "CP4043").severity == Severity.ERROR
