"""Report verification, shared pieces: the result types (CheckError, FileCheck, TargetCheck), running a checker,
and reading compiler errors back to the CUDA file and line. Used by verify.py and verify_opencl.py.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from translator.report.linemap import NEAREST, LineMap

if TYPE_CHECKING:
    from translator.project.runner import RunResult

PASSED, FAILED, NOT_CHECKED = "passed", "failed", "not-checked"

CODES = {"compile": "CP6001", "kernel": "CP6002", "link": "CP6003", "test": "CP6004"}
ERRORS_PER_UNIT = 5  # later errors of one unit mostly follow from the first ones
TIMEOUT = 300
# gcc/clang/hipcc: "path:LINE:COL: error: msg"; `fatal error:` too; ld with -g: "path:LINE: undefined reference"
_DIAG = re.compile(r"^(?P<file>[^:\s][^:]*?):(?P<line>\d+):(?:(?P<col>\d+):)?\s*(?:fatal )?error:\s*(?P<msg>.*)$")
_LINK = re.compile(r"^(?P<file>[^:\s][^:]*?):(?:(?P<line>\d+)|\(\.\w+[^)]*\)):\s*(?P<msg>(?:undefined reference|"
                   r"multiple definition).*)$")
_INCLUDED = re.compile(r"^(?:In file included from|\s+from)\s+(?P<file>[^:]+):(?P<line>\d+)")
_ORIGIN = re.compile(r"/\* translated by cudaport from (\S+) \*/")


@dataclass(frozen=True)
class CheckError:
    """One compiler, linker or device error, at the CUDA place it maps to and at the translated place."""

    kind: str  # compile | kernel | link | test
    file: str  # CUDA file, relative to the input root
    line: int
    col: int
    message: str
    translated: str  # translated file relative to the output root, ":LINE"
    translated_text: str  # that translated line
    mapping: str  # exact | nearest | unit (no line: the unit's first line)

    @property
    def code(self) -> str:
        return CODES[self.kind]


@dataclass
class FileCheck:
    status: str
    reason: str | None = None


@dataclass
class TargetCheck:
    """What --verify found for one target; `method` says what was run and how units were found."""

    target: str
    method: str
    files: dict[str, FileCheck] = field(default_factory=dict)  # CUDA file -> status
    errors: list[CheckError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    out: Path | None = None  # the translated tree that was checked (links in the HTML report when kept)

    def summary(self) -> dict[str, int]:
        statuses = [f.status for f in self.files.values()]
        return {"checked": sum(s != NOT_CHECKED for s in statuses), "failed": statuses.count(FAILED),
                "not_checked": statuses.count(NOT_CHECKED)}


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=TIMEOUT,
                              env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return 124, f"error: timed out after {TIMEOUT} s"
    except OSError as exc:
        return 127, f"error: {argv[0]}: {exc.strerror}"
    return proc.returncode, proc.stderr + proc.stdout


class _Origins:
    """Which CUDA file each translated file came from, and line maps between them (built on first use)."""

    def __init__(self, result: RunResult, out: Path, root: Path) -> None:
        self.out, self.root = Path(os.path.realpath(out)), root
        self.source: dict[PurePosixPath, str] = {}
        for fr in result.files:
            self.source[PurePosixPath(fr.out_rel)] = str(fr.rel)
            for extra in fr.extra_files:
                self.source[PurePosixPath(extra)] = str(fr.rel)
        for copied in result.copied:  # non-CUDA sources copied unchanged are compiled too, and map to themselves
            self.source.setdefault(PurePosixPath(copied), str(copied))
        self._maps: dict[tuple[str, str], LineMap] = {}

    def rel(self, path: str | Path, cwd: Path) -> PurePosixPath | None:
        full = Path(os.path.realpath(Path(cwd, path)))
        try:
            rel = PurePosixPath(full.relative_to(self.out).as_posix())
        except ValueError:
            return None
        return rel if rel in self.source else None

    def text(self, rel: PurePosixPath, line: int) -> str:
        try:
            lines = (self.out / rel).read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return lines[line - 1].strip()[:200] if 0 < line <= len(lines) else ""

    def cuda_place(self, rel: PurePosixPath, line: int) -> tuple[str, int, str]:
        """(CUDA file, CUDA line, mapping) of a translated line; .cl lines map to the file of their function."""
        cuda = self.source[rel]
        try:
            translated = (self.out / rel).read_text("utf-8", "replace")
        except OSError:
            return cuda, 1, "unit"
        if rel.suffix == ".cl":  # kernels of several CUDA files may share one program: the comment names the file
            origin = next((m.group(1) for m in map(_ORIGIN.search, reversed(translated.splitlines()[:line])) if m),
                          None)
            named = [c for c in set(self.source.values()) if origin and (c == origin or c.endswith("/" + origin))]
            if len(named) == 1:  # the comment may name the file relative to the .cl: a unique match only
                cuda = named[0]
        key = (cuda, str(rel))
        if key not in self._maps:
            try:
                original = (self.root / cuda).read_text("utf-8", "replace")
            except OSError:
                return cuda, 1, "unit"
            self._maps[key] = LineMap.build(original, translated)
        cuda_line, mapping = self._maps[key].cuda_line(line)
        return cuda, cuda_line, mapping


def parse_errors(output: str, cwd: Path, unit_rel: PurePosixPath | None, origins: _Origins, kind: str
                 ) -> list[CheckError]:
    """The first ERRORS_PER_UNIT errors of a tool's output, mapped to CUDA places. An error inside a file that
    is not translated user code (a runtime header, a system header) is placed at the user's #include of it."""
    found: list[CheckError] = []
    seen: set[tuple[str, int, str]] = set()
    chain: list[tuple[str, int]] = []
    for raw in output.splitlines():
        inc = _INCLUDED.match(raw)
        if inc:
            chain.append((inc.group("file"), int(inc.group("line"))))
            continue
        m = _DIAG.match(raw.strip()) or _LINK.match(raw.strip())
        if not m:
            if not raw.startswith((" ", "\t")) and "In function" not in raw and "in function" not in raw:
                chain = []
            continue
        error = _place(m, chain, cwd, unit_rel, origins, kind)
        chain = []
        if error is None:
            continue
        key = (error.file, error.line, error.message)
        if key not in seen:
            seen.add(key)
            found.append(error)
        if len(found) >= ERRORS_PER_UNIT:
            break
    return found


def _place(m: re.Match, chain: list[tuple[str, int]], cwd: Path, unit_rel: PurePosixPath | None,
           origins: _Origins, kind: str) -> CheckError | None:
    message = " ".join(m.group("msg").split())[:300]
    line = int(m.group("line") or 0)
    col = int(m.groupdict().get("col") or 0) or 1
    candidates = [(m.group("file"), line)] + chain  # gcc and clang list the nearest includer first
    for path, at in candidates:
        rel = origins.rel(path, cwd)
        if rel is not None and at > 0:
            cuda, cuda_line, mapping = origins.cuda_place(rel, at)
            if path != m.group("file"):
                message = f"{message} (in {Path(m.group('file')).name}:{line}, included here)"
                mapping, col = NEAREST, 1
            return CheckError(kind, cuda, cuda_line, col, message, f"{rel}:{at}", origins.text(rel, at), mapping)
    if unit_rel is None or unit_rel not in origins.source:
        return None
    return CheckError(kind, origins.source[unit_rel], 1, 1, message, str(unit_rel), "", "unit")
