"""Shared fixtures of the difftest tests: the corpus location and availability checks of the pipeline pieces."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.conftest import tool_missing

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "cases"


def pipeline_ready() -> str:
    """Why the OpenCL pipeline cannot run here ('' when it can)."""
    if importlib.util.find_spec("translator.targets.opencl") is None:
        return "the OpenCL target is not in this checkout"
    if not Path("/etc/OpenCL/vendors").is_dir() or not list(Path("/etc/OpenCL/vendors").glob("*pocl*")):
        return "no PoCL ICD"
    if shutil.which("g++") is None:
        return "no g++"
    return ""


@pytest.fixture
def need_pipeline() -> None:
    why = pipeline_ready()
    if why:
        tool_missing(why)


@pytest.fixture
def need_oclgrind() -> None:
    if shutil.which("oclgrind") is None:
        tool_missing("oclgrind not installed")
