"""Translation speed: lines per second translating a large generated CUDA tree (>= 100k lines, many files)
with 1 and 2 jobs, beside a plain-regex rename baseline measured in the same run.

The baseline applies every plain rename of the HIP rules with one compiled regex per file (what
hipify-perl-style tools do): it rewrites inside comments and strings too and parses nothing, so it is a
lower bound on time, not a competitor in quality. Run: python benchmarks/translate_speed.py [--files N]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_cuda_tree import generate  # noqa: E402

from translator.ruleset import load_rules  # noqa: E402


def regex_baseline(src: Path, out: Path) -> float:
    rules = load_rules()
    renames = {}
    for rule in rules.rules.values():
        m = rule.for_target("hip")
        if m and m.rename and not m.template and rule.name.isidentifier() and m.rename != rule.name:
            renames[rule.name] = m.rename
    start = time.perf_counter()
    # Every identifier looked up in one dict: the fastest plain-regex renamer we could write.
    word = re.compile(r"\b[A-Za-z_]\w*\b")
    for path in src.rglob("*"):
        if path.is_file():
            dest = out / path.relative_to(src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text()
            dest.write_text(word.sub(lambda m: renames.get(m.group(0), m.group(0)), text))
    return time.perf_counter() - start


def cudaport_run(src: Path, out: Path, jobs: int, parser: str = "clang") -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "translator.cli", "translate", str(src), "--to", "hip", "-o", str(out),
                    "-q", "--force", "-j", str(jobs), "--parser", parser], check=True)
    return time.perf_counter() - start


RUNS = [("cudaport_j1", 1, "clang"), ("cudaport_j2", 2, "clang"), ("cudaport_j2_treesitter", 2, "tree-sitter")]
LABELS = {"cudaport_j1": "cudaport -j1", "cudaport_j2": "cudaport -j2",
          "cudaport_j2_treesitter": "cudaport -j2 --parser tree-sitter"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=560)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cudaport-bench-") as tmp:
        root = Path(tmp)
        lines = generate(root / "src", args.files)
        results = {"files": args.files, "lines": lines}
        results["regex_s"] = regex_baseline(root / "src", root / "regex")
        for key, jobs, parser in RUNS:
            out = root / key
            results[f"{key}_s"] = cudaport_run(root / "src", out, jobs, parser)
            shutil.rmtree(out)
    print(f"{lines} lines in {args.files} files")
    print(f"{'':<34}{'seconds':>10}{'lines/s':>12}{'vs regex':>10}")
    for key, label in (("regex", "regex baseline"), *((k, LABELS[k]) for k, _, _ in RUNS)):
        results[f"{key}_lines_per_s"] = round(lines / results[f"{key}_s"])
        results[f"{key}_vs_regex"] = round(results[f"{key}_s"] / results["regex_s"], 1)
        print(f"{label:<34}{results[key + '_s']:>10.2f}{results[key + '_lines_per_s']:>12}"
              f"{results[key + '_vs_regex']:>9}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
