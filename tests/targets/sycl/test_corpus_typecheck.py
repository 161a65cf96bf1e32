"""Every corpus program, translated to SYCL, type-checks against the SYCL 2020 headers (intel-sycl-rt) and
the cpsycl helper with g++ -fsyntax-only. No SYCL compiler exists here, so nothing runs: this proves the
host code, the kernel lambdas and the helper calls are well-typed, not that results are right.

The helper (with sycl.hpp) is precompiled once per session, which cuts each file from ~2 s to ~0.4 s of CPU.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.targets.sycl.typecheck import SHIM_INCLUDE, typecheck_command
from translator.api import translate_text
from translator.build.toolchains import sycl_include_dir

REPO = Path(__file__).resolve().parents[3]
PROGRAMS = sorted(p.name for p in (REPO / "corpus" / "programs").iterdir() if (p / f"{p.name}.cu").is_file())

# The one list of programs expected NOT to type-check, with the reason (strict: fixing one fails the test).
EXPECTED_FAILURES = {
    "unsupported_mix": "diagnostics fixture: texture objects (cudaCreateTextureObject, tex1Dfetch) are not "
                       "translated for SYCL (CP3005 at each site) and inline PTX cannot be (CP3004)",
}

pytestmark = [pytest.mark.sycl_headers, pytest.mark.gxx]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sycl_corpus")
    pch = out / "pch"
    pch.mkdir()
    # GCC uses X.gch when it finds X first on the include path, so the header sits next to its PCH; clang takes
    # its PCH with -include-pch (_typecheck). Both are the same compiler the type-check itself runs.
    shutil.copy(SHIM_INCLUDE / "cudaport_sycl.hpp", pch / "cudaport_sycl.hpp")
    cmd = typecheck_command(str(pch / "cudaport_sycl.hpp"), str(sycl_include_dir()))
    built = _pch_file(out)
    cmd = [c for c in cmd if c != "-fsyntax-only"] + ["-x", "c++-header", "-o", str(built)]
    cmd.remove(str(pch / "cudaport_sycl.hpp"))
    cmd.append(str(pch / "cudaport_sycl.hpp"))
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:  # no PCH: every file parses the headers itself (slower, same result)
        built.unlink(missing_ok=True)
    return out


def _clang() -> bool:
    return "clang" in Path(typecheck_command("x.cpp", "inc")[0]).name


def _pch_file(workdir: Path) -> Path:
    return workdir / "pch" / ("cudaport_sycl.hpp.pch" if _clang() else "cudaport_sycl.hpp.gch")


@pytest.fixture(scope="module")
def results(workdir: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """All programs translated first (in this process), then g++ runs on as many cores as there are."""
    files = {name: _translate(workdir, name) for name in PROGRAMS}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {name: pool.submit(_typecheck, workdir, out) for name, out in files.items()}
        return {name: f.result() for name, f in futures.items()}


def _translate(workdir: Path, name: str) -> Path:
    src = REPO / "corpus" / "programs" / name / f"{name}.cu"
    result = translate_text(src.read_bytes(), "sycl", name=src.name)
    out = workdir / result.out_rel
    out.write_bytes(result.output)
    return out


def _typecheck(workdir: Path, out: Path) -> subprocess.CompletedProcess[str]:
    cmd = typecheck_command(str(out), str(sycl_include_dir()))
    pch = _pch_file(workdir)
    if _clang() and pch.is_file():
        cmd[1:1] = [f"-I{workdir / 'pch'}", "-include-pch", str(pch)]
    else:
        cmd[1:1] = [f"-I{workdir / 'pch'}", "-include", "cudaport_sycl.hpp"]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=EXPECTED_FAILURES[n], strict=True)) if n in EXPECTED_FAILURES
    else n for n in PROGRAMS])
def test_translated_program_type_checks(results: dict[str, subprocess.CompletedProcess[str]], name: str) -> None:
    done = results[name]
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert done.returncode == 0, f"{name}: {len(errors)} error lines\n" + "\n".join(errors[:15])


def test_expected_failures_name_real_programs() -> None:
    assert set(EXPECTED_FAILURES) <= set(PROGRAMS)


def test_a_broken_translation_is_caught(workdir: Path) -> None:
    """The check can fail: a translated file with a wrong helper call does not pass."""
    bad = workdir / "broken.cpp"
    bad.write_text("#include <cudaport_sycl.hpp>\nint main() { float* p; return cpsycl::malloc_device(p, 4); }\n")
    cmd = typecheck_command(str(bad), str(sycl_include_dir()))
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode != 0
