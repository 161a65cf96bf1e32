"""Shared fixtures and environment markers: tests that need a tool skip cleanly when it is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _has_opencl() -> bool:
    try:
        import pyopencl as cl

        return any(p.get_devices() for p in cl.get_platforms())
    except Exception:  # noqa: BLE001
        return False


def _has_sycl_headers() -> bool:
    from translator.targets_support import sycl_include_dir

    return sycl_include_dir() is not None


_CHECKS = {
    "hipcc": lambda: shutil.which("hipcc") is not None,
    "oclgrind": lambda: shutil.which("oclgrind") is not None,
    "nvcc": lambda: shutil.which("nvcc") is not None or os.path.exists("/usr/local/cuda/bin/nvcc"),
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


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("hipcc", "oclgrind", "nvcc", "chromium", "opencl", "sycl_headers"):
        if item.get_closest_marker(marker) and not available(marker):
            if os.environ.get("CUDAPORT_REQUIRE_TOOLS") == "1":
                pytest.fail(f"{marker} is required in this environment (CUDAPORT_REQUIRE_TOOLS=1) but missing")
            pytest.skip(f"{marker} not available")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
