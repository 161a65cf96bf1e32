"""`cudaport build` for HIP (hipcc, HIP_PLATFORM=amd, --offload-arch; building is the check) and SYCL (a real
SYCL compiler when present, else --syntax-only against the intel-sycl-rt headers, else a one-line error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.build import BuildError, build, detect_target
from translator.build.sycl import sycl_compiler
from translator.cli import main

HIP_MAIN = """#include <hip/hip_runtime.h>
#include "scale.h"
__global__ void twice(float* p, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) p[i] *= 2; }
int main() {
    float* d = nullptr;
    if (hipMalloc(&d, 64 * sizeof(float)) != hipSuccess) return 1;
    hipLaunchKernelGGL(twice, dim3(1), dim3(64), 0, 0, d, 64);
    return hipDeviceSynchronize() == hipSuccess && factor() == 2 ? 0 : 1;
}
"""

SYCL_MAIN = """#include <sycl/sycl.hpp>
int main() {
    sycl::queue q;
    int* p = sycl::malloc_shared<int>(8, q);
    q.parallel_for(sycl::range<1>(8), [=](sycl::id<1> i) { p[i] = static_cast<int>(i[0]); }).wait();
    sycl::free(p, q);
    return 0;
}
"""


def _hip_tree(root: Path) -> Path:
    root.mkdir()
    (root / "app.hip").write_text(HIP_MAIN)
    (root / "scale.h").write_text("int factor();\n")
    (root / "scale.cpp").write_text("int factor() { return 2; }\n")
    return root


@pytest.mark.hipcc
def test_hip_tree_builds_with_hipcc_and_cmakelists_names_hip(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = _hip_tree(tmp_path / "out")
    assert detect_target(out) == "hip"
    assert main(["build", str(out), "--offload-arch", "gfx90a"]) == 0
    assert capsys.readouterr().out.split() == [str(out / "build" / "app")]
    cmake = (out / "CMakeLists.txt").read_text()
    assert "LANGUAGES CXX HIP" in cmake and "set(CMAKE_HIP_ARCHITECTURES gfx90a)" in cmake
    assert "app.hip\" PROPERTIES LANGUAGE HIP" in cmake and "add_library(cudaport_units OBJECT" in cmake


@pytest.mark.hipcc
def test_hip_compile_error_is_reported_with_the_arch(tmp_path: Path) -> None:
    out = _hip_tree(tmp_path / "out")
    (out / "app.hip").write_text(HIP_MAIN.replace("p[i] *= 2;", "p[i] *= undeclared;"))
    with pytest.raises(BuildError, match=r"app.hip: hipcc compile error \(--offload-arch=gfx90a\)") as info:
        build(out, "hip", cmake=False)
    assert "undeclared" in info.value.detail


def test_missing_hipcc_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _hip_tree(tmp_path / "out")
    monkeypatch.setattr("translator.build.hip.hipcc", lambda: None)
    with pytest.raises(BuildError, match="hipcc not found"):
        build(out, "hip")


@pytest.mark.sycl_headers
def test_sycl_syntax_only_type_checks_against_the_headers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "prog.cpp").write_text(SYCL_MAIN)
    assert detect_target(out) == "sycl"
    result = build(out, syntax_only=True)
    assert result.checked == [out / "prog.cpp"] and not result.executables
    assert "-fsycl" in (out / "CMakeLists.txt").read_text()
    (out / "prog.cpp").write_text(SYCL_MAIN.replace("sycl::malloc_shared<int>", "sycl::malloc_sharde<int>"))
    with pytest.raises(BuildError, match="prog.cpp: SYCL type-check error") as info:
        build(out, syntax_only=True)
    assert "malloc_sharde" in info.value.detail


@pytest.mark.skipif(sycl_compiler() is not None, reason="a SYCL compiler is installed")
def test_sycl_build_without_a_compiler_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "prog.cpp").write_text(SYCL_MAIN)
    assert main(["build", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no SYCL compiler found" in err and "--syntax-only" in err


@pytest.mark.skipif(sycl_compiler() is None, reason="needs a SYCL compiler (icpx or acpp)")
def test_sycl_build_with_a_real_compiler(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "prog.cpp").write_text(SYCL_MAIN)
    assert [p.name for p in build(out).executables] == ["prog"]


def test_target_comes_from_the_translate_manifest_when_present(tmp_path: Path) -> None:
    out = _hip_tree(tmp_path / "out")
    (out / ".cudaport").mkdir()
    (out / ".cudaport" / "manifest.json").write_text('{"options": {"options": {"target": "sycl"}}}')
    assert detect_target(out) == "sycl"
    (out / ".cudaport" / "manifest.json").write_text("{broken")
    assert detect_target(out) == "hip"
