"""SourceTree: the input of a translation. One file, or a directory with an optional compile database.

Decides which files are CUDA (.cu/.cuh, and C/C++ files that include CUDA headers or use CUDA syntax),
which are copied unchanged, and the compile flags of each. Never writes anything.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterator, Sequence
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
    missing: list[str] = field(default_factory=list)  # compile-database entries naming no file on disk
    flags_by_path: dict[Path, tuple[str, ...]] = field(default_factory=dict)  # database flags (absolute paths)
    extra_flags: tuple[str, ...] = ()  # -I/-D given on the command line, for every file

    def cuda_candidates(self) -> Iterator[SourceFile]:
        return (f for f in self.files if f.kind in ("cuda", "maybe-cuda"))


def looks_binary(data: bytes) -> bool:
    return b"\0" in data[:8192]


# Compiler options whose value is the next argument and that the parser does not need (nvcc and clang spellings).
_DROP_WITH_VALUE = frozenset({
    "-o", "-x", "-ccbin", "--compiler-bindir", "-arch", "--gpu-architecture", "-code", "--gpu-code", "-gencode",
    "--generate-code", "-MF", "-MT", "-MQ", "--output-file", "-Xptxas", "--ptxas-options", "-Xlinker",
    "--linker-options", "-Xnvlink", "--nvlink-options", "-rdc", "--relocatable-device-code", "-maxrregcount",
    "--maxrregcount", "--cuda-gpu-arch", "--offload-arch", "-t", "--threads", "--default-stream",
})
# nvcc long forms of the flags we keep, mapped to the clang spelling.
_LONG = {"--include-path": "-I", "--system-include": "-isystem", "--define-macro": "-D", "--undefine-macro": "-U",
         "--pre-include": "-include", "--std": "-std"}
_PATH_FLAGS = ("-I", "-isystem", "-iquote", "-include")


def _expand_xcompiler(args: list[str]) -> list[str]:
    """-Xcompiler A,B / --compiler-options=A and nvcc long forms become plain host-compiler flags."""
    out: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-Xcompiler", "--compiler-options") and i + 1 < len(args):
            out += [x for x in args[i + 1].split(",") if x]
            i += 2
            continue
        if a.startswith(("-Xcompiler=", "--compiler-options=")):
            out += [x for x in a.split("=", 1)[1].split(",") if x]
        elif a.split("=", 1)[0] in _LONG:
            flag = _LONG[a.split("=", 1)[0]]
            if "=" in a:
                out.append(f"{flag}={a.split('=', 1)[1]}" if flag == "-std" else flag + a.split("=", 1)[1])
            elif i + 1 < len(args):
                out.append(f"-std={args[i + 1]}" if flag == "-std" else flag + args[i + 1])
                i += 1
        else:
            out.append(a)
        i += 1
    return out


def _db_flags(entry: dict, directory: Path) -> tuple[str, ...]:
    """The flags of one compile-database entry that matter to the parser: include paths, defines, -std.

    Everything else (nvcc's -x cu, -arch=sm_80, -gencode, -ccbin, --cuda-gpu-arch, -o, optimisation and
    warning flags) is dropped; -Xcompiler and nvcc long forms are unpacked first. Relative include paths are
    made absolute against the entry's directory.
    """
    raw = entry.get("arguments")
    if not isinstance(raw, list):
        try:
            raw = shlex.split(str(entry.get("command", "")))
        except ValueError:
            raw = str(entry.get("command", "")).split()
    args = _expand_xcompiler([str(a) for a in raw[1:]])
    keep: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in _DROP_WITH_VALUE:
            i += 2
            continue
        if a in ("-I", "-isystem", "-iquote", "-D", "-U", "-include") and i + 1 < len(args):
            val = args[i + 1]
            if a in _PATH_FLAGS and not os.path.isabs(val):
                val = os.path.normpath(directory / val)
            keep += [a, val]
            i += 2
            continue
        for flag in ("-isystem", "-iquote", "-I"):
            if a.startswith(flag) and len(a) > len(flag):
                val = a[len(flag):].lstrip("=")
                if not os.path.isabs(val):
                    val = os.path.normpath(directory / val)
                keep.append(flag + val if flag == "-I" else flag)
                if flag != "-I":
                    keep.append(val)
                break
        else:
            if a.startswith(("-D", "-U")) and len(a) > 2:
                keep.append(a)
            elif a.startswith(("-std=", "--std=")) and "c++" in a or a.startswith("-std=gnu++"):
                keep.append("-std=" + a.split("=", 1)[1])
        i += 1
    return tuple(keep)


@dataclass
class Database:
    """A loaded compile database: flags per absolute source path, plus the entries that name no file on disk."""

    path: Path
    flags: dict[Path, tuple[str, ...]]
    missing: list[str]


def load_database(path: Path) -> Database:
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
    db = Database(db_file, {}, [])
    base = Path(os.path.abspath(db_file.parent))
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            continue
        directory = Path(str(entry.get("directory") or base))
        directory = directory if directory.is_absolute() else base / directory
        f = Path(entry["file"])
        f = Path(os.path.normpath(f if f.is_absolute() else directory / f))
        if not f.exists():
            db.missing.append(str(f))
            continue
        db.flags.setdefault(f, _db_flags(entry, directory))
    return db


def include_dirs(flags: Sequence[str]) -> list[Path]:
    """The -I/-isystem/-iquote directories of a flag list, in order."""
    out: list[Path] = []
    it = iter(range(len(flags)))
    for i in it:
        f = flags[i]
        if f in ("-I", "-isystem", "-iquote") and i + 1 < len(flags):
            out.append(Path(flags[i + 1]))
            next(it, None)
        elif f.startswith("-I") and len(f) > 2:
            out.append(Path(f[2:]))
        elif f.startswith("-isystem") and len(f) > 8:
            out.append(Path(f[8:]))
    return out


def discover(src: Path, database: Path | None = None, extra_flags: tuple[str, ...] = ()) -> SourceTree:
    """Build the SourceTree for a file or directory. Raises InputError for a missing or unusable path."""
    if not src.exists() and not src.is_symlink():
        raise InputError(f"{src}: no such file or directory")
    src_abs = Path(os.path.abspath(src))
    loaded = load_database(database) if database else None
    db = loaded.flags if loaded else {}
    missing = loaded.missing if loaded else []
    if src.is_file():
        flags = db.get(Path(os.path.normpath(src_abs)), ()) + extra_flags
        kind = "cuda" if src.suffix in CUDA_EXTENSIONS else ("maybe-cuda" if src.suffix in CXX_EXTENSIONS else "cuda")
        tree = SourceTree(root=src_abs.parent, single_file=True, database=database, missing=missing,
                          flags_by_path=db, extra_flags=extra_flags)
        tree.files.append(SourceFile(src_abs, PurePosixPath(src.name), kind, flags))
        return tree
    if not src.is_dir():
        raise InputError(f"{src}: not a regular file or directory")
    tree = SourceTree(root=src_abs, single_file=False, database=database, missing=missing, flags_by_path=db,
                      extra_flags=extra_flags)
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(src_abs, followlinks=False):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
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
