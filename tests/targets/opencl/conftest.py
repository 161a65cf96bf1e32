"""Fixtures for the OpenCL target tests: a PoCL context and queue for the tests that build and run the .cl we
emit (marked `opencl`); they skip (fail with CUDAPORT_REQUIRE_TOOLS=1) when pyopencl or the PoCL platform is missing.
`pocl_run` builds a program and runs one kernel over numpy arrays, the buffer boilerplate of those tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import numpy as np
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


def _runner(cl: ModuleType, ctx: Any, q: Any) -> Callable[..., Any]:
    """run(program, kernel, global_size, local_size, *args, options=()) -> the built program: builds `program`
    (OpenCL C text, or a built program, for a second kernel or a SPIR binary) in `ctx` with the build options,
    runs `kernel` once, and waits for it. A numpy array argument goes in as a buffer and the kernel's result is
    read back into the array; any other argument (np.int32(n), cl.LocalMemory(...)) is passed as it is."""

    def run(program: Any, kernel: str, global_size: tuple[int, ...], local_size: tuple[int, ...] | None, *args: Any,
            options: Sequence[str] = ()) -> Any:
        prog = cl.Program(ctx, program).build(options=list(options)) if isinstance(program, str) else program
        flags = cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR
        passed = [cl.Buffer(ctx, flags, hostbuf=a) if isinstance(a, np.ndarray) else a for a in args]
        getattr(prog, kernel)(q, global_size, local_size, *passed)
        for host, dev in zip(args, passed, strict=True):
            if isinstance(host, np.ndarray):
                cl.enqueue_copy(q, host, dev)
        q.finish()
        return prog

    return run


@pytest.fixture(scope="session")
def pocl_run(pocl: tuple[ModuleType, Any, Any]) -> Callable[..., Any]:
    """_runner on the PoCL context of `pocl`."""
    return _runner(*pocl)


@pytest.fixture(scope="session")
def pocl_spir() -> Any:
    """build(cl_text) -> a built pyopencl Program, for C++ for OpenCL programs (cxxonly.MARKER): compiled with
    clang-15 to SPIR as the runtime shim does, then built on a PoCL device that takes SPIR (Debian's PoCL; the
    pip one does not). Also gives .cl, .ctx, .queue and .run (_runner in that context, for the built program)."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path
    from types import SimpleNamespace

    try:
        import pyopencl as cl
    except ImportError:
        tool_missing("pyopencl not installed")
    clang = shutil.which("clang-15") or shutil.which("clang")
    if clang is None:
        tool_missing("no clang-15 for C++ for OpenCL")
    devs = [d for p in cl.get_platforms() if "portable computing language" in p.name.lower()
            for d in p.get_devices() if "cl_khr_spir" in d.extensions]
    if not devs:
        tool_missing("no PoCL device that takes SPIR")
    ctx = cl.Context(devs[:1])

    def build(cl_text: str):  # type: ignore[no-untyped-def]
        with tempfile.TemporaryDirectory() as tmp:
            src, bc = Path(tmp) / "k.cl", Path(tmp) / "k.bc"
            src.write_text(cl_text)
            res = subprocess.run([clang, "-x", "cl", "-cl-std=clc++", "-target", "spir64-unknown-unknown",
                                  "-emit-llvm", "-c", "-O2", str(src), "-o", str(bc)], capture_output=True, text=True)
            assert res.returncode == 0, res.stderr[-3000:]
            return cl.Program(ctx, ctx.devices, [bc.read_bytes()]).build(options="-x spir -spir-std=1.2")

    queue = cl.CommandQueue(ctx)
    return SimpleNamespace(build=build, cl=cl, ctx=ctx, queue=queue, run=_runner(cl, ctx, queue))
