"""Front end, project includes: which project headers a file includes (`#include "common.cuh"`, also through
other headers), resolved the way the suite's builds find them: beside the including file, in a directory
between it and the input root, or in an `include` directory there. Input: a path, its bytes, the input
root. Output: header paths, dependencies first. Toolkit and system headers are never returned.

It is also the one include scanner and resolver of cudaport: `include_tokens` (the header-name tokens of
`#include`/`#include_next` directives, found by the lexer, never in comments or strings), `scan_includes` (their
header names) and `resolve_include` (where a header name lands, first match over a search list) serve the site
finder, the tree and its dependency graph, the build and the report as well.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from translator.frontend.lexer import COMMENT, LITERAL, Tok, lex_shared

HEADER_SUFFIXES = (".cuh", ".h", ".hpp", ".hh", ".hxx", ".inl", ".inc", ".tcc")


def input_root(path: Path, rel: PurePosixPath) -> Path:
    """The input root: `path` with `rel`'s parts taken off its end (the file's directory for a lone file)."""
    if rel.is_absolute() or len(rel.parts) > len(path.parts) or path.parts[-len(rel.parts):] != rel.parts:
        return path.parent
    return Path(*path.parts[:-len(rel.parts)]) if len(path.parts) > len(rel.parts) else Path(".")


def include_tokens(toks: Sequence[Tok], *, include_next: bool = True) -> list[int]:
    """Indices of the header-name tokens (`<a.h>`, `"b.h"`) of every `#include` directive (and `#include_next`
    unless include_next=False) in lexer tokens."""
    words = ("include", "include_next") if include_next else ("include",)
    return [i for i, t in enumerate(toks) if t.kind == LITERAL and t.directive >= 0 and i >= 2
            and toks[i - 1].text in words and toks[i - 2].text == "#"]


def header_name(tok: Tok) -> tuple[str, bool]:
    """(header, angled) of a header-name token: `<cuda.h>` -> ("cuda.h", True)."""
    return tok.text[1:-1], tok.text.startswith("<")


def scan_includes(data: bytes) -> list[tuple[str, bool]]:
    """The (header, angled) pairs of every #include directive, found by the lexer (never in comments)."""
    if b"include" not in data:
        return []
    toks, _ = lex_shared(data)
    return [header_name(toks[i]) for i in include_tokens(toks)]


def resolve_include(header: str, angled: bool, including: Path, dirs: Sequence[Path],
                    within: Path | None = None) -> Path | None:
    """Where `#include "header"` (or <header>) of file `including` lands: the first existing file beside the
    including file (quoted includes only), then in `dirs`, normalised; with `within`, only a file under that
    root counts. None when no candidate is on disk here."""
    for d in ([] if angled else [including.parent]) + list(dirs):
        p = d / header
        if p.is_file():
            p = Path(os.path.normpath(p))
            if within is None or p == within or within in p.parents:
                return p
    return None


def _project_dirs(including: Path, root: Path) -> list[Path]:
    """The directories between the including file and the root, each followed by its `include` directory."""
    dirs = []
    d = including.parent
    while True:
        dirs += [d, d / "include"]
        if d == root or root not in d.parents:
            break
        d = d.parent
    return dirs


def _resolve(header: str, angled: bool, including: Path, root: Path) -> Path | None:
    """A project header: next to the including file (quoted includes), else in a directory between it and the
    root or in an `include` directory there. None for system and toolkit headers."""
    return resolve_include(header, angled, including, _project_dirs(including, root), within=root)


def local_headers(path: Path, data: bytes, root: Path, extra: tuple[str, ...] = ()) -> list[Path]:
    """Project headers included by a file, transitively, each after the headers it includes. `extra`
    (".cu",): also the CUDA sources a file includes textually (`#include "kernels.cu"`), also through headers."""
    out: list[Path] = []
    seen: set[Path] = set()

    def visit(p: Path, text: bytes) -> None:
        toks, _ = lex_shared(text)
        for i in include_tokens(toks, include_next=False):
            if toks[i].text[:1] in ('"', "<"):
                found = _resolve(*header_name(toks[i]), p, root)
                if found is None or found in seen or found.suffix not in HEADER_SUFFIXES + extra:
                    continue
                seen.add(found)
                try:
                    sub = found.read_bytes()
                except OSError:
                    continue
                visit(found, sub)
                out.append(found)

    visit(path, data)
    return out


# Macros defined whenever nvcc compiles a CUDA file: a block under `#ifdef __cplusplus` is always in the build.
_ALWAYS_DEFINED = frozenset({"__cplusplus", "__CUDACC__", "__NVCC__"})
_CXX_STD = 201703  # __cplusplus under nvcc's default dialect (C++17)


def conditional_blocks(toks: Sequence[Tok]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the parts of #if/#ifdef/#ifndef ... #endif blocks in lexer tokens that a build
    may leave out: those under a user or configuration macro (`#ifdef USE_CUDNN`). Not conditions: the file's
    include guard (`#ifndef X` / `#if !defined(X)` then `#define X`, after comments and `#pragma once`), and a
    test that always holds when nvcc compiles (`#ifdef __cplusplus`, `#if defined(__CUDACC__)`): there only the
    #else/#elif part is left out, and of one that never holds (`#ifndef __cplusplus`) only the part before its
    #else."""
    dirs = _directives(toks)
    guard = _guard_index(dirs)
    blocks: list[tuple[int, int]] = []
    stack: list[list] = []  # [start offset of the part left out, or None while the block is kept; kind]
    for k, (off, words) in enumerate(dirs):
        word = words[0] if words else ""
        if word in ("if", "ifdef", "ifndef"):
            truth = True if k == guard else _truth(words)
            stack.append([None if truth is True else off, truth])
        elif word in ("elif", "elifdef", "elifndef", "else") and stack:
            top = stack[-1]
            if top[1] is True and top[0] is None:  # what follows an always-taken branch is never taken
                top[0] = off
            elif top[1] is False and word == "else":  # a never-taken branch ends here; the #else is always taken
                blocks.append((top[0], off))
                top[:] = [None, True]
            elif top[1] is False:  # #elif after a never-taken branch: a condition of its own
                top[1] = None
        elif word == "endif" and stack:
            start, _ = stack.pop()
            if start is not None:
                blocks.append((start, off))
    return blocks


def _directives(toks: Sequence[Tok]) -> list[tuple[int, list[str]]]:
    """(offset of the `#`, the directive's words without the `#` and comments) of every directive, in order,
    with an entry (offset, ["<code>"]) for each run of code between directives (comments are not code)."""
    out: list[tuple[int, list[str]]] = []
    current = -1
    for t in toks:
        if t.kind == COMMENT:
            continue
        if t.directive < 0:
            if not out or out[-1][1] != ["<code>"]:
                out.append((t.offset, ["<code>"]))
            current = -1
        elif t.directive != current:
            current = t.directive
            out.append((t.offset, []))
        else:
            out[-1][1].append(t.text)
    return out


def _guard_index(dirs: list[tuple[int, list[str]]]) -> int:
    """The index in `dirs` of the directive opening the file's include guard, -1 when it has none: the first
    directive other than #pragma, before any code, is `#ifndef X` / `#if !defined(X)` / `#if !defined X`, and
    the next directive is `#define X`."""
    k = 0
    while k < len(dirs) and dirs[k][1][:1] == ["pragma"]:
        k += 1
    if k + 1 >= len(dirs):
        return -1
    words, after = dirs[k][1], dirs[k + 1][1]
    name = _negated_defined(words)
    return k if name is not None and after[:2] == ["define", name] else -1


def _negated_defined(words: list[str]) -> str | None:
    """X of `ifndef X`, `if !defined(X)`, `if !defined X` (also in parentheses); None for anything else."""
    if words[:1] == ["ifndef"] and len(words) == 2:
        return words[1]
    if words[:1] != ["if"]:
        return None
    expr = _strip_parens(words[1:])
    if expr[:1] != ["!"]:
        return None
    return _defined_name(_strip_parens(expr[1:]))


def _defined_name(expr: list[str]) -> str | None:
    """X of `defined(X)` / `defined X`."""
    if len(expr) == 2 and expr[0] == "defined":
        return expr[1]
    if len(expr) == 4 and expr[0] == "defined" and expr[1] == "(" and expr[3] == ")":
        return expr[2]
    return None


def _strip_parens(expr: list[str]) -> list[str]:
    while len(expr) >= 2 and expr[0] == "(" and expr[-1] == ")" and "(" not in expr[1:-1]:
        expr = expr[1:-1]
    return expr


def _truth(words: list[str]) -> bool | None:
    """True for a test that always holds when nvcc compiles a CUDA file (`ifdef __cplusplus`,
    `if defined(__CUDACC__)`, `if __cplusplus >= 201103L`, `if 1`), False for one that never does (`ifndef
    __cplusplus`, `if !defined(__NVCC__)`, `if 0`), None for a real condition."""
    if words[:1] == ["ifdef"] and len(words) == 2:
        return True if words[1] in _ALWAYS_DEFINED else None
    if words[:1] == ["ifndef"] and len(words) == 2:
        return False if words[1] in _ALWAYS_DEFINED else None
    if words[:1] != ["if"]:
        return None
    expr = _strip_parens(words[1:])
    negate = expr[:1] == ["!"]
    if negate:
        expr = _strip_parens(expr[1:])
    truth = _plain_truth(expr)
    return None if truth is None else truth != negate


def _plain_truth(expr: list[str]) -> bool | None:
    if expr in (["1"], ["0"]):
        return expr == ["1"]
    name = _defined_name(expr) or (expr[0] if len(expr) == 1 else None)
    if name in _ALWAYS_DEFINED:
        return True
    if len(expr) == 3 and expr[0] == "__cplusplus" and expr[1] in (">=", ">"):
        version = expr[2].rstrip("lLuU")
        if version.isdigit():
            holds = _CXX_STD >= int(version) if expr[1] == ">=" else _CXX_STD > int(version)
            return True if holds else None  # a later dialect is a build option: a real condition
    return None
