"""SYCL translation of what real programs put around their kernels: qualifier macros, extended lambdas and
operator members, host calls of C library math, members of class templates, a header that only includes
cuda.h. Each test names the mechanism; the snippets are ours."""

from __future__ import annotations

from pathlib import Path

from translator.api import translate_text
from translator.engine.context import Options
from translator.project.runner import run
from translator.project.tree import discover


def _sycl(src: str, name: str = "k.cu") -> str:
    return translate_text(src, "sycl", name=name, options=Options(target="sycl", inline_diagnostics=False)
                          ).output.decode()


def test_qualifier_macro_body_loses_device_and_host() -> None:
    out = _sycl("#define HD __host__ __device__\nHD inline float sq(float x) { return x * x; }\n")
    assert "__device__" not in out and "__host__" not in out
    assert "#define HD" in out


def test_extended_lambda_and_operator_members_lose_device() -> None:
    src = ("struct Nil {\n  template <typename T>\n"
           "  __host__ __device__ Nil& operator =(const T&) { return *this; }\n};\n"
           "void f(int n) { auto g = [=] __device__ (int i) { return i + n; }; (void)g; }\n")
    out = _sycl(src)
    assert "__device__" not in out
    assert "Nil& operator =(const T&)" in out and "auto g = [=]" in out


def test_member_of_a_class_template_is_not_a_math_call() -> None:
    out = _sycl("#include <limits>\nfloat big() { return std::numeric_limits<float>::max(); }\n")
    assert "std::numeric_limits<float>::max()" in out


def test_host_math_keeps_host_spellings_device_math_becomes_sycl() -> None:
    src = ("__global__ void k(float* p) { p[0] = sqrtf(p[0]) + fabsf(p[1]); }\n"
           "int host(unsigned long n, int i) {\n"
           "  double r = sqrt(n) + log2(i) + pow(4, n);\n"
           "  return (int)max(n, 2ul) + (int)r;\n}\n")
    out = _sycl(src)
    kernel, host = out.split("int host", 1)
    assert "sycl::sqrt(p[0])" in kernel and "sycl::fabs(p[1])" in kernel
    assert "sqrt(n) + log2(i) + pow(4, n)" in host and "sycl::" not in host
    assert "std::max(n, 2ul)" in host and "#include <algorithm>" in out


def test_header_that_only_includes_cuda_h_is_translated(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "table.h").write_text("#pragma once\n#include <cuda.h>\nstruct Table { int n; };\n")
    (src / "main.cu").write_text('#include "table.h"\n__global__ void k(Table t) {}\n')
    out = tmp_path / "out"
    run(discover(src), Options(target="sycl"), out=out)
    assert "cuda.h" not in (out / "table.h").read_text().split("*/")[-1]


def test_launch_of_a_kernel_in_an_included_cu_file_passes_item_and_shared(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "kernels.cu").write_text("__global__ void k(float* p) {\n  __shared__ float s[64];\n"
                                    "  s[threadIdx.x] = p[threadIdx.x];\n  __syncthreads();\n  p[0] = s[1];\n}\n")
    (src / "main.cu").write_text('#include "kernels.cu"\nvoid run(float* p) { k<<<1, 64>>>(p); }\n')
    out = tmp_path / "out"
    run(discover(src), Options(target="sycl"), out=out)
    main = (out / "main.cpp").read_text()
    assert "sycl::local_accessor<float[64], 0> s(cgh);" in main and "k(p, item, s);" in main


def test_item_goes_before_defaulted_parameters() -> None:
    src = ("__device__ int lane(int base, int step = 1) { return base + step * threadIdx.x; }\n"
           "__global__ void k(int* p, int n = 4) { p[lane(n)] = n; }\n"
           "void run(int* p) { k<<<1, 32>>>(p); k<<<1, 32>>>(p, 8); }\n")
    out = _sycl(src)
    assert "int lane(int base, const sycl::nd_item<3>& item, int step = 1)" in out
    assert "void k(int* p, const sycl::nd_item<3>& item, int n = 4)" in out
    assert "p[lane(n, item)]" in out
    assert "k(p, item);" in out and "k(p, item, 8);" in out


def test_declaration_in_a_preprocessor_branch_shadows_only_there() -> None:
    src = ("#ifndef REF_H\n#define REF_H\n#ifdef _OPENMP\ntypedef struct { double x, y, z; } double3;\n#endif\n"
           "void ref(double3* r) { r[0].x = 0; }\n#endif\n")
    out = _sycl(src, name="ref.h")
    assert "} double3;" in out and "void ref(sycl::double3* r)" in out


def test_launch_inside_a_macro_body_keeps_the_line_continuations() -> None:
    src = ("__global__ void k(int* p) { extern __shared__ int s[]; s[0] = 1; p[0] = s[0]; }\n"
           "#define RUN(SHM) \\\n  k<<<1, 32, SHM>>>(p);\n"
           "void run(int* p) { RUN(128) }\n")
    out = _sycl(src)
    body = out.split("#define RUN(SHM)", 1)[1].split("void run", 1)[0]
    lines = body.strip("\n").split("\n")
    assert len(lines) > 2 and all(line.endswith("\\") for line in lines[:-1]) and "SHM" in body


def test_pasting_a_component_count_is_diagnosed() -> None:
    result = translate_text("#define VEC2(T) T ## 2\nvoid f(VEC2(double)* p);\n#define CAT(a, b) a ## b\n", "sycl",
                            name="v.cu")
    assert [f.code for f in result.findings if f.code == "CP4511"] == ["CP4511"]


def test_elementwise_vector_operators_give_way_to_sycl_vec_others_stay() -> None:
    src = ("inline __device__ float2 operator+(float2 a, float2 b) { return make_float2(a.x + b.x, a.y + b.y); }\n"
           "inline __device__ float2 operator*(float s, const float2& a) { return make_float2(s * a.x, s * a.y); }\n"
           "inline __device__ float2 operator-(float2 a, float2 b) { return make_float2(a.y - b.y, a.x - b.x); }\n"
           "__device__ float operator*(float2 a, float2 b) { return a.x * b.x + a.y * b.y; }\n")
    out = _sycl(src)
    assert "operator+(" not in out and "operator*(float s" not in out
    assert "operator-(sycl::float2 a, sycl::float2 b)" in out
    assert "operator*(sycl::float2 a, sycl::float2 b)" in out
