"""The OpenCL runtime shim under Oclgrind (no SVM, so the handle-table path): the test programs pass and
Oclgrind reports no invalid accesses or data races. Oclgrind exits 0 even when it finds errors, so its
stderr is parsed; a deliberately out-of-bounds kernel proves the parsing catches them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_program

pytestmark = [pytest.mark.opencl, pytest.mark.oclgrind]

OCLGRIND_ERROR = re.compile(r"Invalid (read|write)|data race|Uninitialized value|out-of-bounds|"
                            r"Oclgrind.*(error|Error)", re.IGNORECASE)


def oclgrind_errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if OCLGRIND_ERROR.search(ln)]


@pytest.mark.parametrize(("program", "args"), [("memcpy_kinds", ["handles"]), ("symbols_local", []),
                                               ("errors", [])])
def test_program_is_clean_under_oclgrind(build_program: Callable[[str], Path], program: str,
                                         args: list[str]) -> None:
    proc = run_program(build_program(program), *args, oclgrind=True, env={"CUDAPORT_OPENCL_VERBOSE": "1"})
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert proc.stdout.rstrip().endswith("PASS"), proc.stdout
    assert "Oclgrind" in proc.stderr and "device pointers: handle table" in proc.stderr, proc.stderr
    assert oclgrind_errors(proc.stderr) == [], proc.stderr


def test_out_of_bounds_write_is_detected_by_oclgrind(build_program: Callable[[str], Path]) -> None:
    proc = run_program(build_program("oob_write"), oclgrind=True)
    assert proc.returncode == 0, proc.stderr
    assert any("Invalid write" in ln for ln in oclgrind_errors(proc.stderr)), proc.stderr
