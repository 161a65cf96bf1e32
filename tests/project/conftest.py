"""Helpers for project-level tests: small CUDA trees on disk and an in-process runner."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from translator.engine.context import Options
from translator.project.runner import RunResult, run
from translator.project.tree import discover

KERNEL = """#include "common.cuh"
__global__ void scale(float* x, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = twice(x[i]);
}
void launch(float* d, int n) {
    scale<<<(n + 127) / 128, 128>>>(d, n);
    cudaDeviceSynchronize();
}
"""
HEADER = """#pragma once
__device__ inline float twice(float v) { return 2.0f * v; }
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_symlink():
            h.update(b"L" + str(p.readlink()).encode())
        elif p.is_file():
            h.update(p.read_bytes())
            h.update(str(p.stat().st_mode).encode())
    return h.hexdigest()


def translate(src: Path, out: Path | None, target: str = "hip", *, force: bool = False, database: Path | None = None,
              target_opts: dict | None = None, jobs: int = 1, flags: tuple[str, ...] = ()) -> RunResult:
    tree = discover(src, database, flags)
    return run(tree, Options(target=target), out=out, jobs=jobs, target_opts=target_opts or {}, force=force)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "src", {"kernels/scale.cu": KERNEL, "kernels/common.cuh": HEADER,
                                         "host/main.cpp": "#include <cstdio>\nint main() { return 0; }\n",
                                         "README.md": "docs\n"})
