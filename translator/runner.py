"""Runs a translation over a SourceTree: reads each file, parses, applies the rules and the target emitter,
and (unless analysing only) writes the output tree atomically. Parallel over files with --jobs.

Input: SourceTree, Options, rule files. Output: a RunResult with one FileResult (or skip record) per file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from translator.diagnostics import make_finding
from translator.engine import FileResult, Options, translate_parsed
from translator.frontend.lexer import IDENT, KEYWORD, lex
from translator.frontend.parse import parse_file
from translator.model import FileStatus, Finding
from translator.project import MAX_FILE_BYTES, SourceFile, SourceTree, looks_binary
from translator.ruleset import RuleSet, load_rules
from translator.targets.base import Target, get_target


@dataclass
class SkipRecord:
    rel: PurePosixPath
    status: FileStatus
    reason: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class RunResult:
    target: str
    files: list[FileResult] = field(default_factory=list)
    skipped: list[SkipRecord] = field(default_factory=list)
    copied: list[PurePosixPath] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.files for f in r.findings]
        out += [f for s in self.skipped for f in s.findings]
        return out


# Per-process state, set up once per worker so rules are loaded once, not once per file.
_STATE: dict[str, object] = {}


def _init_worker(extra_rules: tuple[str, ...], options: Options, target_opts: dict) -> None:
    _STATE["rules"] = load_rules([Path(p) for p in extra_rules])
    _STATE["options"] = options
    _STATE["target"] = get_target(options.target, **target_opts)


def _uses_cuda(data: bytes, rules: RuleSet) -> bool:
    if b"<<<" in data or b"__global__" in data or b"__device__" in data:
        return True
    toks, _ = lex(data)
    return any(t.kind in (IDENT, KEYWORD) and t.text in rules for t in toks)


def translate_one(sf: SourceFile, display: str) -> FileResult | SkipRecord:
    rules: RuleSet = _STATE["rules"]  # type: ignore[assignment]
    options: Options = _STATE["options"]  # type: ignore[assignment]
    target: Target = _STATE["target"]  # type: ignore[assignment]
    try:
        size = sf.path.stat().st_size
        if size > MAX_FILE_BYTES:
            f = make_finding("CP1006", display, 1, 1, f"{size} bytes")
            return SkipRecord(sf.rel, FileStatus.SKIPPED, "larger than 10 MB", [f])
        data = sf.path.read_bytes()
    except OSError as exc:
        f = make_finding("CP1007", display, 1, 1, exc.strerror or str(exc))
        return SkipRecord(sf.rel, FileStatus.SKIPPED, f"unreadable: {exc.strerror}", [f])
    if looks_binary(data):
        f = make_finding("CP1008", display, 1, 1)
        return SkipRecord(sf.rel, FileStatus.SKIPPED, "binary file", [f])
    if sf.kind == "maybe-cuda" and not _uses_cuda(data, rules):
        return SkipRecord(sf.rel, FileStatus.COPIED, "no CUDA")
    parsed = parse_file(sf.path, data, rules.__contains__, display=display, extra_args=sf.flags)
    return translate_parsed(parsed, sf.rel, rules, options, target, display=display)


def _atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cudaport-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def run(tree: SourceTree, options: Options, *, out: Path | None, extra_rules: Sequence[Path] = (),
        jobs: int = 1, target_opts: dict | None = None,
        progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Translate every CUDA file of the tree; write results under `out` when given."""
    target_opts = target_opts or {}
    extra = tuple(str(p) for p in extra_rules)
    result = RunResult(target=options.target)
    candidates = list(tree.cuda_candidates())
    others = [f for f in tree.files if f.kind not in ("cuda", "maybe-cuda")]

    def display(sf: SourceFile) -> str:
        return str(sf.path) if tree.single_file else str(sf.rel)

    outcomes: list[FileResult | SkipRecord] = []
    if jobs > 1 and len(candidates) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(extra, options, target_opts)) as pool:
            futures = [pool.submit(translate_one, sf, display(sf)) for sf in candidates]
            for i, fut in enumerate(futures):
                outcomes.append(fut.result())
                if progress:
                    progress(i + 1, len(candidates))
    else:
        _init_worker(extra, options, target_opts)
        for i, sf in enumerate(candidates):
            outcomes.append(translate_one(sf, display(sf)))
            if progress:
                progress(i + 1, len(candidates))
    target: Target = _STATE.get("target") or get_target(options.target, **target_opts)  # type: ignore[assignment]
    by_rel = {sf.rel: sf for sf in tree.files}
    for item in outcomes:
        if isinstance(item, SkipRecord):
            if item.status == FileStatus.COPIED:
                result.copied.append(item.rel)
                if out is not None:
                    _copy(by_rel[item.rel], out / item.rel)
            else:
                result.skipped.append(item)
                if out is not None and item.rel in by_rel:
                    _copy(by_rel[item.rel], out / item.rel)  # never lose user code: keep it as it was
            continue
        result.files.append(item)
        if out is not None:
            src = by_rel[item.rel]
            _atomic_write(out / item.out_rel, item.output, src.path.stat().st_mode)
            for rel, content in item.extra_files.items():
                _atomic_write(out / rel, content)
    for sf in others:
        result.copied.append(sf.rel)
        if out is not None:
            _copy(sf, out / target.output_path(sf.rel, False))
    return result


def _copy(sf: SourceFile, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if sf.kind == "symlink":
        link = os.readlink(sf.path)
        if dest.is_symlink() or dest.exists():
            dest.unlink()
        os.symlink(link, dest)
        return
    try:
        shutil.copy2(sf.path, dest)
    except OSError:
        pass
