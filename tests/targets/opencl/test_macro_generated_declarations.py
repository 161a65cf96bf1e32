"""Declarations that a macro expanded at file scope generates (`ATOMIC(Mul)` between `#define OP` and `#undef OP`,
making class templates of CAS loops): the .cl carries the expansion, the macro's definition and each `OP` before
its expansion, so the device compiler expands them as nvcc does, and the program is C++ for OpenCL. The class
members take generic pointers: the atomics and the device functions they call get generic overloads. Device
functions defined once per branch of an `#if` chain keep their condition. Translated, built with `cudaport build`
and run on PoCL, where the program checks its own numbers. A macro defined outside the project (which the .cl
cannot carry) still gets CP4037 and blocks the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.targets.opencl.projects import translate_project
from translator.api import translate_text
from translator.cli import main

HEADER = r"""
#pragma once
#include <cstdint>
#define CAS_OPS(NAME)                                                          \
  template <typename scalar, size_t size> struct Cas##NAME##Impl;              \
  template <typename scalar> struct Cas##NAME##Impl<scalar, 4> {               \
    __device__ void operator()(scalar *address, scalar val) {                  \
      int *as_i = (int *)address;                                              \
      int old = *as_i, assumed;                                                \
      do {                                                                     \
        assumed = old;                                                         \
        old = atomicCAS(as_i, assumed,                                         \
                        __float_as_int(OP(val, __int_as_float(assumed))));     \
      } while (assumed != old);                                                \
    }                                                                          \
  };                                                                           \
  template <typename scalar> struct Cas##NAME##Impl<scalar, 8> {               \
    __device__ void operator()(scalar *address, scalar val) {                  \
      unsigned long long *as_u = (unsigned long long *)address;                \
      unsigned long long old = *as_u, assumed;                                 \
      do {                                                                     \
        assumed = old;                                                         \
        old = atomicCAS(as_u, assumed, (unsigned long long)OP(val, (scalar)old)); \
      } while (assumed != old);                                                \
    }                                                                          \
  };

#define OP(X, Y) Y * X
CAS_OPS(Mul)
#undef OP
#define OP(X, Y) max(Y, X)
CAS_OPS(Max)
#undef OP

static inline __device__ void scaled_mul(float *a, float v) { CasMulImpl<float, sizeof(float)>()(a, v); }
static inline __device__ void scaled_mul(int64_t *a, int64_t v) { CasMulImpl<int64_t, sizeof(int64_t)>()(a, v); }
static inline __device__ void biggest(float *a, float v) { CasMaxImpl<float, sizeof(float)>()(a, v); }
#if defined(NO_SUCH_FEATURE)
static inline __device__ void count(int *a) { *a = -1000; }
#else
static inline __device__ void count(int *a) { atomicAdd(a, 1); }
#endif

template <int KIND> struct Reduce {
  static __device__ void write(float *p, float v) {
    if (KIND == 0) scaled_mul(p, v); else biggest(p, v);
  }
};
"""

MAIN = r"""
#include <cstdio>
#include "ops.h"

__global__ void reduce_all(const float *in, const int64_t *in64, float *prod, float *top, int64_t *prod64,
                           int *n_seen, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        Reduce<0>::write(prod, in[i]);
        Reduce<1>::write(top, in[i]);
        scaled_mul(prod64, in64[i]);
        count(n_seen);
    }
}

int main()
{
    const int n = 96;
    float h[n];
    int64_t h64[n];
    for (int i = 0; i < n; i++) {
        h[i] = (i % 4 == 0) ? 2.0f : ((i % 4 == 1) ? 0.5f : 1.0f);
        h64[i] = (i % 16 == 3) ? 3 : ((i % 16 == 7) ? -1 : 1);
    }
    h[37] = 9.0f;
    float *d, *p, *t;
    int64_t *d64, *p64;
    int *c;
    cudaMalloc(&d, sizeof(h));
    cudaMalloc(&d64, sizeof(h64));
    cudaMalloc(&p, sizeof(float));
    cudaMalloc(&t, sizeof(float));
    cudaMalloc(&p64, sizeof(int64_t));
    cudaMalloc(&c, sizeof(int));
    float one = 1.0f, low = -1e30f;
    int64_t one64 = 1;
    int zero = 0;
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    cudaMemcpy(d64, h64, sizeof(h64), cudaMemcpyHostToDevice);
    cudaMemcpy(p, &one, sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(t, &low, sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(p64, &one64, sizeof(int64_t), cudaMemcpyHostToDevice);
    cudaMemcpy(c, &zero, sizeof(int), cudaMemcpyHostToDevice);
    reduce_all<<<3, 32>>>(d, d64, p, t, p64, c, n);
    float rp, rt;
    int64_t rp64;
    int rc;
    cudaMemcpy(&rp, p, sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(&rt, t, sizeof(float), cudaMemcpyDeviceToHost);
    cudaMemcpy(&rp64, p64, sizeof(int64_t), cudaMemcpyDeviceToHost);
    cudaMemcpy(&rc, c, sizeof(int), cudaMemcpyDeviceToHost);
    float ep = 1.0f, et = -1e30f;
    int64_t ep64 = 1;
    for (int i = 0; i < n; i++) {
        ep *= h[i];
        et = h[i] > et ? h[i] : et;
        ep64 *= h64[i];
    }
    printf("%g %g %g %g %lld %lld %d\n", rp, ep, rt, et, (long long)rp64, (long long)ep64, rc);
    bool ok = rp == ep && rt == et && rp64 == ep64 && rc == n;
    printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translate_project(tmp_path_factory.mktemp("mg"), {"ops.h": HEADER, "main.cu": MAIN})


def test_expansions_are_carried_in_file_order(out: Path) -> None:
    cl_text = (out / "main.cl").read_text()
    assert "CP4037" not in cl_text + (out / "ops.h").read_text()
    assert "class template CasMulImpl made by CAS_OPS(...)" in cl_text.splitlines()[0]  # C++ for OpenCL
    mul, mx = cl_text.index("CAS_OPS(Mul)"), cl_text.index("CAS_OPS(Max)")
    assert cl_text.index("#define CAS_OPS(NAME)") < cl_text.index("#define OP(X, Y) Y * X") < mul
    assert mul < cl_text.index("#undef OP\n#define OP(X, Y) max(Y, X)") < mx
    assert "cp_atomicCAS(as_i" in cl_text  # the macro's body is translated
    assert "#if (defined(NO_SUCH_FEATURE))\nstatic inline CP_OVL void count(" in cl_text
    assert "#if !(defined(NO_SUCH_FEATURE))\nstatic inline CP_OVL void count(" in cl_text


@pytest.mark.opencl
def test_expanded_atomics_run_on_pocl(out: Path) -> None:
    b = subprocess.run([sys.executable, "-m", "translator.cli", "build", str(out), "-q"], capture_output=True,
                       text=True, timeout=600, cwd=Path(__file__).resolve().parents[3])
    assert b.returncode == 0, b.stdout + b.stderr
    (exe,) = b.stdout.split()
    r = subprocess.run([exe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip().endswith("PASS"), r.stdout + r.stderr


def test_vector_types_of_the_front_ends_prelude_are_not_macro_generated() -> None:
    # the clang prelude declares uchar3/float4/... through its own macro; they are OpenCL types, not user code
    src = ("__global__ void k(uchar3* in, uchar4* out, float4* f) {\n"
           "  int i = threadIdx.x; out[i] = make_uchar4(in[i].x, in[i].y, in[i].z, 0); f[i].w = 1.0f; }\n"
           "void run(uchar3* a, uchar4* b, float4* f) { k<<<1, 4>>>(a, b, f); }\n")
    res = translate_text(src, "opencl", name="vec.cu")
    assert not [d for d in res.findings if d.code == "CP4037"], [(d.code, d.message) for d in res.findings]


EXTERNAL = r"""
#define MAKE_ADDER(NAME) template <typename T> struct NAME { __device__ T operator()(T a, T b) { return a + b; } };
MAKE_ADDER(Adder)
"""


def test_macro_outside_the_project_is_still_cp4037(tmp_path: Path) -> None:
    # the expansion is in a header of an include directory outside the translated tree: no .cl carries it
    ext = tmp_path / "ext"
    ext.mkdir()
    (ext / "adders.h").write_text(EXTERNAL)
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.cu").write_text('#include "adders.h"\n'
                                 "__global__ void k(float* a) { a[0] = Adder<float>()(a[0], 1.0f); }\n"
                                 "int main() { float* d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); return 0; }\n")
    out = tmp_path / "out"
    assert main(["translate", str(src), "--to", "opencl", "-o", str(out), "-I", str(ext), "-q"]) in (0, 1)
    text = (out / "main.cl").read_text()
    assert "#error \"CUDAPORT CP4037: k uses Adder (from MAKE_ADDER(...))" in text
    b = subprocess.run([sys.executable, "-m", "translator.cli", "build", str(out), "-q", "-I", str(ext)],
                       capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parents[3])
    assert b.returncode == 4 and "CP4037" in b.stdout + b.stderr, b.stdout + b.stderr
