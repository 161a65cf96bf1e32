"""Device code of the project headers a CUDA file includes (`#include "common.cuh"`), for that file's OpenCL
program: each header is parsed and run through the rules once per process, and its device functions, types,
constants, macros and kernel prototypes come back translated, with byte ranges in the header.

Input: the including file's path and bytes, the input root, the rule set. Output: HeaderPart per header,
dependencies first; the emitter merges them into the file's .cl (functions shifted by `HeaderPart.shift`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from translator.engine.edits import Edit, apply_edits
from translator.frontend.sites import TokenView, find_kernels
from translator.model import KernelDef, Severity
from translator.targets.header_pass import header_pass
from translator.targets.opencl.halfconv import explicit_half_conversions
from translator.targets.opencl.scan import DeviceScan, scan_device

if TYPE_CHECKING:
    from translator.engine.context import FileContext, Options
    from translator.engine.ruleset import RuleSet

DEVICE_FAMILIES = ("device", "math", "types")  # the first two name what OpenCL C lacks, not the host
SHIFT = 1 << 40  # header k's offsets are shifted by k * SHIFT inside the including file's program


@dataclass
class DeviceTexts:
    """The device parts of one file after the rule edits."""

    texts: dict[int, str] = field(default_factory=dict)  # function start -> translated definition
    decls: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) -> translated declaration
    poisoned: dict[int, str] = field(default_factory=dict)  # function start -> "CPnnnn: message"


@dataclass
class HeaderPart:
    path: Path
    name: str  # as shown in comments and diagnostics (relative to the input root where possible)
    scan: DeviceScan
    device: DeviceTexts
    prototypes: list[KernelDef]  # __global__ declarations without a body
    view: TokenView
    shift: int = 0
    launched: frozenset[str] = frozenset()  # kernels the header's host code launches


def called_at(data: bytes, offset: int) -> bool:
    """False for a finding on a name that is not called here (a variable named like a math function)."""
    m = re.match(rb"[A-Za-z_]\w*\s*(\(|<)?", data[offset:offset + 80])
    return not m or m.group(1) is not None


def take_device_edits(ctx: FileContext, scan: DeviceScan) -> DeviceTexts:
    """Splits ctx.edits: edits inside device functions/variables are applied to their text (and leave the host
    file); edits inside top-level declarations are applied to a copy of them for the .cl; device-only rule
    edits leave the host file."""
    data = ctx.parsed.data
    dev_ranges = scan.ranges()
    decl_ranges = [(d.start, d.end) for d in scan.decls]
    moved: dict[tuple[int, int], list[Edit]] = {r: [] for r in dev_ranges}
    decl_edits: dict[tuple[int, int], list[Edit]] = {r: [] for r in decl_ranges}
    keep: list[Edit] = []
    for e in ctx.edits:
        r = next((r for r in dev_ranges if r[0] <= e.offset and e.end <= r[1]), None)
        if r is not None:
            moved[r].append(e)
            continue
        d = next((d for d in decl_ranges if d[0] <= e.offset and e.end <= d[1]), None)
        if d is not None:
            decl_edits[d].append(e)
        rule = ctx.rules.get(e.origin)
        if rule is not None and rule.family in DEVICE_FAMILIES and rule.kind != "header":
            continue
        keep.append(e)
    ctx.edits[:] = keep

    def translated(start: int, end: int, edits: list[Edit]) -> str:
        out, _ = apply_edits(data[:end], edits)
        return out[start:].decode("utf-8", "surrogateescape")

    out = DeviceTexts()
    for f in scan.funcs:
        out.texts[f.start] = translated(f.start, f.end, moved[(f.start, f.end)])
        bad = [x for x in ctx.findings if x.offset is not None and f.start <= x.offset < f.end
               and (x.severity == Severity.ERROR or x.code in ("CP3006", "CP3007")) and called_at(data, x.offset)]
        if bad:
            out.poisoned[f.start] = f"{bad[0].code}: {bad[0].message}".replace('"', "'").replace("\\", "/")
    for d in scan.decls:
        out.decls[(d.start, d.end)] = translated(d.start, d.end, decl_edits[(d.start, d.end)])
    return out


def retract_host_findings(ctx: FileContext, scan: DeviceScan) -> None:
    """Drops the errors of device and math rules at sites in host code, with their inline comments.

    Those function rules say what OpenCL C lacks (no `clock` cycle counter, no `j1`); host code stays C++ and keeps the
    C library that the shim header includes, so `clock()` in a host timer or a parameter named `j1` in a host
    prototype is no problem there. Sites in device code and in declarations that may move to the .cl (macros,
    constants, types) keep their diagnostics; a type without `__device__` members has only host code in it
    (a call in a type is in a member function or an initializer).
    """
    data = ctx.parsed.data
    keep_ranges = scan.ranges() + [(d.start, d.end) for d in scan.decls
                                   if d.kind != "type" or b"__device__" in data[d.start:d.end]]
    dropped: set[tuple[int, str]] = set()
    kept: list = []
    for f in ctx.findings:
        rule = ctx.rules.get(f.api) if f.api else None
        if (f.family in DEVICE_FAMILIES[:2] and f.severity == Severity.ERROR and f.offset is not None
                and rule is not None and rule.kind == "function"  # a type (__nv_bfloat16) is the host's too
                and not any(a <= f.offset < b for a, b in keep_ranges)):
            dropped.add((f.offset, f.code))
            continue
        kept.append(f)
    if not dropped:
        return
    ctx.findings[:] = kept
    ctx.edits[:] = [e for e in ctx.edits if not (e.length == 0 and e.origin.startswith("diagnostic ")
                                                 and (e.offset, e.origin.split()[-1]) in dropped)]


class _Collector:
    """Target stand-in that runs the OpenCL rule handlers on a header and keeps its device parts."""

    def __init__(self, base) -> None:  # type: ignore[no-untyped-def]
        self.base = base
        self.name = base.name
        self.part: tuple[DeviceScan, DeviceTexts, TokenView] | None = None
        self.launched: frozenset[str] = frozenset()

    def handle(self, handler, site, rule, mapping, ctx) -> bool:  # type: ignore[no-untyped-def]
        return self.base.handle(handler, site, rule, mapping, ctx)

    def structural(self, ctx: FileContext) -> None:
        view = TokenView.build(ctx.parsed.data, ctx.parsed.tokens)
        scan = scan_device(view)
        explicit_half_conversions(ctx, scan.ranges())  # where the header was parsed with clang (needs_ast)
        self.part = (scan, take_device_edits(ctx, scan), view)
        ranges = scan.ranges()
        self.launched = frozenset(ln.kernel.split("<")[0].strip().split("::")[-1] for ln in ctx.parsed.launches
                                  if not any(a <= ln.span.offset < b for a, b in ranges))

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        return self.base.output_path(rel, is_cuda)


def header_part(path: Path, root: Path, rules: RuleSet, options: Options, target) -> HeaderPart | None:  # type: ignore[no-untyped-def]
    """The translated device parts of one header (cached per process by path, size and mtime)."""

    def keep(collector: _Collector, name: str) -> HeaderPart | None:
        if collector.part is None:
            return None
        scan, device, view = collector.part
        protos = [k for k in find_kernels(view, "__global__") if k.body is None]
        return HeaderPart(path, name, scan, device, protos, view, launched=collector.launched)

    return header_pass(path, root, rules, options, _Collector(target), keep, needs_ast)


_DEVICE_CODE = re.compile(rb"\b__(?:global|device)__\b")
_HALF_TYPES = re.compile(rb"\b(?:__half2?|half2?|__nv_bfloat162?|nv_bfloat162?)\b")


def needs_ast(data: bytes) -> bool:
    """Whether a header's device code reaches the .cl only right with clang's AST: half/bfloat16 operators and
    conversions are written out from the types clang gives the expressions (halfconv.py), which the tokens do not
    show (`a * b` on two __half). Other headers are parsed without clang, which takes seconds per header."""
    return bool(_DEVICE_CODE.search(data) and _HALF_TYPES.search(data))
