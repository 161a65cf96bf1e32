"""Shared fixtures and environment markers: tests that need a tool skip cleanly when it is missing."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

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


# A module- or session-scoped fixture defined in a test module (a translated and built corpus, nvcc over every program)
_SHARED_FIXTURE = re.compile(r"@pytest\.fixture\(\s*scope\s*=\s*[\"'](?:module|session|package|class)[\"']")


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook; without pytest-xdist it is never called
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """The scheduler of `-n N` (the README's test command runs `-n auto`): a test module that defines a module- or
    session-scoped fixture runs whole on one worker, so that fixture is made once and not once per worker; every
    other test goes on its own to whichever worker is free. The grouped modules are handed out first (xdist's
    loadscope orders its units by size). An explicit `--dist` other than `load` keeps xdist's own scheduler."""
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    root = config.rootpath
    shared: dict[str, bool] = {}

    def shares_fixtures(module: str) -> bool:
        if module not in shared:
            path = root / module
            shared[module] = path.suffix == ".py" and path.is_file() and bool(_SHARED_FIXTURE.search(path.read_text()))
        return shared[module]

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if shares_fixtures(module) else nodeid

    return SharedFixtureScheduling(config, log)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("hipcc", "oclgrind", "nvcc", "chromium", "opencl", "sycl_headers", "gxx", "make", "cmake"):
        if item.get_closest_marker(marker) and not available(marker):
            tool_missing(f"{marker} not available")


def shared_dir(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A directory of this test run that every pytest-xdist worker sees (the run's base temp directory; each worker
    has its own below it). Put what a session fixture builds there, under `shared_lock`, to build it once a run."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    path = base / name
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def shared_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the file `path` across processes (the xdist workers): the first worker builds, the
    others wait and find the result."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
