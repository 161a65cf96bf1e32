"""`cudaport report` and `cudaport translate --report` from the command line: formats by flag and extension,
one-line errors on bad input, and nothing ever written into the input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from translator.cli import main


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path, data_dir) -> Path:  # type: ignore[no-untyped-def]
    dest = tmp_path / "proj"
    shutil.copytree(data_dir / "sample", dest)
    return dest


def test_report_writes_json_chosen_by_extension_and_leaves_input_alone(project, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(project)
    out = tmp_path / "r.json"
    assert main(["report", str(project), "--to", "hip", "-o", str(out), "-j", "1"]) == 0
    doc = json.loads(out.read_text())
    assert doc["targets"][0]["summary"]["api_uses"] == 28
    assert _snapshot(project) == before
    assert "report written to" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["report", "{missing}"], "no such file or directory"),
    (["report", "{project}", "--to", "cuda"], "--to cuda: unknown target"),
    (["report", "{project}", "-o", "{tmp}/r.pdf"], "cannot tell the report format"),
    (["report", "{project}", "-o", "{project}/r.json"], "inside the input"),
    (["report", "{project}", "--effort-weights", "{tmp}/w.yaml"], "effort weight per_file"),
])
def test_bad_input_is_one_line_and_writes_nothing(argv, message, project, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "w.yaml").write_text("per_file: -1\n")
    before = _snapshot(project)
    args = [a.format(project=project, tmp=tmp_path, missing=tmp_path / "nope") for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cudaport: error: ") and message in err
    assert _snapshot(project) == before
    assert not (tmp_path / "r.pdf").exists()


def test_report_goes_to_stdout_without_output_file(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    no_cuda = str(data_dir / "no_cuda")
    for fmt, expected in (("terminal", "No CUDA found"), ("csv", "target,file,line")):
        assert main(["report", no_cuda, "--to", "hip", "--format", fmt, "-j", "1"]) == 0
        assert expected in capsys.readouterr().out, fmt


def test_translate_report_writes_the_same_numbers(project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    report = tmp_path / "run.md"
    main(["translate", str(project), "--to", "hip", "-o", str(out), "--report", str(report), "-q", "-j", "1"])
    md = report.read_text()
    # inline PTX and an API with no HIP equivalent are error diagnostics: the rule score 96.4 % is capped at 90 %
    assert "| CUDA API uses | 28 |" in md and "| rule score | 96.4% |" in md
    assert "| **portability score** | **90.0%** |" in md
