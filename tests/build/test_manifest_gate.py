"""The build gate reads the error findings the translation recorded in OUT/.cudaport/manifest.json, not only
the inline `CUDAPORT CPnnnn` markers: a marked construct can reach the output without its marker (here a CUB
class named through a `using` alias in a template kernel: the alias is spelled out and its marker is gone), and
the build then failed with a bare compiler error. The findings are named at their CUDA file and line with their
codes; once a person edits an input's outputs, that input's inline markers decide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from translator.build import BuildError, build
from translator.build.common import blocking_marks, manifest_errors
from translator.cli import main
from translator.project.manifest import Manifest, sha

# a CUB collective with no OpenCL mapping (BlockRadixSort), named through an alias in a template kernel
SRC = r"""#include <cstdio>
#include <cuda_runtime.h>
#include <cub/cub.cuh>

template <int B>
__global__ void sort(const int* in, int* out)
{
    using Sort = cub::BlockRadixSort<int, B, 1>;
    __shared__ typename Sort::TempStorage storage;
    int v[1] = {in[blockIdx.x * B + threadIdx.x]};
    Sort(storage).Sort(v);
    out[blockIdx.x * B + threadIdx.x] = v[0];
}

int main()
{
    int *in, *out;
    cudaMalloc(&in, 512 * sizeof(int));
    cudaMalloc(&out, 512 * sizeof(int));
    sort<128><<<4, 128>>>(in, out);
    cudaDeviceSynchronize();
    printf("done\n");
    return 0;
}
"""
ALIAS_LINE = next(i for i, line in enumerate(SRC.splitlines(), 1) if "using Sort" in line)


@pytest.fixture(autouse=True)
def _shim_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUDAPORT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "shim-cache"))


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "adj.cu").write_text(SRC)
    r = subprocess.run([sys.executable, "-m", "translator.cli", "translate", str(src), "--to", "opencl", "-o",
                        str(out), "-q"], capture_output=True, text=True, timeout=600)
    assert (out / "adj.cl").is_file(), r.stderr
    return out


def test_recorded_error_without_its_marker_blocks_the_build(translated: Path, capsys: pytest.CaptureFixture
                                                           ) -> None:
    recorded = manifest_errors(translated)
    assert [(str(m.path), m.line, m.code) for m in recorded] == [("adj.cu", ALIAS_LINE, "CP2008")]
    assert "BlockRadixSort" in recorded[0].text
    assert main(["build", str(translated)]) == 4
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert "blocked by 1 unresolved error diagnostic(s) CP2008" in first, err
    assert f"first at adj.cu:{ALIAS_LINE}: CP2008" in first and "--ignore-diagnostics" in first
    assert f"adj.cu:{ALIAS_LINE}: CP2008 CUDA library API" in err  # the list under the one-line message
    # forced past the gate, the device compile failure still names the diagnostic
    with pytest.raises(BuildError, match=rf"; the tree has .*CP2008, first at adj.cu:{ALIAS_LINE}"):
        build(translated, "opencl", ignore_diagnostics=True, cmake=False)


def _tree_with_manifest(tmp_path: Path, marker: str = "") -> Path:
    """A one-file tree and a manifest recording one error for it (its outputs as written)."""
    out = tmp_path / "tree"
    out.mkdir()
    text = f"int main() {{ {marker}return 0; }}\n"
    (out / "k.cpp").write_text(text)
    finding = {"code": "CP2008", "message": "CUDA library API with no counterpart on this target: CUB cub::X",
               "path": "k.cu", "line": 3, "col": 1, "severity": "error", "api": None, "family": None,
               "offset": None}
    note = {**finding, "code": "CP2004", "severity": "note", "line": 4}
    m = Manifest.new("rules", {"options": {"target": "opencl"}})
    m.save(out)
    raw = json.loads(Manifest.path_in(out).read_text())
    raw["files"] = {"k.cu": {"hash": "h", "key": "k", "kind": "translated", "flags": [], "deps": [],
                             "outputs": {"k.cpp": sha(text.encode())}, "findings": [finding, note],
                             "guessed_dirs": []}}
    # a library the project's Makefile links: only a build with that Makefile is blocked by it
    (out / "Makefile.sub").write_text("LDFLAGS = -lcublas\n")
    link = {**finding, "code": "CP5010", "message": "CUDA library has no equivalent on this target: -lcublas",
            "path": "Makefile.sub", "line": 1}
    raw["files"]["Makefile.sub"] = {"hash": "h", "key": "k", "kind": "build", "flags": [], "deps": [],
                                    "outputs": {"Makefile.sub": sha(b"LDFLAGS = -lcublas\n")}, "findings": [link],
                                    "guessed_dirs": []}
    Manifest.path_in(out).write_text(json.dumps(raw))
    return out


def test_only_error_findings_of_unedited_outputs_count(tmp_path: Path) -> None:
    out = _tree_with_manifest(tmp_path)
    assert [str(m) for m in blocking_marks(out)] == [
        "k.cu:3: CP2008 CUDA library API with no counterpart on this target: CUB cub::X"]
    assert [str(m) for m in manifest_errors(out, scripts=True)] == [
        "Makefile.sub:1: CP5010 CUDA library has no equivalent on this target: -lcublas",
        "k.cu:3: CP2008 CUDA library API with no counterpart on this target: CUB cub::X"]
    (out / "k.cpp").write_text("int main() { return 0; }  // fixed by hand\n")
    assert manifest_errors(out) == [] and blocking_marks(out) == []


def test_a_marker_the_manifest_accounts_for_is_named_once(tmp_path: Path) -> None:
    out = _tree_with_manifest(tmp_path, "/* CUDAPORT CP2008: CUDA library API with no counterpart on this target: "
                                        "CUB cub::X */ ")
    assert [(str(m.path), m.code) for m in blocking_marks(out)] == [("k.cu", "CP2008")]
