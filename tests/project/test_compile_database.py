"""Compile databases: relative paths, `arguments` and `command` forms, nvcc flags dropped or mapped, headers
translated with the flags of a unit that includes them, missing and outside entries reported."""

from __future__ import annotations

import json
from pathlib import Path

from tests.project.conftest import KERNEL, translate, write_tree
from translator.project.tree import _db_flags, discover, load_database


def test_nvcc_flags_are_dropped_or_mapped(tmp_path: Path) -> None:
    entry = {"arguments": ["nvcc", "-x", "cu", "-arch=sm_80", "--cuda-gpu-arch=sm_80", "-ccbin", "g++-12",
                           "-Xcompiler", "-fopenmp,-DFROM_HOST", "-gencode", "arch=compute_80,code=sm_80",
                           "-Iinc", "-I", "/abs/inc", "--include-path=gen", "-DN=4", "--define-macro", "M",
                           "-std=c++17", "-O3", "-o", "k.o", "-c", "k.cu"]}
    flags = _db_flags(entry, tmp_path)
    assert flags == ("-DFROM_HOST", f"-I{tmp_path}/inc", "-I", "/abs/inc", f"-I{tmp_path}/gen", "-DN=4", "-DM",
                     "-std=c++17")


def test_relative_paths_command_form_missing_and_outside(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"k.cu": KERNEL, "inc/common.cuh": "#pragma once\n"})
    build = tmp_path / "build"
    build.mkdir()
    db = [{"directory": "../src", "command": "nvcc -Iinc -DREL=1 -c k.cu", "file": "k.cu"},
          {"directory": str(src), "arguments": ["nvcc", "-c", "gone.cu"], "file": "gone.cu"},
          {"directory": str(tmp_path), "arguments": ["nvcc", "-c", "x.cu"], "file": "x.cu"}]
    (tmp_path / "x.cu").write_text("")
    (build / "compile_commands.json").write_text(json.dumps(db))
    loaded = load_database(build)
    assert loaded.flags[src / "k.cu"] == (f"-I{src}/inc", "-DREL=1")
    assert loaded.missing == [str(src / "gone.cu")]
    result = translate(src, tmp_path / "out", database=build)
    codes = [f.code for f in result.findings]
    assert "CP5002" in codes and "CP5003" in codes
    assert discover(src, build).outside == [str(tmp_path / "x.cu")]


def test_header_gets_flags_of_including_unit(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"a/k.cu": '#include "common.cuh"\n__global__ void k() {}\n',
                                        "inc/common.cuh": "#pragma once\n#ifndef WIDTH\n#error no\n#endif\n"})
    db = [{"directory": str(src / "a"), "arguments": ["nvcc", "-I../inc", "-DWIDTH=8", "-c", "k.cu"],
           "file": "k.cu"}]
    (src.parent / "compile_commands.json").write_text(json.dumps(db))
    result = translate(src, tmp_path / "out", database=src.parent / "compile_commands.json")
    import translator.project.manifest as manifest

    m = manifest.Manifest.load(tmp_path / "out")
    assert m is not None
    assert m.files["inc/common.cuh"].flags == [f"-I{src}/inc", "-DWIDTH=8"]
    assert m.files["a/k.cu"].deps == ["inc/common.cuh"]
    assert "inc/common.cuh" in {str(f.rel) for f in result.files}
