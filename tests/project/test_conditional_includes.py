"""A file the project includes only inside #if blocks (`#ifdef CUDNN_CONV` / `#include "conv_cudnn.cu"`) may be
left out of the build: its untranslatable library calls are CP2009 warnings, as they are inside an #if block of
the file itself, not CP2008 errors that refuse the build. Included once without a condition, they stay errors;
an include guard in any of its spellings is not a condition, nor a test that always holds under nvcc
(`#ifdef __cplusplus`)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


INCLUDE = '#include "conv_cudnn.cu"\n'
UNCONDITIONAL_HEADERS = {
    "if_not_defined_no_parens": "#if !defined OPS_H\n#define OPS_H\n" + INCLUDE + "#endif\n",
    "ifndef_comment_before_define": "#ifndef OPS_H\n// the guard\n\n/* of ops.h */\n#define OPS_H\n" + INCLUDE
                                    + "#endif\n",
    "license_before_guard": "/* Copyright\n * license */\n\n// ops.h\n#ifndef OPS_H\n#define OPS_H 1\n" + INCLUDE
                            + "#endif\n",
    "pragma_once_then_guard": "#pragma once\n#ifndef OPS_H\n#define OPS_H\n" + INCLUDE + "#endif // OPS_H\n",
    "pragma_once_ifdef_cplusplus": "#pragma once\n#ifdef __cplusplus\n" + INCLUDE + "#endif\n",
    "guard_then_if_defined_cudacc": "#ifndef OPS_H\n#define OPS_H\n#if defined(__CUDACC__)\n" + INCLUDE
                                    + "#endif\n#endif\n",
    "else_of_ifndef_cplusplus": "#ifndef __cplusplus\n#error C++ only\n#else\n" + INCLUDE + "#endif\n",
}


@pytest.mark.parametrize("header", UNCONDITIONAL_HEADERS.values(), ids=UNCONDITIONAL_HEADERS.keys())
def test_guards_and_always_true_tests_are_not_conditions(tmp_path: Path, header: str) -> None:
    main = MAIN.replace("int main", '#include "ops.h"\nint main')
    codes = _codes(tmp_path, {"main.cu": main, "ops.h": header, "conv_cudnn.cu": CUDNN})
    assert "CP2008" in codes["conv_cudnn.cu"]


CONDITIONAL_HEADERS = {
    "user_macro_inside_commented_guard": "// ops.h\n#ifndef OPS_H\n#define OPS_H\n#ifdef USE_CUDNN\n" + INCLUDE
                                         + "#endif\n#endif\n",
    "else_of_ifdef_cplusplus": "#ifdef __cplusplus\nvoid f();\n#else\n" + INCLUDE + "#endif\n",
    "code_before_ifndef": "void g();\n#ifndef OPS_H\n#define OPS_H\n" + INCLUDE + "#endif\n",
    "later_dialect": "#pragma once\n#if __cplusplus > 201703L\n" + INCLUDE + "#endif\n",
}


@pytest.mark.parametrize("header", CONDITIONAL_HEADERS.values(), ids=CONDITIONAL_HEADERS.keys())
def test_a_user_or_dialect_condition_still_makes_warnings(tmp_path: Path, header: str) -> None:
    main = MAIN.replace("int main", '#include "ops.h"\nint main')
    codes = _codes(tmp_path, {"main.cu": main, "ops.h": header, "conv_cudnn.cu": CUDNN})
    assert "CP2009" in codes["conv_cudnn.cu"] and "CP2008" not in codes["conv_cudnn.cu"]


def test_a_call_under_ifdef_cplusplus_stays_an_error(tmp_path: Path) -> None:
    """The same rule inside one file: `#ifdef __cplusplus` around a library call is no reason to warn."""
    codes = _codes(tmp_path, {"main.cu": "#ifdef __cplusplus\n" + CUDNN + "#endif\n" + MAIN})
    assert "CP2008" in codes["main.cu"]


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
