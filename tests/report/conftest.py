"""Fixtures for the report tests: the hand-counted sample project analysed once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from translator.api import default_rules
from translator.project.tree import discover
from translator.report.build import analyse
from translator.report.effort import load_weights
from translator.report.model import Report

DATA = Path(__file__).parent / "data"


def _analyse_dir(path: Path, targets: list[str]) -> Report:
    return analyse(discover(path), targets, default_rules(), load_weights(), source=path.name)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def analyse_dir() -> Callable[[Path, list[str]], Report]:
    """Analyse a directory for the given targets with the built-in rules and weights."""
    return _analyse_dir


@pytest.fixture(scope="session")
def sample_report() -> Report:
    """The sample analysed for every target (rule loading is slow: one analysis serves all the tests)."""
    return _analyse_dir(DATA / "sample", ["hip", "sycl", "opencl"])
