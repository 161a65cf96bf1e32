"""Subcommands contributed by later stages (report, test, build): each lives in translator/commands/ and is
registered here, so the CLI core does not import stages it does not run.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

# command name -> module in translator.commands with `register(sub, add_common, add_source)` and `run(args)`
_PLUGINS = {"report": "translator.commands.report", "test": "translator.commands.test",
            "build": "translator.commands.build"}


def register_subcommands(sub: argparse._SubParsersAction, add_common: Callable, add_source: Callable) -> None:
    for _name, module_name in _PLUGINS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(sub, add_common, add_source)


def dispatch(args: argparse.Namespace) -> int:
    module = importlib.import_module(_PLUGINS[args.command])
    return module.run(args)
