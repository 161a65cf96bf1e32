"""HIP output compiles: every corpus program and the example project, translated for HIP 5.2 (the HIP
installed here) and for HIP 6.4 (checked with a stand-in header that enforces HIP 6.2's 64-bit lane masks),
is compiled with hipcc -fsyntax-only for an AMD GPU (host and device code)."""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from translator.cli import main as cudaport

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).parent
PROGRAMS = sorted(p for p in (REPO / "corpus" / "programs").iterdir() if p.is_dir() and p.name != "unsupported_mix")
SOURCES = [*PROGRAMS, REPO / "examples" / "heat2d"]

pytestmark = [pytest.mark.hipcc]


def _hipcc(files: list[Path], include_dir: Path, extra: list[str], full: bool = False) -> list[str]:
    """Problems hipcc reports; `full` compiles to an object (device code generation finds more than
    -fsyntax-only, e.g. non-scalar printf arguments)."""
    env = {**os.environ, "HIP_PLATFORM": "amd"}

    def one(f: Path) -> str:
        mode = ["-c", "-o", str(f.with_suffix(".o"))] if full else ["-fsyntax-only"]
        cmd = ["hipcc", "-std=c++17", *mode, "--offload-arch=gfx90a", "-x", "hip", "-I", str(include_dir),
               *extra, str(f)]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        errors = [ln for ln in out.stderr.splitlines() if "error" in ln]
        if out.returncode == 0 and not errors:
            return ""
        return f"{f.name}: " + "\n".join(errors[:5] or [out.stderr[-500:]])

    with ThreadPoolExecutor(max_workers=2) as pool:
        return [r for r in pool.map(one, files) if r]


def _translate_all(tmp: Path, version: str) -> list[Path]:
    files = []
    for src in SOURCES:
        out = tmp / src.name
        rc = cudaport(["translate", str(src), "--to", "hip", "--hip-version", version, "-o", str(out), "-q", "-j", "1"])
        assert rc == 0, f"translate {src.name} exited {rc}"
        files += sorted(out.glob("*.cu"))
    return files


@pytest.mark.slow
@pytest.mark.parametrize("version", ["5.2", "6.4"])
def test_translated_corpus_compiles_with_hipcc(tmp_path: Path, version: str) -> None:
    files = _translate_all(tmp_path, version)
    assert len(files) >= len(SOURCES)
    extra = [] if version == "5.2" else ["-include", str(HERE / "hip62_warp_sync.h")]
    # HIP 5.2 is real here: compile to objects. 6.x is a stand-in header: its syntax check is what we can do.
    problems = _hipcc(files, tmp_path, extra, full=version == "5.2")
    assert not problems, "\n".join(problems)


def test_untranslated_cuda_does_not_compile_with_hipcc(tmp_path: Path) -> None:
    """The check above can fail: CUDA as written is rejected by hipcc."""
    src = REPO / "examples" / "heat2d" / "main.cu"
    shutil.copytree(src.parent, tmp_path / "heat2d")
    problems = _hipcc([tmp_path / "heat2d" / "main.cu"], tmp_path / "heat2d", [])
    assert problems


def test_hip62_stand_in_rejects_a_32_bit_mask(tmp_path: Path) -> None:
    f = tmp_path / "k.hip"
    f.write_text("#include <hip/hip_runtime.h>\n"
                 "__global__ void k(float* a) { a[0] = __shfl_down_sync(0xffffffffu, a[0], 1); }\n")
    assert _hipcc([f], tmp_path, ["-include", str(HERE / "hip62_warp_sync.h")])


# Golden files written to compile as they are once translated (the others are snippets).
COMPILING_GOLDEN = ("symbols.cu", "atomic_overloads.cu", "driver_types_deprecated.cu", "gl_interop.cu",
                    "includes_runtime_later.cu")


@pytest.mark.slow
def test_hip_golden_files_compile_with_hipcc_52(tmp_path: Path) -> None:
    from tests.golden.checkfile import strip_checks
    from translator.api import translate_text
    from translator.engine.context import Options

    files = []
    for name in COMPILING_GOLDEN:
        source = (REPO / "tests" / "golden" / "hip" / name).read_text()
        result = translate_text(strip_checks(source), "hip", name=name, options=Options(target="hip",
                                                                                        hip_version=(5, 2)))
        out = tmp_path / name
        out.write_bytes(result.output)
        files.append(out)
    problems = _hipcc(files, tmp_path, [])
    assert not problems, "\n".join(problems)
