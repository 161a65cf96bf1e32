"""The one include scanner and resolver (frontend/includes.py), used by the site finder, the tree's dependency
graph, the build and the report."""

from __future__ import annotations

from pathlib import Path

from translator.frontend.includes import (
    conditional_blocks,
    include_tokens,
    local_headers,
    resolve_include,
    scan_includes,
)
from translator.frontend.lexer import lex
from translator.frontend.sites import TokenView, find_includes

SRC = (b'#include "a.h"\n'
       b'// #include "commented.h"\n'
       b'const char *s = "#include \\"string.h\\"";\n'
       b'#include_next <b.h>\n'
       b'#  include <c/d.h>\n'
       b'#define X 1\n')


def test_scanner_finds_directives_only_never_comments_or_strings() -> None:
    assert scan_includes(SRC) == [("a.h", False), ("b.h", True), ("c/d.h", True)]
    toks, _ = lex(SRC)
    assert [toks[i].text for i in include_tokens(toks, include_next=False)] == ['"a.h"', "<c/d.h>"]


def test_site_finder_reports_the_same_directives() -> None:
    toks, directives = lex(SRC)
    view = TokenView.build(SRC, toks)
    assert [(s.header, s.angled) for s in find_includes(view, directives)] == scan_includes(SRC)


def test_resolver_order_and_root_filter(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "inc").mkdir()
    including = tmp_path / "src" / "main.cu"
    (tmp_path / "src" / "h.h").write_text("")
    (tmp_path / "inc" / "h.h").write_text("")
    (tmp_path / "inc" / "only.h").write_text("")
    assert resolve_include("h.h", False, including, [tmp_path / "inc"]) == tmp_path / "src" / "h.h"
    assert resolve_include("h.h", True, including, [tmp_path / "inc"]) == tmp_path / "inc" / "h.h"
    assert resolve_include("../inc/only.h", False, including, []) == tmp_path / "inc" / "only.h"
    assert resolve_include("../inc/only.h", False, including, [], within=tmp_path / "src") is None
    assert resolve_include("missing.h", False, including, [tmp_path / "inc"]) is None


def test_project_headers_follow_includes_and_skip_include_next(tmp_path: Path) -> None:
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "common.h").write_text('#include "leaf.cuh"\n')
    (tmp_path / "include" / "leaf.cuh").write_text("")
    (tmp_path / "next.h").write_text("")
    main = tmp_path / "main.cu"
    data = b'#include "common.h"\n#include_next "next.h"\n#include <vector>\n'
    assert local_headers(main, data, tmp_path) == [tmp_path / "include" / "leaf.cuh", tmp_path / "include" / "common.h"]


def _left_out(src: str) -> list[str]:
    """The text of each part conditional_blocks says a build may leave out."""
    data = src.encode()
    toks, _ = lex(data)
    return [data[a:b].decode() for a, b in conditional_blocks(toks)]


def test_conditional_blocks_skip_guards_and_tests_nvcc_always_passes() -> None:
    assert _left_out("/* license */\n#ifndef G\n// guard\n\n#define G\n#ifdef __cplusplus\nA\n#endif\n#endif\n") == []
    assert _left_out("#if defined(__CUDACC__)\nA\n#elif defined(FOO)\nB\n#else\nC\n#endif\n") == [
        "#elif defined(FOO)\nB\n#else\nC\n"]
    assert _left_out("#if !defined(__cplusplus)\nA\n#else\nB\n#endif\n") == ["#if !defined(__cplusplus)\nA\n"]
    assert _left_out("#ifndef __NVCC__\nA\n#elif USE\nB\n#endif\n") == ["#ifndef __NVCC__\nA\n#elif USE\nB\n"]
    assert _left_out("#pragma once\n#ifdef USE\nA\n#else\nB\n#endif\n") == ["#ifdef USE\nA\n#else\nB\n"]
    assert _left_out("#if 0\nA\n#endif\n#if 1\nB\n#endif\n") == ["#if 0\nA\n"]
