"""SourceTree: the input of a translation. One file, or a directory with an optional compile database.

Decides which files are CUDA (.cu/.cuh, and C/C++ files that include CUDA headers or use CUDA syntax),
which are copied unchanged, and the compile flags of each. Never writes anything.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

CUDA_EXTENSIONS = frozenset({".cu", ".cuh"})
CXX_EXTENSIONS = frozenset({".c", ".cc", ".cpp", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx", ".inl", ".ipp", ".tpp"})
MAX_FILE_BYTES = 10 * 1024 * 1024
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".cudaport"})


class InputError(Exception):
    """Bad input that stops the run. str() is one line naming the path."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path  # absolute path on disk
    rel: PurePosixPath  # relative to the tree root (the file name for a single-file input)
    kind: str  # "cuda" | "maybe-cuda" | "other" | "symlink"
    flags: tuple[str, ...] = ()  # -I/-D/-std flags for the parser


@dataclass
class SourceTree:
    root: Path
    single_file: bool
    files: list[SourceFile] = field(default_factory=list)
    database: Path | None = None
    outside: list[str] = field(default_factory=list)  # compile-database entries outside the tree

    def cuda_candidates(self) -> Iterator[SourceFile]:
        return (f for f in self.files if f.kind in ("cuda", "maybe-cuda"))


def looks_binary(data: bytes) -> bool:
    return b"\0" in data[:8192]


def _db_flags(entry: dict, directory: Path) -> tuple[str, ...]:
    """The flags of one compile-database entry that matter to the parser: include paths, defines, -std."""
    args = entry.get("arguments") or shlex.split(entry.get("command", ""))
    keep: list[str] = []
    i = 1
    while i < len(args):
        a = args[i]
        if a in ("-I", "-isystem", "-iquote", "-D", "-U", "-include") and i + 1 < len(args):
            val = args[i + 1]
            if a in ("-I", "-isystem", "-iquote", "-include") and not os.path.isabs(val):
                val = str(directory / val)
            keep += [a, val]
            i += 2
            continue
        if a.startswith(("-I", "-isystem")) and len(a) > 2:
            flag = "-isystem" if a.startswith("-isystem") else "-I"
            val = a[len(flag):]
            if not os.path.isabs(val):
                val = str(directory / val)
            keep.append(flag + val if flag == "-I" else f"-isystem{val}")
        elif a.startswith(("-D", "-U")) or a.startswith("-std=c++"):
            keep.append(a)
        elif a.startswith("--std=c++") or a.startswith("-std=") and "c++" in a:
            keep.append("-std=" + a.split("=", 1)[1])
        i += 1
    return tuple(keep)


def load_database(path: Path) -> dict[Path, tuple[str, ...]]:
    db_file = path / "compile_commands.json" if path.is_dir() else path
    if not db_file.is_file():
        raise InputError(f"{db_file}: no compile_commands.json here (pass the build directory or the file)")
    try:
        entries = json.loads(db_file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise InputError(f"{db_file}:{line}: not a valid compile database ({exc.__class__.__name__})") from None
    if not isinstance(entries, list):
        raise InputError(f"{db_file}:1: a compile database is a JSON list of entries")
    out: dict[Path, tuple[str, ...]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or "file" not in entry:
            continue
        directory = Path(entry.get("directory", db_file.parent))
        f = Path(entry["file"])
        f = f if f.is_absolute() else directory / f
        out[Path(os.path.normpath(f))] = _db_flags(entry, directory)
    return out


def discover(src: Path, database: Path | None = None, extra_flags: tuple[str, ...] = ()) -> SourceTree:
    """Build the SourceTree for a file or directory. Raises InputError for a missing or unusable path."""
    if not src.exists() and not src.is_symlink():
        raise InputError(f"{src}: no such file or directory")
    src_abs = Path(os.path.abspath(src))
    db = load_database(database) if database else {}
    if src.is_file():
        flags = db.get(Path(os.path.normpath(src_abs)), ()) + extra_flags
        kind = "cuda" if src.suffix in CUDA_EXTENSIONS else ("maybe-cuda" if src.suffix in CXX_EXTENSIONS else "cuda")
        tree = SourceTree(root=src_abs.parent, single_file=True, database=database)
        tree.files.append(SourceFile(src_abs, PurePosixPath(src.name), kind, flags))
        return tree
    if not src.is_dir():
        raise InputError(f"{src}: not a regular file or directory")
    tree = SourceTree(root=src_abs, single_file=False, database=database)
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(src_abs, followlinks=False):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        base = Path(dirpath)
        for d in list(dirnames):
            if (base / d).is_symlink():
                rel = PurePosixPath((base / d).relative_to(src_abs).as_posix())
                tree.files.append(SourceFile(base / d, rel, "symlink"))
                dirnames.remove(d)
        for name in sorted(filenames):
            p = base / name
            rel = PurePosixPath(p.relative_to(src_abs).as_posix())
            if p.is_symlink():
                tree.files.append(SourceFile(p, rel, "symlink"))
                continue
            suffix = p.suffix.lower() if p.suffix.lower() in (".cu", ".cuh") else p.suffix
            flags = db.get(Path(os.path.normpath(p)), ()) + extra_flags
            if suffix in CUDA_EXTENSIONS:
                kind = "cuda"
            elif suffix in CXX_EXTENSIONS:
                kind = "maybe-cuda"
            else:
                kind = "other"
            tree.files.append(SourceFile(p, rel, kind, flags))
    tree.outside = sorted(str(f) for f in db if not str(f).startswith(str(src_abs) + os.sep))
    return tree
