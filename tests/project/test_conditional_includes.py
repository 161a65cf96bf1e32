"""A file the project includes only inside #if blocks (`#ifdef CUDNN_CONV` / `#include "conv_cudnn.cu"`) may be
left out of the build: its untranslatable library calls are CP2009 warnings, as they are inside an #if block of
the file itself, not CP2008 errors that refuse the build. Included once without a condition, they stay errors;
an include guard (`#ifndef X` or `#if !defined(X)`) is not a condition."""

from __future__ import annotations

from pathlib import Path

from tests.project.conftest import translate, write_tree

CUDNN = "#include <cudnn.h>\nvoid with_cudnn() { cudnnHandle_t h; cudnnCreate(&h); }\n"
MAIN = "#include <cstdio>\nint main() {\n#ifdef CUDNN_CONV\n  with_cudnn();\n#endif\n  return 0;\n}\n"


def _codes(tmp_path: Path, files: dict[str, str]) -> dict[str, set[str]]:
    res = translate(write_tree(tmp_path / "src", files), tmp_path / "out", "opencl")
    out: dict[str, set[str]] = {}
    for f in res.findings:
        out.setdefault(Path(f.path).name, set()).add(f.code)
    return out


def test_a_file_included_only_under_ifdef_gets_warnings(tmp_path: Path) -> None:
    main = MAIN.replace("int main", '#ifdef CUDNN_CONV\n#include "conv_cudnn.cu"\n#endif\nint main')
    codes = _codes(tmp_path, {"main.cu": main, "conv_cudnn.cu": CUDNN})
    assert "CP2009" in codes["conv_cudnn.cu"] and "CP2008" not in codes["conv_cudnn.cu"]


def test_an_unconditional_include_keeps_the_errors(tmp_path: Path) -> None:
    main = MAIN.replace("int main", '#ifdef CUDNN_CONV\n#include "conv_cudnn.cu"\n#endif\n'
                                    '#include "conv_cudnn.cu"\nint main')
    codes = _codes(tmp_path, {"main.cu": main, "conv_cudnn.cu": CUDNN})
    assert "CP2008" in codes["conv_cudnn.cu"]


def test_an_include_guard_is_not_a_condition(tmp_path: Path) -> None:
    header = '#if !defined(OPS_H)\n#define OPS_H\n#include "conv_cudnn.cu"\n#endif\n'
    main = MAIN.replace("int main", '#include "ops.h"\nint main')
    codes = _codes(tmp_path, {"main.cu": main, "ops.h": header, "conv_cudnn.cu": CUDNN})
    assert "CP2008" in codes["conv_cudnn.cu"]


def test_each_includer_is_scanned_once(tmp_path: Path, monkeypatch) -> None:
    """The #if blocks and include targets of an includer are found once, not once per file it includes."""
    import translator.project.depgraph as depgraph
    from translator.project.runner import scan_inputs
    from translator.project.tree import discover

    files = {f"h{i}.cuh": f"__device__ int f{i}() {{ return {i}; }}\n" for i in range(20)}
    files["main.cu"] = "".join(f'#ifdef USE_{i}\n#include "h{i}.cuh"\n#endif\n' for i in range(20)) + MAIN
    root = write_tree(tmp_path / "src", files)
    calls = []
    real = depgraph.conditional_blocks
    monkeypatch.setattr(depgraph, "conditional_blocks", lambda toks: calls.append(1) or real(toks))
    tree = discover(root, None, ())
    graph = depgraph.DependencyGraph(scan_inputs(tree), tree.flags_by_path, {}, root)
    assert graph.conditional_only == frozenset(f"h{i}.cuh" for i in range(20))
    assert len(calls) == 1
