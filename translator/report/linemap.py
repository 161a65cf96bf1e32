"""Report stage, line mapping: a line of a translated file back to the line of the CUDA file it came from, so a
compiler error in translated code becomes a finding where the user reads and edits.

The translator rewrites by byte ranges and keeps every untouched line as it was, so an alignment of the two
files' lines (difflib, whitespace ignored) maps an unchanged line exactly; a line that a rewrite changed or
inserted maps to the nearest CUDA line of the same aligned block ("nearest"). OpenCL kernel files are new files:
they are aligned with the CUDA file their functions came from (their `translated by cudaport from` comment).
Input: the two texts. Output: (CUDA line, "exact" | "nearest").
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field

EXACT, NEAREST = "exact", "nearest"


def _key(line: str) -> str:
    return " ".join(line.split())


@dataclass
class LineMap:
    """Translated line (1-based) -> CUDA line (1-based), built once per file pair."""

    cuda_lines: int
    _starts: list[int] = field(default_factory=list)  # translated block starts (0-based), sorted
    _blocks: list[tuple[int, int, int, int, bool]] = field(default_factory=list)  # (j1, j2, i1, i2, equal)

    @classmethod
    def build(cls, cuda: str, translated: str) -> LineMap:
        a = [_key(x) for x in cuda.splitlines()]
        b = [_key(x) for x in translated.splitlines()]
        m = cls(cuda_lines=max(1, len(a)))
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if j2 > j1:
                m._blocks.append((j1, j2, i1, i2, tag == "equal"))
                m._starts.append(j1)
        return m

    def cuda_line(self, line: int) -> tuple[int, str]:
        """The CUDA line of translated `line`, and whether the line is unchanged (exact) or rewritten (nearest)."""
        j = line - 1
        k = bisect.bisect_right(self._starts, j) - 1
        if k < 0:
            return 1, NEAREST
        j1, j2, i1, i2, equal = self._blocks[k]
        if j >= j2:  # past the last block (a line after the end of the file)
            return self.cuda_lines, NEAREST
        if equal:
            return i1 + (j - j1) + 1, EXACT
        if i2 > i1:  # a rewritten block: the corresponding line of the replaced CUDA lines, proportionally
            return min(i2 - 1, i1 + (j - j1) * (i2 - i1) // (j2 - j1)) + 1, NEAREST
        return max(1, min(self.cuda_lines, i1)), NEAREST  # inserted lines: the CUDA line before them
