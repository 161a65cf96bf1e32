"""Translation speed to HIP: lines per second on a generated CUDA tree (>= 100k lines, many files) and, when
given, a public tree (cuda-samples' .cu/.cuh files), against hipify-perl and a plain-regex renamer measured
in the same run.

hipify-perl (HIPIFY's regex translator) is read at run time from the public HIPIFY repository (--hipify-perl
FILE, or --hipify-repo GIT_DIR for a clone or bare mirror of github.com/ROCm/HIPIFY); it is never stored here.
With 2 jobs it runs as two perl processes over the two halves of the file list. The regex baseline applies
every plain HIP rename with one compiled regex (it parses nothing and rewrites comments and strings too): a
lower bound on time, not a competitor in quality. Each tool runs --repeat times, interleaved, and its best
wall time and CPU time (user+sys of its processes) are kept: the machines are shared, so the CPU-time ratios
are the steadier ones.

--to opencl|sycl measures those paths instead (they parse with libclang; hipify-perl and the regex renamer
only exist for HIP). --baseline-rev REV adds the same translation by an older commit of cudaport, checked out
into a temporary git worktree and run in the same loop, so "no slower than N x" is a ratio measured under
the same load. Before the timed loop every cudaport (this checkout and the baseline) translates the tree once,
untimed, so both start with warm rule caches (the baseline's fresh worktree would otherwise start cold).
Run: python benchmarks/translate_speed.py [--files N] [--to hip|opencl|sycl]
[--baseline-rev REV] [--hipify-repo DIR] [--cuda-samples DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_cuda_tree import generate  # noqa: E402

from translator.engine.ruleset import load_rules  # noqa: E402

CUDA_SUFFIXES = (".cu", ".cuh")


def _children_cpu() -> float:
    r = os.times()
    return r.children_user + r.children_system


def _timed(fn: Callable[[], None], in_process: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of fn; CPU counts this process when in_process, else its children."""
    cpu0, wall0 = (time.process_time() if in_process else _children_cpu()), time.perf_counter()
    fn()
    wall = time.perf_counter() - wall0
    cpu = (time.process_time() if in_process else _children_cpu()) - cpu0
    return wall, cpu


def regex_baseline(src: Path, out: Path) -> None:
    rules = load_rules()
    renames = {}
    for rule in rules.rules.values():
        m = rule.for_target("hip")
        if m and m.rename and not m.template and rule.name.isidentifier() and m.rename != rule.name:
            renames[rule.name] = m.rename
    word = re.compile(r"\b[A-Za-z_]\w*\b")  # every identifier looked up in one dict
    for path in src.rglob("*"):
        if path.is_file():
            dest = out / path.relative_to(src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(errors="surrogateescape")
            dest.write_text(word.sub(lambda m: renames.get(m.group(0), m.group(0)), text), errors="surrogateescape")


def hipify_perl(script: Path, src: Path, out: Path, jobs: int) -> None:
    """hipify-perl over a copy of the tree, in place, the file list split over `jobs` perl processes."""
    shutil.copytree(src, out)
    files = sorted(str(p) for p in out.rglob("*") if p.suffix in CUDA_SUFFIXES)
    procs = [subprocess.Popen(["perl", str(script), "-inplace", "-quiet-warnings", *files[i::jobs]],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(jobs)]
    if any(p.wait() != 0 for p in procs):
        raise SystemExit("hipify-perl failed")


REPO = Path(__file__).resolve().parent.parent


def cudaport(src: Path, out: Path, jobs: int, parser: str | None, to: str = "hip", code: Path = REPO) -> None:
    """`cudaport translate` run from the checkout at `code` (this one, or a baseline commit's worktree)."""
    argv = [sys.executable, "-m", "translator.cli", "translate", str(src), "--to", to, "-o", str(out), "-q",
            "--force", "-j", str(jobs)]
    if parser:
        argv += ["--parser", parser]
    env = dict(os.environ, PYTHONPATH=str(code))
    subprocess.run(argv, check=True, cwd=code, env=env, stdout=subprocess.DEVNULL)


def baseline_checkout(rev: str, dest: Path) -> Path:
    """A detached worktree of `rev` at dest (removed again by remove_checkout)."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(dest), rev], check=True)
    return dest


def remove_checkout(dest: Path) -> None:
    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(dest)], check=False)


def _read_from_git(repo: Path, path: str, dest: Path) -> Path:
    data = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=True).stdout
    dest.write_bytes(data)
    return dest


def cuda_samples_tree(repo: Path, dest: Path) -> int:
    """The .cu/.cuh files of a cuda-samples clone, bare mirror or plain folder, copied under dest."""
    if (repo / ".git").exists() or (repo / "HEAD").is_file():
        names = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True,
                               text=True, check=True).stdout.split()
        for name in (n for n in names if n.endswith(CUDA_SUFFIXES)):
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            _read_from_git(repo, name, target)
    else:
        for p in repo.rglob("*"):
            if p.suffix in CUDA_SUFFIXES and p.is_file():
                (dest / p.relative_to(repo)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest / p.relative_to(repo))
    return sum(p.read_bytes().count(b"\n") for p in dest.rglob("*") if p.is_file())


def tools(script: Path | None, to: str = "hip",
          baseline: tuple[str, Path] | None = None) -> dict[str, tuple[str, Callable[[Path, Path], None], bool]]:
    """label, run(src, out), in_process, by key."""
    out: dict[str, tuple[str, Callable[[Path, Path], None], bool]] = {}
    if to == "hip":
        out["regex"] = ("regex baseline (1 process)", regex_baseline, True)
        out["cudaport_j1"] = ("cudaport -j1", lambda s, o: cudaport(s, o, 1, "auto"), False)
    out["cudaport_j2"] = (f"cudaport -j2 --to {to}", lambda s, o: cudaport(s, o, 2, "auto" if to == "hip" else None,
                                                                         to), False)
    if to == "hip":
        out["cudaport_j2_clang"] = ("cudaport -j2 --parser clang", lambda s, o: cudaport(s, o, 2, "clang"), False)
    if baseline is not None:
        rev, code = baseline
        out["baseline_j2"] = (f"cudaport@{rev[:10]} -j2 --to {to}",
                              lambda s, o: cudaport(s, o, 2, None, to, code), False)
    if script is not None and to == "hip":
        out["hipify_perl_j2"] = ("hipify-perl, 2 processes", lambda s, o: hipify_perl(script, s, o, 2), False)
    return out


def warm_up(src: Path, work: Path, runs: dict) -> None:
    """One untimed translation by each cudaport (this checkout's and the baseline's), so that every side's rule
    cache and precompiled prelude exist before the timed loop: a fresh baseline worktree would otherwise pay
    its cold rule cache (about 2 s of CPU) in the first timed run and flatter the newer code."""
    for key, (_, run, _) in runs.items():
        if key.startswith(("cudaport", "baseline")):
            out = work / f"{key}-warm"
            run(src, out)
            shutil.rmtree(out, ignore_errors=True)


def measure(src: Path, work: Path, runs: dict, repeat: int) -> dict[str, dict[str, float]]:
    best: dict[str, dict[str, float]] = {}
    warm_up(src, work, runs)
    for i in range(repeat):
        for key, (_, run, in_process) in runs.items():
            out = work / f"{key}-{i}"
            wall, cpu = _timed(lambda r=run, o=out: r(src, o), in_process)
            shutil.rmtree(out, ignore_errors=True)
            b = best.setdefault(key, {"wall_s": wall, "cpu_s": cpu})
            b["wall_s"], b["cpu_s"] = min(b["wall_s"], wall), min(b["cpu_s"], cpu)
    return best


def report(name: str, lines: int, best: dict[str, dict[str, float]], runs: dict) -> dict:
    print(f"\n{name}: {lines} lines")
    versus = "hipify-perl" if "hipify_perl_j2" in best else "baseline"
    print(f"{'':<40}{'wall s':>9}{'CPU s':>9}{'lines/s':>10}{f'vs {versus} (wall, CPU)':>30}")
    ref_key = "hipify_perl_j2" if "hipify_perl_j2" in best else "baseline_j2"
    ref = best.get(ref_key)
    for key, (label, _, _) in runs.items():
        b = best[key]
        b["lines_per_s"] = round(lines / b["wall_s"])
        ratio = ""
        if ref:
            b[f"speed_vs_{ref_key}_wall"] = round(ref["wall_s"] / b["wall_s"], 2)
            b[f"speed_vs_{ref_key}_cpu"] = round(ref["cpu_s"] / b["cpu_s"], 2)
            ratio = f"{b[f'speed_vs_{ref_key}_wall']:.2f}x, {b[f'speed_vs_{ref_key}_cpu']:.2f}x"
        print(f"{label:<40}{b['wall_s']:>9.2f}{b['cpu_s']:>9.2f}{b['lines_per_s']:>10}{ratio:>30}")
    return {"lines": lines, **best}


def _hipify_script(args: argparse.Namespace, tmp: Path) -> Path | None:
    if args.hipify_perl:
        return args.hipify_perl
    if args.hipify_repo:
        return _read_from_git(args.hipify_repo, "bin/hipify-perl", tmp / "hipify-perl")
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=560, help="files in the generated tree")
    ap.add_argument("--hipify-perl", type=Path, help="the hipify-perl script (from github.com/ROCm/HIPIFY)")
    ap.add_argument("--hipify-repo", type=Path, help="a clone or bare mirror of github.com/ROCm/HIPIFY")
    ap.add_argument("--cuda-samples", type=Path, help="a clone, bare mirror or folder of NVIDIA/cuda-samples")
    ap.add_argument("--to", choices=["hip", "opencl", "sycl"], default="hip")
    ap.add_argument("--baseline-rev", metavar="REV", help="also time this older commit of cudaport, same run")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cudaport-bench-") as tmp:
        root = Path(tmp)
        baseline = (args.baseline_rev, baseline_checkout(args.baseline_rev, root / "baseline")) \
            if args.baseline_rev else None
        try:
            runs = tools(_hipify_script(args, root), args.to, baseline)
            trees = {"generated": (root / "generated", generate(root / "generated", args.files))}
            if args.cuda_samples:
                trees["cuda-samples"] = (root / "samples", cuda_samples_tree(args.cuda_samples, root / "samples"))
            for name, (src, lines) in trees.items():
                results[name] = report(name, lines, measure(src, root / f"out-{name}", runs, args.repeat), runs)
        finally:
            if baseline:
                remove_checkout(baseline[1])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
