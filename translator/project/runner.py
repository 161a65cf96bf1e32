"""Runs a translation over a SourceTree in steps: scan the inputs, build the include graph and per-file flags
(depgraph.py), plan (keep what did not change since the manifest of the last run), translate the rest, then
write: includes rewritten to renamed files, build scripts migrated, and (unless analysing only) the output tree
written atomically, never over a file the user edited.

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

from translator.engine.context import FileResult, Options, Target
from translator.engine.core import translate_parsed
from translator.engine.diagnostics import make_finding
from translator.engine.ruleset import RuleSet, load_rules
from translator.frontend.includes import input_root, resolve_include, scan_includes
from translator.frontend.lexer import IDENT, KEYWORD, lex
from translator.frontend.parse import parse_file
from translator.migrate import BuildContext, build_kind, generate_cmake, migrate_build_file
from translator.model import FileStatus, Finding
from translator.project.depgraph import DependencyGraph, InputFile, inside, is_source
from translator.project.manifest import Entry, Manifest, atomic_write, finding_dict, rules_version, sha
from translator.project.runtime_bundle import RUNTIME_MODES, runtime_files, runtime_folder
from translator.project.tree import (
    MAX_FILE_BYTES,
    InputError,
    SourceFile,
    SourceTree,
    looks_binary,
)
from translator.targets.base import get_target

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


def preload_rules(extra_rules: Sequence[Path | str]) -> RuleSet:
    """The rules (a broken rule file raises here), kept as this process's worker state: `translate` checks them
    before any work, and the in-process run (-j1) and the pool's forked workers then reuse them instead of
    loading the rule cache again (a third of a second each)."""
    extra = tuple(str(p) for p in extra_rules)
    key = (extra, rules_version([Path(p) for p in extra]))
    if _STATE.get("rules_key") != key:  # in-process re-runs (tests, tools) reuse the loaded rules
        _STATE["rules"] = load_rules([Path(p) for p in extra])
        _STATE["rules_key"] = key
    return _STATE["rules"]  # type: ignore[return-value]


def _init_worker(extra_rules: tuple[str, ...], options: Options, target_opts: dict, in_pool: bool = False) -> None:
    if in_pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    preload_rules(extra_rules)
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


def _specifiers(rules: RuleSet) -> frozenset[str]:
    """CUDA names that are declaration specifiers (__global__, __shared__): the front end's pre-check skips them."""
    key = ("specifiers", id(rules))
    if key not in _STATE:
        _STATE[key] = frozenset(n for n, r in rules.rules.items() if r.kind == "keyword")
    return _STATE[key]  # type: ignore[return-value]


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
                        use_clang=options.parser == "clang" or (options.parser == "auto" and
                                                                getattr(target, "needs_clang", True)),
                        qualifiers=_specifiers(rules), root=input_root(sf.path, sf.rel))
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


def _options_record(options: Options, target_opts: dict, tree: SourceTree) -> dict:
    record = {"options": dataclasses.asdict(options), "target_opts": target_opts, "flags": list(tree.extra_flags)}
    return json.loads(json.dumps(record, default=str))


def run(tree: SourceTree, options: Options, *, out: Path | None, extra_rules: Sequence[Path] = (),
        jobs: int = 1, target_opts: dict | None = None,
        progress: Callable[[int, int], None] | None = None, force: bool = False,
        runtime: str = "bundled") -> RunResult:
    """Translate every CUDA file of the tree that changed since the last run; write results under `out`.

    `force` overwrites outputs the user edited (otherwise they are kept and reported as conflicts). `runtime`:
    "bundled" copies the target's runtime into OUT/cudaport_runtime/; "external" leaves it in the installed
    cudaport, where the migrated build files find it (CMake package config, `cudaport --runtime-dir`).
    The steps: scan the inputs, build the include graph, plan (keep what is up to date), translate the rest,
    write (sources, then build scripts and other files, then generated files, then stale-output removal)."""
    if runtime not in RUNTIME_MODES:
        raise InputError(f"--runtime {runtime!r}: expected one of {', '.join(RUNTIME_MODES)}")
    session = _Session(tree, options, out, extra_rules, target_opts or {}, force)
    session.runtime = runtime
    inputs = scan_inputs(tree)
    graph = DependencyGraph(inputs, tree.flags_by_path, session.reuse, session.root)
    for path, first in sorted(graph.outside.items()):
        session.result.project_findings.append(make_finding("CP5001", first, 1, 1, path))
    keys, stale = session.plan(inputs, graph)
    try:
        parse_flags = {rel: graph.parse_flags(rel) for rel in stale}
        if graph.conditional_only:
            options = dataclasses.replace(options, conditional_files=graph.conditional_only)
        outcomes = _translate(stale, inputs, parse_flags, session.display, options, extra_rules, jobs,
                              session.target_opts, progress)
        session.write(inputs, graph, keys, stale, outcomes)
    finally:
        session.save(inputs)
    return session.result


def scan_inputs(tree: SourceTree) -> dict[str, InputFile]:
    """Step 1: the hash of every input file, and the bytes of those whose includes or build rules are read."""
    inputs: dict[str, InputFile] = {}
    for sf in tree.files:
        rel = str(sf.rel)
        if sf.kind == "symlink":
            inputs[rel] = InputFile(sf, sha(os.readlink(sf.path).encode("utf-8", "surrogateescape")), None)
            continue
        try:
            data = sf.path.read_bytes() if sf.path.stat().st_size <= MAX_FILE_BYTES else None
            h = sha(data) if data is not None else f"size:{sf.path.stat().st_size}:{sf.path.stat().st_mtime_ns}"
        except OSError:
            data, h = None, None
        keep = sf.kind in ("cuda", "maybe-cuda") or build_kind(sf.rel) is not None
        inputs[rel] = InputFile(sf, h, data if keep else None)
    return inputs


class _Session:
    """One run's state between the steps: the manifest of the last run and the new one, the writer, the result."""

    def __init__(self, tree: SourceTree, options: Options, out: Path | None, extra_rules: Sequence[Path],
                 target_opts: dict, force: bool) -> None:
        self.tree, self.options, self.out, self.target_opts = tree, options, out, target_opts
        self.runtime = "bundled"
        self.target = get_target(options.target, **target_opts)
        self.result = RunResult(target=options.target)
        self.root = Path(os.path.realpath(tree.root))
        if out is not None and not tree.single_file:
            real_out = Path(os.path.realpath(out))
            if real_out == self.root or inside(real_out, self.root):
                raise InputError(f"{out}: the output directory is inside the input {tree.root}")
        self.old = Manifest.load(out) if out is not None else None
        self.manifest = Manifest.new(rules_version(list(extra_rules)), _options_record(options, target_opts, tree))
        self.reuse = self.old.files if self.old is not None and self.manifest.compatible(self.old) and not force else {}
        self.writer = _Writer(out, self.old.outputs_owned() if self.old is not None else {}, force, self.result)
        for path in tree.missing:
            self.result.project_findings.append(make_finding("CP5002", str(tree.database or path), 1, 1, path))
        for path in tree.outside:
            self.result.project_findings.append(make_finding("CP5003", str(tree.database or path), 1, 1, path))

    def display(self, sf: SourceFile) -> str:
        return str(sf.path) if self.tree.single_file else str(sf.rel)

    def _fresh(self, rel: str, key: str) -> Entry | None:
        """The previous entry when its outputs can be kept as they are."""
        prev = self.reuse.get(rel)
        if prev is None or prev.key != key:
            return None
        out = self.out
        if out is not None and any(not (out / o).exists() and not (out / o).is_symlink() for o in prev.outputs):
            return None
        return prev

    def _keep(self, rel: str, key: str, inp: InputFile) -> bool:
        """Keep the last run's entry of an input that has not changed; False when it must be redone."""
        prev = self._fresh(rel, key) if inp.hash is not None else None
        if prev is None:
            return False
        self.manifest.files[rel] = prev
        self.result.up_to_date.append(inp.sf.rel)
        self.result.cached_findings += prev.restored_findings()
        return True

    def plan(self, inputs: dict[str, InputFile], graph: DependencyGraph) -> tuple[dict[str, str], list[str]]:
        """Step 3: the cache key of every source, and the sources to translate (the others are kept)."""
        keys = {rel: graph.key(rel) for rel, inp in inputs.items() if is_source(inp)}
        return keys, [rel for rel, key in keys.items() if not self._keep(rel, key, inputs[rel])]

    def write(self, inputs: dict[str, InputFile], graph: DependencyGraph, keys: dict[str, str], stale: list[str],
              outcomes: dict[str, FileResult | SkipRecord]) -> None:
        """Step 4: write the translated sources, then build scripts and other files, then generated files."""
        translated = {rel for rel, e in self.manifest.files.items() if e.kind == "translated"}
        translated |= {str(o.rel) for o in outcomes.values() if isinstance(o, FileResult)}
        out_name = {rel: self.target.output_path(inp.sf.rel, rel in translated) if inp.sf.kind != "symlink"
                    else inp.sf.rel for rel, inp in inputs.items()}
        renamed = {Path(os.path.normpath(inputs[r].sf.path)): n.name for r, n in out_name.items()
                   if n != inputs[r].sf.rel and inputs[r].sf.kind != "symlink"}
        for rel in stale:
            self._write_source(rel, inputs[rel], outcomes[rel], graph, keys[rel], out_name[rel], renamed)
        source_names = {rel: str(out_name[rel]) for rel in keys}
        suffixes = {s: self.target.output_path(PurePosixPath("x" + s), True).suffix for s in (".cu", ".cuh")}
        bundled = runtime_folder(self.options.target) if translated and not self.tree.single_file else None
        external = self.runtime == "external"
        ctx = BuildContext(target=self.options.target, renames=source_names, translated=sorted(translated),
                           suffixes={s: n for s, n in suffixes.items() if n != s}, runtime=bundled,
                           runtime_external=external)
        has_build = False
        for rel, inp in inputs.items():
            if not is_source(inp):
                has_build |= self._write_other(rel, inp, out_name[rel], ctx)
        if not self.tree.single_file and not has_build and translated:
            _generate_build(self.tree, ctx, self.manifest, self.reuse, self.writer, self.result, self.out)
        if bundled and not external:
            _emit_runtime(self.options.target, self.manifest, self.writer)
        _remove_stale(self.old, self.manifest, self.out, self.result)

    def _write_source(self, rel: str, inp: InputFile, item: FileResult | SkipRecord, graph: DependencyGraph,
                      key: str, out_rel: PurePosixPath, renamed: dict[Path, str]) -> None:
        mode = _mode(inp.sf.path)
        if isinstance(item, FileResult):
            item.output = graph.with_renamed_includes(rel, item.output, renamed)
            self.result.files.append(item)
            outs = {str(item.out_rel): self.writer.emit(item.out_rel, item.output, mode)}
            for extra_rel, content in item.extra_files.items():
                outs[extra_rel] = self.writer.emit(PurePosixPath(extra_rel), content)
            self.manifest.files[rel] = Entry(inp.hash or "", key, "translated", list(graph.flags[rel]),
                                             graph.deps[rel], outs, [finding_dict(f) for f in item.findings],
                                             graph.guessed[rel])
            return
        if item.status == FileStatus.COPIED:
            self.result.copied.append(item.rel)
            data = graph.with_renamed_includes(rel, inp.data or b"", renamed)
            kind = "copied"
        else:
            self.result.skipped.append(item)
            data = inp.data  # never lose user code: keep it as it was
            kind = "skipped"
        outs = {}
        if data is not None and inp.hash is not None:
            outs[str(out_rel)] = self.writer.emit(out_rel, data, mode)
        elif self.out is not None and inp.hash is not None:  # larger than 10 MB: copied without reading
            outs[str(out_rel)] = _copy_big(inp.sf.path, self.out / out_rel)
        self.manifest.files[rel] = Entry(inp.hash or "", key, kind, list(graph.flags[rel]), graph.deps[rel], outs,
                                         [finding_dict(f) for f in item.findings], graph.guessed[rel])

    def _write_other(self, rel: str, inp: InputFile, out_rel: PurePosixPath, ctx: BuildContext) -> bool:
        """A build script (migrated), a symlink or any other file (copied); True for a top-level build script."""
        kind = build_kind(inp.sf.rel) if inp.sf.kind != "symlink" else None
        top_build = kind is not None and inp.sf.rel.parent == PurePosixPath(".")
        if kind is not None and inp.data is not None:
            key = sha(f"{inp.hash}\n{json.dumps(ctx.renames, sort_keys=True)}\n{ctx.runtime}\n{self.runtime}".encode())
            if self._keep(rel, key, inp):
                return top_build
            migrated, findings = migrate_build_file(kind, inp.sf.rel, inp.data, ctx)
            self.result.build.append(BuildResult(inp.sf.rel, out_rel, migrated, findings))
            outs = {str(out_rel): self.writer.emit(out_rel, migrated, _mode(inp.sf.path))}
            self.manifest.files[rel] = Entry(inp.hash or "", key, "build", outputs=outs,
                                             findings=[finding_dict(f) for f in findings])
            return top_build
        key = sha(str(inp.hash).encode())
        if self._keep(rel, key, inp):
            return top_build
        self.result.copied.append(inp.sf.rel)
        outs = {}
        if inp.sf.kind == "symlink":
            outs[str(out_rel)] = self.writer.emit(out_rel, b"", link=_link_in_output(inp.sf, self.root))
            self.manifest.files[rel] = Entry(inp.hash or "", key, "symlink", outputs=outs)
            return top_build
        if inp.hash is not None and self.out is not None:
            try:
                outs[str(out_rel)] = self.writer.emit(out_rel, inp.sf.path.read_bytes(), _mode(inp.sf.path))
            except OSError:
                pass
        self.manifest.files[rel] = Entry(inp.hash or "", key, "copied", outputs=outs)
        return top_build

    def save(self, inputs: dict[str, InputFile]) -> None:
        """Write the manifest, also after an interruption (then the last run's entries of the files not redone
        are kept, with an empty key so the next run redoes them)."""
        if self.out is None:
            return
        if self.old is not None:
            for rel, entry in self.old.files.items():
                if rel in inputs and rel not in self.manifest.files:
                    self.manifest.files[rel] = dataclasses.replace(entry, key="")
        self.manifest.save(self.out)


def _translate(stale: list[str], inputs: dict[str, InputFile], flags: dict[str, tuple[str, ...]],
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
        if inside(target, root):
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
