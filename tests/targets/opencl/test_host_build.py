"""Host builds of small translated programs on the OpenCL target: `cudaport translate --to opencl`, `cudaport
build`, then the program must print PASS on PoCL. Each case is one mechanism of the host side that real code
needs: headers that only include CUDA headers, kernel templates instantiated with user types and typedefs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translator.cli import main
from translator.targets.opencl.typenames import user_type_names

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.opencl


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_") or k == "CUDAPORT_CACHE_DIR"}


def _translate(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "src"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    out = tmp_path / "out"
    assert main(["translate", str(src), "--to", "opencl", "-o", str(out), "-q"]) in (0, 1)
    return out


def _build_and_run(out: Path, exe: str = "main") -> str:
    b = subprocess.run([sys.executable, "-m", "translator.cli", "build", str(out), "-q"], capture_output=True,
                       text=True, timeout=600, env=_env(), cwd=REPO)
    assert b.returncode == 0, b.stdout + b.stderr
    binary = out / "build" / exe
    proc = subprocess.run([str(binary)], cwd=binary.parent, capture_output=True, text=True, timeout=300, env=_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


CHECK = """
static int check(const int* h, int n, int want) {
    for (int i = 0; i < n; i++) if (h[i] != want) { printf("FAIL at %d: %d\\n", i, h[i]); return 1; }
    return 0;
}
"""


def test_header_that_only_includes_cuda_h_is_translated(tmp_path: Path) -> None:
    # no CUDA syntax in the header: only the include (for cudaStream_t and dim3 of the files that include it)
    header = "#pragma once\n#include <cstdio>\n#include <cuda.h>\nvoid fill(int* d, int n, int v, cudaStream_t s);\n"
    kernel = """#include "fill.h"
__global__ void k(int* d, int n, int v) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] = v; }
void fill(int* d, int n, int v, cudaStream_t s) { k<<<(n + 63) / 64, 64, 0, s>>>(d, n, v); }
"""
    main_cu = """#include "fill.h"
""" + CHECK + """
int main() {
    int *d, h[100];
    cudaMalloc(&d, sizeof(h));
    fill(d, 100, 7, 0);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    cudaFree(d);
    if (check(h, 100, 7)) return 1;
    printf("PASS\\n");
    return 0;
}
"""
    out = _translate(tmp_path, {"fill.h": header, "fill.cu": kernel, "main.cu": main_cu})
    assert "cuda.h" not in (out / "fill.h").read_text()
    assert "PASS" in _build_and_run(out)


def test_template_kernel_instances_with_user_types_and_typedefs_are_found(tmp_path: Path) -> None:
    # a struct named by a typedef, a struct in a namespace and typedefs of builtin types
    # (the host names `byte_t` as `unsigned char`, so its instance is the `unsigned char` one)
    prog = """#include <cstdio>
#include <cuda_runtime.h>
typedef unsigned char byte_t;
typedef unsigned char octet;
typedef struct { int a, b; } pair_t;
namespace geo { struct Pt { int x, y, z; }; }
template <typename T> __global__ void copy(T* dst, const T* src, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = src[i];
}
template <typename T> int roundtrip(int n) {
    T* h = (T*)malloc(n * sizeof(T));
    T* back = (T*)malloc(n * sizeof(T));
    for (size_t i = 0; i < n * sizeof(T); i++) ((unsigned char*)h)[i] = (unsigned char)(i * 7 + 3);
    T *s, *d;
    cudaMalloc(&s, n * sizeof(T));
    cudaMalloc(&d, n * sizeof(T));
    cudaMemcpy(s, h, n * sizeof(T), cudaMemcpyHostToDevice);
    copy<T><<<(n + 31) / 32, 32>>>(d, s, n);
    if (cudaGetLastError() != cudaSuccess) return 1;
    cudaMemcpy(back, d, n * sizeof(T), cudaMemcpyDeviceToHost);
    int bad = memcmp(h, back, n * sizeof(T)) != 0;
    cudaFree(s); cudaFree(d); free(h); free(back);
    return bad;
}
int main() {
    int fails = roundtrip<byte_t>(100) + roundtrip<octet>(100) + roundtrip<unsigned char>(100)
              + roundtrip<pair_t>(100) + roundtrip<geo::Pt>(100);
    if (fails) { printf("FAIL %d\\n", fails); return 1; }
    printf("PASS\\n");
    return 0;
}
"""
    out = _translate(tmp_path, {"main.cu": prog})
    cl_text = (out / "main.cl").read_text()
    assert "copy_uchar(" in cl_text and "copy_byte_t" not in cl_text and "copy_octet" not in cl_text
    host = (out / "main.cpp").read_text()
    assert 'inline const char* cp_type_name(pair_t*) { return "pair_t"; }' in host
    assert 'namespace geo { inline const char* cp_type_name(geo::Pt*) { return "geo_Pt"; } }' in host
    assert "PASS" in _build_and_run(out)


def test_user_type_names_follow_the_kernel_instance_names() -> None:
    names = user_type_names(["float", "unsigned int", "Box<float>", "a::b::Pt", "Box<float>", "int*"])
    assert 'inline const char* cp_type_name(Box<float>*) { return "Box_float"; }' in names
    assert 'namespace a { namespace b { inline const char* cp_type_name(a::b::Pt*) { return "a_b_Pt"; } } }' in names
    assert names.count("Box<float>*") == 1 and "(float*)" not in names and "(unsigned int*)" not in names
