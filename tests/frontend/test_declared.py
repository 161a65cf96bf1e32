"""The token pre-check that lets a parse without clang skip tree-sitter: every way a file can declare a CUDA
name itself says "maybe", and files that only use CUDA names say "no" (and then translate the same)."""

from __future__ import annotations

import pytest

from translator.frontend.declared import may_declare_cuda_name
from translator.frontend.lexer import lex

CUDA = {"cudaMalloc", "warpSize", "float4", "dim3", "blockDim", "threadIdx", "cudaSuccess", "cudaMemcpyHostToDevice",
        "__global__", "__shared__", "cudaStream_t", "expf"}.__contains__
QUALIFIERS = frozenset({"__global__", "__shared__"})


def _maybe(src: str) -> bool:
    return may_declare_cuda_name(lex(src.encode())[0], CUDA, QUALIFIERS)


@pytest.mark.parametrize("src", [
    "int cudaMalloc(void **p, size_t n) { return 0; }",
    "__device__ void f() { int warpSize = 64; }",
    "void f(const float &warpSize);",
    "void g(int a, T *warpSize) {}",
    "struct float4 { float x, y, z, w; };",
    "typedef struct { float x, y; } float4;",
    "int a, warpSize = 32;",
    "static float *warpSize;",
    "enum E { cudaSuccess = 0 };",
    "using dim3 = MyDim;",
    "std::vector<int> warpSize;",
    "for (auto &warpSize : sizes) {}",
    "int Foo::cudaMalloc() { return 1; }",
])
def test_declarations_of_cuda_names_need_the_parse(src: str) -> None:
    assert _maybe(src)


@pytest.mark.parametrize("src", [
    "void f() { cudaMalloc(&p, n); cudaMemcpy(d, h, n, cudaMemcpyHostToDevice); }",
    "__global__ void k(float *x) { __shared__ float t[256]; x[threadIdx.x] = t[0] * blockDim.x; }",
    "float y = a * expf(-b); int n = x * blockDim.x;",
    "void f() { cudaStream_t s; dim3 grid(4, 4); if (err != cudaSuccess) return; }",
    "f(a, cudaMemcpyHostToDevice, s);",
    "// int warpSize = 32; in a comment\nconst char *t = \"int warpSize\";",
])
def test_uses_alone_skip_it(src: str) -> None:
    assert not _maybe(src)
