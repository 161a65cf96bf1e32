"""Output layout (mirrored tree, renamed includes, symlinks, permissions, outside includes) and safety with bad
files (non-UTF-8, binary .cu, empty, > 10 MB, symlink loops, unreadable, interrupted runs)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import translator.project.runner as runner
from tests.project.conftest import KERNEL, translate, tree_hash, write_tree
from translator.project.tree import InputError


def test_input_tree_is_never_written(project: Path, tmp_path: Path) -> None:
    before = tree_hash(project)
    translate(project, tmp_path / "out")
    translate(project, tmp_path / "out")
    assert tree_hash(project) == before


def test_output_inside_input_is_refused(project: Path) -> None:
    with pytest.raises(InputError):
        translate(project, project / "out")
    assert not (project / "out").exists()


def test_includes_follow_renamed_files(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"a/impl.cu": "__global__ void k() {}\n",
                                        "main.cu": '#include "a/impl.cu" // keep "a/impl.cu" here\nint main() {}\n'})
    translate(src, tmp_path / "out", target_opts={"extension": ".hip"})
    text = (tmp_path / "out/main.hip").read_text()
    assert '#include "a/impl.hip"' in text and '// keep "a/impl.cu" here' in text
    assert (tmp_path / "out/a/impl.hip").is_file() and not (tmp_path / "out/a/impl.cu").exists()


def test_symlinks_preserved_and_permissions_kept(project: Path, tmp_path: Path) -> None:
    (project / "kernels/scale.cu").chmod(0o755)
    os.symlink("scale.cu", project / "kernels/alias.cu")
    os.symlink("/etc/passwd", project / "outside_link")
    os.symlink(project / "README.md", project / "abs_link")
    out = tmp_path / "out"
    translate(project, out)
    assert os.readlink(out / "kernels/alias.cu") == "scale.cu"
    assert os.readlink(out / "outside_link") == "/etc/passwd"  # kept as a link, never followed
    assert os.readlink(out / "abs_link") == "README.md"  # absolute link into the tree made relative
    assert (out / "kernels/scale.cu").stat().st_mode & 0o777 == 0o755
    assert (out / "README.md").read_text() == "docs\n"


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    src = write_tree(tmp_path / "src", {"k.cu": KERNEL, "common.cuh": "#pragma once\n"})
    os.symlink("b", src / "a")
    os.symlink("a", src / "b")
    os.symlink(".", src / "self")
    translate(src, tmp_path / "out")
    assert os.readlink(tmp_path / "out/a") == "b" and os.readlink(tmp_path / "out/self") == "."


def test_include_outside_tree_is_reported_not_written(tmp_path: Path) -> None:
    write_tree(tmp_path / "shared", {"helper.cuh": "__device__ int h() { return 1; }\n"})
    src = write_tree(tmp_path / "src", {"k.cu": '#include "../shared/helper.cuh"\n__global__ void k() {}\n'})
    result = translate(src, tmp_path / "out")
    assert any(f.code == "CP5001" and "helper.cuh" in f.message for f in result.findings)
    assert not (tmp_path / "shared/helper.cuh.cudaport-new").exists()
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["helper.cuh"]


def test_bad_files_are_kept_byte_for_byte(tmp_path: Path) -> None:
    latin1 = b"// caf\xe9\n__global__ void k(float* x) { cudaDeviceSynchronize(); }\n"
    binary = b"\x7fELF\0\0\0binary"
    big = b"// big\n" + b"x" * (10 * 1024 * 1024 + 10)
    src = write_tree(tmp_path / "src", {"latin.cu": latin1, "blob.cu": binary, "empty.cu": b"", "big.cu": big})
    result = translate(src, tmp_path / "out")
    out = tmp_path / "out"
    assert b"caf\xe9" in (out / "latin.cu").read_bytes()
    assert (out / "blob.cu").read_bytes() == binary and (out / "empty.cu").read_bytes() == b""
    assert (out / "big.cu").stat().st_size == len(big)
    codes = {f.code for f in result.findings}
    assert {"CP1006", "CP1008"} <= codes
    assert {str(s.rel) for s in result.skipped} == {"blob.cu", "big.cu"}


def test_unreadable_file_is_reported_and_others_translated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, so chmod 000 does not stop reads: make the read itself fail instead.
    src = write_tree(tmp_path / "src", {"ok.cu": KERNEL, "common.cuh": "#pragma once\n", "locked.cu": KERNEL})
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.cu":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = translate(src, tmp_path / "out")
    assert any(f.code == "CP1007" for f in result.findings)
    assert "ok.cu" in {str(f.rel) for f in result.files}


def test_interrupted_run_leaves_no_partial_file_and_resumes(project: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    real = runner.atomic_write
    calls = {"n": 0}

    def flaky(path: Path, data: bytes, mode: int | None = None) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real(path, data, mode)

    monkeypatch.setattr(runner, "atomic_write", flaky)
    with pytest.raises(KeyboardInterrupt):
        translate(project, out)
    assert not [p for p in out.rglob("*") if "cudaport-tmp" in p.name]
    monkeypatch.setattr(runner, "atomic_write", real)
    again = translate(project, out)
    assert again.conflicts == []
    assert (out / "kernels/scale.cu").is_file() and (out / "host/main.cpp").is_file()


def test_atomic_write_removes_temporary_on_interrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.cpp"
    target.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        runner.atomic_write(target, b"new")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["f.cpp"]


def test_generated_cmake_when_tree_has_no_build_script(project: Path, tmp_path: Path) -> None:
    result = translate(project, tmp_path / "out")
    text = (tmp_path / "out/CMakeLists.txt").read_text()
    assert "project(" in text and "HIP" in text and "kernels/scale.cu" in text
    assert any(f.code == "CP5005" for f in result.findings)


def test_parallel_jobs_give_the_same_output(project: Path, tmp_path: Path) -> None:
    translate(project, tmp_path / "one", jobs=1)
    translate(project, tmp_path / "two", jobs=2)
    outputs = [p for p in (tmp_path / "one").rglob("*") if p.is_file() and ".cudaport" not in p.parts]
    assert len(outputs) >= 2
    for p in outputs:
        assert p.read_bytes() == (tmp_path / "two" / p.relative_to(tmp_path / "one")).read_bytes()
