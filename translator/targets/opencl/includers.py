"""OpenCL program of a CUDA source another source includes textually (`#define BLOCK_SIZE 16` then
`#include "kernels.cu"`): the included file's kernels are compiled in their own .cl, which would not see the
macros its includer (or a project header the includer includes first) defines before the #include. Those
macros (the ones the included file uses and does not define itself) are written at the top of its .cl, each
under #ifndef so the file's own or a -D value wins.

Input: the included file's path, its input root and its tokens. Output: `#define` lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from translator.frontend.included import includers
from translator.frontend.includes import local_headers
from translator.frontend.lexer import IDENT, Tok, lex

_DEFINE = re.compile(r"\s*#\s*define\s+([A-Za-z_]\w*)(\(?)", re.S)

__all__ = ["file_macro_names", "includer_macros", "includers", "used_names"]


def includer_macros(path: Path, root: Path, used: set[str], own: set[str]) -> list[str]:
    out: dict[str, str] = {}
    for src, data in includers(path, root):
        directives = lex(data)[1]
        include_at = next((d.offset for d in directives if d.name == "include"
                           and path.name.encode() in data[d.offset:d.end]), len(data))
        # the project headers the includer includes before it (`#include "params.h"` then `#include "k.cu"`)
        # define macros for it too, each header after those it includes
        sources = [(h, _read(h)) for h in local_headers(src, data[:include_at], root) if h != path]
        for text_of, stop in [*((h_data, len(h_data)) for _h, h_data in sources), (data, include_at)]:
            for d in lex(text_of)[1]:
                if d.offset >= stop:
                    break
                if d.name != "define":
                    continue
                text = text_of[d.offset:d.end].decode("utf-8", "replace")
                m = _DEFINE.match(text)
                if m and m.group(1) in used and m.group(1) not in own and m.group(1) not in out:
                    out[m.group(1)] = text.rstrip()
    return [f"#ifndef {name}\n{text}\n#endif" for name, text in out.items()]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def file_macro_names(toks: Sequence[Tok]) -> set[str]:
    """Names the file's own `#define`s define (from its lexer tokens)."""
    return {toks[k + 1].text for k in range(1, len(toks) - 1)
            if toks[k].text == "define" and toks[k].directive >= 0 and toks[k - 1].text == "#"
            and toks[k + 1].kind == IDENT}


def used_names(toks: Sequence[Tok]) -> set[str]:
    return {t.text for t in toks if t.kind == IDENT}
