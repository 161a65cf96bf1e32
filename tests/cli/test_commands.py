"""CLI commands other than translate's project handling: rules list/check/coverage, explain, doctor,
--dry-run diffs, and one-line errors for bad rule files and targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from translator.cli import main

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translator.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_rules_list_json_for_one_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--target", "hip", "--format", "json", "--family", "runtime"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_name = {r["name"]: r for r in rows}
    assert by_name["cudaMalloc"]["hip"] == "hipMalloc"
    assert all(r["family"] == "runtime" for r in rows)


def test_rules_list_unsupported_only_lists_unsupported(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--target", "hip", "--unsupported", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["hip"] in ("unsupported", "-") for r in rows)


def test_rules_check_accepts_a_good_file_and_rejects_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("family: mine\nentries:\n  cudaFoo:\n    hip: hipFoo\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("family: mine\nentries:\n  cudaFoo:\n    hip: {template: 'x($1'\n")
    assert run_cli("rules", "check", str(good)).returncode == 0
    r = run_cli("rules", "check", str(bad))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cudaport: error: {bad}:") and "Traceback" not in r.stderr


def test_explain_prints_a_code_and_rejects_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "CP3004"]) == 0
    assert "PTX" in capsys.readouterr().out
    assert main(["explain", "CP9999"]) == 2


def test_doctor_reports_parsers() -> None:
    r = run_cli("doctor")
    assert r.returncode == 0
    assert "libclang" in r.stdout and "tree-sitter" in r.stdout


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "k.cu"
    src.write_text("#include <cuda_runtime.h>\nvoid f(float* p) { cudaFree(p); } // cudaFree\n")
    before = src.read_bytes()
    r = run_cli("translate", str(src), "--to", "hip", "--dry-run")
    assert r.returncode == 0
    assert "-void f(float* p) { cudaFree(p); } // cudaFree" in r.stdout
    assert "+void f(float* p) { hipFree(p); } // cudaFree" in r.stdout
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.cu"]


def test_unknown_target_is_one_line_error(tmp_path: Path) -> None:
    src = tmp_path / "k.cu"
    src.write_text("__global__ void k() {}\n")
    r = run_cli("translate", str(src), "--to", "metal", "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert r.stderr.strip() == "cudaport: error: unknown target 'metal': choose one of hip, sycl, opencl"


def test_user_rule_file_changes_the_translation(tmp_path: Path) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text("family: runtime\nentries:\n  cudaFree:\n    hip: myFree\n")
    src = tmp_path / "k.cu"
    src.write_text("void f(float* p) { cudaFree(p); }\n")
    r = run_cli("translate", str(src), "--to", "hip", "--dry-run", "--rules", str(rules))
    assert "+void f(float* p) { myFree(p); }" in r.stdout


def test_translating_our_own_output_again_changes_nothing(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "once", tmp_path / "twice"
    src = REPO / "examples" / "heat2d"
    assert run_cli("translate", str(src), "--to", "hip", "--hip-version", "5.2", "-o", str(out1), "-q").returncode == 0
    assert run_cli("translate", str(out1), "--to", "hip", "--hip-version", "5.2", "-o", str(out2), "-q").returncode == 0
    outputs = [f for f in out1.rglob("*") if f.is_file() and ".cudaport" not in f.relative_to(out1).parts]
    assert any(f.suffix == ".cu" for f in outputs)  # the manifest (.cudaport) names its own inputs: not compared
    for f in outputs:
        assert (out2 / f.relative_to(out1)).read_bytes() == f.read_bytes(), f.name


def test_tree_sitter_parser_gives_the_same_hip_output_as_clang(tmp_path: Path) -> None:
    src = REPO / "examples" / "heat2d"
    a, b = tmp_path / "clang", tmp_path / "ts"
    assert run_cli("translate", str(src), "--to", "hip", "-o", str(a), "-q").returncode == 0
    assert run_cli("translate", str(src), "--to", "hip", "-o", str(b), "-q", "--parser", "tree-sitter").returncode == 0
    outputs = [f for f in a.rglob("*") if f.is_file() and f.suffix in (".cu", ".cuh")]
    assert len(outputs) == 4
    for f in outputs:
        assert (b / f.relative_to(a)).read_bytes() == f.read_bytes(), f.name


def test_one_registry_names_every_subcommand_and_runs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from translator import cli

    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(cli.COMMANDS)
    ran = []
    monkeypatch.setitem(cli.COMMANDS, "doctor", (cli.COMMANDS["doctor"][0], lambda args: ran.append(args) or 5))
    assert main(["doctor", "-q"]) == 5 and ran[0].command == "doctor"
