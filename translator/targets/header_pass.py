"""Targets, project headers seen from an including file: a target that needs to know what a header holds
(OpenCL: its device code for the including file's program; SYCL: its kernels' shared memory for launches)
runs the rule pass over the header with a stand-in target that keeps what it needs. Parsed once per process
per header, rule set and target. Input: a header path, the input root, the rules and options, the stand-in.
Output: whatever `keep` takes from the stand-in after the pass, or None when the header cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from translator.frontend.parse import parse_file

if TYPE_CHECKING:
    from translator.engine.context import Options
    from translator.engine.ruleset import RuleSet

S = TypeVar("S")
R = TypeVar("R")
_CACHE: dict[tuple, object] = {}


def header_pass(path: Path, root: Path, rules: RuleSet, options: Options, stand_in: S,
                keep: Callable[[S, str], R | None], clang_for: Callable[[bytes], bool] | None = None) -> R | None:
    """keep(stand_in, display name) after translating `path` with `stand_in` as the target (cached). The header is
    parsed without clang unless `clang_for(its bytes)` says the stand-in needs the AST."""
    from translator.engine.core import translate_parsed

    try:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns, id(rules), options.target, type(stand_in).__qualname__)
        if key in _CACHE:
            return _CACHE[key]  # type: ignore[return-value]
        data = path.read_bytes()
    except OSError:
        return None
    _CACHE[key] = None  # headers that include each other: the inner visit sees nothing instead of recursing
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = path.name
    use_clang = clang_for is not None and clang_for(data)
    parsed = parse_file(path, data, rules.__contains__, display=name, use_clang=use_clang,
                        root=root if use_clang else None)
    translate_parsed(parsed, PurePosixPath(path.name), rules, options, stand_in, display=name)  # type: ignore[arg-type]
    result = keep(stand_in, name)
    _CACHE[key] = result
    return result
