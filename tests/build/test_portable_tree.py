"""A translated tree a team can commit: it builds with its own migrated CMake or Makefile in another directory
while no cudaport is reachable (PATH and PYTHONPATH hide it, no path of this checkout or install is in the
tree), runs on PoCL; `--runtime external` builds against the installed runtime instead; `cudaport build` uses
the project's build and names its targets; a cudaport of another version refreshes the bundled runtime; and
`cudaport test`/`build`/`doctor` work from an installed wheel in any directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import translator
from translator.cli import main
from translator.resources import cmake_package_dir, corpus_dir

PROJECTS = corpus_dir() / "projects"
CHECKOUT = Path(translator.__file__).resolve().parent.parent  # the checkout, or site-packages when installed
HIDDEN_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C"}  # no venv, no PYTHONPATH, no cudaport
POCL = "portable computing language"

needs_tools = pytest.mark.skipif(not (shutil.which("cmake") and shutil.which("make")), reason="needs cmake and make")


@pytest.fixture(autouse=True)
def _shim_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUDAPORT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "shim-cache"))


def _translate(name: str, out: Path, *extra: str) -> None:
    assert main(["translate", str(PROJECTS / name), "--to", "opencl", "-o", str(out), "-q", *extra]) == 0


def _hidden(cmd: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Runs cmd where cudaport cannot be found: a minimal PATH and nothing of this Python environment."""
    assert shutil.which("cudaport", path=HIDDEN_ENV["PATH"]) is None, "a cudaport on the system PATH"
    env = {**HIDDEN_ENV, "HOME": str(cwd), **extra}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _no_machine_paths(tree: Path) -> None:
    installs = {str(CHECKOUT), sysconfig.get_paths()["purelib"], "site-packages"}
    checked = 0
    for path in tree.rglob("*"):
        if path.is_file() and ".cudaport" not in path.parts:  # the manifest is cudaport's own state
            text = path.read_text("utf-8", "replace")
            assert not [p for p in installs if p in text], path
            checked += 1
    assert checked, f"{tree}: no files to check"  # an empty tree would pass the loop


def _commit_elsewhere(out: Path, tmp_path: Path) -> Path:
    moved = tmp_path / "teammate" / "tree"
    shutil.copytree(out, moved)
    shutil.rmtree(out)
    return moved


def _passes(exe: Path, name: str) -> None:
    assert exe.is_file(), exe
    run = _hidden([str(exe)], exe.parent, CUDAPORT_OPENCL_DEVICE=POCL)
    assert f"PASS {name}" in run.stdout, run.stdout + run.stderr


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
def test_cmake_project_builds_in_another_directory_without_cudaport(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _translate("imgproc_cmake", out)
    assert (out / "cudaport_runtime" / "opencl" / "CMakeLists.txt").is_file()
    _no_machine_paths(out)
    tree = _commit_elsewhere(out, tmp_path)
    proc = _hidden(["cmake", "-S", ".", "-B", "b"], tree)
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = _hidden(["cmake", "--build", "b", "-j", "2"], tree)
    assert proc.returncode == 0, proc.stdout[-2000:]
    _passes(tree / "b" / "imgproc_app", "imgproc_cmake")


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
def test_makefile_project_builds_in_another_directory_without_cudaport(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _translate("particles_make", out)
    _no_machine_paths(out)
    tree = _commit_elsewhere(out, tmp_path)
    proc = _hidden(["make", "-j2"], tree)
    assert proc.returncode == 0, proc.stderr[-2000:]
    _passes(tree / "build" / "particles", "particles")


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
def test_external_runtime_comes_from_the_installed_cmake_package(tmp_path: Path, capsys: pytest.CaptureFixture
                                                                 ) -> None:
    out = tmp_path / "out"
    _translate("imgproc_cmake", out, "--runtime", "external")
    assert not (out / "cudaport_runtime").exists()
    assert "find_package(cudaport_opencl REQUIRED CONFIG)" in (out / "CMakeLists.txt").read_text()
    _no_machine_paths(out)
    assert main(["--cmake-dir"]) == 0
    prefix = capsys.readouterr().out.strip()
    assert Path(prefix) == cmake_package_dir() and (Path(prefix) / "cudaport_openclConfig.cmake").is_file()
    tree = _commit_elsewhere(out, tmp_path)
    proc = _hidden(["cmake", "-S", ".", "-B", "b", f"-DCMAKE_PREFIX_PATH={prefix}"], tree)
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = _hidden(["cmake", "--build", "b", "-j", "2"], tree)
    assert proc.returncode == 0, proc.stdout[-2000:]
    _passes(tree / "b" / "imgproc_app", "imgproc_cmake")
    missing = _hidden(["cmake", "-S", ".", "-B", "b2"], tree)  # no prefix: a clear CMake error, not a wrong build
    assert missing.returncode != 0 and "cudaport_opencl" in missing.stderr


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
def test_external_runtime_makefile_asks_cudaport_for_its_runtime(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _translate("particles_make", out, "--runtime", "external")
    assert not (out / "cudaport_runtime").exists()
    _no_machine_paths(out)
    bin_dir = tmp_path / "bin"  # a `cudaport` command, as `pip install` puts on PATH
    bin_dir.mkdir()
    (bin_dir / "cudaport").write_text(f'#!/bin/sh\nPYTHONPATH="{CHECKOUT}" exec "{sys.executable}" -m translator.cli '
                                      '"$@"\n')
    (bin_dir / "cudaport").chmod(0o755)
    proc = _hidden(["make", "-j2"], out, PATH=f"{bin_dir}:{HIDDEN_ENV['PATH']}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    _passes(out / "build" / "particles", "particles")
    rebuilt = _hidden(["make", "-B", "build/particles"], out)  # no cudaport at all: make names the problem
    assert rebuilt.returncode != 0 and "runtime not found" in rebuilt.stderr


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
@pytest.mark.parametrize("runtime", ["bundled", "external"])
def test_cudaport_build_uses_the_projects_cmake_and_its_target_names(tmp_path: Path, runtime: str,
                                                                      capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    _translate("imgproc_cmake", out, "--runtime", runtime)
    capsys.readouterr()
    assert main(["build", str(out), "-j", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == [str(out / "build" / "cmake" / "imgproc_app")]
    assert "imgproc (static library), imgproc_app (executable)" in captured.err
    assert not (out / "build" / "main").exists()  # not named after a source file
    _passes(out / "build" / "cmake" / "imgproc_app", "imgproc_cmake")


@pytest.mark.opencl
@pytest.mark.slow
@needs_tools
def test_cudaport_build_uses_the_projects_makefile(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    _translate("particles_make", out)
    capsys.readouterr()
    assert main(["build", str(out), "-j", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == [str(out / "build" / "particles")]
    assert "built with the project's Makefile: particles" in captured.err
    _passes(out / "build" / "particles", "particles")


def test_rerun_by_another_cudaport_version_refreshes_the_runtime(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _translate("particles_make", out, "--parser", "tree-sitter")
    version = out / "cudaport_runtime" / "opencl" / "VERSION"
    assert f"cudaport {translator.__version__} " in version.read_text()
    monkeypatch.setattr("translator.project.runtime_bundle.__version__", "99.0.0")
    _translate("particles_make", out, "--parser", "tree-sitter")
    assert "cudaport 99.0.0 " in version.read_text()


@pytest.mark.slow
@pytest.mark.opencl
def test_commands_work_from_an_installed_wheel_in_any_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(CHECKOUT)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr[-300:]}")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    *map(str, wheels.glob("*.whl"))], check=True, capture_output=True, timeout=600)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "CUDAPORT_CACHE_DIR": str(tmp_path / "cache")}

    def cudaport(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "translator.cli", *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=900)

    where = cudaport("--cmake-dir")
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    tested = cudaport("test", "-k", "saxpy")
    assert tested.returncode == 0 and "1 passed, 0 failed" in tested.stdout + tested.stderr, tested.stderr
    assert cudaport("doctor").returncode == 0
    assert cudaport("translate", str(PROJECTS / "particles_make"), "--to", "opencl", "-o", "out", "-q"
                    ).returncode == 0
    built = cudaport("build", "out", "-j", "2")
    assert built.returncode == 0 and built.stdout.split() == ["out/build/particles"], built.stderr


def test_switching_to_the_external_runtime_removes_the_bundled_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _translate("particles_make", out, "--parser", "tree-sitter")
    assert (out / "cudaport_runtime" / "opencl" / "VERSION").is_file()
    _translate("particles_make", out, "--parser", "tree-sitter", "--runtime", "external")
    assert not (out / "cudaport_runtime").exists()
    assert "cudaport --runtime-dir opencl" in (out / "Makefile").read_text()


@pytest.mark.hipcc
@pytest.mark.slow
def test_cudaport_build_drives_the_migrated_makefile_with_hipcc(tmp_path: Path, capsys: pytest.CaptureFixture
                                                                 ) -> None:
    out = tmp_path / "out"
    assert main(["translate", str(PROJECTS / "particles_make"), "--to", "hip", "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["build", str(out), "-j", "2"]) == 0
    assert capsys.readouterr().out.split() == [str(out / "build" / "particles")]


def test_a_sycl_project_build_without_a_sycl_compiler_says_so(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("translator.build.sycl.sycl_compiler", lambda: None)
    out = tmp_path / "out"
    assert main(["translate", str(PROJECTS / "particles_make"), "--to", "sycl", "-o", str(out), "-q",
                 "--parser", "tree-sitter"]) == 0
    capsys.readouterr()
    assert main(["build", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no SYCL compiler found" in err and "migrated make build" in err
