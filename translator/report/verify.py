"""Report stage, verification (`cudaport report --verify`): checks a translated scratch tree with what this
machine has, per target. HIP: hipcc -fsyntax-only for gfx90a; SYCL: a SYCL compiler, else g++ -fsyntax-only
against the SYCL 2020 headers; OpenCL: every host unit compiled against the runtime shim and linked with it
and the OpenCL loader, and every .cl compiled for the run-time device (cp_clcheck, as `cudaport build` does).
Units and their flags come from the translated Makefiles (units.py), as a user's build would give them.

Input: the RunResult of a translation written to `out`, the CUDA tree, the user's -D flags. Output: a
TargetCheck: per CUDA file a status (passed | failed | not-checked, with the reason) and every compiler error
as a CheckError at the CUDA file and line (linemap.py), which the report turns into CP6xxx findings.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from translator.report.linemap import NEAREST, LineMap
from translator.report.units import Unit, checker_command, discover_units, missing_checker
from translator.runner import RunResult

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


def _status_by_file(check: TargetCheck, result: RunResult, checked: set[str], reached: set[str]) -> None:
    failed = {e.file for e in check.errors}
    for fr in result.files:
        path = str(fr.rel)
        if path in failed:
            check.files[path] = FileCheck(FAILED, f"{sum(e.file == path for e in check.errors)} error(s)")
        elif path in checked:
            check.files[path] = FileCheck(PASSED)
        elif path in reached:
            check.files[path] = FileCheck(PASSED, "checked through the units that include it")
        else:
            check.files[path] = FileCheck(NOT_CHECKED, "no translation unit compiles or includes it")
    for skip in result.skipped:
        check.files[str(skip.rel)] = FileCheck(NOT_CHECKED, f"not translated ({skip.reason})")
    for path in sorted(failed - set(check.files)):  # a copied (non-CUDA) source that does not compile
        check.files[path] = FileCheck(FAILED, f"{sum(e.file == path for e in check.errors)} error(s); copied "
                                      "unchanged, not CUDA")


def _include_dirs(unit: Unit) -> list[Path]:
    flags = list(unit.flags)
    dirs = []
    for i, f in enumerate(flags):
        value = flags[i + 1] if f == "-I" and i + 1 < len(flags) else f[2:] if f.startswith("-I") else None
        if value:
            dirs.append(Path(os.path.normpath(unit.cwd / value)))
    return dirs


def _included(units: list[Unit], origins: _Origins) -> set[str]:
    """CUDA files whose translation a checked unit includes, directly or through other translated files
    (looked up beside the including file, then in the unit's -I directories)."""
    from translator.project import scan_includes

    reached: set[str] = set()
    for unit in units:
        search = _include_dirs(unit)
        todo, seen = [unit.path], set()
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for header, _angled in scan_includes(data):
                for base in (path.parent, *search):
                    cand = Path(os.path.normpath(base / header))
                    rel = origins.rel(cand, base)
                    if rel is not None and cand.is_file():
                        reached.add(origins.source[rel])
                        todo.append(cand)
                        break
    return reached


def hip_version_note(requested: tuple[int, ...]) -> str | None:
    """A note when the local hipcc is older than the HIP version the translation was made for."""
    import shutil

    hipcc = shutil.which("hipcc")
    if not hipcc:
        return None
    rc, text = _run([hipcc, "--version"], Path.cwd(), dict(os.environ, HIP_PLATFORM="amd"))
    m = re.search(r"HIP version:\s*(\d+)\.(\d+)", text)
    if not m or (int(m.group(1)), int(m.group(2))) >= tuple(requested[:2]):
        return None
    have, want = f"{m.group(1)}.{m.group(2)}", ".".join(map(str, requested))
    return (f"hipcc here is HIP {have}, older than the HIP {want} the translation was made for (--hip-version): "
            f"errors about APIs HIP {have} lacks may not occur with HIP {want}; pass --hip-version {have} to check "
            "what this machine can build")


def verify(result: RunResult, out: Path, root: Path, defines: tuple[str, ...] = (), jobs: int = 1,
           hip_version: tuple[int, ...] = (6, 4)) -> TargetCheck:
    """Check the translated tree `out` (written by `result`) for its target; never raises for a failed check."""
    target = result.target
    origins = _Origins(result, out, root)
    missing = missing_checker(target)
    if missing:
        check = TargetCheck(target, f"not checked: {missing}", out=out)
        for fr in result.files:
            check.files[str(fr.rel)] = FileCheck(NOT_CHECKED, missing)
        for skip in result.skipped:
            check.files[str(skip.rel)] = FileCheck(NOT_CHECKED, f"not translated ({skip.reason})")
        return check
    from translator.build.common import included_units, tree_files

    sources = tree_files(out, (".cpp", ".cc", ".cxx", ".c", ".cu", ".hip"))
    units, how = discover_units(out, target, included_units(out, sources))
    extra = tuple(f"-D{d}" for d in defines)
    if target == "opencl":
        from translator.report.verify_opencl import check_opencl

        check = check_opencl(out, units, how, extra, origins, jobs)
    else:
        check = _check_syntax(target, out, units, how, extra, origins, jobs)
        note = hip_version_note(hip_version) if target == "hip" else None
        if note:
            check.notes.append(note)
    checked = {origins.source[r] for r in (origins.rel(u.path, out) for u in units) if r is not None}
    _status_by_file(check, result, checked, _included(units, origins))
    return check


def _check_syntax(target: str, out: Path, units: list[Unit], how: str, extra: tuple[str, ...], origins: _Origins,
                  jobs: int) -> TargetCheck:
    """HIP and SYCL: every unit through the target's syntax check, with its Makefile flags."""
    from translator.build.common import parallel

    first = checker_command(target, units[0], extra) if units else None
    tool = Path(first[0]).name if first else target
    mode = "hipcc -fsyntax-only --offload-arch=gfx90a (HIP_PLATFORM=amd)" if target == "hip" else (
        f"{tool} -fsyntax-only" + (" against the SYCL 2020 headers" if tool in ("g++", "c++") else ""))
    check = TargetCheck(target, f"{mode}, units from {how}", out=out)
    if not units:
        check.notes.append("no translation units found in the translated tree")
        return check
    env = dict(os.environ, HIP_PLATFORM="amd")

    def one(unit: Unit) -> list[CheckError]:
        argv = checker_command(target, unit, extra)
        if argv is None:
            return []
        rc, text = _run(argv, unit.cwd, env)
        if rc == 0:
            return []
        rel = origins.rel(unit.path, out)
        errors = parse_errors(text, unit.cwd, rel, origins, "compile")
        if not errors and rel is not None:  # a failure with no parsable error line still fails the unit
            first_line = next((ln for ln in text.splitlines() if ln.strip()), f"exit status {rc}")
            errors = [CheckError("compile", origins.source[rel], 1, 1, first_line.strip()[:300], str(rel), "", "unit")]
        return errors

    for errors in parallel(jobs, one, units):
        check.errors.extend(errors)
    return check
