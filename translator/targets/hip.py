"""HIP target: CUDA → HIP is mostly renames (rules/), so this emitter only handles the structural parts:
`<<<>>>` launches (kept, or hipLaunchKernelGGL on request), the implicit CUDA runtime include that nvcc adds
to every .cu file, and output file names (.cu kept unless `.hip` is asked for).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from translator.edits import Edit

if TYPE_CHECKING:
    from translator.engine import FileContext
    from translator.model import KernelLaunch, NameSite
    from translator.ruleset import Rule, TargetRule

CUDA_SUFFIXES = (".cu", ".cuh")


@dataclass
class HipTarget:
    name: str = "hip"
    extension: str | None = None  # ".hip" renames .cu files; None keeps them

    def handle(self, handler: str, site: NameSite, rule: Rule, mapping: TargetRule, ctx: FileContext) -> bool:
        if handler == "launch_bounds":
            # One argument means the same on HIP; the second (min blocks per SM) means min warps per EU there.
            if len(site.args) >= 2:
                ctx.report("CP2003", site.span, "__launch_bounds__: the second argument is the minimum number of "
                           "warps per execution unit on HIP, not blocks per multiprocessor", api=site.name,
                           family=rule.family)
            return True
        return False

    def structural(self, ctx: FileContext) -> None:
        parsed = ctx.parsed
        if ctx.options.hip_launch_ggl:
            for launch in parsed.launches:
                ctx.edits.append(Edit(launch.span.offset, launch.span.length, origin="hipLaunchKernelGGL",
                                      build=lambda render, ln=launch: _ggl(ln, render)))
        uses_cuda = bool(parsed.launches or parsed.kernels or ctx.uses or parsed.shared)
        if uses_cuda and ctx.rel.suffix in CUDA_SUFFIXES:
            # nvcc includes cuda_runtime.h in every .cu file implicitly; hipcc needs it spelled out.
            ctx.need_include("hip/hip_runtime.h")

    def output_path(self, rel: PurePosixPath, is_cuda: bool) -> PurePosixPath:
        if is_cuda and self.extension and rel.suffix == ".cu":
            return rel.with_suffix(self.extension)
        return rel


def _ggl(launch: KernelLaunch, render) -> str:  # type: ignore[no-untyped-def]
    kernel = render(launch.callee.offset, launch.callee.end)
    if "<" in kernel:
        kernel = f"HIP_KERNEL_NAME({kernel})"
    parts = [kernel, _dim3(render(launch.grid.offset, launch.grid.end)),
             _dim3(render(launch.block.offset, launch.block.end)),
             render(launch.shmem.offset, launch.shmem.end) if launch.shmem else "0",
             render(launch.stream.offset, launch.stream.end) if launch.stream else "0"]
    parts += [render(a.offset, a.end) for a in launch.args]
    return f"hipLaunchKernelGGL({', '.join(parts)})"


def _dim3(text: str) -> str:
    return text if text.startswith("dim3(") and text.endswith(")") else f"dim3({text})"


def make(**options: object) -> HipTarget:
    ext = options.get("extension")
    return HipTarget(extension=str(ext) if ext else None)
