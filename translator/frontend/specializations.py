"""Front end, the instantiations of a function template that clang made for a translation unit: the template
arguments of every specialization, as clang's JSON AST lists them under the template's declaration.

libclang's cursors show a template's pattern only, never its instantiations, so a kernel launched with
arguments that exist only once templates are instantiated (`k<T, N><<<...>>>` inside a host template called
as `run<float, 64>()`, inside a dispatch macro's lambda with `constexpr int N = 4;`, in a `#define` expanded
with several values) cannot be named from the cursors. An installed clang (Debian clang-15) dumps the
declaration with `-ast-dump-filter`, specializations included.

Input: the file's path and bytes, its compiler arguments (frontend.clang.compiler_args) and the template's
name. Output: one argument list per specialization (type spellings, integer values), or None without clang.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

_CLANGS = ("clang++-15", "clang++")
_TIMEOUT_S = 60
_PARAMS = ("TemplateTypeParmDecl", "NonTypeTemplateParmDecl", "TemplateTemplateParmDecl")


@functools.cache
def _clang() -> str | None:
    return next((p for p in map(shutil.which, _CLANGS) if p), None)


def specializations_available() -> bool:
    return _clang() is not None


def specializations(path: Path, data: bytes, args: Sequence[str], name: str, count: int
                    ) -> list[list[str]] | None:
    """Argument lists of the specializations of the function template(s) named `name` (unqualified) with
    `count` template parameters; None when no clang can be run."""
    return _cached(str(path), data, tuple(args), name, count)


@functools.lru_cache(maxsize=64)
def _cached(path: str, data: bytes, args: tuple[str, ...], name: str, count: int) -> list[list[str]] | None:
    clang = _clang()
    if clang is None or not name.isidentifier():
        return None
    here = Path(path).parent
    cmd = [clang, *args, "-iquote", str(here), "-fsyntax-only", "-Wno-everything", "-ferror-limit=0",
           "-Xclang", "-ast-dump=json", "-Xclang", f"-ast-dump-filter={name}", "-"]
    try:
        run = subprocess.run(cmd, input=data, capture_output=True, timeout=_TIMEOUT_S, cwd=here if here.is_dir()
                             else None, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out: list[list[str]] = []
    for node in _objects(run.stdout.decode("utf-8", "replace")):
        if node.get("kind") != "FunctionTemplateDecl" or node.get("name") != name:
            continue
        inner = node.get("inner", [])
        params = [n for n in inner if n.get("kind", "") in _PARAMS]
        if len(params) != count:
            continue
        for spec in inner:
            if spec.get("kind") != "FunctionDecl":
                continue
            targs = [n for n in spec.get("inner", []) if n.get("kind") == "TemplateArgument"]
            if len(targs) != count:
                continue  # the pattern itself, or a specialization with a pack
            spelled = [_spelling(a) for a in targs]
            if all(s is not None for s in spelled) and spelled not in out:
                out.append(spelled)  # type: ignore[arg-type]
    return out


def _spelling(arg: dict) -> str | None:
    """A type argument's spelling (through typedefs) or an integral argument's value."""
    if "value" in arg:
        return str(arg["value"])
    t = arg.get("type")
    if isinstance(t, dict):
        return t.get("desugaredQualType") or t.get("qualType")
    return None


def _objects(text: str) -> list[dict]:
    """The top-level JSON objects clang writes one after another (one per declaration the filter matched)."""
    dec = json.JSONDecoder()
    out, i, n = [], 0, len(text)
    while i < n:
        while i < n and text[i] != "{":
            i += 1
        if i >= n:
            break
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError:
            break
        if isinstance(obj, dict):
            out.append(obj)
    return out
