"""The real-code harness (benchmarks/realcode/): its data covers the development set, its verdict follows the
program's own PASS/FAIL, it reads compile flags from the translated Makefile, and end to end it translates,
compiles and runs a small self-verifying program we wrote, in the suite's layout, on all three targets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks" / "realcode"))

import checks  # noqa: E402
import harness  # noqa: E402
import programs  # noqa: E402
import table  # noqa: E402

SUITE = Path(__file__).parent / "data" / "suite"


def _program(**kw) -> programs.Program:
    base = dict(name="saxpy", dir="saxpy-cuda", klass="plain", lines=40, libraries=(), features=(), args="4096",
                why="test")
    base.update(kw)
    return programs.Program(**base)


def test_every_development_program_has_cpu_sized_arguments_with_a_reason() -> None:
    if not programs.DEFAULT_DEVSET.is_file():
        pytest.skip("../shared/realcode/hecbench-dev.json is not beside this checkout")
    dev = json.loads(programs.DEFAULT_DEVSET.read_text())
    chosen = programs.load_args()
    names = [p["name"] for p in dev["programs"]]
    assert len(names) == 155
    assert sorted(chosen) == sorted(names)
    assert all(isinstance(e["args"], str) and e["why"].strip() for e in chosen.values())


def test_args_outside_the_development_set_are_refused(tmp_path: Path) -> None:
    devset = tmp_path / "dev.json"
    devset.write_text(json.dumps({"commit": "0" * 40, "programs": [
        {"name": "saxpy", "dir": "saxpy-cuda", "class": "plain"}]}))
    (tmp_path / "args").mkdir()
    (tmp_path / "args" / "a.yaml").write_text("other:\n  args: ''\n  why: x\n")
    with pytest.raises(programs.SetupError, match="outside the development set"):
        programs.load_programs(devset, tmp_path / "args")


@pytest.mark.parametrize(("rc", "output", "passed"), [
    (0, "time 3 ms\nPASS\n", True),
    (0, "Test passed\n", True),
    (0, "PASS\nFAIL\n", False),          # one failing check among several is a failure
    (0, "Test failed!\n", False),
    (0, "done\n", False),                # no verdict printed is not a pass
    (1, "PASS\n", False),                # a non-zero exit is not a pass
    (124, "PASS\ntimed out after 5 s", False),
])
def test_verdict_needs_pass_no_fail_and_exit_zero(rc: int, output: str, passed: bool) -> None:
    assert checks.verdict(_program(), rc, output)[0] is passed


def test_verdict_uses_the_programs_own_patterns() -> None:
    prog = _program(pass_re=r"Verification: SUCCESS", fail_re=r"Verification: FAIL")
    assert checks.verdict(prog, 0, "Verification: SUCCESS\n")[0]
    assert not checks.verdict(prog, 0, "PASS\n")[0]


def test_first_error_prefers_the_compilers_cause_over_its_count() -> None:
    text = "Test failed!\n1 error generated.\nk.cl:3:1: error: typedef redefinition\n"
    assert checks.first_error(text) == "k.cl:3:1: error: typedef redefinition"
    build = "cudaport: error: a/main.cpp: compile error\nmain.cpp:4:1: error: 'x' was not declared\n"
    assert checks.first_error(build) == "main.cpp:4:1: error: 'x' was not declared"
    kernel = ("cudaport: error: a/k.cl: the OpenCL device rejected this kernel program: k.cl:9 (in f, translated "
              "from k.cu): use of undeclared identifier 'q'\n"
              "error: /tmp/kcache/x.cl:9:3: use of undeclared identifier 'q'\n")
    assert checks.first_error(kernel).startswith("cudaport: error: a/k.cl: the OpenCL device rejected")


@pytest.mark.make
def test_compile_flags_come_from_the_translated_makefile(tmp_path: Path) -> None:
    (tmp_path / "a.cpp").write_text("int main() {}\n")
    (tmp_path / "b.cpp").write_text("int f() { return 1; }\n")
    (tmp_path / "Makefile").write_text(
        "CC = g++ -I/opt/shim/include\nCFLAGS = -std=c++14 -O3 -Wall -I../include -DUSE_X=1\n"
        "main: a.o b.o\n\t$(CC) $(CFLAGS) a.o b.o -o main\n%.o: %.cpp\n\t$(CC) $(CFLAGS) -c $< -o $@\n")
    units = checks.make_units(tmp_path)
    assert [u.source for u in units] == ["a.cpp", "b.cpp"]
    assert units[0].flags == ("-I/opt/shim/include", "-std=c++14", "-I../include", "-DUSE_X=1")
    assert checks.makefile_defines(tmp_path) == ("USE_X=1",)
    assert checks.makefile_includes(tmp_path, Path("/out/prog")) == ("/opt/shim/include", "/out/include")


def test_summary_counts_per_class_and_target() -> None:
    progs = [{"name": "a", "class": "plain", "targets": {"hip": {"stage": "compile", "passed": True}}},
             {"name": "b", "class": "plain", "targets": {"hip": {"stage": "compile", "passed": False}}}]
    s = table.summary(progs)
    assert s["plain"]["hip"] == {"passed": 1, "checked": 2, "total": 2}
    assert s["library"]["opencl"] == {"passed": 0, "checked": 0, "total": 0}


def test_long_timeout_is_read_and_bounded(tmp_path: Path) -> None:
    devset = tmp_path / "dev.json"
    devset.write_text(json.dumps({"commit": "0" * 40, "programs": [
        {"name": "saxpy", "dir": "saxpy-cuda", "class": "plain"},
        {"name": "big", "dir": "big-cuda", "class": "plain"}]}))
    (tmp_path / "args").mkdir()
    (tmp_path / "args" / "a.yaml").write_text("saxpy:\n  args: ''\n  why: x\n  skip_run: fixed sizes\n"
                                             "  long_timeout: 900\nbig:\n  args: ''\n  why: y\n"
                                             "  skip_run: hours\n  long_timeout: 99999\n")
    _commit, progs = programs.load_programs(devset, tmp_path / "args")
    assert [(p.name, p.skip_run, p.long_timeout) for p in progs] == [
        ("saxpy", "fixed sizes", 900), ("big", "hours", programs.MAX_LONG_TIMEOUT)]


def _run_suite(tmp_path: Path, args_yaml: str, targets: list[str], *more: str) -> dict:
    devset = tmp_path / "dev.json"
    devset.write_text(json.dumps({"commit": "0" * 40, "programs": [
        {"name": "saxpy", "dir": "saxpy-cuda", "class": "library", "lines": 40}]}))
    (tmp_path / "args").mkdir(exist_ok=True)
    (tmp_path / "args" / "t.yaml").write_text(args_yaml)
    results = tmp_path / "results.json"
    argv = ["run", "--hecbench", str(SUITE), "--devset", str(devset), "--args-dir", str(tmp_path / "args"),
            "--work", str(tmp_path / "work"), "--results", str(results), "--no-table", "--jobs", "1"]
    for t in targets:
        argv += ["--target", t]
    assert harness.main([*argv, *more]) == 0
    return json.loads(results.read_text())["programs"][0]["targets"]


@pytest.mark.slow
@pytest.mark.opencl
@pytest.mark.hipcc
@pytest.mark.sycl_headers
def test_harness_translates_compiles_and_runs_a_program_on_every_target(tmp_path: Path) -> None:
    got = _run_suite(tmp_path, "saxpy:\n  args: '3000'\n  why: not a multiple of the block size\n",
                     ["hip", "sycl", "opencl"])
    assert got["hip"] == {**got["hip"], "stage": "compile", "passed": True}
    assert got["sycl"] == {**got["sycl"], "stage": "compile", "passed": True}
    assert got["opencl"] == {**got["opencl"], "stage": "verify", "passed": True}
    # the run happened from a fresh copy of the program folder, and the input tree is untouched
    assert (tmp_path / "work" / "saxpy" / "run-opencl" / "saxpy-cuda" / "main.cu").is_file()
    assert sorted(p.name for p in (SUITE / "src" / "saxpy-cuda").iterdir()) == ["Makefile", "main.cu"]


@pytest.mark.slow
@pytest.mark.opencl
def test_harness_reports_the_programs_own_failure(tmp_path: Path) -> None:
    got = _run_suite(tmp_path, "saxpy:\n  args: '3000 1'\n  why: x\n", ["opencl"])
    assert got["opencl"]["passed"] is False
    assert got["opencl"]["stage"] == "verify"
    assert got["opencl"]["first_error"] == "FAIL"
    assert got["opencl"]["named_by_diagnostic"] is False   # library class: the failure names no CPnnnn


def test_published_table_and_readme_section_match_the_results() -> None:
    results = harness.RESULTS
    doc = json.loads(results.read_text())
    assert len(doc["programs"]) == 155 and all(set(p["targets"]) == {"hip", "sycl", "opencl"} for p in doc["programs"])
    assert results.with_suffix(".md").read_text() == table.markdown(doc), (
        "reports/realcode/hecbench.md is stale: run `python benchmarks/realcode/harness.py table`")
    assert table.readme_section(doc) in table.README.read_text(), (
        "the README's real-code table is stale: run `python benchmarks/realcode/harness.py table`")


@pytest.mark.slow
@pytest.mark.opencl
def test_long_runs_the_skipped_programs_that_give_a_long_timeout(tmp_path: Path) -> None:
    yaml_text = "saxpy:\n  args: '3000'\n  why: x\n  skip_run: too slow for a full run\n  long_timeout: 600\n"
    for sub in ("plain", "long"):
        (tmp_path / sub).mkdir()
    got = _run_suite(tmp_path / "plain", yaml_text, ["opencl"])
    assert got["opencl"]["passed"] is False and got["opencl"]["first_error"].startswith("not run: too slow")
    got = _run_suite(tmp_path / "long", yaml_text, ["opencl"], "--long")
    assert got["opencl"] == {**got["opencl"], "stage": "verify", "passed": True}
