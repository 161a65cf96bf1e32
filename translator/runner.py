"""Runs a translation over a SourceTree: resolves include dependencies and per-file flags, retranslates only
what changed since the manifest of the last run, rewrites includes to renamed files, migrates build scripts,
and (unless analysing only) writes the output tree atomically, never over a file the user edited.

Input: SourceTree, Options, rule files. Output: a RunResult (files translated, copied, skipped, up to date,
conflicts, build scripts) and, under OUT, the translated tree plus OUT/.cudaport/manifest.json.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from translator.buildscripts import BuildContext, build_kind, generate_cmake, migrate_build_file
from translator.diagnostics import make_finding
from translator.engine import FileResult, Options, translate_parsed
from translator.frontend.lexer import IDENT, KEYWORD, LITERAL, lex
from translator.frontend.parse import parse_file
from translator.manifest import Entry, Manifest, atomic_write, finding_dict, rules_version, sha
from translator.model import FileStatus, Finding
from translator.project import (
    MAX_FILE_BYTES,
    InputError,
    SourceFile,
    SourceTree,
    include_dirs,
    looks_binary,
    resolve_include,
    scan_includes,
)
from translator.ruleset import RuleSet, load_rules
from translator.runtime_bundle import RUNTIME_MODES, runtime_files, runtime_folder
from translator.targets.base import Target, get_target

GENERATED_BUILD = ":generated:CMakeLists.txt"  # manifest key of a build script cudaport wrote itself
BUNDLED_RUNTIME = ":generated:cudaport_runtime"  # manifest key of the runtime folder the tree carries
CONFLICT_SUFFIX = ".cudaport-new"


@dataclass
class SkipRecord:
    rel: PurePosixPath
    status: FileStatus
    reason: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class BuildResult:
    """A migrated (or generated) build script."""

    rel: PurePosixPath  # input path (for a generated script: its output path)
    out_rel: PurePosixPath
    output: bytes
    findings: list[Finding]
    generated: bool = False


@dataclass
class RunResult:
    target: str
    files: list[FileResult] = field(default_factory=list)
    skipped: list[SkipRecord] = field(default_factory=list)
    copied: list[PurePosixPath] = field(default_factory=list)
    up_to_date: list[PurePosixPath] = field(default_factory=list)
    conflicts: list[PurePosixPath] = field(default_factory=list)  # outputs kept; new text in *.cudaport-new
    build: list[BuildResult] = field(default_factory=list)
    removed: list[PurePosixPath] = field(default_factory=list)  # outputs of inputs that no longer exist
    project_findings: list[Finding] = field(default_factory=list)  # database, outside includes, conflicts
    cached_findings: list[Finding] = field(default_factory=list)  # of up-to-date files, from the manifest

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.files for f in r.findings]
        out += [f for s in self.skipped for f in s.findings]
        out += [f for b in self.build for f in b.findings]
        return out + self.project_findings + self.cached_findings


# Per-process state, set up once per worker so rules are loaded once, not once per file.
_STATE: dict[str, object] = {}


def _init_worker(extra_rules: tuple[str, ...], options: Options, target_opts: dict, in_pool: bool = False) -> None:
    if in_pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    key = (extra_rules, rules_version([Path(p) for p in extra_rules]))
    if _STATE.get("rules_key") != key:  # in-process re-runs (tests, tools) reuse the loaded rules
        _STATE["rules"] = load_rules([Path(p) for p in extra_rules])
        _STATE["rules_key"] = key
    _STATE["options"] = options
    _STATE["target"] = get_target(options.target, **target_opts)


def _uses_cuda(data: bytes, rules: RuleSet, path: Path) -> bool:
    """Whether a C/C++ file is CUDA: CUDA syntax, a name the rules know, or an include of a CUDA header.

    A header that only includes <cuda.h> (for the types its includers use) must still be translated, or its
    copy names a header that the target lacks. A quoted include that resolves next to the file is the
    project's own header of that name, not CUDA's.
    """
    if b"<<<" in data or b"__global__" in data or b"__device__" in data:
        return True
    headers = rules.headers()
    for header, angled in scan_includes(data):
        if header in headers and (angled or resolve_include(header, False, path, ()) is None):
            return True
    toks, _ = lex(data)
    if any(t.kind in (IDENT, KEYWORD) and t.text in rules for t in toks):
        return True
    # A header with no CUDA syntax of its own that includes cuda.h (for the code that includes it) is still
    # CUDA: the include must become the target's header, or the translated tree includes a missing cuda.h.
    return any((r := rules.get(h)) is not None and r.kind == "header" for h, _ in scan_includes(data))


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
    if sf.kind == "maybe-cuda" and not _uses_cuda(data, rules, sf.path):
        return SkipRecord(sf.rel, FileStatus.COPIED, "no CUDA")
    parsed = parse_file(sf.path, data, rules.__contains__, display=display, extra_args=sf.flags,
                        use_clang=options.parser != "tree-sitter")
    return translate_parsed(parsed, sf.rel, rules, options, target, display=display)


def _atomic_symlink(link: str, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.cudaport-tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(link, tmp)
    os.replace(tmp, dest)


def _current_sha(path: Path) -> str | None:
    if path.is_symlink():
        return sha(os.readlink(path).encode("utf-8", "surrogateescape"))
    try:
        return sha(path.read_bytes())
    except OSError:
        return None


class IncludeResolver:
    """Finds the file an #include names: the including file's directory and -I paths first, then (for projects
    whose include paths live only in their build scripts) the one file of the tree whose path ends with it."""

    def __init__(self, files: Sequence[Path]) -> None:
        self._by_name: dict[str, list[Path]] = {}
        for f in files:
            self._by_name.setdefault(f.name, []).append(f)

    def __call__(self, header: str, angled: bool, including: Path, flags: Sequence[str]) -> Path | None:
        found = resolve_include(header, angled, including, include_dirs(flags))
        if found is not None:
            return found
        tail = "/" + header.lstrip("./")
        matches = [f for f in self._by_name.get(PurePosixPath(header).name, ()) if f.as_posix().endswith(tail)]
        return matches[0] if len(matches) == 1 else None


def rewrite_includes(data: bytes, src: Path, flags: Sequence[str], renamed: dict[Path, str],
                     resolve: IncludeResolver) -> bytes:
    """Point every #include that resolves to a renamed file (absolute input path -> new file name) at the new
    name. Only the header-name token changes; comments and other text stay as they are."""
    toks, _ = lex(data)
    edits: list[tuple[int, int, str]] = []
    for i, t in enumerate(toks):
        if not (t.kind == LITERAL and t.directive >= 0 and i >= 2 and toks[i - 1].text in ("include", "include_next")
                and toks[i - 2].text == "#"):
            continue
        header, angled = t.text[1:-1], t.text.startswith("<")
        target = resolve(header, angled, src, flags)
        if target is None or target not in renamed or not header.endswith(target.name):
            continue
        new = header[: len(header) - len(target.name)] + renamed[target]
        edits.append((t.offset, t.end, f"<{new}>" if angled else f'"{new}"'))
    for start, end, text in reversed(edits):
        data = data[:start] + text.encode("utf-8", "surrogateescape") + data[end:]
    return data


class _Writer:
    """Writes outputs under OUT: skips identical content, and keeps a file the user changed since cudaport wrote
    it (the new text goes beside it as NAME.cudaport-new) unless forced."""

    def __init__(self, out: Path | None, owned: dict[str, str], force: bool, result: RunResult) -> None:
        self.out, self.owned, self.force, self.result = out, owned, force, result

    def emit(self, out_rel: PurePosixPath, data: bytes, mode: int | None = None, *, link: str | None = None) -> str:
        """Write one output; returns the hash to record for it."""
        new_h = sha(link.encode("utf-8", "surrogateescape")) if link is not None else sha(data)
        if self.out is None:
            return new_h
        dest = self.out / out_rel
        recorded = self.owned.get(str(out_rel))
        current = _current_sha(dest) if (dest.exists() or dest.is_symlink()) else None
        if current == new_h:
            if mode is not None and link is None and stat.S_IMODE(dest.stat().st_mode) != stat.S_IMODE(mode):
                os.chmod(dest, stat.S_IMODE(mode))
            return new_h
        if current is not None and current != recorded and not self.force:
            side = dest.with_name(dest.name + CONFLICT_SUFFIX)
            if link is not None:
                _atomic_symlink(link, side)
            else:
                atomic_write(side, data, mode)
            self.result.conflicts.append(out_rel)
            detail = f"{out_rel} (new translation in {side.name})"
            self.result.project_findings.append(make_finding("CP5004", str(out_rel), 1, 1, detail))
            return recorded or new_h
        if link is not None:
            _atomic_symlink(link, dest)
        else:
            if dest.is_symlink() or dest.is_dir():
                _remove(dest)
            atomic_write(dest, data, mode)
        return new_h


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        import shutil

        shutil.rmtree(path)
    else:
        path.unlink()


@dataclass
class _Input:
    sf: SourceFile
    hash: str | None  # None: unreadable
    data: bytes | None  # kept only for sources whose includes must be scanned


def _options_record(options: Options, target_opts: dict, tree: SourceTree) -> dict:
    record = {"options": dataclasses.asdict(options), "target_opts": target_opts, "flags": list(tree.extra_flags)}
    return json.loads(json.dumps(record, default=str))


def _inside(path: Path, root: Path) -> bool:
    return str(path).startswith(str(root) + os.sep)


def run(tree: SourceTree, options: Options, *, out: Path | None, extra_rules: Sequence[Path] = (),
        jobs: int = 1, target_opts: dict | None = None,
        progress: Callable[[int, int], None] | None = None, force: bool = False,
        runtime: str = "bundled") -> RunResult:
    """Translate every CUDA file of the tree that changed since the last run; write results under `out`.

    `force` overwrites outputs the user edited (otherwise they are kept and reported as conflicts). `runtime`:
    "bundled" copies the target's runtime into OUT/cudaport_runtime/; "external" leaves it in the installed
    cudaport, where the migrated build files find it (CMake package config, `cudaport --runtime-dir`)."""
    if runtime not in RUNTIME_MODES:
        raise InputError(f"--runtime {runtime!r}: expected one of {', '.join(RUNTIME_MODES)}")
    target_opts = target_opts or {}
    target = get_target(options.target, **target_opts)
    result = RunResult(target=options.target)
    root = Path(os.path.realpath(tree.root))
    if out is not None and not tree.single_file:
        real_out = Path(os.path.realpath(out))
        if real_out == root or _inside(real_out, root):
            raise InputError(f"{out}: the output directory is inside the input {tree.root}")
    old = Manifest.load(out) if out is not None else None
    manifest = Manifest.new(rules_version(list(extra_rules)), _options_record(options, target_opts, tree))
    reuse = old.files if old is not None and manifest.compatible(old) and not force else {}
    owned = old.outputs_owned() if old is not None else {}
    writer = _Writer(out, owned, force, result)

    def display(sf: SourceFile) -> str:
        return str(sf.path) if tree.single_file else str(sf.rel)

    for path in tree.missing:
        result.project_findings.append(make_finding("CP5002", str(tree.database or path), 1, 1, path))
    for path in tree.outside:
        result.project_findings.append(make_finding("CP5003", str(tree.database or path), 1, 1, path))

    # -- read inputs, resolve includes and flags ------------------------------------------------------------
    inputs: dict[str, _Input] = {}
    for sf in tree.files:
        rel = str(sf.rel)
        if sf.kind == "symlink":
            inputs[rel] = _Input(sf, sha(os.readlink(sf.path).encode("utf-8", "surrogateescape")), None)
            continue
        try:
            data = sf.path.read_bytes() if sf.path.stat().st_size <= MAX_FILE_BYTES else None
            h = sha(data) if data is not None else f"size:{sf.path.stat().st_size}:{sf.path.stat().st_mtime_ns}"
        except OSError:
            data, h = None, None
        keep = sf.kind in ("cuda", "maybe-cuda") or build_kind(sf.rel) is not None
        inputs[rel] = _Input(sf, h, data if keep else None)
    sources = [rel for rel, i in inputs.items() if i.sf.kind in ("cuda", "maybe-cuda")]
    abs_to_rel = {Path(os.path.normpath(i.sf.path)): rel for rel, i in inputs.items() if i.sf.kind != "symlink"}
    resolver = IncludeResolver(list(abs_to_rel))
    flags: dict[str, tuple[str, ...]] = {}
    for rel in sources:
        if Path(os.path.normpath(inputs[rel].sf.path)) in tree.flags_by_path or not tree.flags_by_path:
            flags[rel] = inputs[rel].sf.flags
    deps: dict[str, list[str]] = {}
    guessed: dict[str, list[str]] = {}
    outside_seen: dict[str, str] = {}

    def scan(rel: str) -> None:
        inp = inputs[rel]
        f = flags[rel]
        prev = reuse.get(rel)
        if prev is not None and prev.hash == inp.hash and prev.flags == list(f):
            found, guessed[rel] = prev.deps, prev.guessed_dirs
        else:
            found, dirs, guesses = [], include_dirs(f), set()
            for header, angled in scan_includes(inp.data or b""):
                p = resolve_include(header, angled, inp.sf.path, dirs)
                if p is None:
                    p = resolver(header, angled, inp.sf.path, f)
                    if p is not None and not angled:
                        guesses.add(str(p)[: len(str(p)) - len(header.lstrip("./"))].rstrip("/"))
                if p is None:
                    continue
                if p in abs_to_rel:
                    found.append(abs_to_rel[p])
                elif not angled and not _inside(Path(os.path.realpath(p)), root):
                    found.append(str(p))
            guessed[rel] = sorted(guesses)
        deps[rel] = found
        for d in found:
            if d in inputs and inputs[d].sf.kind in ("cuda", "maybe-cuda") and d not in flags:
                flags[d] = f  # a header gets the flags of the first unit that includes it
                queue.append(d)
            elif d not in inputs and d not in outside_seen:
                outside_seen[d] = rel

    queue = sorted(flags)
    while queue:
        scan(queue.pop(0))
    for rel in sources:
        if rel not in flags:
            flags[rel] = inputs[rel].sf.flags
            queue.append(rel)
            while queue:
                scan(queue.pop(0))
    for path, first in sorted(outside_seen.items()):
        result.project_findings.append(make_finding("CP5001", first, 1, 1, path))

    dep_hash: dict[str, str | None] = {rel: i.hash for rel, i in inputs.items()}
    for path in outside_seen:
        try:
            dep_hash[path] = sha(Path(path).read_bytes())
        except OSError:
            dep_hash[path] = None

    def key_of(rel: str) -> str:
        seen: set[str] = set()
        stack = [rel]
        while stack:
            cur = stack.pop()
            for d in deps.get(cur, ()):
                if d not in seen:
                    seen.add(d)
                    stack.append(d)
        parts = [str(dep_hash[rel]), "\0".join(flags.get(rel, ()))]
        parts += [f"{d}={dep_hash.get(d)}" for d in sorted(seen)]
        return sha("\n".join(parts).encode("utf-8", "surrogateescape"))

    def fresh(rel: str, key: str) -> Entry | None:
        """The previous entry when its outputs can be kept as they are."""
        prev = reuse.get(rel)
        if prev is None or prev.key != key or inputs[rel].hash is None:
            return None
        if out is not None and any(not (out / o).exists() and not (out / o).is_symlink() for o in prev.outputs):
            return None
        return prev

    keys = {rel: key_of(rel) for rel in sources}
    stale = []
    for rel in sources:
        prev = fresh(rel, keys[rel])
        if prev is not None:
            manifest.files[rel] = prev
            result.up_to_date.append(inputs[rel].sf.rel)
            result.cached_findings += prev.restored_findings()
        else:
            stale.append(rel)

    # -- translate what changed -------------------------------------------------------------------------
    try:
        parse_flags = {rel: flags[rel] + tuple(f"-I{d}" for d in guessed.get(rel, ())) for rel in stale}
        outcomes = _translate(stale, inputs, parse_flags, display, options, extra_rules, jobs, target_opts, progress)
        translated = {rel for rel, e in manifest.files.items() if e.kind == "translated"}
        translated |= {str(o.rel) for o in outcomes.values() if isinstance(o, FileResult)}
        out_name: dict[str, PurePosixPath] = {}
        for rel, inp in inputs.items():
            is_cuda = rel in translated
            out_name[rel] = target.output_path(inp.sf.rel, is_cuda) if inp.sf.kind != "symlink" else inp.sf.rel
        renamed = {Path(os.path.normpath(inputs[r].sf.path)): n.name for r, n in out_name.items()
                   if n != inputs[r].sf.rel and inputs[r].sf.kind != "symlink"}

        def fix_includes(rel: str, data: bytes) -> bytes:
            if renamed and any(d in inputs and Path(os.path.normpath(inputs[d].sf.path)) in renamed
                               for d in deps.get(rel, ())):
                return rewrite_includes(data, inputs[rel].sf.path, flags[rel], renamed, resolver)
            return data

        for rel in stale:
            item = outcomes[rel]
            sf = inputs[rel].sf
            mode = _mode(sf.path)
            if isinstance(item, FileResult):
                item.output = fix_includes(rel, item.output)
                result.files.append(item)
                outs = {str(item.out_rel): writer.emit(item.out_rel, item.output, mode)}
                for extra_rel, content in item.extra_files.items():
                    outs[extra_rel] = writer.emit(PurePosixPath(extra_rel), content)
                manifest.files[rel] = Entry(inputs[rel].hash or "", keys[rel], "translated", list(flags[rel]),
                                            deps[rel], outs, [finding_dict(f) for f in item.findings], guessed[rel])
                continue
            if item.status == FileStatus.COPIED:
                result.copied.append(item.rel)
                data = fix_includes(rel, inputs[rel].data or b"")
                kind = "copied"
            else:
                result.skipped.append(item)
                data = inputs[rel].data  # never lose user code: keep it as it was
                kind = "skipped"
            outs = {}
            if data is not None and inputs[rel].hash is not None:
                outs[str(out_name[rel])] = writer.emit(out_name[rel], data, mode)
            elif out is not None and inputs[rel].hash is not None:  # larger than 10 MB: copied without reading
                outs[str(out_name[rel])] = _copy_big(sf.path, out / out_name[rel])
            manifest.files[rel] = Entry(inputs[rel].hash or "", keys[rel], kind, list(flags[rel]), deps[rel], outs,
                                        [finding_dict(f) for f in item.findings], guessed[rel])

        # -- build scripts and everything else ----------------------------------------------------------
        source_names = {rel: str(out_name[rel]) for rel in sources}
        suffixes = {s: target.output_path(PurePosixPath("x" + s), True).suffix for s in (".cu", ".cuh")}
        bundled = runtime_folder(options.target) if translated and not tree.single_file else None
        external = runtime == "external"
        ctx = BuildContext(target=options.target, renames=source_names, translated=sorted(translated),
                           suffixes={s: n for s, n in suffixes.items() if n != s}, runtime=bundled,
                           runtime_external=external)
        has_build = False
        for rel, inp in inputs.items():
            if inp.sf.kind in ("cuda", "maybe-cuda"):
                continue
            kind = build_kind(inp.sf.rel) if inp.sf.kind != "symlink" else None
            if kind is not None and inp.sf.rel.parent == PurePosixPath("."):
                has_build = True
            if kind is not None and inp.data is not None:
                key = sha(f"{inp.hash}\n{json.dumps(source_names, sort_keys=True)}\n{bundled}\n{runtime}".encode())
                prev = fresh(rel, key)
                if prev is not None:
                    manifest.files[rel] = prev
                    result.up_to_date.append(inp.sf.rel)
                    result.cached_findings += prev.restored_findings()
                    continue
                migrated, findings = migrate_build_file(kind, inp.sf.rel, inp.data, ctx)
                result.build.append(BuildResult(inp.sf.rel, out_name[rel], migrated, findings))
                outs = {str(out_name[rel]): writer.emit(out_name[rel], migrated, _mode(inp.sf.path))}
                manifest.files[rel] = Entry(inp.hash or "", key, "build", outputs=outs,
                                            findings=[finding_dict(f) for f in findings])
                continue
            key = sha(str(inp.hash).encode())
            prev = fresh(rel, key)
            if prev is not None:
                manifest.files[rel] = prev
                result.up_to_date.append(inp.sf.rel)
                continue
            result.copied.append(inp.sf.rel)
            outs = {}
            if inp.sf.kind == "symlink":
                link = _link_in_output(inp.sf, root)
                outs[str(out_name[rel])] = writer.emit(out_name[rel], b"", link=link)
                manifest.files[rel] = Entry(inp.hash or "", key, "symlink", outputs=outs)
                continue
            if inp.hash is not None and out is not None:
                try:
                    data = inp.sf.path.read_bytes()
                    outs[str(out_name[rel])] = writer.emit(out_name[rel], data, _mode(inp.sf.path))
                except OSError:
                    pass
            manifest.files[rel] = Entry(inp.hash or "", key, "copied", outputs=outs)
        if not tree.single_file and not has_build and translated:
            _generate_build(tree, ctx, manifest, reuse, writer, result, out)
        if bundled and not external:
            _emit_runtime(options.target, manifest, writer)
        _remove_stale(old, manifest, out, result)
    finally:
        if out is not None:
            if old is not None:
                for rel, entry in old.files.items():  # interrupted: keep what the last run owned
                    if rel in inputs and rel not in manifest.files:
                        manifest.files[rel] = dataclasses.replace(entry, key="")
            manifest.save(out)
    return result


def _translate(stale: list[str], inputs: dict[str, _Input], flags: dict[str, tuple[str, ...]],
               display: Callable[[SourceFile], str], options: Options, extra_rules: Sequence[Path], jobs: int,
               target_opts: dict, progress: Callable[[int, int], None] | None) -> dict[str, FileResult | SkipRecord]:
    extra = tuple(str(p) for p in extra_rules)
    work = [dataclasses.replace(inputs[rel].sf, flags=flags[rel]) for rel in stale]
    outcomes: dict[str, FileResult | SkipRecord] = {}
    if not work:
        return outcomes
    if jobs > 1 and len(work) > 1:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(work)), initializer=_init_worker,
                                   initargs=(extra, options, target_opts, True))
        try:
            futures = {pool.submit(translate_one, sf, display(sf)): str(sf.rel) for sf in work}
            for i, fut in enumerate(as_completed(futures)):
                outcomes[futures[fut]] = fut.result()
                if progress:
                    progress(i + 1, len(work))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        _init_worker(extra, options, target_opts)
        for i, sf in enumerate(work):
            outcomes[str(sf.rel)] = translate_one(sf, display(sf))
            if progress:
                progress(i + 1, len(work))
    return outcomes


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _copy_big(src: Path, dest: Path) -> str:
    import shutil

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.cudaport-tmp")
    shutil.copy2(src, tmp)
    os.replace(tmp, dest)
    return f"size:{src.stat().st_size}:{src.stat().st_mtime_ns}"


def _link_in_output(sf: SourceFile, root: Path) -> str:
    """The link text for a symlink's copy: as written, except an absolute link into the tree becomes relative
    (so it points into the output tree, not back into the input)."""
    link = os.readlink(sf.path)
    if os.path.isabs(link):
        target = Path(os.path.normpath(link))
        if _inside(target, root):
            return os.path.relpath(target, Path(os.path.realpath(sf.path.parent)))
    return link


def _generate_build(tree: SourceTree, ctx: BuildContext, manifest: Manifest, reuse: dict[str, Entry],
                    writer: _Writer, result: RunResult, out: Path | None) -> None:
    units = [ctx.renames[r] for r in ctx.translated if PurePosixPath(r).suffix in (".cu", ".cpp", ".cc", ".cxx")]
    units += [n for r, n in ctx.renames.items() if r not in ctx.translated and PurePosixPath(r).suffix in
              (".cpp", ".cc", ".cxx", ".c")]
    text, findings = generate_cmake(ctx, sorted(set(units)), tree.root.name)
    out_rel = PurePosixPath("CMakeLists.txt")
    key = sha(text)
    prev = reuse.get(GENERATED_BUILD)
    if prev is not None and prev.key == key and (out is None or (out / out_rel).exists()):
        manifest.files[GENERATED_BUILD] = prev
        result.cached_findings += prev.restored_findings()
        return
    result.build.append(BuildResult(out_rel, out_rel, text, findings, generated=True))
    outs = {str(out_rel): writer.emit(out_rel, text, 0o644)}
    manifest.files[GENERATED_BUILD] = Entry(key, key, "generated", outputs=outs,
                                            findings=[finding_dict(f) for f in findings])


def _emit_runtime(target: str, manifest: Manifest, writer: _Writer) -> None:
    """OUT/cudaport_runtime/<target>: the shim this cudaport version ships (replaced when the version changes)."""
    files = runtime_files(target)
    key = sha(b"".join(str(k).encode() + b"\0" + v for k, v in sorted(files.items())))
    outs = {str(rel): writer.emit(rel, data, 0o644) for rel, data in files.items()}
    manifest.files[BUNDLED_RUNTIME] = Entry(key, key, "generated", outputs=outs)


def _remove_stale(old: Manifest | None, manifest: Manifest, out: Path | None, result: RunResult) -> None:
    """Delete outputs of inputs that disappeared, unless the user changed them since."""
    if old is None or out is None:
        return
    live = manifest.outputs_owned()
    for rel, entry in old.files.items():
        if rel in manifest.files:
            continue
        for o, h in entry.outputs.items():
            p = out / o
            if o not in live and (p.exists() or p.is_symlink()) and _current_sha(p) == h:
                p.unlink()
                result.removed.append(PurePosixPath(o))
                _prune_empty(p.parent, out)


def _prune_empty(folder: Path, out: Path) -> None:
    """Remove folders a stale output leaves empty (a runtime folder dropped by --runtime external), up to OUT."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
