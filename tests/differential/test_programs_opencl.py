"""End-to-end proof for the OpenCL path: every self-checking program in corpus/programs/ is translated with
`cudaport translate --to opencl`, built with `cudaport build`, run on PoCL (rc 0 and `PASS <name>`), and run
again under Oclgrind on the shim's handle-table path, failing on races, invalid accesses and uninitialised
reads that Oclgrind reports (it exits 0 even then). Programs not expected to pass yet are listed in EXPECTED_FAIL
(strict xfail, so a fix shows up). `unsupported_mix` must translate and its build must fail naming the
diagnostic. Translation and builds run once per session with 2 workers; the shim library is built once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = REPO / "corpus" / "programs"
DIAGNOSTICS_FIXTURE = "unsupported_mix"
NAMES = sorted(p.name for p in PROGRAMS.iterdir() if p.is_dir() and p.name != DIAGNOSTICS_FIXTURE)
WORKERS = 2
# The shim matches CUDAPORT_OPENCL_DEVICE against "platform name / device name"; PoCL's platform is called
# "Portable Computing Language".
POCL = "portable computing language"
OCLGRIND_ERRORS = ("data race", "Invalid read", "Invalid write", "Uninitialized")

# The one place that lists programs expected not to pass yet, with the reason: name -> reason (strict xfail).
# Keys of EXPECTED_FAIL apply to PoCL and Oclgrind runs; OCLGRIND_EXPECTED_FAIL only to Oclgrind runs.
EXPECTED_FAIL: dict[str, str] = {}
OCLGRIND_EXPECTED_FAIL: dict[str, str] = {
    "atomics_all_int": "Oclgrind reports a read-write data race between the plain read and atomic_cmpxchg of the "
                       "target's compare-and-swap loops (atomicInc/Dec and 64-bit emulation)",
    "device_globals_symbols": "Oclgrind reports a read-write data race in the target's atomicInc compare-and-swap "
                              "loop (plain volatile read before atomic_cmpxchg)",
    "managed_memory": "cudaMallocManaged needs shared virtual memory, which Oclgrind lacks: the shim returns "
                      "cudaErrorNotSupported there by design",
}
_TARGET = REPO / "translator" / "targets" / "opencl"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (_TARGET / "__init__.py").is_file()
                                and not _TARGET.with_suffix(".py").is_file(),
                                reason="the OpenCL target (translator/targets/opencl) is not written yet")]


@dataclass
class Built:
    name: str
    out: Path
    exe: Path | None
    log: str  # translate and build output, shown when something fails
    seconds: float


def _cudaport(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translator.cli", *args], capture_output=True, text=True,
                          timeout=600, env=_env({}))


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUDAPORT_") or k == "CUDAPORT_CACHE_DIR"}
    env.update(extra)
    return env


def _build(name: str, root: Path, translate_log: str) -> Built:
    start = time.monotonic()
    out = root / name
    if not (out / f"{name}.cpp").is_file():
        return Built(name, out, None, translate_log + f"(no {name}/{name}.cpp written)\n", 0.0)
    bd = _cudaport("build", str(out), "-j", "1", "-q")
    log = translate_log + f"$ cudaport build {name} (rc {bd.returncode})\n{bd.stdout}{bd.stderr}"
    exes = [Path(line) for line in bd.stdout.split()]
    exe = exes[0] if bd.returncode == 0 and len(exes) == 1 else None
    return Built(name, out, exe, log, time.monotonic() - start)


def _pool_map(func: Callable, items: Iterable) -> list:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(func, items))


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterable[Path]:
    """One shim library for the session: CUDAPORT_CACHE_DIR for every `cudaport build` below."""
    path = tmp_path_factory.mktemp("shim-cache")
    old = os.environ.get("CUDAPORT_CACHE_DIR")
    os.environ["CUDAPORT_CACHE_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("CUDAPORT_CACHE_DIR", None)
    else:
        os.environ["CUDAPORT_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def translated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """All of corpus/programs translated in one `cudaport translate` run (2 workers): OUT/<name>/<name>.cpp+.cl."""
    root = tmp_path_factory.mktemp("opencl-programs") / "out"
    tr = _cudaport("translate", str(PROGRAMS), "--to", "opencl", "-o", str(root), "-q", "-j", str(WORKERS))
    return root, f"$ cudaport translate corpus/programs --to opencl (rc {tr.returncode})\n{tr.stdout}{tr.stderr}"


@pytest.fixture(scope="session")
def built(cache_dir: Path, translated: tuple[Path, str]) -> dict[str, Built]:
    root, log = translated
    # Build the first program alone so the shim library is compiled once, then the rest 2 at a time.
    first = _build(NAMES[0], root, log)
    rest = _pool_map(lambda n: _build(n, root, log), NAMES[1:])
    return {b.name: b for b in [first, *rest]}


def _run(b: Built, oclgrind: bool) -> subprocess.CompletedProcess[str]:
    assert b.exe is not None, f"{b.name} did not translate or build:\n{b.log}"
    if oclgrind:
        cmd, extra, timeout = ["oclgrind", "--data-races", str(b.exe)], {"CUDAPORT_OPENCL_SVM": "0"}, 900
    else:
        cmd, extra, timeout = [str(b.exe)], {"CUDAPORT_OPENCL_DEVICE": POCL}, 300
    try:
        return subprocess.run(cmd, cwd=b.out, capture_output=True, text=True, timeout=timeout, env=_env(extra))
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(cmd, -1, str(exc.stdout or ""), f"timed out after {timeout} s")


@pytest.fixture(scope="session")
def pocl_runs(built: dict[str, Built]) -> dict[str, subprocess.CompletedProcess[str]]:
    ready = [b for b in built.values() if b.exe is not None]
    return dict(zip([b.name for b in ready], _pool_map(lambda b: _run(b, False), ready), strict=True))


@pytest.fixture(scope="session")
def oclgrind_runs(request: pytest.FixtureRequest, built: dict[str, Built]
                  ) -> dict[str, subprocess.CompletedProcess[str]]:
    """Oclgrind runs of the programs whose Oclgrind test was selected, 2 at a time."""
    selected = [item.callspec.params["name"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_program_passes_under_oclgrind_without_errors"]
    ready = [built[n] for n in selected if built[n].exe is not None]
    return dict(zip([b.name for b in ready], _pool_map(lambda b: _run(b, True), ready), strict=True))


def _params(names: Iterable[str], extra_fail: dict[str, str], marks_for: Callable[[str], list]) -> list:
    params = []
    for name in names:
        marks = list(marks_for(name))
        reason = EXPECTED_FAIL.get(name) or extra_fail.get(name)
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def _check_pass(name: str, res: subprocess.CompletedProcess[str], log: str) -> None:
    output = res.stdout + res.stderr
    assert res.returncode == 0 and re.search(rf"^PASS {re.escape(name)}$", res.stdout, re.M), (
        f"{name}: rc {res.returncode}\n{output[-4000:]}\n{log}")


@pytest.mark.opencl
@pytest.mark.parametrize("name", _params(NAMES, {}, lambda n: []))
def test_program_passes_on_pocl(name: str, built: dict[str, Built], pocl_runs: dict) -> None:
    b = built[name]
    assert b.exe is not None, f"{name} did not translate or build:\n{b.log}"
    _check_pass(name, pocl_runs[name], b.log)


@pytest.mark.oclgrind
@pytest.mark.parametrize("name", _params(NAMES, OCLGRIND_EXPECTED_FAIL, lambda n: []))
def test_program_passes_under_oclgrind_without_errors(name: str, built: dict[str, Built], oclgrind_runs: dict
                                                      ) -> None:
    b = built[name]
    assert b.exe is not None, f"{name} did not translate or build:\n{b.log}"
    res = oclgrind_runs[name]
    _check_pass(name, res, b.log)
    output = res.stdout + res.stderr
    found = [e for e in OCLGRIND_ERRORS if e in output]
    assert not found, f"{name}: Oclgrind reported {found}:\n{output[-4000:]}"


def test_unsupported_mix_translates_and_its_build_names_the_diagnostic(cache_dir: Path,
                                                                       translated: tuple[Path, str]) -> None:
    root, log = translated
    out = root / DIAGNOSTICS_FIXTURE
    assert (out / f"{DIAGNOSTICS_FIXTURE}.cpp").is_file(), log
    text = (out / f"{DIAGNOSTICS_FIXTURE}.cpp").read_text() + "".join(p.read_text() for p in out.glob("*.cl"))
    assert "CUDAPORT CP3004" in text  # inline PTX
    bd = _cudaport("build", str(out))
    assert bd.returncode == 4, bd.stdout + bd.stderr
    first = bd.stderr.splitlines()[0]
    assert first.startswith("cudaport: error:") and "CP3004" in first, bd.stderr
