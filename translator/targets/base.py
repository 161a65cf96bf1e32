"""The registry that maps `--to NAME` to a target emitter (the Target protocol it returns lives in
translator/engine/context.py, beside the FileContext it works on).

The engine calls `handle()` for rules whose mapping names a handler and `structural()` once per file for
rewrites that are not one-to-one (launches, kernels moving to another file). Emitters add Edits, Findings
and extra output files to the FileContext; they never write to disk.
"""

from __future__ import annotations

import importlib

from translator.engine.context import Target

__all__ = ["Target", "UnknownTarget", "get_target", "target_names"]

_TARGETS = {"hip": "translator.targets.hip", "sycl": "translator.targets.sycl", "opencl": "translator.targets.opencl"}


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
