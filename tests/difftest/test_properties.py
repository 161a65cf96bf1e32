"""Property-based inputs: hypothesis draws sizes (including 1, sizes not divisible by the block size, and 0 where
the case allows it) and seeds for a subset of cases; the harness reads sizes at run time, so one build serves all
examples. A failure is shrunk by hypothesis and reported as a reproducible `cudaport test` command line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import tool_missing
from tests.difftest.conftest import CORPUS, pipeline_ready
from translator.difftest import runner
from translator.difftest.schema import Case, load_case

pytestmark = [pytest.mark.slow, pytest.mark.opencl]
SUBSET = ["saxpy", "reduce_two_pass_int", "matmul_tiled", "scan_three_kernel", "histogram_global",
          "transpose_padded"]


def sizes_strategy(case: Case) -> st.SearchStrategy[dict[str, int]]:
    """Sizes within the case's `property:` ranges, biased toward edges (min, 1, block-size neighbours)."""
    parts = {}
    for name, (lo, hi) in case.prop.items():
        edges = [v for v in (lo, 1, 31, 32, 33, 127, 128, 129, 255, 257, hi) if lo <= v <= hi]
        parts[name] = st.one_of(st.sampled_from(edges), st.integers(lo, hi))
    return st.fixed_dictionaries(parts)


def repro(case: Case, sizes: dict[str, int], seed: int) -> str:
    flags = " ".join(f"--size {k}={v}" for k, v in sizes.items())
    return f"cudaport test {case.dir} {flags} --seed {seed}"


@pytest.mark.parametrize("name", SUBSET)
def test_case_holds_for_drawn_sizes_and_seeds(name: str) -> None:
    why = pipeline_ready()
    if why:
        tool_missing(why)
    case = load_case(CORPUS / name)
    assert case.prop, f"{name} declares no property ranges"
    opts = runner.Options(devices=["pocl"])

    @settings(max_examples=8, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(sizes=sizes_strategy(case), seed=st.integers(0, 2**31 - 1))
    def check(sizes: dict[str, int], seed: int) -> None:
        env = case.env("small", sizes)
        assume(not case.check_constraints(env))  # a draw the case rejects is no example, not a pass
        res = runner.run_case(case, opts, overrides=sizes, seed=seed)
        detail = res.stage_error or "; ".join(r.message for r in res.runs if r.message)
        assert res.ok, f"reproduce with: {repro(case, sizes, seed)}\n{detail[:1500]}"

    check()


def test_failure_is_shrunk_and_reported_as_a_command_line() -> None:
    why = pipeline_ready()
    if why:
        tool_missing(why)
    from tests.difftest.test_mutants import _drop_barriers, _edit_kernels

    case = load_case(CORPUS / "reverse_static_shared")
    opts = runner.Options(devices=["pocl"], mutate=_edit_kernels(_drop_barriers), mutate_id="drop_barriers")

    @settings(max_examples=10, deadline=None, derandomize=True, database=None)
    @given(sizes=sizes_strategy(case), seed=st.integers(0, 2**31 - 1))
    def check(sizes: dict[str, int], seed: int) -> None:
        res = runner.run_case(case, opts, overrides=sizes, seed=seed)
        assert res.ok, f"reproduce with: {repro(case, sizes, seed)}"

    with pytest.raises(AssertionError) as err:
        check()
    # shrunk to the smallest size and seed that still fail
    assert f"cudaport test {case.dir} --size blocks=1 --seed 0" in str(err.value)
