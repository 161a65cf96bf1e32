"""`cudaport report --verify`: translated lines map back to CUDA lines, compiler logs become errors at the CUDA
place (through #include chains and linker messages too), and end to end a file whose translation does not
compile is a CP6001 finding at its CUDA line, fails its file, caps the score below the threshold and costs effort,
while a missing checker leaves the files not checked with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

import jsonschema
import pytest

from translator.api import default_rules
from translator.cli import main
from translator.project.runner import RunResult
from translator.project.tree import discover
from translator.report import json_report
from translator.report.build import analyse
from translator.report.effort import load_weights
from translator.report.linemap import LineMap
from translator.report.verify import _Origins, parse_errors

GOOD = """#include <cstdio>
__global__ void scale(float *x, float a) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  x[i] *= a;
}
int run_good(float *d) {
  scale<<<1, 32>>>(d, 2.0f);
  return cudaDeviceSynchronize() == cudaSuccess;
}
"""
# Line 9 uses a name nobody declares: the translation keeps it, and no target's compiler accepts it.
BAD = """#include <cstdio>
int run_good(float *d);
int main() {
  float *d;
  cudaMalloc(&d, 32 * sizeof(float));
  int ok = run_good(d);
  cudaFree(d);
  printf("%d\\n", ok);
  return ok + undeclared_in_cuda_too;
}
"""


def test_unchanged_lines_map_exactly_and_rewritten_ones_to_the_nearest() -> None:
    cuda = "a\nb\ncudaMalloc(x)\nc\nd\n"
    translated = "#include <hip/hip_runtime.h>\na\nb\nhipMalloc(x)\nc\nd\n"
    m = LineMap.build(cuda, translated)
    assert m.cuda_line(2) == (1, "exact")  # `a` moved down by the include
    assert m.cuda_line(6) == (5, "exact")
    assert m.cuda_line(4) == (3, "nearest")  # the rewritten call
    assert m.cuda_line(1) == (1, "nearest")  # the inserted include: the line before it (none: line 1)


def test_whitespace_changes_still_map_exactly() -> None:
    assert LineMap.build("  x = 1;\n", "x  =  1;\n").cuda_line(1) == (1, "exact")


def _origins(tmp_path: Path) -> _Origins:
    root, out = tmp_path / "src", tmp_path / "out"
    (root / "sub").mkdir(parents=True)
    (out / "sub").mkdir(parents=True)
    (root / "sub" / "k.cu").write_text("int a;\nint b;\n")
    (out / "sub" / "k.cu").write_text("#include <hip/hip_runtime.h>\nint a;\nint b;\n")
    result = RunResult("hip")

    class _File:  # the two fields _Origins reads of a FileResult
        rel = PurePosixPath("sub/k.cu")
        out_rel = PurePosixPath("sub/k.cu")
        extra_files: dict = {}

    result.files.append(_File())  # type: ignore[arg-type]
    return _Origins(result, out, root)


def test_compiler_error_is_placed_at_the_cuda_line(tmp_path: Path) -> None:
    origins = _origins(tmp_path)
    log = "k.cu:3:5: error: use of undeclared identifier 'b'\n1 error generated.\n"
    (e,) = parse_errors(log, tmp_path / "out" / "sub", PurePosixPath("sub/k.cu"), origins, "compile")
    assert (e.code, e.file, e.line, e.col, e.mapping) == ("CP6001", "sub/k.cu", 2, 5, "exact")
    assert e.translated == "sub/k.cu:3" and e.translated_text == "int b;"


def test_error_in_a_header_outside_the_translation_lands_on_the_users_include(tmp_path: Path) -> None:
    origins = _origins(tmp_path)
    log = ("In file included from /opt/rt/include/outer.h:7,\n                 from k.cu:2:\n"
           "/opt/rt/include/shim.h:40:3: error: no member named 'q'\n")
    (e,) = parse_errors(log, tmp_path / "out" / "sub", PurePosixPath("sub/k.cu"), origins, "compile")
    assert (e.file, e.line, e.mapping) == ("sub/k.cu", 1, "nearest") and "shim.h:40, included here" in e.message


def test_linker_error_without_a_line_is_placed_on_the_unit(tmp_path: Path) -> None:
    origins = _origins(tmp_path)
    log = "/usr/bin/ld: k.o: in function `main':\nk.cu:(.text+0x1d): undefined reference to `cudaFoo'\n"
    (e,) = parse_errors(log, tmp_path / "out" / "sub", PurePosixPath("sub/k.cu"), origins, "link")
    assert (e.code, e.file, e.line, e.mapping) == ("CP6003", "sub/k.cu", 1, "unit")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    src = tmp_path / "proj"
    src.mkdir()
    (src / "good.cu").write_text(GOOD)
    (src / "bad.cu").write_text(BAD)
    return src


def _verify(src: Path, target: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return analyse(discover(src), [target], default_rules(), load_weights(), source="proj",
                   verify_dir=tmp_path / "verify", keep=True, hip_version=(5, 2))


@pytest.mark.parametrize("target", [
    pytest.param("hip", marks=pytest.mark.hipcc),
    pytest.param("sycl", marks=pytest.mark.sycl_headers),
    pytest.param("opencl", marks=pytest.mark.opencl),
])
def test_a_file_that_does_not_compile_fails_at_its_cuda_line(target: str, project: Path, tmp_path: Path) -> None:
    report = _verify(project, target, tmp_path)
    (t,) = report.targets
    files = {f.path: f for f in t.files}
    assert files["good.cu"].verification == "passed" and files["good.cu"].score == 100.0
    assert files["bad.cu"].verification == "failed" and files["bad.cu"].score == 90.0
    failures = [f for f in t.findings if f.code.startswith("CP6")]
    assert failures and failures[0].file == "bad.cu" and failures[0].line == 9
    assert "undeclared_in_cuda_too" in failures[0].message and failures[0].translated.startswith("bad.")
    assert t.verification.as_dict() == {"checked": 2, "failed": 1, "not_checked": 0}
    assert t.rule_score == 100.0 and t.score == 90.0 and not t.predicted_to_work and t.score_basis == "failed"
    assert t.estimate_predicted  # without --verify the report would have said it works: the overclaim
    assert any(x.item == f"finding:{failures[0].code}" and x.hours > 0 for x in t.effort.terms)
    doc = json.loads(json_report.render(report))
    jsonschema.validate(doc, json.loads(json_report.SCHEMA_PATH.read_text()), cls=jsonschema.Draft202012Validator)
    assert doc["targets"][0]["summary"]["verification"]["failed"] == 1


@pytest.mark.hipcc
def test_a_project_that_compiles_is_verified_and_predicted_to_work(project: Path, tmp_path: Path) -> None:
    (project / "bad.cu").write_text(BAD.replace(" + undeclared_in_cuda_too", ""))
    (t,) = _verify(project, "hip", tmp_path).targets
    assert t.verification.as_dict() == {"checked": 2, "failed": 0, "not_checked": 0}
    assert t.score == 100.0 and t.score_basis == "verified" and t.predicted_to_work


def test_without_the_checker_files_are_not_checked_with_the_reason(project: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "hipcc" else real_which(name, *a, **k))
    (t,) = _verify(project, "hip", tmp_path).targets
    assert {f.verification for f in t.files} == {"not-checked"}
    assert all("no hipcc" in (f.verify_reason or "") for f in t.files)
    assert t.verification.as_dict() == {"checked": 0, "failed": 0, "not_checked": 2}
    assert t.score_basis == "estimate" and t.predicted_to_work  # unverified: the rule-based estimate, said so


@pytest.mark.slow
@pytest.mark.hipcc
def test_cli_verify_writes_every_format_with_the_failure(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    kept = tmp_path / "kept"
    assert main(["report", str(project), "--to", "hip", "--verify", "--verify-out", str(kept), "--hip-version",
                 "5.2", "-o", str(out), "-q", "-j", "1"]) == 0
    page = out.read_text()
    assert "CP6001" in page and 'href="#explain-CP6001"' in page and 'id="explain-CP6001"' in page
    assert 'class="translated" href="kept/hip/bad.cu#L' in page  # the failure links to the translated line
    assert "needs a person" in page and "move first" in page
    for fmt, needle in (("csv", "verification,failed"), ("sarif", '"lineMapping"'), ("terminal", "CP6001"),
                        ("markdown", "| failed (")):
        res = tmp_path / f"r.{fmt}"
        assert main(["report", str(project), "--to", "hip", "--verify", "--hip-version", "5.2", "--format", fmt,
                     "-o", str(res), "-q", "-j", "1"]) == 0
        assert needle in res.read_text(), fmt


def test_verify_out_needs_verify(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(project), "--verify-out", str(tmp_path / "k"), "-q"]) == 2
    assert "--verify-out and --tests need --verify" in capsys.readouterr().err


def test_score_caps_above_the_threshold_are_refused(tmp_path: Path) -> None:
    from translator.project.tree import InputError

    weights = tmp_path / "w.yaml"
    weights.write_text("score:\n  threshold: 95\n  failed_cap: 96\n")
    with pytest.raises(InputError, match="caps must lie below"):
        load_weights(weights)


@pytest.mark.slow
@pytest.mark.opencl
def test_differential_cases_pass_or_fail_their_kernel_file(tmp_path: Path, repo: Path) -> None:
    src = tmp_path / "proj"
    shutil.copytree(repo / "corpus" / "cases" / "saxpy", src / "saxpy")
    report = analyse(discover(src), ["opencl"], default_rules(), load_weights(), source="proj",
                     verify_dir=tmp_path / "v1", tests=[src])
    (t,) = report.targets
    (f,) = [f for f in t.files if f.path == "saxpy/kernel.cu"]
    assert f.verification == "passed" and "differential case saxpy passed" in f.verify_reason
    kernel = src / "saxpy" / "kernel.cu"  # a wrong translation is simulated by a wrong kernel: y = a*x - y
    kernel.write_text(kernel.read_text().replace("a * x[i] + y[i]", "a * x[i] - y[i]"))
    (t,) = analyse(discover(src), ["opencl"], default_rules(), load_weights(), source="proj",
                   verify_dir=tmp_path / "v2", tests=[src]).targets
    (f,) = [f for f in t.files if f.path == "saxpy/kernel.cu"]
    assert f.verification == "failed" and t.verification.failed == 1 and not t.predicted_to_work
    (e,) = [x for x in t.findings if x.code == "CP6004"]
    assert e.file == "saxpy/kernel.cu" and "case saxpy" in e.message and "differ" in e.message


def test_every_weighted_code_is_a_catalogued_diagnostic() -> None:
    from translator.engine.diagnostics import CATALOGUE

    weights = load_weights()
    assert set(weights.findings) <= set(CATALOGUE)
    assert {"CP6001", "CP6002", "CP6003", "CP6004"} <= set(weights.findings)  # verification errors cost effort


def test_score_definition_follows_the_weights_in_every_format(tmp_path: Path, data_dir: Path) -> None:
    from translator.report import html_report, markdown_report, terminal

    weights = tmp_path / "w.yaml"
    base = (Path(__file__).parents[2] / "translator" / "report" / "effort.yaml").read_text()
    weights.write_text(base.replace("threshold: 95", "threshold: 97").replace("failed_cap: 90", "failed_cap: 80"))
    report = analyse(discover(data_dir / "sample"), ["hip"], default_rules(), load_weights(weights), source="s")
    assert "capped at 80 %" in report.score_definition and "at least 97 %" in report.score_definition
    for text in (terminal.render_text(report, width=400), html_report.render(report, link_base=tmp_path),
                 markdown_report.render(report), json_report.render(report)):
        assert "capped at 80 %" in text and "at least 97 %" in text
    assert report.targets[0].threshold == 97.0
