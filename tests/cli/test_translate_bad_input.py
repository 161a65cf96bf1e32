"""`cudaport translate` on bad input: one line on stderr, non-zero exit, no traceback, input tree unchanged;
and --in-place: refuses without a clean git state, keeps backups."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import pytest

from tests.project.conftest import HEADER, KERNEL, tree_hash, write_tree
from translator.cli import build_parser, main
from translator.commands.translate import cmd_translate


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "src", {"k.cu": KERNEL, "common.cuh": HEADER})


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str], tree: Path) -> str:
    before = tree_hash(tree)
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cudaport: error: ")
    assert tree_hash(tree) == before
    return lines[0]


def test_missing_path(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in _fails(["translate", str(tmp_path / "nope"), "-o", str(tmp_path / "o")], capsys, src)


def test_directory_without_cuda(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = write_tree(tmp_path / "plain", {"a.txt": "x", "b.py": "print(1)\n"})
    assert "no CUDA sources" in _fails(["translate", str(plain), "-o", str(tmp_path / "o")], capsys, plain)


def test_unknown_target(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _fails(["translate", str(src), "--to", "metal", "-o", str(tmp_path / "o")], capsys, src)
    assert "metal" in line and not (tmp_path / "o").exists()


def test_malformed_rule_file(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [unclosed\n")
    line = _fails(["translate", str(src), "--rules", str(bad), "-o", str(tmp_path / "o")], capsys, src)
    assert "bad.yaml" in line


def test_output_inside_input(src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "inside the input" in _fails(["translate", str(src), "-o", str(src / "out")], capsys, src)
    assert not (src / "out").exists()


def test_input_inside_output(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "inside the output" in _fails(["translate", str(src), "-o", str(tmp_path)], capsys, src)


def test_non_empty_output_without_manifest(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_tree(tmp_path / "out", {"mine.txt": "keep"})
    assert "not empty" in _fails(["translate", str(src), "-o", str(out)], capsys, src)
    assert (out / "mine.txt").read_text() == "keep"


def test_rerun_into_own_output_is_an_update(tmp_path: Path, src: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["translate", str(src), "-o", str(out)]) == 0
    assert main(["translate", str(src), "-o", str(out)]) == 0
    assert "up to date" in capsys.readouterr().err


def _args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x", "PATH": "/usr/bin:/bin"})


def test_in_place_refuses_outside_git_and_with_changes(src: Path) -> None:
    from translator.errors import CliError

    before = tree_hash(src)
    with pytest.raises(CliError, match="git"):
        cmd_translate(_args(["translate", str(src), "--in-place", "-q"]))
    _git(src, "init", "-q")
    _git(src, "add", ".")
    _git(src, "commit", "-q", "-m", "x")
    (src / "k.cu").write_text(KERNEL + "// dirty\n")
    with pytest.raises(CliError, match="uncommitted"):
        cmd_translate(_args(["translate", str(src), "--in-place", "-q"]))
    assert (src / "k.cu").read_text().endswith("// dirty\n") and tree_hash(src) != before


def test_in_place_writes_with_backups(src: Path, tmp_path: Path) -> None:
    _git(src, "init", "-q")
    _git(src, "add", ".")
    _git(src, "commit", "-q", "-m", "x")
    assert cmd_translate(_args(["translate", str(src), "--in-place", "-q"])) == 0
    assert "hipDeviceSynchronize" in (src / "k.cu").read_text()
    assert (src / "k.cu.orig").read_text() == KERNEL
    (src / "k.cu").write_text(KERNEL)
    _git(src, "add", ".")
    _git(src, "commit", "-q", "-m", "y")
    backups = tmp_path / "bak"
    assert cmd_translate(_args(["translate", str(src), "--in-place", "--backup-dir", str(backups), "-q"])) == 0
    assert (backups / "k.cu").read_text() == KERNEL
