"""The protocol every target emitter implements, and the registry that maps `--to NAME` to one.

The engine calls `handle()` for rules whose mapping names a handler and `structural()` once per file for
rewrites that are not one-to-one (launches, kernels moving to another file). Emitters add Edits, Findings
and extra output files to the FileContext; they never write to disk.
"""

from __future__ import annotations

import importlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from translator.engine import FileContext
    from translator.model import NameSite
    from translator.ruleset import Rule, TargetRule

_TARGETS = {"hip": "translator.targets.hip", "sycl": "translator.targets.sycl", "opencl": "translator.targets.opencl"}


class Target(Protocol):
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


class UnknownTarget(ValueError):
    pass


def target_names() -> list[str]:
    return list(_TARGETS)


def get_target(name: str, **options: object) -> Target:
    if name not in _TARGETS:
        raise UnknownTarget(f"unknown target {name!r}: choose one of {', '.join(_TARGETS)}")
    try:
        module = importlib.import_module(_TARGETS[name])
    except ModuleNotFoundError as exc:
        raise UnknownTarget(f"target {name!r} is not available in this build ({exc.name})") from None
    return module.make(**options)
