"""`cudaport build` on a hand-written OpenCL output tree (tests/build/data/opencl_tree: two programs sharing a
unit, kernels in .cl files at two depths): executables, kernel files next to them, runs on PoCL and under
Oclgrind, the generated CMakeLists.txt, and the one-line errors (compile error, blocking diagnostics, no
compiler).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from translator.build import BuildError, build, detect_target
from translator.cli import main

DATA = Path(__file__).parent / "data" / "opencl_tree"
# The shim matches CUDAPORT_OPENCL_DEVICE against "platform name / device name"; PoCL's platform name is
# "Portable Computing Language" (the short "pocl" appears in neither name).
POCL = "portable computing language"


@pytest.fixture(autouse=True)
def _shim_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUDAPORT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "shim-cache"))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(DATA, out)
    return out


def _run(exe: Path, env_extra: dict[str, str], cwd: Path, prefix: tuple[str, ...] = ()
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_")}
    env.update(env_extra)
    return subprocess.run([*prefix, str(exe)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_build_links_one_program_per_main_unit_and_copies_kernels(tree: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build", str(tree), "-j", "2"]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == ["scale", "vecadd"]
    for name in ("vecadd", "scale"):
        assert os.access(tree / "build" / name, os.X_OK)
    assert (tree / "build" / "vecadd.cl").is_file()
    assert (tree / "build" / "lib" / "scale.cl").is_file()  # same relative path as in the tree
    assert not (tree / "build" / "fill").exists()  # a unit without main is linked in, not a program


def test_detects_opencl_tree(tree: Path) -> None:
    assert detect_target(tree) == "opencl"


def test_shim_library_is_built_once(tree: Path, tmp_path: Path) -> None:
    first = build(tree, "opencl", jobs=2, cmake=False)
    libs = list(Path(os.environ["CUDAPORT_CACHE_DIR"]).glob("shim-opencl-*/libcudaport_opencl.a"))
    assert len(libs) == 1
    stamp = libs[0].stat().st_mtime_ns
    other = tmp_path / "again"
    shutil.copytree(DATA, other)
    second = build(other, "opencl", jobs=2, cmake=False)
    assert libs[0].stat().st_mtime_ns == stamp
    assert [p.name for p in first.executables] == [p.name for p in second.executables]


@pytest.mark.opencl
def test_built_programs_pass_on_pocl(tree: Path, tmp_path: Path) -> None:
    result = build(tree, "opencl", jobs=2, cmake=False)
    for exe in result.executables:  # run from elsewhere: the shim finds the .cl next to the executable
        res = _run(exe, {"CUDAPORT_OPENCL_DEVICE": POCL}, tmp_path)
        assert res.returncode == 0, res.stdout + res.stderr
        assert f"PASS {exe.name}" in res.stdout


@pytest.mark.oclgrind
def test_built_programs_pass_under_oclgrind_on_the_handle_table_path(tree: Path, tmp_path: Path) -> None:
    result = build(tree, "opencl", jobs=2, cmake=False)
    for exe in result.executables:
        res = _run(exe, {"CUDAPORT_OPENCL_SVM": "0"}, tmp_path, ("oclgrind", "--data-races"))
        output = res.stdout + res.stderr
        assert res.returncode == 0, output
        assert f"PASS {exe.name}" in res.stdout
        for bad in ("data race", "Invalid read", "Invalid write", "Uninitialized"):
            assert bad not in output


@pytest.mark.skipif(shutil.which("cmake") is None, reason="cmake not installed")
@pytest.mark.opencl
def test_generated_cmakelists_builds_a_self_contained_tree(tree: Path, tmp_path: Path) -> None:
    result = build(tree, "opencl", jobs=2)
    assert result.cmake_file == tree / "CMakeLists.txt"
    assert (tree / "cudaport_runtime" / "opencl" / "include" / "cudaport_opencl.h").is_file()
    moved = tmp_path / "moved"  # self-contained: builds after the tree is moved away from the checkout
    shutil.move(tree, moved)
    subprocess.run(["cmake", "-S", str(moved), "-B", str(moved / "cmake-build")], check=True, capture_output=True)
    subprocess.run(["cmake", "--build", str(moved / "cmake-build"), "-j", "2"], check=True, capture_output=True)
    for name in ("vecadd", "scale"):
        res = _run(moved / "cmake-build" / name, {"CUDAPORT_OPENCL_DEVICE": POCL}, tmp_path)
        assert f"PASS {name}" in res.stdout, res.stdout + res.stderr
    # Rebuilding the tree after cmake-build/ exists ignores that build tree and the copied shim.
    again = build(moved, "opencl", jobs=2)
    assert sorted(p.name for p in again.executables) == ["scale", "vecadd"]


def test_users_own_cmakelists_is_left_alone(tree: Path) -> None:
    (tree / "CMakeLists.txt").write_text("project(mine)\n")
    result = build(tree, "opencl", jobs=2, own_build=True)
    assert result.cmake_file is None and sorted(p.name for p in result.executables) == ["scale", "vecadd"]
    assert (tree / "CMakeLists.txt").read_text() == "project(mine)\n"


def test_the_projects_own_cmakelists_builds_the_tree(tree: Path, tmp_path: Path) -> None:
    (tree / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.16)\nproject(mine LANGUAGES CXX)\nfind_package(OpenCL REQUIRED)\n"
        "file(GLOB SHIM cudaport_runtime/opencl/src/*.cpp)\nadd_library(shim STATIC ${SHIM})\n"
        "target_include_directories(shim PUBLIC cudaport_runtime/opencl/include)\n"
        "target_link_libraries(shim PUBLIC OpenCL::OpenCL pthread)\n"
        "add_library(units STATIC lib/fill.cpp)\ntarget_include_directories(units PUBLIC .)\n"
        "target_link_libraries(units PUBLIC shim)\n"
        "add_executable(my_vecadd vecadd.cpp)\ntarget_link_libraries(my_vecadd PRIVATE units)\n"
        "configure_file(vecadd.cl vecadd.cl COPYONLY)\n")
    from translator.build.cmake import copy_shim

    copy_shim(tree)
    result = build(tree, "opencl", jobs=2)
    assert result.executables == [tree / "build" / "cmake" / "my_vecadd"] and result.cmake_file is None
    assert any("my_vecadd (executable)" in n and "units (static library)" in n for n in result.notes)
    res = _run(result.executables[0], {"CUDAPORT_OPENCL_DEVICE": POCL}, tmp_path)
    assert "PASS vecadd" in res.stdout, res.stdout + res.stderr


def test_compile_error_names_the_file_and_shows_the_compiler_error(tree: Path, capsys: pytest.CaptureFixture
                                                                   ) -> None:
    (tree / "broken.cpp").write_text("#include \"cudaport_opencl.h\"\nint f() { return undeclared_name; }\n")
    assert main(["build", str(tree)]) == 4
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "cudaport: error: broken.cpp: compile error"
    assert "undeclared_name" in err


def test_error_diagnostics_block_the_build_and_are_named(tree: Path, capsys: pytest.CaptureFixture) -> None:
    text = (tree / "scale.cpp").read_text()
    (tree / "scale.cpp").write_text(text.replace(
        "int main() {", "int main() {\n    /* CUDAPORT CP3005: texture object */ cudaCreateTextureObject(0);"))
    assert main(["build", str(tree)]) == 4
    first = capsys.readouterr().err.splitlines()[0]
    assert "CP3005" in first and "scale.cpp:8" in first and "--ignore-diagnostics" in first
    assert main(["build", str(tree), "--ignore-diagnostics"]) == 4
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("cudaport: error: scale.cpp: compile error; ") and "CP3005" in first


def test_warning_diagnostics_do_not_block(tree: Path) -> None:
    (tree / "lib" / "fill.cpp").write_text((tree / "lib" / "fill.cpp").read_text()
                                           + "/* CUDAPORT CP3001: warp size assumed to be 32 */\n")
    assert len(build(tree, "opencl", cmake=False).executables) == 2


def test_missing_compiler_is_one_line(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CXX", "/nonexistent/g++")
    assert main(["build", str(tree)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no C++ compiler found" in err


def test_tree_of_unknown_target_asks_for_target(tmp_path: Path) -> None:
    (tmp_path / "a.cpp").write_text("int main() { return 0; }\n")
    with pytest.raises(BuildError, match="--target"):
        build(tmp_path)


@pytest.mark.opencl
def test_debug_config_uses_its_own_shim_build_and_runs(tree: Path, tmp_path: Path) -> None:
    build(tree, "opencl", jobs=2, config="Release", cmake=False)
    result = build(tree, "opencl", jobs=2, config="Debug", cmake=False)
    libs = list(Path(os.environ["CUDAPORT_CACHE_DIR"]).glob("shim-opencl-*/libcudaport_opencl.a"))
    assert len(libs) == 2
    res = _run(tree / "build" / "vecadd", {"CUDAPORT_OPENCL_DEVICE": POCL}, tmp_path)
    assert "PASS vecadd" in res.stdout, res.stdout + res.stderr
    assert len(result.executables) == 2


@pytest.mark.opencl
def test_kernels_are_compiled_for_the_device_at_build_time(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUDAPORT_OPENCL_DEVICE", POCL)
    result = build(tree, "opencl", jobs=2, cmake=False)
    assert not [n for n in result.notes if "kernels not compiled" in n]  # PoCL compiled both programs


@pytest.mark.opencl
def test_a_kernel_the_device_rejects_fails_the_build_at_its_function_and_cuda_file(
        tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CUDAPORT_OPENCL_DEVICE", POCL)
    cl = tree / "lib" / "scale.cl"
    text = cl.read_text()
    # a translated program names its CUDA origin; the body uses a name OpenCL C does not know
    cl.write_text("/* translated by cudaport from lib/scale.cu */\n" + text.replace(
        "__kernel void", "float helper(float v) {\n    return v * undeclared_factor;\n}\n__kernel void", 1))
    assert main(["build", str(tree), "--no-cmake"]) == 4
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("cudaport: error: lib/scale.cl: the OpenCL device rejected this kernel program: ")
    assert "(in helper, translated from lib/scale.cu): use of undeclared identifier 'undeclared_factor'" in first
    assert main(["build", str(tree), "--no-cmake", "--no-kernel-check"]) == 0  # the opt-out builds the host code


def test_no_opencl_device_leaves_kernels_to_the_first_launch(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUDAPORT_OPENCL_DEVICE", "no-such-device-xyzzy")
    result = build(tree, "opencl", jobs=2, cmake=False)
    assert any("kernels not compiled at build time: no OpenCL device" in n for n in result.notes)
    assert len(result.executables) == 2


def test_include_dirs_come_first_and_included_sources_are_not_units(tmp_path: Path) -> None:
    # -I app/conf (the project's Makefile flag) wins over the tree's include/conf.h; part.cpp is included by
    # main.cpp and needs its macro, so compiling it alone would fail
    out = tmp_path / "out"
    for rel, text in {"include/conf.h": "#define VALUE 1\n", "app/conf/conf.h": "#define VALUE 2\n",
                      "app/part.cpp": "static int part() { return VALUE + OFFSET; }\n",
                      "app/main.cpp": '#include <cudaport_opencl.h>\n#include "conf.h"\n#define OFFSET 1\n'
                                      '#include "part.cpp"\nint main() { return part() == 3 ? 0 : 1; }\n'}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    result = build(out, "opencl", jobs=1, cmake=False, includes=(str(out / "app" / "conf"),))
    assert [p.name for p in result.executables] == ["main"]
    assert _run(result.executables[0], {}, out).returncode == 0
