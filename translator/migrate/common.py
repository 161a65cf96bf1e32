"""Shared pieces of build-script migration: the context a migration needs (target, renamed sources) and the
Migration record (byte-range edits on the script's text plus CP5xxx findings).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.engine.diagnostics import make_finding
from translator.frontend.lexer import LineIndex
from translator.model import Finding


@dataclass(frozen=True)
class BuildContext:
    target: str
    renames: dict[str, str]  # input-relative source path -> output-relative path (posix), all sources
    translated: list[str] = field(default_factory=list)  # sources translated as CUDA
    suffixes: dict[str, str] = field(default_factory=dict)  # ".cu" -> ".cpp" when the target renames
    runtime: str | None = None  # output-relative folder of the runtime the tree carries (cudaport_runtime/opencl)
    runtime_external: bool = False  # --runtime external: build files find an installed cudaport's runtime


@dataclass
class Migration:
    text: str
    display: str
    edits: list[tuple[int, int, str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def replace(self, start: int, end: int, new: str, origin: str) -> None:
        self.edits.append((start, end, new, origin))

    def insert(self, offset: int, new: str, origin: str) -> None:
        self.edits.append((offset, offset, new, origin))

    def report(self, code: str, text: str, offset: int, detail: str = "") -> None:
        line, col = LineIndex(text.encode("utf-8", "surrogateescape")).line_col(
            len(text[:offset].encode("utf-8", "surrogateescape")))
        self.findings.append(make_finding(code, self.display, line, col, detail))

    def apply(self) -> str:
        """The text with every edit applied; of overlapping edits the one that starts first (and is larger) wins;
        insertions at the same offset keep their order."""
        order = sorted(range(len(self.edits)), key=lambda i: (self.edits[i][0], -self.edits[i][1], i))
        kept: list[tuple[int, int, str, str]] = []
        last_end = -1
        for i in order:
            start, end, new, origin = self.edits[i]
            if start < last_end or (start == last_end and end > start and kept and kept[-1][1] > kept[-1][0]
                                    and kept[-1][0] == start):
                continue
            kept.append((start, end, new, origin))
            last_end = max(last_end, end)
        out = self.text
        for start, end, new, _ in reversed(kept):
            out = out[:start] + new + out[end:]
        return out
