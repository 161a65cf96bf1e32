"""Case files: every corpus case validates and its oracle runs; broken case files give one-line FILE:LINE errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.difftest.conftest import CORPUS
from translator.difftest import expr, harness, inputs
from translator.difftest.schema import CaseError, discover, load_case

CASES = discover([CORPUS])


def test_corpus_has_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_corpus_case_loads_generates_and_oracle_runs(case_dir: Path) -> None:
    case = load_case(case_dir)
    env = case.env("small")
    assert case.check_constraints(env) is None
    values = inputs.make_inputs(case, env, seed=1)
    expected = inputs.run_oracle(case, values, env)
    for out in case.outputs():
        assert expected[out.name].shape == inputs.shape_of(out, env)
    if "medium" in case.sizes:
        assert case.check_constraints(case.env("medium")) is None
    assert "int main(" in harness.generate(case)


def _write(tmp_path: Path, yaml_text: str, kernel: str = "__global__ void k(float* x) {}\n") -> Path:
    (tmp_path / "kernel.cu").write_text(kernel)
    (tmp_path / "case.yaml").write_text(yaml_text)
    return tmp_path


GOOD = """\
sizes:
  small: {n: 10}
buffers:
  x: {dtype: float32, shape: [n], output: true}
kernels:
  - {name: k, grid: [1], block: ["n"], args: [x]}
"""


@pytest.mark.parametrize("bad, line, words", [
    (GOOD.replace("float32", "float33"), 4, "unknown dtype 'float33'"),
    (GOOD.replace("args: [x]", "args: [y]"), 6, "'y' is not a buffer, scalar"),
    (GOOD.replace('block: ["n"]', 'block: ["m * 2"]'), 6, "unknown name 'm'"),
    (GOOD.replace('grid: [1]', 'grid: [cdiv(n, 2)]'), 6, "quote expressions with commas"),
    (GOOD.replace("output: true", "output: true, tol: {ulp: -1}"), 4, "non-negative"),
    (GOOD.replace("small: {n: 10}", "small: {n: 10}\n  medium: {m: 10}"), 3, "same names"),
    (GOOD + "colour: red\n", 7, "unknown key 'colour'"),
    (GOOD.replace("{n: 10}", "{off: 10}"), 2, "boolean"),
    (GOOD.replace("kernels:", "kernels:\n  - {name: k, grid: [1], block: [1], args: [x], stream: 2}"), 6, "stream"),
    (GOOD.replace("kernels:", "kernels:\n  - {call: host_step, args: [x, q]}"), 6, "'q' is not a buffer, scalar"),
    (GOOD.replace("kernels:", "kernels:\n  - {call: 3, args: [x]}"), 6, "name of a host function"),
])
def test_bad_case_file_is_one_line_with_file_and_line(tmp_path: Path, bad: str, line: int, words: str) -> None:
    with pytest.raises(CaseError) as err:
        load_case(_write(tmp_path, bad))
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith(f"{tmp_path / 'case.yaml'}:{line}: "), msg
    assert words in msg


def test_missing_oracle_needs_an_output(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="no output"):
        load_case(_write(tmp_path, GOOD.replace(", output: true", "")))


def test_user_case_without_oracle_loads(tmp_path: Path) -> None:
    case = load_case(_write(tmp_path, GOOD))
    assert not case.has_oracle and [a.name for a in case.outputs()] == ["x"]


def test_generators_are_seeded_and_mix_special_values(tmp_path: Path) -> None:
    case = load_case(_write(tmp_path, GOOD.replace("output: true", "output: true, init: {uniform: [-1, 1], "
                                                   "specials: [nan, negzero], special_rate: 0.5}")))
    env = case.env("small", {"n": 4000})
    a = inputs.make_inputs(case, env, 7)["x"]
    b = inputs.make_inputs(case, env, 7)["x"]
    c = inputs.make_inputs(case, env, 8)["x"]
    assert np.array_equal(a, b, equal_nan=True) and not np.array_equal(a, c, equal_nan=True)
    assert np.isnan(a).sum() > 500 and (np.signbit(a) & (a == 0)).sum() > 500


def test_size_expressions_match_between_python_and_cpp() -> None:
    env = {"n": 1000, "bs": 96}
    assert expr.evaluate("cdiv(n, bs) * bs - n", env) == 56
    assert expr.evaluate("log2(n) + pow2ceil(n)", env) == 9 + 1024
    assert expr.to_cpp("cdiv(n, bs) // 2", {"n": "cp_sz_n"}) == "(cp_cdiv(cp_sz_n, bs) / 2LL)"
    with pytest.raises(expr.ExprError):
        expr.parse("__import__('os')")


def test_call_step_calls_a_host_function_of_the_kernel_file(tmp_path: Path) -> None:
    kernel = "__global__ void k(float* x) {}\nvoid host_step(int n, float* x) {}\n"
    text = GOOD.replace("kernels:", "kernels:\n  - {call: host_step, args: [n, {buffer: x, offset: 2}]}")
    src = harness.generate(load_case(_write(tmp_path, text, kernel)))
    call = src.index("host_step(cp_a0, cp_a1);")
    assert src.index("float* cp_a1 = d_x + 2LL;") < call < src.index("k<<<")
