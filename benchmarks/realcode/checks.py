"""Real-code harness, one program on one target: translate with the installed `cudaport`, then check what
this machine can check (OpenCL: `cudaport build`, run on PoCL, the program's own verdict; HIP: hipcc
-fsyntax-only; SYCL: clang++ (else g++) -fsyntax-only against the SYCL 2020 headers), each translation
unit with the flags the translated Makefile gives it. Output: one `Outcome` (stage reached, verdict, seconds,
first error).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from programs import Program  # type: ignore[import-not-found]

# Units, their Makefile flags and the HIP/SYCL checker commands are shared with `cudaport report --verify`.
from translator.report.units import Unit, checker_command, make_units, tree_units  # noqa: F401

STAGES = {"opencl": ("translate", "build", "run", "verify"), "hip": ("translate", "compile"),
          "sycl": ("translate", "compile")}
CP_RE = re.compile(r"\bCP\d{4}\b")
ERROR_RE = re.compile(r"\b(error|fatal error|undefined reference|Error)\b")
# cudaport build's kernel check names the .cl line, function and CUDA file: better than the device's raw log
KERNEL_CHECK_RE = re.compile(r"rejected this kernel program")
COMPILER_ERROR_RE = re.compile(r"^(?!cudaport:).*(error:|undefined reference)")
SPECIFIC_ERROR_RE = re.compile(r"(error:|undefined reference|cudaport: error)")
TRANSLATE_TIMEOUT = 600
COMPILE_TIMEOUT = 300


@dataclass
class Outcome:
    stage: str
    passed: bool
    first_error: str | None = None
    seconds: float = 0.0
    named_by_diagnostic: bool | None = None
    codes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 1)
        return data


def cudaport_exe() -> list[str]:
    """The cudaport command: $CUDAPORT_CMD (e.g. to run a source checkout), else the one beside this Python."""
    if os.environ.get("CUDAPORT_CMD"):
        return shlex.split(os.environ["CUDAPORT_CMD"])
    exe = shutil.which("cudaport", path=str(Path(sys.executable).parent)) or shutil.which("cudaport")
    return [exe] if exe else [sys.executable, "-m", "translator.cli"]


def first_error(text: str, limit: int = 300) -> str:
    """The first error line of a tool's output (compiler, linker, our one-line errors), else its last line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # A compiler's "file:line: error: ..." names the cause; "1 error generated." and the like only count it.
    for pattern in (KERNEL_CHECK_RE, COMPILER_ERROR_RE, SPECIFIC_ERROR_RE, ERROR_RE):
        for ln in lines:
            if pattern.search(ln) and "warning:" not in ln:
                return ln[:limit]
    return (lines[-1] if lines else "no output")[:limit]


def _run(cmd: list[str], cwd: Path, timeout: int, env: dict | None = None) -> tuple[int, str]:
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=timeout,
                              env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        text = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        return 124, text + f"\ntimed out after {timeout} s"
    return proc.returncode, proc.stdout + proc.stderr


def translate(program: Program, src_root: Path, out: Path, target: str) -> tuple[bool, str]:
    """`cudaport translate` of the program folder and src/include together (so ../include is translated too)."""
    cmd = [*cudaport_exe(), "translate", str(src_root), "--to", target, "-o", str(out), "--force", "-q"]
    if target == "hip":
        cmd += ["--hip-version", "5.2"]
    for d in program.defines:
        cmd += ["-D", d]
    rc, text = _run(cmd, src_root, TRANSLATE_TIMEOUT)
    # 0: translated; 1: findings at --fail-on; 3: some files copied unchanged. 2/70/timeouts are failures.
    return rc in (0, 1, 3), text


def compile_check(target: str, prog_dir: Path, defines: tuple[str, ...] = ()) -> tuple[bool, str, int]:
    """(all units passed, first failing unit's output, units checked) for HIP or SYCL."""
    suffixes = (".cu", ".hip", ".cpp", ".cc") if target == "hip" else (".cpp", ".cc", ".cxx")
    units = make_units(prog_dir) or tree_units(prog_dir, suffixes)
    if not units:
        return False, "no translation units found", 0
    env = dict(os.environ, HIP_PLATFORM="amd")
    for unit in units:
        cmd = checker_command(target, unit, tuple(f"-D{d}" for d in defines))
        if cmd is None:
            return False, f"{target}: checker not installed", 0
        rc, text = _run(cmd, unit.cwd, COMPILE_TIMEOUT, env=env)
        if rc != 0:
            return False, f"{unit.source}: {text}", len(units)
    return True, "", len(units)


def build_opencl(out: Path, defines: tuple[str, ...], includes: tuple[str, ...] = ()) -> tuple[bool, str, list[Path]]:
    cmd = [*cudaport_exe(), "build", str(out), "--target", "opencl", "--no-cmake", *(f"-D{d}" for d in defines),
           *(f"-I{i}" for i in includes)]
    rc, text = _run(cmd, out, COMPILE_TIMEOUT)
    exes = [Path(line.strip()) for line in text.splitlines() if line.strip().startswith(str(out))]
    exes = [e for e in exes if e.is_file() and os.access(e, os.X_OK)]
    return rc == 0 and bool(exes), text, exes


def pick_executable(exes: list[Path], prog_dir: Path) -> Path:
    """The executable the program's Makefile names (`program = main`, `main:`), else the only or first one."""
    makefile = prog_dir / "Makefile"
    wanted = None
    if makefile.is_file():
        text = makefile.read_text("utf-8", "replace")
        m = re.search(r"^\s*(?:program|PROGRAM|EXE|exe|TARGET)\s*[:?]?=\s*(\S+)", text, re.M)
        wanted = m.group(1) if m else None
    for e in exes:
        if e.name == wanted:
            return e
    return next((e for e in exes if e.name == "main"), exes[0])


def verdict(program: Program, rc: int, output: str) -> tuple[bool, str | None]:
    """PASS only when the program's own verification says so: a PASS line, no FAIL line, exit status 0."""
    lines = output.splitlines()
    fails = [ln for ln in lines if re.search(program.fail_re, ln)]
    passes = [ln for ln in lines if re.search(program.pass_re, ln)]
    if rc == 124:
        return False, first_error(output, 200)
    if rc != 0:
        return False, f"exit status {rc}: " + first_error(output, 200)
    if fails:
        return False, fails[0].strip()[:200]
    if not passes:
        return False, "no PASS line: " + (lines[-1].strip()[:160] if lines else "no output")
    return True, None


def run_opencl(program: Program, exe: Path, pristine: Path, run_root: Path) -> tuple[int, str]:
    """Runs exe from a fresh copy of the program folder (relative data paths resolve there) on PoCL."""
    if run_root.exists():
        shutil.rmtree(run_root)
    shutil.copytree(pristine, run_root, symlinks=True)
    cwd = run_root / program.dir
    for cl in exe.parent.glob("*.cl"):
        shutil.copy2(cl, cwd / cl.name)
    env = dict(os.environ, CUDAPORT_OPENCL_DEVICE=os.environ.get("CUDAPORT_OPENCL_DEVICE", "pocl"))
    if program.defines:  # the kernels see the program's build macros too
        options = env.get("CUDAPORT_OPENCL_BUILD_OPTIONS", "")
        env["CUDAPORT_OPENCL_BUILD_OPTIONS"] = " ".join([options, *(f"-D{d}" for d in program.defines)]).strip()
    if program.prepare:
        rc, text = _run(["sh", "-c", program.prepare], cwd, 120)
        if rc != 0:
            return rc, f"prepare step failed: {program.prepare}: {text}"
    return _run([str(exe), *shlex.split(program.args)], cwd, program.timeout, env=env)


def diagnosis(out: Path, error: str) -> tuple[bool, list[str]]:
    """Whether a failure was named by a cudaport diagnostic: a CPnnnn in the error itself or at the failing line."""
    codes = sorted(set(CP_RE.findall(error)))
    m = re.search(r"([\w./-]{1,200}\.(?:cpp|cu|cuh|h|hpp|cl)):(\d+)", error)
    if m:
        try:
            path = next((p for p in (out / m.group(1), Path(m.group(1))) if p.is_file()), None)
            if path is None:
                found = list(out.rglob(Path(m.group(1)).name))
                path = found[0] if found else None
        except OSError:  # a compiler line that only looks like a path ("In instantiation of ...")
            path = None
        if path is not None:
            lines = path.read_text("utf-8", "replace").splitlines()
            line = int(m.group(2))
            near = "\n".join(lines[max(0, line - 4):line + 2])
            codes += [c for c in CP_RE.findall(near) if c not in codes]
    return bool(codes), codes


def _makefile_values(prog_dir: Path, flag: str) -> list[str]:
    """The values of one flag (`-D`, `-I`, joined or separate) on the program's own Makefile compile lines."""
    found: list[str] = []
    for unit in make_units(prog_dir):
        flags = list(unit.flags)
        for i, f in enumerate(flags):
            value = flags[i + 1] if f == flag and i + 1 < len(flags) else f[2:] if f.startswith(flag) else None
            if value and value not in found:
                found.append(value)
    return found


def makefile_defines(prog_dir: Path) -> tuple[str, ...]:
    """The -D macros the program's own Makefile compiles with (`-Ddfloat=double`), which a user passes on too."""
    return tuple(_makefile_values(prog_dir, "-D"))


def makefile_includes(prog_dir: Path, dest: Path) -> tuple[str, ...]:
    """The -I directories of the program's own Makefile (`-I./common`), as paths under `dest` (the translated
    program folder): its headers must win over same-named ones elsewhere in the tree, as in the user's build."""
    paths = [os.path.normpath(v if os.path.isabs(v) else dest / v) for v in _makefile_values(prog_dir, "-I")]
    return tuple(dict.fromkeys(paths))


def check(program: Program, target: str, pristine: Path, work: Path) -> Outcome:
    """Translate `program` (exported under `pristine`) for `target` and check it; never raises for its failures."""
    start = time.monotonic()
    extra = [d for d in makefile_defines(pristine / program.dir) if d not in program.defines]
    program = dataclasses.replace(program, defines=(*program.defines, *extra))
    out = work / f"out-{target}"
    if out.exists():
        shutil.rmtree(out)
    ok, text = translate(program, pristine, out, target)
    if not ok:
        return _done(Outcome("translate", False, first_error(text)), start, out, program)
    prog_dir = out / program.dir
    if target in ("hip", "sycl"):
        ok, text, _ = compile_check(target, prog_dir, program.defines)
        return _done(Outcome("compile", ok, None if ok else first_error(text)), start, out, program)
    ok, text, exes = build_opencl(out, program.defines, makefile_includes(pristine / program.dir, prog_dir))
    if not ok:
        return _done(Outcome("build", False, first_error(text)), start, out, program)
    if program.skip_run:
        return _done(Outcome("run", False, f"not run: {program.skip_run}"), start, out, program)
    exe = pick_executable(exes, prog_dir)
    rc, text = run_opencl(program, exe, pristine, work / "run-opencl")
    (work / "opencl-run.log").write_text(text)
    passed, why = verdict(program, rc, text)
    # A .cl that the device refused is a failed run even when the program goes on and exits 0.
    cl_error = re.search(r"cudaport: OpenCL build of .*", text)
    if cl_error:
        why = first_error(text[cl_error.end():]) if "error:" in text[cl_error.end():] else cl_error.group(0)
        why = f"OpenCL kernel build failed: {why}"[:300]
    stage = "verify" if passed or (rc == 0 and not cl_error) else "run"
    return _done(Outcome(stage, passed, why), start, out, program)


def _done(outcome: Outcome, start: float, out: Path, program: Program) -> Outcome:
    outcome.seconds = time.monotonic() - start
    if not outcome.passed and program.klass == "library":
        outcome.named_by_diagnostic, outcome.codes = diagnosis(out, outcome.first_error or "")
    return outcome
