"""Real-code harness, inputs: the development set (../shared/realcode/hecbench-dev.json), the CPU-sized run
arguments we chose per program (args/*.yaml beside this file) and the program sources, read at run time from
a HeCBench checkout or bare git mirror. Output: `Program` records and pristine source folders. No HeCBench
code is stored in this repository; only program names and argument values are.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ARGS_DIR = HERE / "args"
DEFAULT_DEVSET = HERE.parents[2] / "shared" / "realcode" / "hecbench-dev.json"
DEFAULT_TIMEOUT = 120
# A program's own verdict: HeCBench prints PASS/FAIL (any case, sometimes "PASSED", "Test failed!").
DEFAULT_PASS = r"(?i)\bpass(ed)?\b"
DEFAULT_FAIL = r"(?i)\bfail(ed|ure|s)?\b"
ARG_KEYS = {"args", "why", "timeout", "defines", "data", "pass", "fail", "note", "skip_run", "prepare", "long_timeout"}
MAX_TIMEOUT = 300  # bounds a full run of the set; a program that needs more is listed with skip_run
# `harness.py run --long` also runs the skip_run programs that give a long_timeout (minutes on a CPU device, not
# hours), each with that limit, up to this bound
MAX_LONG_TIMEOUT = 1800


class SetupError(Exception):
    """The harness cannot start: a missing or malformed input file. One line, shown without a traceback."""


@dataclass(frozen=True)
class Program:
    name: str
    dir: str
    klass: str
    lines: int
    libraries: tuple[str, ...]
    features: tuple[str, ...]
    args: str
    why: str
    timeout: int = DEFAULT_TIMEOUT
    defines: tuple[str, ...] = ()
    data: tuple[dict, ...] = field(default_factory=tuple)
    pass_re: str = DEFAULT_PASS
    fail_re: str = DEFAULT_FAIL
    skip_run: str = ""      # why the program cannot run on a CPU device within the limit (it still builds)
    prepare: str = ""       # shell command run in the fresh program folder before the run (e.g. decompress data)
    long_timeout: int = 0   # a skip_run program's limit under `run --long` (0: not run then either)


def load_args(args_dir: Path = ARGS_DIR) -> dict[str, dict]:
    """Every args/*.yaml merged into one mapping program name -> its entry; duplicates and unknown keys fail."""
    merged: dict[str, dict] = {}
    for path in sorted(args_dir.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text()) or {}
        if not isinstance(doc, dict):
            raise SetupError(f"{path}: expected a mapping of program name -> entry")
        for name, entry in doc.items():
            if name in merged:
                raise SetupError(f"{path}: program {name!r} is listed twice")
            if not isinstance(entry, dict) or "args" not in entry or not entry.get("why"):
                raise SetupError(f"{path}: {name}: each entry needs `args` and a one-line `why`")
            unknown = set(entry) - ARG_KEYS
            if unknown:
                raise SetupError(f"{path}: {name}: unknown keys {sorted(unknown)}")
            merged[name] = entry
    return merged


def load_programs(devset: Path = DEFAULT_DEVSET, args_dir: Path = ARGS_DIR) -> tuple[str, list[Program]]:
    """(suite commit, programs of the development set in its order, each with its CPU-sized arguments)."""
    if not devset.is_file():
        raise SetupError(f"{devset}: development set not found (pass --devset)")
    doc = json.loads(devset.read_text())
    chosen = load_args(args_dir)
    listed = {p["name"] for p in doc["programs"]}
    stray = sorted(set(chosen) - listed)
    if stray:
        raise SetupError(f"{args_dir}: arguments for programs outside the development set: {stray}")
    programs = []
    for p in doc["programs"]:
        entry = chosen.get(p["name"], {"args": None, "why": "no CPU-sized arguments chosen yet"})
        args = entry["args"]
        for pattern in (entry.get("pass"), entry.get("fail")):
            if pattern:
                re.compile(pattern)
        programs.append(Program(
            name=p["name"], dir=p["dir"], klass=p["class"], lines=p.get("lines", 0),
            libraries=tuple(p.get("libraries", [])), features=tuple(p.get("features", [])),
            args="" if args is None else str(args), why=str(entry["why"]),
            timeout=min(MAX_TIMEOUT, int(entry.get("timeout", DEFAULT_TIMEOUT))),
            defines=tuple(entry.get("defines") or ()),
            data=tuple(d if isinstance(d, dict) else {"path": str(d)} for d in entry.get("data") or ()),
            pass_re=entry.get("pass") or DEFAULT_PASS, fail_re=entry.get("fail") or DEFAULT_FAIL,
            skip_run=entry.get("skip_run", ""), prepare=entry.get("prepare", ""),
            long_timeout=min(MAX_LONG_TIMEOUT, int(entry.get("long_timeout", 0)))))
    return doc["commit"], programs


class Suite:
    """Reads program folders from a HeCBench checkout (a folder with src/) or a bare git mirror at `commit`."""

    def __init__(self, root: Path, commit: str) -> None:
        self.root, self.commit = root, commit
        self.bare = not (root / "src").is_dir()
        if self.bare and subprocess.run(["git", "--git-dir", str(root), "cat-file", "-e", commit],
                                        capture_output=True).returncode != 0:
            raise SetupError(f"{root}: neither a HeCBench checkout (no src/) nor a git mirror holding {commit}")

    def export(self, program: Program, dest: Path) -> None:
        """Writes src/<dir> and src/include (the Makefiles' ../include) of `program` under dest/."""
        dest.mkdir(parents=True, exist_ok=True)
        wanted = [f"src/{program.dir}", "src/include"]
        if not self.bare:
            for rel in wanted:
                shutil.copytree(self.root / rel, dest / Path(rel).name, symlinks=True, dirs_exist_ok=True)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                tar = Path(tmp) / "src.tar"
                with tar.open("wb") as fh:
                    proc = subprocess.run(["git", "--git-dir", str(self.root), "archive", self.commit, *wanted],
                                          stdout=fh, stderr=subprocess.PIPE, text=False)
                if proc.returncode != 0:
                    raise SetupError(f"{program.name}: git archive failed: {proc.stderr.decode()[:200]}")
                with tarfile.open(tar) as tf:
                    tf.extractall(Path(tmp) / "x", filter="fully_trusted")
                for rel in wanted:
                    shutil.copytree(Path(tmp) / "x" / rel, dest / Path(rel).name, symlinks=True,
                                    dirs_exist_ok=True)
        for item in program.data:
            self._restore(program, item, dest / program.dir)

    def _restore(self, program: Program, item: dict, prog_dir: Path) -> None:
        """A data file that upstream now keeps outside git (DVC), restored from the commit that still held it."""
        rel, commit = item["path"], item.get("commit")
        if not commit:
            return
        target = prog_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = f"{commit}:src/{program.dir}/{rel}"
        if self.bare:
            proc = subprocess.run(["git", "--git-dir", str(self.root), "show", blob], capture_output=True)
        else:
            proc = subprocess.run(["git", "-C", str(self.root), "show", blob], capture_output=True)
        if proc.returncode == 0:
            target.write_bytes(proc.stdout)
            if item.get("extract"):
                subprocess.run(["tar", "-xf", str(target)], cwd=target.parent, capture_output=True)
