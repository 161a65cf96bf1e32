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

from translator.frontend.lexer import LITERAL, Tok, lex_shared

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


def conditional_blocks(toks: Sequence[Tok]) -> list[tuple[int, int]]:
    """The (start, end) offsets of every #if/#ifdef/#ifndef ... #endif block in lexer tokens, the file's include
    guard left out."""
    starts: list[int] = []
    blocks: list[tuple[int, int]] = []
    guard = _is_guard([t.text for t in toks[:10]])
    for i, t in enumerate(toks):
        if t.text != "#" or t.directive < 0 or i + 1 >= len(toks):
            continue
        word = toks[i + 1].text
        if word in ("if", "ifdef", "ifndef"):
            starts.append(t.offset)
        elif word == "endif" and starts:
            start = starts.pop()
            if not (guard and not starts and start == toks[0].offset):
                blocks.append((start, t.offset))
    return blocks


def _is_guard(words: list[str]) -> bool:
    """Whether the file opens with an include guard: `#ifndef X` or `#if !defined(X)` / `#if !defined X`,
    then `#define X`."""
    if words[:2] == ["#", "ifndef"] and len(words) > 5:
        name, rest = words[2], words[3:]
    elif words[:5] == ["#", "if", "!", "defined", "("] and len(words) > 9 and words[6] == ")":
        name, rest = words[5], words[7:]
    elif words[:4] == ["#", "if", "!", "defined"] and len(words) > 7:
        name, rest = words[4], words[5:]
    else:
        return False
    return rest[:3] == ["#", "define", name]
