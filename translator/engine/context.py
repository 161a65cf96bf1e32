"""The unit of translation, shared by the engine, the targets and the runner: Options of a run, the
FileContext an engine pass fills for one file, the FileResult it returns, and the Target protocol emitters
implement. A leaf module: it imports only the model, the diagnostics catalogue, edits and rule types, so the
engine, risks.py and targets/ can all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol

from translator.engine.diagnostics import inline_comment, make_finding
from translator.engine.edits import Edit
from translator.engine.ruleset import Rule, RuleSet, TargetRule
from translator.model import ApiUse, FileStatus, Finding, NameSite, Outcome, ParsedFile, Severity, Span


class Target(Protocol):
    """What every target emitter implements; targets/base.py maps `--to NAME` to one."""

    name: str

    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        """Rewrite one site for a rule whose mapping names `handler`. False: the handler does not apply."""
        ...

    def structural(self, ctx: FileContext) -> None:
        """Rewrites of the whole file: launches, kernels, shared memory, includes."""
        ...

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        """Where a translated file goes, relative to the output root."""
        ...


@dataclass(frozen=True)
class Options:
    target: str
    hip_version: tuple[int, ...] = (6, 4)
    hip_launch_ggl: bool = False  # emit hipLaunchKernelGGL instead of keeping <<<>>>
    inline_diagnostics: bool = True
    target_version: tuple[int, ...] | None = None
    # "clang" parses with libclang (tree-sitter only when clang finds syntax errors); "tree-sitter" skips
    # libclang: ~5x faster, no type information (fine for HIP; OpenCL/SYCL templates need clang's types);
    # "auto" asks the target (its `needs_clang`, True when absent).
    parser: str = "clang"
    # tree-relative files the project includes only inside #if blocks and never compiles on their own
    # (`#ifdef CUDNN_CONV` / `#include "conv_cudnn.cu"`): the whole file counts as conditional (CP2009, not CP2008)
    conditional_files: frozenset[str] = frozenset()

    def version_for(self, target: str) -> tuple[int, ...] | None:
        if target == "hip":
            return self.hip_version
        return self.target_version


@dataclass
class FileContext:
    parsed: ParsedFile
    display: str  # path shown in diagnostics (relative to the input root)
    rel: PurePosixPath  # path relative to the input root
    rules: RuleSet
    options: Options
    target: Target
    edits: list[Edit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    uses: list[ApiUse] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)  # headers the translated file needs (target spelling)
    conditionals: list[tuple[int, int]] | None = None  # #if blocks of the file (not its include guard), when asked
    extra_files: dict[str, bytes] = field(default_factory=dict)  # output-relative path -> content
    _commented: set[int] = field(default_factory=set)
    dropped: list[tuple[int, int]] = field(default_factory=list)  # argument ranges a direct call form leaves out

    # -- helpers for emitters --------------------------------------------------------------------------
    def text(self, span: Span) -> str:
        return self.parsed.span_text(span)

    def replace(self, span: Span, text: str, origin: str, *, exact: bool = True, priority: int = 0) -> None:
        self.edits.append(Edit(span.offset, span.length, text, origin=origin, exact=exact, priority=priority))

    def insert(self, offset: int, text: str, origin: str) -> None:
        self.edits.append(Edit(offset, 0, text, origin=origin))

    def need_include(self, header: str) -> None:
        if header and header not in self.includes:
            self.includes.append(header)

    def report(self, code: str, span: Span | None, detail: str = "", *, api: str | None = None,
               family: str | None = None, inline: bool | None = None) -> Finding:
        line, col, offset = (span.line, span.col, span.offset) if span else (1, 1, 0)
        finding = make_finding(code, self.display, line, col, detail, api=api, family=family, offset=offset)
        self.findings.append(finding)
        show = inline if inline is not None else finding.severity != Severity.NOTE
        if show and self.options.inline_diagnostics and span is not None:
            self._comment_at(span.offset, finding)
        return finding

    def _comment_at(self, offset: int, finding: Finding) -> None:
        comment = inline_comment(finding)
        key = hash((offset, finding.code))
        if key in self._commented:
            return
        self._commented.add(key)
        before = self.parsed.data[max(0, offset - len(comment) - 400) : offset].decode("utf-8", "surrogateescape")
        if f"CUDAPORT {finding.code}:" in before.rstrip()[-(len(comment) + 200):]:
            return  # already commented by an earlier run: translating our own output changes nothing
        self.insert(offset, comment + " ", f"diagnostic {finding.code}")

    def use(self, rule: Rule, site: Span, outcome: Outcome, code: str | None = None, form: str = "") -> None:
        if form and any(start <= site.offset < end for start, end in self.dropped):
            form = ""  # inside an argument a direct call dropped: nothing of it reaches the output
        self.uses.append(ApiUse(rule.name, rule.family, rule.kind, outcome, site.line, site.col, code, form))


@dataclass
class FileResult:
    rel: PurePosixPath
    out_rel: PurePosixPath
    status: FileStatus
    output: bytes
    findings: list[Finding]
    uses: list[ApiUse]
    edits: list[Edit]
    extra_files: dict[str, bytes]
    frontend: str
    # What the input holds, for reports (they never read output text): lines, kernels defined, launch lines.
    lines: int = 0
    kernels: tuple[str, ...] = ()
    launch_lines: tuple[int, ...] = ()
