"""Behaviour of the SYCL emitter that golden files do not show well: output naming,
the tree-sitter fallback path, and that kernels never keep CUDA launch syntax."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from translator.api import translate_text
from translator.targets.sycl import make

REPO = Path(__file__).resolve().parents[3]


def test_cu_files_become_cpp() -> None:
    t = make()
    assert t.output_path(PurePosixPath("src/a.cu"), True) == PurePosixPath("src/a.cpp")
    assert t.output_path(PurePosixPath("inc/a.cuh"), True) == PurePosixPath("inc/a.cuh")


def test_no_launch_syntax_survives_in_the_corpus() -> None:
    sources = sorted((REPO / "corpus" / "programs").glob("*/*.cu"))
    assert len(sources) >= 24, "the corpus programs are not where this test looks"
    for src in sources:
        out = translate_text(src.read_bytes(), "sycl", name=src.name).output.decode()
        code = [line.split("//")[0] for line in out.splitlines()]
        assert not [c for c in code if "<<<" in c or "__global__" in c], src.name


def test_tree_sitter_fallback_still_rewrites_kernels_and_launches() -> None:
    src = "__global__ void k(int* p) { __shared__ int s[4]; s[threadIdx.x] = 1; p[0] = s[0]; }\n" \
          "void f(int* p) { k<<<1, 4>>>(p); }\n"
    out = translate_text(src, "sycl", name="k.cu", use_clang=False).output.decode()
    assert "void k(int* p, const sycl::nd_item<3>& item, int (&s)[4])" in out
    assert "sycl::local_accessor<int[4], 0> s(cgh);" in out
    assert "k(p, item, s);" in out


def test_shared_memory_in_a_device_function_comes_from_group_local_memory() -> None:
    src = "__device__ int f() { __shared__ int s[4]; return s[0]; }\n"
    result = translate_text(src, "sycl", name="d.cu")
    out = result.output.decode()
    assert "auto &s = *sycl::ext::oneapi::group_local_memory_for_overwrite<int[4]>(" in out
    assert "__shared__" not in out
    assert any(f.code == "CP4512" for f in result.findings)


def test_shared_memory_with_an_initialiser_is_diagnosed_not_dropped() -> None:
    src = "__global__ void k(int* o) { __shared__ int s = 3; o[0] = s; }\n"
    result = translate_text(src, "sycl", name="d.cu")
    assert any(f.code == "CP4503" for f in result.findings)
    assert "__shared__ int s = 3;" in result.output.decode()
