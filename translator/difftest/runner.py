"""Runs cases through the real pipeline: harness generation, `cudaport translate --to TARGET`, `cudaport build`,
then the executable on each OpenCL device (PoCL; Oclgrind with race/OOB/uninitialised checks; Intel CPU OpenCL
when installed). Translations and builds are cached by content hash (case source, target, rule files, mutation,
translator/rules/shim sources). Output: CaseResult per case with one DeviceRun per device.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from translator.difftest import harness, inputs
from translator.difftest.compare import Comparison, compare
from translator.difftest.schema import Case, CaseError
from translator.resources import package_dir, rules_dir, shim_dir

PACKAGE = package_dir()
OCLGRIND_ERROR = re.compile(r"(invalid (read|write)|data race|uninitiali[sz]ed|divergence|out of bounds|"
                            r"undefined|error)", re.IGNORECASE)


@dataclass
class Options:
    target: str = "opencl"
    devices: list[str] = field(default_factory=lambda: ["pocl"])
    seed: int = 0
    size_class: str = "small"
    rules: list[Path] = field(default_factory=list)
    cache_dir: Path | None = None
    mutate: Callable[[Path], None] | None = None     # edits the translated tree before the build (mutant tests)
    mutate_id: str = ""
    timeout: float = 120.0
    oclgrind_timeout: float = 600.0
    keep: bool = False


@dataclass
class DeviceRun:
    device: str
    verdict: str                                    # pass | fail | error | skip
    seconds: float = 0.0
    comparisons: list[Comparison] = field(default_factory=list)
    message: str = ""
    outputs: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def max_abs(self) -> float:
        return max((c.max_abs for c in self.comparisons), default=0.0)

    @property
    def max_rel(self) -> float:
        return max((c.max_rel for c in self.comparisons), default=0.0)

    @property
    def max_ulp(self) -> float:
        return max((c.max_ulp for c in self.comparisons), default=0.0)


@dataclass
class CaseResult:
    case: str
    path: str
    sizes: dict[str, Any]
    seed: int
    runs: list[DeviceRun] = field(default_factory=list)
    stage_error: str = ""                          # translate/build/input failure, one paragraph
    build_seconds: float = 0.0
    cached: bool = False

    @property
    def ok(self) -> bool:
        return not self.stage_error and all(r.verdict in ("pass", "skip") for r in self.runs) and \
            any(r.verdict == "pass" for r in self.runs)


def cache_dir(opts: Options) -> Path:
    if opts.cache_dir:
        return opts.cache_dir
    from translator.build.common import cache_root

    return cache_root() / "difftest"


@cache
def toolchain_fingerprint() -> str:
    """Hash of everything that changes what translate+build produce: translator, rules and shim sources."""
    h = hashlib.sha256()
    # the same in a checkout and in an installed wheel (data under translator/_data): through resources only
    for root in (PACKAGE, rules_dir(), shim_dir() / "opencl", shim_dir() / "record"):
        if not root.exists():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and not {"__pycache__", "difftest", "_data"} & set(p.relative_to(root).parts):
                st = p.stat()
                h.update(f"{root.name}/{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def available_devices() -> dict[str, str]:
    """Device name -> why it is unavailable ('' when it is available)."""
    icds = list(Path("/etc/OpenCL/vendors").glob("*.icd")) if Path("/etc/OpenCL/vendors").is_dir() else []
    pocl = any("pocl" in p.name.lower() for p in icds) or bool(os.environ.get("OCL_ICD_VENDORS"))
    return {"pocl": "" if pocl else "no PoCL ICD in /etc/OpenCL/vendors (apt-get install pocl-opencl-icd)",
            "oclgrind": "" if shutil.which("oclgrind") else "oclgrind not on PATH (apt-get install oclgrind)",
            "intel": "" if _intel_icd() else "Intel CPU OpenCL not installed (pip install intel-opencl-rt)"}


def _intel_icd() -> Path | None:
    lib = Path(sys.prefix) / "lib" / "libintelocl.so"
    return lib if lib.is_file() else None


def _device_env(device: str, work: Path, uninitialized: bool = True) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if device == "oclgrind":
        env["CUDAPORT_OPENCL_SVM"] = "0"
        env.pop("CUDAPORT_OPENCL_DEVICE", None)
        log = work / "oclgrind.log"
        checks = ["--data-races", *(["--uninitialized"] if uninitialized else [])]
        return ["oclgrind", *checks, "--max-errors", "20", "--log", str(log)], env
    if device == "intel":
        icd = work / "intel.icd"
        icd.write_text(str(_intel_icd()) + "\n")
        env["OCL_ICD_VENDORS"] = str(icd)
        env["CUDAPORT_OPENCL_DEVICE"] = "intel"
        return [], env
    # the shim matches a substring of "platform / device"; PoCL's platform is "Portable Computing Language"
    env["CUDAPORT_OPENCL_DEVICE"] = "portable computing language" if device == "pocl" else device
    return [], env


class StageError(Exception):
    pass


def _run(cmd: list[str], timeout: float, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    except subprocess.TimeoutExpired:
        raise StageError(f"timed out after {timeout:.0f}s: {' '.join(cmd[:3])} ...") from None


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _cached_exe(final: Path) -> Path | None:
    """The executable a finished cache entry names, or None when the entry is missing or broken."""
    stamp = final / "exe.txt"
    if not stamp.is_file():
        return None
    exe = Path(stamp.read_text().strip())
    return exe if exe.is_file() else None


def prepare(case: Case, opts: Options, record: bool = False, source: str | None = None) -> tuple[Path, bool]:
    """Translated and built executable for the case (or for `source`); cached. Returns (exe, was_cached)."""
    text = source if source is not None else harness.generate(case, record=record)
    h = hashlib.sha256()
    for part in (text, opts.target, opts.mutate_id, toolchain_fingerprint(),
                 *(p.read_text() for p in opts.rules)):
        h.update(part.encode())
        h.update(b"\0")
    key = h.hexdigest()[:20]
    final = cache_dir(opts) / f"{case.name}-{key}"
    exe = _cached_exe(final)
    if exe is not None:
        return exe, True
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{case.name}-", dir=final.parent))
    try:
        src = work / "src"
        src.mkdir()
        (src / f"{case.name}.cu").write_text(text)
        out = work / "out"
        cli = [sys.executable, "-m", "translator.cli"]
        cmd = [*cli, "translate", str(src), "--to", opts.target, "-o", str(out), "--force", "-j", "1"]
        for r in opts.rules:
            cmd += ["--rules", str(r)]
        res = _run(cmd, 300)
        if res.returncode not in (0, 1):
            raise StageError(f"translate failed (exit {res.returncode}):\n{_tail(res.stderr + res.stdout)}")
        if opts.mutate:
            opts.mutate(out)
        res = _run([*cli, "build", str(out), "-j", "1", "--no-cmake"], 600)
        if res.returncode != 0:
            raise StageError(f"build failed (exit {res.returncode}):\n{_tail(res.stderr + res.stdout, 25)}")
        exes = [line.strip() for line in res.stdout.splitlines() if line.strip()]
        if not exes:
            raise StageError("build produced no executable")
        exe_rel = Path(exes[0]).resolve().relative_to(work.resolve())
        (work / "exe.txt").write_text(str(final / exe_rel))
        if final.exists() and _cached_exe(final) is None:  # a broken entry (no stamp or no executable)
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.rename(work, final)
        except OSError:
            # another run (a second `cudaport test`, a pytest-xdist worker) built the same key first and may be
            # running its executable: keep that one and drop ours
            exe = _cached_exe(final)
            if exe is None:
                raise
            return exe, False
        return final / exe_rel, False
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def write_inputs(case: Case, env: dict[str, Any], values: dict[str, Any], in_dir: Path) -> None:
    in_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"{k} {int(v)}" for k, v in env.items()]
    for name, v in inputs.scalar_params(case, values):
        lines.append(f"{name} {float(v)!r}" if isinstance(v, float) else f"{name} {int(v)}")
    (in_dir / "params.txt").write_text("\n".join(lines) + "\n")
    for a in case.arrays():
        if a.init is not None or not a.is_symbol:
            np.ascontiguousarray(values[a.name]).tofile(in_dir / f"{a.name}.bin")


def read_outputs(case: Case, env: dict[str, Any], out_dir: Path) -> dict[str, np.ndarray]:
    got = {}
    for a in case.outputs():
        p = out_dir / f"{a.name}.bin"
        if p.is_file():
            arr = np.fromfile(p, dtype=a.dtype)
            shape = inputs.shape_of(a, env)
            if arr.size == int(np.prod(shape)) if shape else arr.size == 1:
                arr = arr.reshape(shape)
            got[a.name] = arr
    return got


def oclgrind_errors(log: str) -> list[str]:
    errs = []
    for line in log.splitlines():
        if OCLGRIND_ERROR.search(line) and not line.startswith("\t") and "suppressing further errors" not in line:
            errs.append(line.strip())
    return errs


def run_device(case: Case, exe: Path, device: str, env: dict[str, Any], in_dir: Path, work: Path,
               opts: Options, extra_args: list[str] | None = None) -> tuple[DeviceRun, dict[str, np.ndarray]]:
    out_dir = work / f"out-{device}"
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = opts.oclgrind_timeout if device == "oclgrind" else opts.timeout
    note = ""
    t0 = time.perf_counter()
    for uninitialized in (True, False):
        prefix, denv = _device_env(device, work, uninitialized)
        (work / "oclgrind.log").unlink(missing_ok=True)
        try:
            res = _run([*prefix, str(exe), str(in_dir), str(out_dir), *(extra_args or [])], timeout, cwd=exe.parent,
                       env=denv)
        except StageError as exc:
            return DeviceRun(device, "error", time.perf_counter() - t0, message=str(exc)), {}
        log = (work / "oclgrind.log").read_text(errors="replace") if (work / "oclgrind.log").exists() else ""
        crashed = "OCLGRIND FATAL ERROR" in log + res.stderr or res.returncode < 0
        if device != "oclgrind" or not uninitialized or not crashed:
            break
        # Oclgrind's uninitialised-value plugin aborts on some kernels: check races and bounds without it
        note = "oclgrind --uninitialized crashed on this program; checked without it"
    secs = time.perf_counter() - t0
    output = res.stdout + res.stderr
    if device == "oclgrind":
        errs = [e for e in oclgrind_errors(log + "\n" + res.stderr)
                if not any(allowed.lower() in e.lower() for allowed in case.oclgrind_allow)]
        if errs:
            return DeviceRun(device, "fail", secs, message="oclgrind: " + " | ".join(dict.fromkeys(errs[:4]))), {}
    if res.returncode != 0 or "cudaport-harness: ok" not in res.stdout:
        return DeviceRun(device, "error", secs, message=f"exit {res.returncode}: {_tail(output, 8)}"), {}
    return DeviceRun(device, "pass", secs, message=note), read_outputs(case, env, out_dir)


def run_case(case: Case, opts: Options, overrides: dict[str, int] | None = None,
             seed: int | None = None) -> CaseResult:
    seed = opts.seed if seed is None else seed
    try:
        env = case.env(opts.size_class, overrides)
    except CaseError as exc:
        return CaseResult(case.name, str(case.dir), {}, seed, stage_error=str(exc))
    result = CaseResult(case.name, str(case.dir), env, seed)
    bad = case.check_constraints(env)
    if bad:
        result.stage_error = f"sizes {env} violate the case constraint {bad!r}"
        return result
    t0 = time.perf_counter()
    try:
        values = inputs.make_inputs(case, env, seed)
        expected = inputs.run_oracle(case, values, env) if case.has_oracle else None
        exe, result.cached = prepare(case, opts)
    except (StageError, CaseError) as exc:
        result.stage_error = str(exc)
        return result
    except Exception as exc:  # noqa: BLE001 - an oracle or generator bug is reported per case, not a crash
        result.stage_error = f"{type(exc).__name__}: {exc}"
        return result
    result.build_seconds = time.perf_counter() - t0
    avail = available_devices()
    with tempfile.TemporaryDirectory(prefix=f"cpt-{case.name}-") as tmp:
        work = Path(tmp)
        in_dir = work / "in"
        write_inputs(case, env, values, in_dir)
        reference: tuple[str, dict[str, np.ndarray]] | None = None
        for device in opts.devices:
            if avail.get(device, "unknown device"):
                result.runs.append(DeviceRun(device, "skip", message=avail.get(device, "unknown device")))
                continue
            if device in case.skip:
                result.runs.append(DeviceRun(device, "skip", message=f"case skips it: {case.skip[device]}"))
                continue
            dev_work = work / device
            dev_work.mkdir()
            run, got = run_device(case, exe, device, env, in_dir, dev_work, opts)
            if run.verdict == "pass":
                judge(case, run, got, expected, reference)
                if reference is None and run.verdict == "pass":
                    reference = (device, got)
                run.outputs = got
            result.runs.append(run)
    return result


def judge(case: Case, run: DeviceRun, got: dict[str, np.ndarray], expected: dict[str, np.ndarray] | None,
          reference: tuple[str, dict[str, np.ndarray]] | None) -> None:
    """Compares one device's outputs with the oracle and with the first passing device; sets run.verdict."""
    problems = []
    for a in case.outputs():
        if a.name not in got:
            problems.append(f"{a.name}: the program wrote no output file")
            continue
        if expected is not None:
            c = compare(a.name, expected[a.name], got[a.name], a.tol)
            run.comparisons.append(c)
            if not c.ok:
                problems.append(c.describe())
        if reference is not None:
            c = compare(a.name, reference[1][a.name], got[a.name], a.tol)
            if expected is None:
                run.comparisons.append(c)
            if not c.ok:
                problems.append(f"differs from {reference[0]}: {c.describe()}")
    if problems:
        run.verdict = "fail"
        run.message = " | ".join(problems)
