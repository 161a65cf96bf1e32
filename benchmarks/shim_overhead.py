"""Benchmark of the OpenCL runtime shim's overhead against direct OpenCL calls, on the default device.

Builds runtime_shim/opencl and benchmarks/cpp/shim_bench.cpp in a temp dir, runs it on the SVM path and
on the handle-table path (CUDAPORT_OPENCL_SVM=0), prints a table and a JSON document:
(b) launch overhead of an empty kernel, wall time and the calling thread's CPU time per launch
(target: shim/raw <= 1.2), (c) cudaMemcpy H2D/D2H bandwidth vs
clEnqueueWriteBuffer/ReadBuffer (target: shim/raw >= 0.9). Usage: python benchmarks/shim_overhead.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHIM = REPO / "runtime_shim" / "opencl"
BENCH_SRC = REPO / "benchmarks" / "cpp" / "shim_bench.cpp"
FLAGS = ["-std=c++17", "-O2", "-DNDEBUG"]
PATHS = {"svm": {}, "handle-table": {"CUDAPORT_OPENCL_SVM": "0"}}


def build(work: Path) -> Path:
    """Compiles the shim library and the benchmark program; returns the executable."""
    objs = []
    procs = []
    for src in sorted((SHIM / "src").glob("*.cpp")):
        obj = work / f"{src.stem}.o"
        objs.append(str(obj))
        cmd = ["g++", *FLAGS, "-I", str(SHIM / "include"), "-c", str(src), "-o", str(obj)]
        procs.append(subprocess.Popen(cmd))
    if any(p.wait() != 0 for p in procs):
        sys.exit("shim_overhead: building the shim failed")
    lib = work / "libcudaport_opencl.a"
    subprocess.run(["ar", "rcs", str(lib), *objs], check=True)
    exe = work / "shim_bench"
    subprocess.run(["g++", *FLAGS, "-Wno-deprecated-declarations", "-I", str(SHIM / "include"), str(BENCH_SRC),
                    str(lib), "-lOpenCL", "-lpthread", "-o", str(exe)], check=True)
    return exe


def run(exe: Path, path_env: dict[str, str], launches: int, mib: int, repeats: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CUDAPORT_OPENCL_SVM"}
    env.update(path_env)
    proc = subprocess.run([str(exe), str(launches), str(mib), str(repeats)], capture_output=True, text=True,
                          env=env, check=False)
    if proc.returncode != 0:
        sys.exit(f"shim_overhead: benchmark failed: {proc.stderr.strip()}")
    result = json.loads(proc.stdout)
    result["launch_ratio"] = result["shim_launch_us"] / result["raw_launch_us"]
    result["launch_ratio_median"] = result["shim_launch_us_median"] / result["raw_launch_us_median"]
    result["launch_cpu_ratio"] = result["shim_launch_cpu_us"] / result["raw_launch_cpu_us"]
    for d in ("h2d", "d2h"):
        result[f"{d}_ratio"] = result[f"shim_{d}_gbs"] / result[f"raw_{d}_gbs"]
        result[f"{d}_ratio_median"] = result[f"shim_{d}_gbs_median"] / result[f"raw_{d}_gbs_median"]
    return result


def table(results: list[dict]) -> str:
    rows = [f"{'path':<13} {'measure':<22} {'shim':>10} {'raw OpenCL':>11} {'ratio':>7} {'median ratio':>13} "
            f"{'target':>8}"]
    for r in results:
        rows.append(f"{r['path']:<13} {'launch (us/launch)':<22} {r['shim_launch_us']:>10.3f} "
                    f"{r['raw_launch_us']:>11.3f} {r['launch_ratio']:>7.3f} {r['launch_ratio_median']:>13.3f} "
                    f"{'<= 1.2':>8}")
        rows.append(f"{r['path']:<13} {'enqueue CPU (us/launch)':<22} {r['shim_launch_cpu_us']:>10.3f} "
                    f"{r['raw_launch_cpu_us']:>11.3f} {r['launch_cpu_ratio']:>7.3f} {'-':>13} {'<= 1.2':>8}")
        for d in ("h2d", "d2h"):
            rows.append(f"{r['path']:<13} {d.upper() + ' memcpy (GB/s)':<22} {r[f'shim_{d}_gbs']:>10.2f} "
                        f"{r[f'raw_{d}_gbs']:>11.2f} {r[f'{d}_ratio']:>7.3f} {r[f'{d}_ratio_median']:>13.3f} "
                        f"{'>= 0.9':>8}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=10000, help="empty-kernel launches per repeat")
    parser.add_argument("--mib", type=int, default=64, help="bytes per copy, in MiB")
    parser.add_argument("--repeats", type=int, default=7, help="repeats; the best is the headline number")
    parser.add_argument("--json", type=Path, help="also write the JSON document to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cudaport-shim-bench-") as tmp:
        exe = build(Path(tmp))
        results = [run(exe, env, args.launches, args.mib, args.repeats) for env in PATHS.values()]
    doc = {"benchmark": "shim_overhead", "loadavg_1min": os.getloadavg()[0], "cpus": os.cpu_count(),
           "results": results}
    print(f"device: {results[0]['device']}; best of {args.repeats} repeats (median ratio beside it); "
          f"load average {doc['loadavg_1min']:.1f} on {doc['cpus']} CPUs")
    print(table(results))
    text = json.dumps(doc, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
