"""HIP, project level: a project header with no CUDA syntax of its own that includes CUDA headers is
translated (its includes name HIP's headers, once), and a header that includes neither is copied as is."""

from __future__ import annotations

from pathlib import Path

from translator.cli import main as cudaport


def _project(root: Path) -> None:
    root.mkdir()
    (root / "common.h").write_text("#pragma once\n#include <cuda.h>\n#include <cuda_runtime.h>\n"
                                   "struct Params { int n; };\n")
    (root / "plain.hpp").write_text("#ifndef PLAIN_HPP\n#define PLAIN_HPP\n#include \"common.h\"\n"
                                    "inline int twice(int x) { return 2 * x; }\n#endif\n")
    (root / "main.cu").write_text("#include \"plain.hpp\"\n__global__ void k(int *x) { x[0] = twice(1); }\n"
                                  "int main() { int *d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); return 0; }\n")


def test_header_that_only_includes_cuda_headers_is_translated(tmp_path: Path) -> None:
    _project(tmp_path / "src")
    out = tmp_path / "out"
    assert cudaport(["translate", str(tmp_path / "src"), "--to", "hip", "-o", str(out), "-q", "-j", "1"]) == 0
    common = (out / "common.h").read_text()
    assert common.startswith("#pragma once\n#include <hip/hip_runtime.h>\n")
    assert common.count("hip_runtime") == 1 and "cuda" not in common
    assert (out / "plain.hpp").read_text() == (tmp_path / "src" / "plain.hpp").read_text()
    assert "hipMalloc(&d, 4)" in (out / "main.cu").read_text()
