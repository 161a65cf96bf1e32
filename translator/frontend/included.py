"""Front end, sources included textually: a CUDA source another source includes (`#include "degrid.h"` then
`#include "kernels.cu"` in main.cu) is compiled only as part of that includer, so parsed alone it lacks what
the includer declared first: its macros (`GCF_GRID`), types and functions. Clang then drops the expressions
that name them (error recovery) and every pass that reads the AST misses those lines.

`includers` finds the project's sources that include a file; `includer_prefixes` gives, for each source that
includes it directly, the includer's text up to that `#include`, which the clang front end parses as a
header included before the file (frontend.clang.parse, prefix=), so the file is seen the way its includer's
compiler sees it.

Input: the included file's path and its input root. Output: (includer path, bytes) pairs.
"""

from __future__ import annotations

from pathlib import Path

from translator.frontend.includes import header_name, include_tokens, local_headers, resolve_include
from translator.frontend.lexer import lex_shared

_SOURCES = (".cu", ".cpp", ".cc", ".cxx")
_MAX_FILES = 400


def includers(path: Path, root: Path) -> list[tuple[Path, bytes]]:
    """The project's sources that include `path` textually (path and bytes), also through their headers."""
    if not path.is_absolute() or not root.is_dir():
        return []
    return [(src, data) for src, data in _sources(root) if src != path and path.name.encode() in data
            and path in local_headers(src, data, root, (".cu",))]


def includer_prefixes(path: Path, root: Path) -> list[tuple[Path, bytes]]:
    """For each source that includes `path` itself (not through a header): the includer's path and its bytes
    before the first `#include` that resolves to `path`."""
    out = []
    for src, data in includers(path, root):
        toks, _ = lex_shared(data)
        for i in include_tokens(toks, include_next=False):
            header, angled = header_name(toks[i])
            if resolve_include(header, angled, src, ()) == path:
                # the directive starts at its `#`, two tokens before the header name
                out.append((src, data[:toks[i - 2].offset]))
                break
    return out


_CACHE: dict[Path, tuple[tuple, list[tuple[Path, bytes]]]] = {}


def _sources(root: Path) -> list[tuple[Path, bytes]]:
    """The project's source files under the input root, read again only when one changed."""
    try:
        paths = sorted(p for p in root.rglob("*") if p.suffix in _SOURCES)[:_MAX_FILES]
        stamp = tuple((p, p.stat().st_mtime_ns) for p in paths)
    except OSError:
        return []
    cached = _CACHE.get(root)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    found = []
    for p in paths:
        try:
            found.append((p, p.read_bytes()))
        except OSError:
            continue
    _CACHE[root] = (stamp, found)
    return found
