"""Fixtures for the OpenCL target tests: a PoCL context and queue for the tests that build and run the .cl we
emit (marked `opencl`); they skip when pyopencl or the PoCL platform is missing."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest


@pytest.fixture(scope="session")
def pocl() -> tuple[ModuleType, Any, Any]:
    """(the pyopencl module, a context on PoCL's devices, a command queue)."""
    cl = pytest.importorskip("pyopencl")
    plats = [p for p in cl.get_platforms() if "portable computing language" in p.name.lower()]
    if not plats:
        pytest.skip("no PoCL platform")
    ctx = cl.Context(plats[0].get_devices())
    return cl, ctx, cl.CommandQueue(ctx)
