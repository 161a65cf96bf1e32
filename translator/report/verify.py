"""Report stage, verification (`cudaport report --verify`): checks a translated scratch tree with what this
machine has, per target. HIP: hipcc -fsyntax-only for gfx90a; SYCL: a SYCL compiler, else clang++ (g++ without
clang) -fsyntax-only against the SYCL 2020 headers; OpenCL: every host unit compiled against the runtime shim
and linked with it and the OpenCL loader, and every .cl compiled for the run-time device (cp_clcheck, as
`cudaport build` does).
Units and their flags come from the translated Makefiles (units.py), as a user's build would give them.

Input: the RunResult of a translation written to `out`, the CUDA tree, the user's -D flags. Output: a
TargetCheck: per CUDA file a status (passed | failed | not-checked, with the reason) and every compiler error
as a CheckError at the CUDA file and line (linemap.py), which the report turns into CP6xxx findings.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from translator.project.runner import RunResult
from translator.report.checkerrors import (  # noqa: F401  (re-exported for the report and the tests)
    _DIAG,
    _INCLUDED,
    _LINK,
    _ORIGIN,
    CODES,
    ERRORS_PER_UNIT,
    FAILED,
    NOT_CHECKED,
    PASSED,
    TIMEOUT,
    CheckError,
    FileCheck,
    TargetCheck,
    _Origins,
    _place,
    _run,
    parse_errors,
)
from translator.report.units import Unit, checker_command, discover_units, missing_checker


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
    from translator.frontend.includes import scan_includes

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
        f"{tool} -fsyntax-only"
        + (" against the SYCL 2020 headers" if tool.startswith(("g++", "c++", "clang++")) else ""))
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
