"""libclang front end: parses a CUDA file as CUDA host+device source and builds its ParsedFile.

Uses the bundled prelude (prelude/cuda_prelude.h) with empty stand-ins for the CUDA headers, so no CUDA
toolkit is needed. Syntax errors mean the caller falls back to tree-sitter; semantic errors (undeclared
names, usually a missing -I/-D) are reported as CP1004 and the parsed result is kept.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.engine import tables
from translator.resources import prelude_dir

# Header names that resolve to empty stubs in prelude mode (the prelude declares what they provide).
CUDA_HEADERS = tables.names("prelude_stub_headers")


@dataclass(frozen=True, slots=True)
class ClangResult:
    tu: object
    syntax_errors: list[tuple[int, int, str]]  # (line, col, message) in the main file
    semantic_errors: list[tuple[int, int, str]]


@functools.cache
def _gcc_include_dir() -> str | None:
    for cc in ("gcc", "cc", "clang"):
        try:
            out = subprocess.run([cc, "-print-file-name=include"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            continue
        path = out.stdout.strip()
        if out.returncode == 0 and os.path.isdir(path):
            return path
    return None


_stub_lock = threading.Lock()


@functools.cache
def _stub_dir(extra: tuple[str, ...]) -> str:
    with _stub_lock:
        root = tempfile.mkdtemp(prefix="cudaport-stubs-")
        for name in (*CUDA_HEADERS, *extra):
            path = Path(root, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("/* cudaport: declarations come from the prelude */\n#pragma once\n")
        return root


@functools.cache
def _index():  # type: ignore[no-untyped-def]
    import clang.cindex as ci

    atexit.register(_index.cache_clear)  # free it while libclang is still loaded (no noise at exit)
    return ci.Index.create(excludeDecls=True)


def clang_available() -> str | None:
    """A description of the libclang in use, or None when it cannot be loaded."""
    try:
        import clang.cindex as ci

        ci.Index.create()
    except Exception:  # noqa: BLE001 - any load failure means "not available"
        return None
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("libclang", "libclang-ng", "clang"):
        try:
            return f"{dist} {version(dist)}"
        except PackageNotFoundError:
            continue
    return "libclang (system)"


def _base_args(stub_headers: Iterable[str]) -> list[str]:
    args = ["-x", "cuda", "--cuda-host-only", "-nocudainc", "-nocudalib", "--cuda-gpu-arch=sm_75", "-std=c++17",
            "-Wno-unknown-cuda-version", "-ferror-limit=50"]
    inc = _gcc_include_dir()
    if inc:
        args += ["-isystem", inc]
    args += ["-isystem", _stub_dir(tuple(sorted(set(stub_headers) - set(CUDA_HEADERS))))]
    return args


def parse_args(extra_args: Sequence[str] = (), stub_headers: Iterable[str] = ()) -> list[str]:
    """Arguments for libclang. The prelude comes from a precompiled header when the file's own flags allow
    it (no -D/-U/-std/-include of their own), which makes a parse about ten times faster."""
    args = _base_args(stub_headers)
    pch = None
    if not any(a.startswith(("-D", "-U", "-std", "--std", "-include")) for a in extra_args):
        pch = _prelude_pch(tuple(args))
    args += ["-include-pch", pch] if pch else ["-include", str(prelude_dir() / "cuda_prelude.h")]
    return args + list(extra_args)


def compiler_args(extra_args: Sequence[str] = (), stub_headers: Iterable[str] = ()) -> list[str]:
    """The same arguments for an installed clang binary (frontend.specializations): the prelude as a header,
    since the precompiled one is libclang's and another clang version rejects it."""
    return _base_args(stub_headers) + ["-include", str(prelude_dir() / "cuda_prelude.h"), *extra_args]


_pch_lock = threading.Lock()


@functools.cache
def _prelude_pch(base_args: tuple[str, ...]) -> str | None:
    """The prelude precompiled for these arguments, cached on disk per libclang and prelude content."""
    import clang.cindex as ci

    prelude = prelude_dir() / "cuda_prelude.h"
    # A PCH records the path and modification time of the header it was built from, and clang refuses it once
    # that file changes: the key holds both, so two installs (or checkouts) never share one and an edited
    # prelude never meets a stale one (which failed every parse with a fatal error).
    st = prelude.stat()
    key = hashlib.sha256(prelude.read_bytes() + "\0".join(base_args).encode()
                         + (clang_available() or "").encode()
                         + f"\0{prelude.resolve()}\0{st.st_mtime_ns}\0{st.st_size}".encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cudaport"
    path = cache / f"prelude-{key}.pch"
    if path.is_file():
        return str(path)
    with _pch_lock:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            tu = _index().parse(str(prelude), args=list(base_args), options=ci.TranslationUnit.PARSE_INCOMPLETE)
            if any(d.severity >= ci.Diagnostic.Error for d in tu.diagnostics):
                return None
            fd, tmp = tempfile.mkstemp(dir=cache, suffix=".pch-tmp")
            os.close(fd)
            try:
                tu.save(tmp)
                os.replace(tmp, path)  # atomic: parallel workers may race to write the same file
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except (OSError, ci.TranslationUnitSaveError):
            return None
    return str(path)


def parse(path: Path, data: bytes, extra_args: Sequence[str] = (),
          stub_headers: Iterable[str] = (), prefix: tuple[Path, bytes] | None = None) -> ClangResult:
    """Parse one file with libclang. `data` is passed as the unsaved content so the disk copy is not reread.
    `prefix`: (includer, text) of a source that includes this file textually, parsed first as a header that
    stands beside the includer (so its quoted includes resolve as the includer's do; frontend.included)."""
    import clang.cindex as ci

    fname = str(path)
    # bytes as they are (cindex passes bytes through): a str with the surrogates of a non-UTF-8 byte (a Latin-1
    # copyright sign in a comment) made cindex's own UTF-8 encoding raise, and the file lost clang (CP1001)
    unsaved = [(fname, data)]
    if prefix is not None:
        head = str(prefix[0].with_name(f".{prefix[0].name}.cudaport-prefix.h"))
        unsaved.append((head, prefix[1]))
        extra_args = [*extra_args, "-include", head]
    args = parse_args(extra_args, stub_headers)
    tu = _index().parse(fname, args=args, unsaved_files=unsaved, options=ci.TranslationUnit.PARSE_INCOMPLETE)
    syntax: list[tuple[int, int, str]] = []
    semantic: list[tuple[int, int, str]] = []
    for d in tu.diagnostics:
        if d.severity < ci.Diagnostic.Error:
            continue
        loc = d.location
        in_main = loc.file is not None and loc.file.name == fname
        where = (loc.line, loc.column) if in_main else (1, 1)
        text = d.spelling if in_main else f"{d.spelling} ({loc.file.name if loc.file else '?'}:{loc.line})"
        if d.category_name == "Parse Issue" and in_main:
            syntax.append((*where, text))
        else:
            semantic.append((*where, text))
    return ClangResult(tu=tu, syntax_errors=syntax, semantic_errors=semantic)


_MAIN_CURSORS: dict[int, tuple[object, list, dict]] = {}


def main_file_cursors(tu, main: str) -> list:  # type: ignore[no-untyped-def]
    """Every cursor under the top-level declarations of `main` in the TU, in preorder, walked once per TU:
    the passes that read the AST (conversions, early exits, math arguments) need only the file's own code,
    not the prelude's and the system headers' declarations a walk of the whole TU visits."""
    cached = _MAIN_CURSORS.get(id(tu))
    if cached is not None and cached[0] is tu:
        return cached[1]
    out: list = []
    for top in _main_file_tops(tu, main):
        out.append(top)
        _descendants(top, out)
    _MAIN_CURSORS.clear()  # one file's TU at a time is what the passes share; the cursors keep it alive
    _MAIN_CURSORS[id(tu)] = (tu, out, {})
    return out


def main_file_cursors_of(tu, main: str, kinds) -> list:  # type: ignore[no-untyped-def]
    """The cursors of main_file_cursors whose kind is one of `kinds` (CursorKinds), in the same order, kept per
    TU and set of kinds: most passes read a few kinds, and asking every cursor of the file for its kind once per
    pass cost more than their own work."""
    cursors = main_file_cursors(tu, main)
    by_kinds = _MAIN_CURSORS[id(tu)][2]
    ids = frozenset(k.value for k in kinds)
    found = by_kinds.get(ids)
    if found is None:
        found = by_kinds[ids] = [c for c in cursors if c._kind_id in ids]  # noqa: SLF001 - Cursor.kind's own field
    return found


def _main_file_tops(tu, main: str) -> list:  # type: ignore[no-untyped-def]
    """The TU's top-level cursors whose (expansion) location is in the file named `main`, as
    `top.location.file.name == main` picks them, asking libclang for each distinct file's name once: the TU's
    top level is mostly the prelude's and the system headers' thousand declarations."""
    import ctypes

    import clang.cindex as ci

    lib = ci.conf.lib
    names: dict[int, str] = {}
    out = []
    for top in top_level_cursors(tu):
        f = ci.c_object_p()
        lib.clang_getInstantiationLocation(lib.clang_getCursorLocation(top), ctypes.byref(f), None, None, None)
        if not f:
            continue  # no file, as loc.file is None
        key = ctypes.cast(f, ctypes.c_void_p).value or 0
        name = names.get(key)
        if name is None:
            name = names[key] = ci.File(f).name
        if name == main:
            out.append(top)
    return out


_TOPS: dict[int, tuple[object, list]] = {}


def top_level_cursors(tu) -> list:  # type: ignore[no-untyped-def]
    """The TU's top-level cursors, as tu.cursor.get_children() gives them, listed once per TU: the passes that
    look for the user's top-level declarations (main_file_cursors, builtin_aliases, macro-generated names) each
    listed the prelude's and the system headers' thousand declarations again. Do not change the list."""
    cached = _TOPS.get(id(tu))
    if cached is not None and cached[0] is tu:
        return cached[1]
    tops: list = []
    _children(tu.cursor, tops)
    _TOPS.clear()  # one file's TU at a time, as _MAIN_CURSORS
    _TOPS[id(tu)] = (tu, tops)
    return tops


def preorder(top) -> list:  # type: ignore[no-untyped-def]
    """`top` and every cursor under it, the list of top.walk_preorder(), walked as _descendants walks."""
    out = [top]
    _descendants(top, out)
    return out


def user_top_level_cursors(tu, kinds) -> list:  # type: ignore[no-untyped-def]
    """The cursors of top_level_cursors(tu) whose kind is one of `kinds` and whose location has a file outside
    the system headers (`loc.file is not None and not loc.is_in_system_header`), in order, asked through
    libclang's own calls: SourceLocation.file builds the file's name and more for each of the hundreds of the
    system headers' declarations of those kinds."""
    import ctypes

    import clang.cindex as ci

    lib = ci.conf.lib
    ids = {k.value for k in kinds}
    out = []
    for top in top_level_cursors(tu):
        if top._kind_id not in ids:  # noqa: SLF001 - Cursor.kind's own field
            continue
        loc = lib.clang_getCursorLocation(top)
        f = ci.c_object_p()
        lib.clang_getInstantiationLocation(loc, ctypes.byref(f), None, None, None)
        if f and not lib.clang_Location_isInSystemHeader(loc):
            out.append(top)
    return out


def _children(cursor, out: list) -> None:  # type: ignore[no-untyped-def]
    """Append the children of `cursor`, as Cursor.get_children gives them (without its check of each against the
    null cursor)."""
    import clang.cindex as ci

    tu = cursor._tu  # noqa: SLF001

    def visit(child, _parent, acc):  # type: ignore[no-untyped-def]
        child._tu = tu  # noqa: SLF001
        acc.append(child)
        return 1  # CXChildVisit_Continue

    ci.conf.lib.clang_visitChildren(cursor, ci.callbacks["cursor_visit"](visit), out)


def _descendants(top, out: list) -> None:  # type: ignore[no-untyped-def]
    """Append every cursor under `top` in preorder, the cursors Cursor.walk_preorder gives, from one
    clang_visitChildren that recurses (CXChildVisit_Recurse: a child's subtree before its next sibling, the same
    order), not one visit per node through Cursor.get_children with its check of every child against the null
    cursor and a generator per level (which cost more than the passes that read the cursors)."""
    import clang.cindex as ci

    tu = top._tu  # noqa: SLF001 - each cursor keeps its TU alive, as Cursor.get_children sets it

    def visit(child, _parent, acc):  # type: ignore[no-untyped-def]
        child._tu = tu  # noqa: SLF001
        acc.append(child)
        return 2  # CXChildVisit_Recurse

    ci.conf.lib.clang_visitChildren(top, ci.callbacks["cursor_visit"](visit), out)


# Freed before interpreter shutdown takes clang.cindex apart (a TU deleted after that raises in __del__).
atexit.register(_MAIN_CURSORS.clear)
atexit.register(_TOPS.clear)
