"""Fixtures for the OpenCL target tests: a PoCL context and queue for the tests that build and run the .cl we
emit (marked `opencl`); they skip (fail with CUDAPORT_REQUIRE_TOOLS=1) when pyopencl or the PoCL platform is missing."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from tests.conftest import tool_missing


@pytest.fixture(scope="session")
def pocl() -> tuple[ModuleType, Any, Any]:
    """(the pyopencl module, a context on PoCL's devices, a command queue)."""
    try:
        import pyopencl as cl
    except ImportError:
        tool_missing("pyopencl not installed")
    plats = [p for p in cl.get_platforms() if "portable computing language" in p.name.lower()]
    if not plats:
        tool_missing("no PoCL platform")
    ctx = cl.Context(plats[0].get_devices())
    return cl, ctx, cl.CommandQueue(ctx)
