"""Behaviour of the SYCL emitter that golden files do not show well: output naming, toolchain commands,
the tree-sitter fallback path, and that kernels never keep CUDA launch syntax."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from translator.api import translate_text
from translator.targets.sycl import SHIM_INCLUDE, compile_command, make, typecheck_command

REPO = Path(__file__).resolve().parents[3]


def test_cu_files_become_cpp() -> None:
    t = make()
    assert t.output_path(PurePosixPath("src/a.cu"), True) == PurePosixPath("src/a.cpp")
    assert t.output_path(PurePosixPath("inc/a.cuh"), True) == PurePosixPath("inc/a.cuh")


def test_compile_command_uses_the_given_compiler_and_the_helper() -> None:
    cmd = compile_command(["a.cpp"], "a.out", compiler=["icpx", "-fsycl"])
    assert cmd is not None
    assert cmd[:2] == ["icpx", "-fsycl"] and f"-I{SHIM_INCLUDE}" in cmd and cmd[-2:] == ["-o", "a.out"]
    assert (SHIM_INCLUDE / "cudaport_sycl.hpp").is_file()


def test_typecheck_command_is_syntax_only() -> None:
    cmd = typecheck_command("x.cpp", "/inc")
    assert "-fsyntax-only" in cmd and "-I/inc" in cmd and cmd[-1] == "x.cpp"


def test_no_launch_syntax_survives_in_the_corpus() -> None:
    for src in sorted((REPO / "corpus" / "programs").glob("*/*.cu")):
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
