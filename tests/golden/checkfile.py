"""A small FileCheck-style matcher for golden tests.

A golden input is a CUDA file with expectation lines `// CHECK-HIP: text` (or CHECK-SYCL, CHECK-OPENCL).
Translated for that target, the output must contain each expected text, in order, each on a later line
than the previous match (substring match after collapsing whitespace). `// CHECK-HIP-NOT: text` asserts
that no line between the previous match and the next one contains the text. `// CHECK-OPENCL-CL: text`
(and -CL-NOT) check the OpenCL target's generated `.cl` program the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"//\s*CHECK-(HIP|SYCL|OPENCL|OPENCL-CL)(-NOT)?:\s?(.*)$")


@dataclass(frozen=True)
class Check:
    line: int
    text: str
    negative: bool


def _norm(s: str) -> str:
    return " ".join(s.split())


def checks_for(source: str, target: str) -> list[Check]:
    """The checks of `target` ('hip', 'sycl', 'opencl', or 'opencl-cl' for the .cl program)."""
    out = []
    for i, line in enumerate(source.splitlines(), 1):
        m = _DIRECTIVE.search(line)
        if m and m.group(1).lower() == target:
            out.append(Check(i, _norm(m.group(3)), bool(m.group(2))))
    return out


def strip_checks(source: str) -> str:
    """The source without its CHECK lines, so expectations never match themselves."""
    return "".join(line for line in source.splitlines(keepends=True) if not _DIRECTIVE.search(line))


def match(checks: list[Check], output: str) -> list[str]:
    """Problems found; empty when every check matched."""
    lines = [_norm(x) for x in output.splitlines()]
    problems: list[str] = []
    pos = 0
    pending_not: list[Check] = []
    for check in checks:
        if check.negative:
            pending_not.append(check)
            continue
        found = next((i for i in range(pos, len(lines)) if check.text in lines[i]), None)
        if found is None:
            problems.append(f"line {check.line}: expected {check.text!r} after output line {pos}")
            break
        for neg in pending_not:
            hit = next((i for i in range(pos, found) if neg.text in lines[i]), None)
            if hit is not None:
                problems.append(f"line {neg.line}: {neg.text!r} must not appear, but output line {hit + 1} has it")
        pending_not = []
        pos = found + 1
    for neg in pending_not:
        hit = next((i for i in range(pos, len(lines)) if neg.text in lines[i]), None)
        if hit is not None:
            problems.append(f"line {neg.line}: {neg.text!r} must not appear, but output line {hit + 1} has it")
    return problems
