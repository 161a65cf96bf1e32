"""Front end, project includes: which project headers a file includes (`#include "common.cuh"`, also through
other headers), resolved the way the suite's builds find them: beside the including file, in a directory
between it and the input root, or in an `include` directory there. Input: a path, its bytes, the input
root. Output: header paths, dependencies first. Toolkit and system headers are never returned.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from translator.frontend.lexer import LITERAL, lex_shared

HEADER_SUFFIXES = (".cuh", ".h", ".hpp", ".hh", ".hxx", ".inl", ".inc", ".tcc")


def input_root(path: Path, rel: PurePosixPath) -> Path:
    """The input root: `path` with `rel`'s parts taken off its end (the file's directory for a lone file)."""
    if rel.is_absolute() or len(rel.parts) > len(path.parts) or path.parts[-len(rel.parts):] != rel.parts:
        return path.parent
    return Path(*path.parts[:-len(rel.parts)]) if len(path.parts) > len(rel.parts) else Path(".")


def _resolve(header: str, angled: bool, including: Path, root: Path) -> Path | None:
    """A project header: next to the including file (quoted includes), else in a directory between it and the
    root or in an `include` directory there. None for system and toolkit headers."""
    dirs = [] if angled else [including.parent]
    d = including.parent
    while True:
        dirs += [d, d / "include"]
        if d == root or root not in d.parents:
            break
        d = d.parent
    for base in dirs:
        p = base / header
        if p.is_file():
            p = Path(os.path.normpath(p))
            if p == root or root in p.parents:
                return p
    return None


def local_headers(path: Path, data: bytes, root: Path, extra: tuple[str, ...] = ()) -> list[Path]:
    """Project headers included by a file, transitively, each after the headers it includes. `extra`
    (".cu",): also the CUDA sources a file includes textually (`#include "kernels.cu"`), also through headers."""
    out: list[Path] = []
    seen: set[Path] = set()

    def visit(p: Path, text: bytes) -> None:
        toks, _ = lex_shared(text)
        for i, t in enumerate(toks):
            if t.kind == LITERAL and t.directive >= 0 and i >= 2 and toks[i - 1].text == "include" \
                    and toks[i - 2].text == "#" and t.text[:1] in ('"', "<"):
                found = _resolve(t.text[1:-1], t.text.startswith("<"), p, root)
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
