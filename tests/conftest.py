"""Shared fixtures and environment markers: tests that need a tool skip cleanly when it is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent


def _has_opencl() -> bool:
    try:
        import pyopencl as cl

        return any(p.get_devices() for p in cl.get_platforms())
    except Exception:  # noqa: BLE001
        return False


def _nvcc() -> str | None:
    from translator.build.toolchains import nvcc

    return nvcc()


def _has_sycl_headers() -> bool:
    from translator.build.toolchains import sycl_include_dir

    return sycl_include_dir() is not None


_CHECKS = {
    "hipcc": lambda: shutil.which("hipcc") is not None,
    "oclgrind": lambda: shutil.which("oclgrind") is not None,
    "nvcc": lambda: _nvcc() is not None,
    "gxx": lambda: shutil.which("g++") is not None,
    "make": lambda: shutil.which("make") is not None,
    "cmake": lambda: shutil.which("cmake") is not None,
    "chromium": lambda: shutil.which("chromium") is not None,
    "opencl": _has_opencl,
}
_CACHE: dict[str, bool] = {}


def available(marker: str) -> bool:
    if marker not in _CACHE:
        check = _CHECKS.get(marker)
        if marker == "sycl_headers":
            try:
                _CACHE[marker] = _has_sycl_headers()
            except ImportError:
                _CACHE[marker] = False
        else:
            _CACHE[marker] = check() if check else True
    return _CACHE[marker]


def tool_missing(reason: str) -> NoReturn:
    """Skip a test that lacks a tool, or fail it where every tool must be present (CUDAPORT_REQUIRE_TOOLS=1, as
    CI sets). Fixtures and test bodies call this instead of pytest.skip, so no skip gets round that setting."""
    if os.environ.get("CUDAPORT_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{reason}: required in this environment (CUDAPORT_REQUIRE_TOOLS=1) but missing")
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("hipcc", "oclgrind", "nvcc", "chromium", "opencl", "sycl_headers", "gxx", "make", "cmake"):
        if item.get_closest_marker(marker) and not available(marker):
            tool_missing(f"{marker} not available")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
