"""Mutants: deliberately wrong translations must be caught by the tester. Each mutant is a user rule file
(--rules) or a post-processing of the translated .cl; each is paired with cases that it must break, and the
unmutated translation of the same cases must pass (so a mutant counts as caught only because of the mutation)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.difftest.conftest import CORPUS
from translator.difftest import runner
from translator.difftest.schema import load_case

pytestmark = [pytest.mark.slow, pytest.mark.opencl]
MARK = "/* translated by cudaport from"


def _edit_kernels(fn: Callable[[str], str]) -> Callable[[Path], None]:
    """Applies fn to the kernel part of every .cl file (after the prelude) of a translated tree."""
    def mutate(out: Path) -> None:
        programs = sorted(out.rglob("*.cl"))
        assert programs, f"no .cl program under {out} to mutate"
        for cl in programs:
            text = cl.read_text()
            head, sep, body = text.partition(MARK)
            if not sep:
                head, body = "", text
            new = fn(body)
            assert new != body, f"mutation did not apply to {cl.name}"
            cl.write_text(head + sep + new)
    return mutate


def _drop_barriers(body: str) -> str:
    return re.sub(r"barrier\s*\([^;]*\)\s*;", ";", body)


def _swap_xy(body: str) -> str:
    return body.replace("get_local_id(0)", "@@").replace("get_local_id(1)", "get_local_id(0)").replace(
        "@@", "get_local_id(1)")


def _shift_group(body: str) -> str:
    return body.replace("get_group_id(0)", "(get_group_id(0) + 1)", 1)


SYNC_RULES = """\
family: device
section: mutant
entries:
  __syncthreads:
    kind: function
    opencl: {template: "/* barrier removed by mutant */ (void)0"}
"""

MUTANTS = {
    "drop_barriers": (_drop_barriers, None, ["reverse_static_shared", "scan_hillis_steele"]),
    "swap_local_xy": (_swap_xy, None, ["matadd_2d", "transpose_padded"]),
    "shift_group_id": (_shift_group, None, ["saxpy", "reverse_dynamic_shared"]),
    # reverse_static_shared no longer catches it: its exchange is top-level, where the OpenCL target adds the
    # barrier CUDA code can rely on warps for; a loop-carried exchange cannot get one
    "rules_no_syncthreads": (None, SYNC_RULES, ["scan_hillis_steele"]),
}


@pytest.mark.parametrize("name", list(MUTANTS))
def test_mutant_is_caught(name: str, tmp_path: Path, need_pipeline: None) -> None:
    edit, rules_text, cases = MUTANTS[name]
    devices = ["pocl"]
    base = runner.Options(devices=devices)
    rules = []
    if rules_text:
        rules_file = tmp_path / "mutant_rules.yaml"
        rules_file.write_text(rules_text)
        rules = [rules_file]
    mutant = runner.Options(devices=devices, rules=rules, mutate=_edit_kernels(edit) if edit else None,
                            mutate_id=name)
    for case_name in cases:
        case = load_case(CORPUS / case_name)
        good = runner.run_case(case, base)
        assert good.ok, f"{case_name} must pass unmutated: {good.stage_error or [r.message for r in good.runs]}"
        bad = runner.run_case(case, mutant)
        assert not bad.ok, f"mutant {name} was not caught by {case_name}"
        print(f"mutant {name} caught by {case_name}: "
              f"{bad.stage_error or '; '.join(r.message for r in bad.runs)[:300]}")


def test_dropped_barrier_is_a_race_under_oclgrind(tmp_path: Path, need_pipeline: None, need_oclgrind: None) -> None:
    case = load_case(CORPUS / "reverse_static_shared")
    opts = runner.Options(devices=["oclgrind"], mutate=_edit_kernels(_drop_barriers), mutate_id="drop_barriers")
    res = runner.run_case(case, opts)
    assert not res.ok
    # without the barrier, work-items read tile entries no one has written yet: a race or an uninitialised read
    assert any(w in r.message.lower() for r in res.runs for w in ("race", "uninitiali", "differ")), res.runs
