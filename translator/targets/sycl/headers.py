"""SYCL target, kernels of included project headers: a launch in `main.cu` of a kernel defined in
`kernel.h` needs that kernel's analysis (its __shared__ variables become local_accessors made at the launch,
its warp use asks for a sub-group size). Each header is parsed and analysed once per process.
Input: the including FileContext. Output: the headers' FileAnalysis objects, dependencies first.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from translator.frontend.includes import input_root, local_headers
from translator.targets.header_pass import header_pass
from translator.targets.sycl import analysis
from translator.targets.sycl.analysis import FileAnalysis, analyse

if TYPE_CHECKING:
    from translator.engine.context import FileContext

class _Analyser:
    """Target stand-in that runs the SYCL rule handlers on a header and keeps its analysis."""

    def __init__(self, base) -> None:  # type: ignore[no-untyped-def]
        self.base, self.name = base, base.name
        self.analysis: FileAnalysis | None = None

    def handle(self, handler, site, rule, mapping, ctx) -> bool:  # type: ignore[no-untyped-def]
        return self.base.handle(handler, site, rule, mapping, ctx)

    def structural(self, ctx: FileContext) -> None:
        self.analysis = analyse(ctx)

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        return self.base.output_path(rel, is_cuda)


def header_analyses(ctx: FileContext) -> list[FileAnalysis]:
    """The analyses of the project headers `ctx`'s file includes (transitively)."""
    path = Path(ctx.parsed.path)
    root = input_root(path, ctx.rel)
    out = []
    for header in local_headers(path, ctx.parsed.data, root, (".cu",)):
        an = _analysis(header, root, ctx)
        if an is not None:
            out.append(an)
    return out


def _analysis(path: Path, root: Path, ctx: FileContext) -> FileAnalysis | None:
    return header_pass(path, root, ctx.rules, ctx.options, _Analyser(ctx.target), lambda a, _name: a.analysis)


analysis.HEADER_ANALYSES = header_analyses
