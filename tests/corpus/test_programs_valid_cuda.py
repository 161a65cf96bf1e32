"""Corpus checks: every CUDA program and project under corpus/ is laid out as documented and is valid CUDA.

Inputs: corpus/programs/<name>/<name>.cu and corpus/projects/*. Outputs: test results only.
The layout tests need nothing; the `nvcc` tests compile each source with `nvcc -c` (2 workers,
about 15 s in all) and fail on any error or warning.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from translator.build.toolchains import nvcc as find_nvcc

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = REPO / "corpus" / "programs"
PROJECTS = REPO / "corpus" / "projects"
NVCC_FLAGS = ["-std=c++17", "-arch=sm_75"]
# The one program that deliberately uses constructs the translator does not support.
DIAGNOSTICS_FIXTURE = "unsupported_mix"

PROGRAM_NAMES = sorted(p.name for p in PROGRAMS.iterdir() if p.is_dir()) if PROGRAMS.is_dir() else []

# (project, source relative to the project, include dirs relative to the project)
PROJECT_SOURCES = [
    ("imgproc_cmake", "src/blur.cu", ["include"]),
    ("imgproc_cmake", "src/threshold.cu", ["include"]),
    ("imgproc_cmake", "app/invert.cu", ["include"]),
    ("imgproc_cmake", "app/main.cpp", ["include"]),
    ("particles_make", "src/integrate.cu", ["include"]),
    ("particles_make", "src/energy.cu", ["include"]),
    ("particles_make", "src/main.cu", ["include"]),
]


def test_corpus_has_at_least_24_supported_programs() -> None:
    supported = [n for n in PROGRAM_NAMES if n != DIAGNOSTICS_FIXTURE]
    assert len(supported) >= 24, supported
    assert DIAGNOSTICS_FIXTURE in PROGRAM_NAMES


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_folder_holds_one_self_checking_main(name: str) -> None:
    folder = PROGRAMS / name
    sources = sorted(p.name for p in folder.iterdir() if p.suffix == ".cu")
    assert sources == [f"{name}.cu"], f"{folder}: expected exactly {name}.cu, found {sources}"
    others = [p.name for p in folder.iterdir() if p.suffix not in (".cu", ".cuh")]
    assert not others, f"{folder}: unexpected files {others}"
    text = (folder / f"{name}.cu").read_text()
    assert text.startswith(f"// {name}:"), "the file must open with a '// <name>: what it does' header"
    assert re.search(r"\bint\s+main\s*\(", text)
    assert f'"PASS {name}\\n"' in text, f"must print 'PASS {name}'"
    assert re.search(rf'"[^"]*FAIL {name}\\n"', text), f"must print 'FAIL {name}'"
    assert re.search(r"\breturn\s+1\s*;", text), "a failing check must return 1"
    assert "cudaGetErrorString" in text, "CUDA errors must be checked and reported"
    assert not re.search(r"\b(rand|srand|random)\s*\(", text), "inputs come from the program's own generator"
    assert "__global__" in text


def test_readme_lists_every_program() -> None:
    readme = (PROGRAMS / "README.md").read_text()
    missing = [n for n in PROGRAM_NAMES if f"| `{n}` |" not in readme]
    assert not missing, f"README.md table lacks {missing}"


def test_only_the_diagnostics_fixture_uses_unsupported_constructs() -> None:
    unsupported = re.compile(r"\basm\s*\(|\btex1Dfetch\b|cudaTextureObject_t|<thrust/|<cub/|cooperative_groups")
    for name in PROGRAM_NAMES:
        text = (PROGRAMS / name / f"{name}.cu").read_text()
        if name == DIAGNOSTICS_FIXTURE:
            assert re.search(r"\basm\s*\(", text) and "tex1Dfetch" in text
            assert "NOT expected to PASS after translation" in text
        else:
            assert not unsupported.search(text), f"{name} uses a construct the OpenCL path does not support"


def _compile(nvcc: str, source: Path, includes: list[Path], out_dir: Path) -> tuple[int, str]:
    cmd = [
        nvcc,
        *NVCC_FLAGS,
        *(f"-I{inc}" for inc in includes),
        "-c",
        str(source),
        "-o",
        str(out_dir / f"{source.parent.name}_{source.stem}.o"),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def nvcc_results() -> dict[str, tuple[int, str]]:
    """Compiles every program and project source once, two at a time (the machines have 2 cores)."""
    nvcc = find_nvcc()
    if nvcc is None:
        tool_missing("nvcc not available")
    jobs: dict[str, tuple[Path, list[Path]]] = {
        f"programs/{n}": (PROGRAMS / n / f"{n}.cu", [PROGRAMS / n]) for n in PROGRAM_NAMES
    }
    for project, rel, incs in PROJECT_SOURCES:
        jobs[f"projects/{project}/{rel}"] = (PROJECTS / project / rel, [PROJECTS / project / i for i in incs])
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=2) as pool:
        futures = {key: pool.submit(_compile, nvcc, src, incs, Path(tmp)) for key, (src, incs) in jobs.items()}
        return {key: fut.result() for key, fut in futures.items()}


def _assert_clean(key: str, result: tuple[int, str]) -> None:
    rc, output = result
    assert rc == 0, f"nvcc failed on {key}:\n{output}"
    assert "warning" not in output.lower(), f"nvcc warned on {key}:\n{output}"


@pytest.mark.nvcc
@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_compiles_with_nvcc(name: str, nvcc_results: dict[str, tuple[int, str]]) -> None:
    _assert_clean(f"programs/{name}", nvcc_results[f"programs/{name}"])


@pytest.mark.nvcc
@pytest.mark.parametrize(("project", "rel"), [(p, r) for p, r, _ in PROJECT_SOURCES])
def test_project_source_compiles_with_nvcc(project: str, rel: str, nvcc_results: dict[str, tuple[int, str]]) -> None:
    _assert_clean(f"projects/{project}/{rel}", nvcc_results[f"projects/{project}/{rel}"])


def test_project_sources_listed_here_exist() -> None:
    on_disk = set()
    for path in PROJECTS.rglob("*"):
        if path.suffix in (".cu", ".cpp"):
            parts = path.relative_to(PROJECTS).parts
            on_disk.add((parts[0], "/".join(parts[1:])))
    assert on_disk == {(p, r) for p, r, _ in PROJECT_SOURCES}


def test_cmake_project_declares_cuda_language_and_make_project_uses_nvcc() -> None:
    cmake = (PROJECTS / "imgproc_cmake" / "CMakeLists.txt").read_text()
    assert re.search(r"project\([^)]*LANGUAGES\s+CXX\s+CUDA", cmake)
    assert "add_library(imgproc STATIC" in cmake
    make = (PROJECTS / "particles_make" / "Makefile").read_text()
    for needle in ("CUDA_PATH", "-arch=sm_75", "-lcudart", "$(NVCC)"):
        assert needle in make, needle
