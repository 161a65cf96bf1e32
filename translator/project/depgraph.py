"""Project stage, include graph: which files each CUDA source of a tree includes, with the flags it is parsed
with and the cache key over everything it includes; and the rewrite of #include lines that name renamed files.

Input: the tree's files as runner.scan_inputs read them, the compile database's flags, the last manifest's
entries (unchanged files are not rescanned). Output: a DependencyGraph; include-rewritten file bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translator.frontend.includes import conditional_blocks, header_name, include_tokens, resolve_include, scan_includes
from translator.frontend.lexer import lex, lex_shared
from translator.project.manifest import Entry, sha
from translator.project.tree import SourceFile, include_dirs

_IF_RE = re.compile(rb"#[ \t]*if")  # a file without one has no #if block


@dataclass
class InputFile:
    """One file of the tree as step 1 of runner.run read it."""

    sf: SourceFile
    hash: str | None  # None: unreadable
    data: bytes | None  # kept only for sources whose includes must be scanned


def is_source(inp: InputFile) -> bool:
    return inp.sf.kind in ("cuda", "maybe-cuda")


def inside(path: Path, root: Path) -> bool:
    return str(path).startswith(str(root) + os.sep)

# sources that other sources include textually; their includers shape how they parse (frontend.included)
_TEXTUAL_SOURCES = (".cu", ".cpp", ".cc", ".cxx")


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
    for i in include_tokens(toks):
        t = toks[i]
        header, angled = header_name(t)
        target = resolve(header, angled, src, flags)
        if target is None or target not in renamed or not header.endswith(target.name):
            continue
        new = header[: len(header) - len(target.name)] + renamed[target]
        edits.append((t.offset, t.end, f"<{new}>" if angled else f'"{new}"'))
    for start, end, text in reversed(edits):
        data = data[:start] + text.encode("utf-8", "surrogateescape") + data[end:]
    return data


class DependencyGraph:
    """Step 2: which files each CUDA source includes (tree-relative names, or absolute paths outside the tree),
    the flags it is parsed with (a header gets those of the first unit that includes it), the include
    directories guessed for it, and the cache key of each source over everything it includes."""

    def __init__(self, inputs: dict[str, InputFile], flags_by_path: dict, reuse: dict[str, Entry], root: Path) -> None:
        self._inputs, self._reuse, self._root = inputs, reuse, root
        self._abs_to_rel = {Path(os.path.normpath(i.sf.path)): rel for rel, i in inputs.items()
                            if i.sf.kind != "symlink"}
        self.resolver = IncludeResolver(list(self._abs_to_rel))
        self.flags: dict[str, tuple[str, ...]] = {}
        self.deps: dict[str, list[str]] = {}
        self._includers_of: dict[str, list[str]] | None = None
        self.guessed: dict[str, list[str]] = {}
        self.outside: dict[str, str] = {}  # header outside the tree -> the first file that includes it
        sources = [rel for rel, i in inputs.items() if is_source(i)]
        for rel in sources:
            if Path(os.path.normpath(inputs[rel].sf.path)) in flags_by_path or not flags_by_path:
                self.flags[rel] = inputs[rel].sf.flags
        self._follow(sorted(self.flags))
        for rel in sources:
            if rel not in self.flags:
                self.flags[rel] = inputs[rel].sf.flags
                self._follow([rel])
        self._cond_cache: dict[str, dict[str, bool]] = {}
        self.conditional_only = self._conditional_only(set(map(Path, flags_by_path)))
        self._hashes: dict[str, str | None] = {rel: i.hash for rel, i in inputs.items()}
        for path in self.outside:
            try:
                self._hashes[path] = sha(Path(path).read_bytes())
            except OSError:
                self._hashes[path] = None

    def _follow(self, queue: list[str]) -> None:
        """Scan the includes of each queued file, queueing the tree's headers that have no flags yet."""
        while queue:
            rel = queue.pop(0)
            found = self._includes(rel)
            self.deps[rel] = found
            for d in found:
                if d in self._inputs and is_source(self._inputs[d]) and d not in self.flags:
                    self.flags[d] = self.flags[rel]
                    queue.append(d)
                elif d not in self._inputs and d not in self.outside:
                    self.outside[d] = rel

    def _includes(self, rel: str) -> list[str]:
        inp, f = self._inputs[rel], self.flags[rel]
        prev = self._reuse.get(rel)
        if prev is not None and prev.hash == inp.hash and prev.flags == list(f):
            self.guessed[rel] = prev.guessed_dirs
            return prev.deps
        found, guesses = [], set()
        for header, angled in scan_includes(inp.data or b""):
            d = self._resolve(rel, header, angled, guesses)
            if d is not None:
                found.append(d)
        self.guessed[rel] = sorted(guesses)
        return found

    def _resolve(self, rel: str, header: str, angled: bool, guesses: set[str]) -> str | None:
        """The tree file (or outside path) `#include header` of `rel` lands on, None for toolkit/system headers;
        a directory found by guessing goes into `guesses`."""
        inp, f = self._inputs[rel], self.flags[rel]
        p = resolve_include(header, angled, inp.sf.path, include_dirs(f))
        if p is None:
            p = self.resolver(header, angled, inp.sf.path, f)
            if p is not None and not angled:
                guesses.add(str(p)[: len(str(p)) - len(header.lstrip("./"))].rstrip("/"))
        if p is None:
            return None
        if p in self._abs_to_rel:
            return self._abs_to_rel[p]
        if not angled and not inside(Path(os.path.realpath(p)), self._root):
            return str(p)
        return None

    def _conditional_only(self, units: set[Path]) -> frozenset[str]:
        """Tree files that other files of the tree include, every time inside an #if block (`#ifdef CUDNN_CONV`
        / `#include "conv_cudnn.cu"`), and that the compile database does not compile on their own: a build may
        leave them out, so their untranslatable library calls are warnings, not errors that refuse the build."""
        includers: dict[str, list[str]] = {}
        for rel, deps in self.deps.items():
            for d in deps:
                if d in self._inputs and d != rel:
                    includers.setdefault(d, []).append(rel)
        out = set()
        for d, incs in includers.items():
            if Path(os.path.normpath(self._inputs[d].sf.path)) in units:
                continue
            if all(self._included_only_conditionally(inc, d) for inc in incs):
                out.add(d)
        return frozenset(out)

    def _included_only_conditionally(self, rel: str, target: str) -> bool:
        return self._conditional_targets(rel).get(target, False)

    def _conditional_targets(self, rel: str) -> dict[str, bool]:
        """Each file `rel` includes -> whether every #include of it lies inside an #if block. Lexed and resolved
        once per includer for the graph's life: asking per included file redid both for each of its includes."""
        got = self._cond_cache.get(rel)
        if got is not None:
            return got
        got = self._cond_cache[rel] = {}
        data = self._inputs[rel].data or b""
        if not _IF_RE.search(data):
            return got
        toks, _ = lex_shared(data)
        blocks = conditional_blocks(toks)
        for i in include_tokens(toks):
            target = self._resolve(rel, *header_name(toks[i]), set())
            if target is not None:
                off = toks[i].offset
                inside_if = any(a <= off < b for a, b in blocks)
                got[target] = got.get(target, True) and inside_if
        return got

    def key(self, rel: str) -> str:
        """The cache key of a source: its hash, its flags and the hash of every file it includes, transitively.
        A source other sources include textually (`#include "kernels.cu"`) is parsed after its includers' text
        where it does not parse alone (frontend.included), so their hashes and what they include count too."""
        seen: set[str] = set()
        stack = [rel]
        for inc in self._source_includers().get(rel, ()):
            seen.add(inc)
            stack.append(inc)
        while stack:
            cur = stack.pop()
            for d in self.deps.get(cur, ()):
                if d not in seen:
                    seen.add(d)
                    stack.append(d)
        parts = [str(self._hashes[rel]), "\0".join(self.flags.get(rel, ()))]
        if rel in self.conditional_only:  # its diagnostics depend on how the files including it include it
            parts.append("included only conditionally")
        parts += [f"{d}={self._hashes.get(d)}" for d in sorted(seen)]
        return sha("\n".join(parts).encode("utf-8", "surrogateescape"))

    def _source_includers(self) -> dict[str, list[str]]:
        """For each source file, the other source files that include it directly (computed once)."""
        cached = self._includers_of
        if cached is None:
            cached = {}
            for r, ds in self.deps.items():
                if r in self.flags and Path(r).suffix in _TEXTUAL_SOURCES:
                    for d in ds:
                        if d != r and Path(d).suffix in _TEXTUAL_SOURCES:
                            cached.setdefault(d, []).append(r)
            self._includers_of = cached
        return cached

    def parse_flags(self, rel: str) -> tuple[str, ...]:
        return self.flags[rel] + tuple(f"-I{d}" for d in self.guessed.get(rel, ()))

    def with_renamed_includes(self, rel: str, data: bytes, renamed: dict[Path, str]) -> bytes:
        """`data` (the text of `rel`) with its includes of renamed files pointing at the new names."""
        if renamed and any(d in self._inputs and Path(os.path.normpath(self._inputs[d].sf.path)) in renamed
                           for d in self.deps.get(rel, ())):
            return rewrite_includes(data, self._inputs[rel].sf.path, self.flags[rel], renamed, self.resolver)
        return data
