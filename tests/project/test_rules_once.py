"""The rules are loaded once per translate: the CLI's check before any work and the in-process run share them."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.cli import main
from translator.engine import ruleset
from translator.project import runner


def test_translate_loads_the_rules_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "k.cu").write_text("__global__ void k(float *x) { x[threadIdx.x] = 1.0f; }\n")
    calls: list[object] = []
    real = ruleset._load_builtin  # noqa: SLF001 - what every load_rules reads the rule cache through

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ruleset, "_load_builtin", counting)
    monkeypatch.setattr(runner, "_STATE", {})
    rc = main(["translate", str(src), "--to", "hip", "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    assert rc == 0
    assert (tmp_path / "out" / "k.cu").is_file()
    assert len(calls) == 1
    assert runner.preload_rules([]) is runner._STATE["rules"]  # noqa: SLF001
    assert len(calls) == 1  # asked again: the same rules, not loaded again
