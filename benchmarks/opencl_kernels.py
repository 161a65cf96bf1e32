"""Benchmark (a) of issue 4: kernels translated by cudaport's OpenCL target against the same algorithms
hand-written in OpenCL C, run on PoCL in one process through pyopencl (same sizes, warm-up, median of N).
Inputs: benchmarks/cuda/<kernel>.cu (translated with translate_text(..., "opencl"), or the .cl files of an
existing `cudaport translate` output with --from-tree) and benchmarks/opencl/<kernel>.cl. Output: a table of
kernel times and the ratio translated speed / hand-written speed (target >= 0.9x), then the same as JSON.
Usage: python benchmarks/opencl_kernels.py [--runs 9] [--warmup 2] [--platform SUBSTR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TARGET_RATIO = 0.9


@dataclass
class Case:
    name: str  # kernel name = file stem under cuda/ and opencl/
    size: str  # human-readable problem size
    global_size: tuple[int, ...]
    local_size: tuple[int, ...]
    make: Callable[[np.random.Generator], tuple[list[np.ndarray], list[object], int]]  # (arrays, scalars, out)
    check: Callable[[list[np.ndarray]], np.ndarray]  # reference result from the inputs
    rtol: float


def _matmul(n: int) -> Case:
    def make(rng: np.random.Generator):  # type: ignore[no-untyped-def]
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        return [a, b, np.zeros((n, n), np.float32)], [np.int32(n)], 2

    return Case("matmul_tiled", f"{n}x{n} float", (n, n), (16, 16), make,
                lambda arrs: arrs[0].astype(np.float64) @ arrs[1].astype(np.float64), 1e-3)


def _reduce(n: int, groups: int) -> Case:
    def make(rng: np.random.Generator):  # type: ignore[no-untyped-def]
        return [rng.random(n, dtype=np.float32), np.zeros(groups, np.float32)], [np.int32(n)], 1

    def check(arrs: list[np.ndarray]) -> np.ndarray:
        # Block b sums elements i with (i // 256) % groups == b.
        x = np.pad(arrs[0].astype(np.float64), (0, (-n) % (groups * 256)))
        return x.reshape(-1, groups, 256).sum(axis=(0, 2))

    return Case("reduce_sum", f"{n} floats, {groups} groups of 256", (groups * 256,), (256,), make, check, 1e-4)


def _stencil(w: int, h: int) -> Case:
    def make(rng: np.random.Generator):  # type: ignore[no-untyped-def]
        return [rng.random((h, w), dtype=np.float32), np.zeros((h, w), np.float32)], [np.int32(w), np.int32(h)], 1

    def check(arrs: list[np.ndarray]) -> np.ndarray:
        p = np.pad(arrs[0].astype(np.float64), 1, mode="edge")
        return 0.25 * (p[1:-1, :-2] + p[1:-1, 2:] + p[:-2, 1:-1] + p[2:, 1:-1])

    return Case("stencil2d", f"{w}x{h} float", (w, h), (16, 16), make, check, 1e-5)


CASES = [_matmul(512), _reduce(1 << 24, 1024), _stencil(2048, 2048)]


def translated_source(name: str, tree: Path | None) -> str:
    """The OpenCL C that cudaport makes of benchmarks/cuda/<name>.cu."""
    if tree is not None:
        found = sorted(tree.rglob(f"{name}.cl"))
        if not found:
            raise SystemExit(f"opencl_kernels: {tree}: no {name}.cl (translate benchmarks/cuda with --to opencl)")
        return found[0].read_text()
    from translator.api import translate_text

    cu = HERE / "cuda" / f"{name}.cu"
    result = translate_text(cu.read_text(), "opencl", name=cu.name)
    cl_files = {rel: data for rel, data in result.extra_files.items() if str(rel).endswith(".cl")}
    if len(cl_files) != 1:
        raise SystemExit(f"opencl_kernels: translating {cu.name} gave {len(cl_files)} .cl files, expected 1")
    return next(iter(cl_files.values())).decode()


def pick_platform(cl, substr: str):  # type: ignore[no-untyped-def]
    for platform in cl.get_platforms():
        if substr.lower() in f"{platform.name} {platform.version}".lower() and platform.get_devices():
            return platform
    names = ", ".join(f"{p.name} ({p.version})" for p in cl.get_platforms())
    raise SystemExit(f"opencl_kernels: no OpenCL platform matches {substr!r} (have: {names})")


def run_case(cl, ctx, queue, case: Case, sources: dict[str, str], runs: int, warmup: int) -> dict:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(12345)
    arrays, scalars, out_index = case.make(rng)
    mf = cl.mem_flags
    want = case.check(arrays)
    kernels = {}
    for label, src in sources.items():
        program = cl.Program(ctx, src).build()
        kernel = getattr(program, case.name)
        nargs = kernel.get_info(cl.kernel_info.NUM_ARGS)
        if nargs != len(arrays) + len(scalars):
            raise SystemExit(f"opencl_kernels: {label} {case.name} takes {nargs} arguments, expected "
                             f"{len(arrays) + len(scalars)} (buffers then scalars, as in the CUDA kernel)")
        bufs = [cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=a) for a in arrays]
        kernel.set_args(*bufs, *scalars)
        kernels[label] = (kernel, bufs)
    times: dict[str, list[float]] = {label: [] for label in sources}
    for i in range(warmup + runs):
        for label, (kernel, _bufs) in kernels.items():  # interleaved, so drift hits both alike
            event = cl.enqueue_nd_range_kernel(queue, kernel, case.global_size, case.local_size)
            event.wait()
            if i >= warmup:
                times[label].append((event.profile.end - event.profile.start) * 1e-6)
    errors = {}
    for label, (_kernel, bufs) in kernels.items():
        got = np.empty_like(arrays[out_index])
        cl.enqueue_copy(queue, got, bufs[out_index])
        queue.finish()
        err = float(np.max(np.abs(got - want)) / max(1e-30, float(np.max(np.abs(want)))))
        if err > case.rtol:
            raise SystemExit(f"opencl_kernels: {label} {case.name} is wrong (max relative error {err:.2e})")
        errors[label] = err
    med = {label: statistics.median(t) for label, t in times.items()}
    return {"kernel": case.name, "size": case.size, "runs": runs, "warmup": warmup,
            "translated_ms": round(med["translated"], 4), "handwritten_ms": round(med["handwritten"], 4),
            "ratio": round(med["handwritten"] / med["translated"], 3), "max_rel_error": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per kernel (median reported)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    parser.add_argument("--platform", default="portable computing language", help="OpenCL platform substring")
    parser.add_argument("--from-tree", type=Path, default=None,
                        help="take the translated .cl files from this `cudaport translate benchmarks/cuda` output")
    parser.add_argument("--only", action="append", default=[], help="run only this kernel (repeatable)")
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON result to this file")
    args = parser.parse_args(argv)
    import pyopencl as cl

    platform = pick_platform(cl, args.platform)
    device = platform.get_devices()[0]
    ctx = cl.Context([device])
    queue = cl.CommandQueue(ctx, properties=cl.command_queue_properties.PROFILING_ENABLE)
    rows = []
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        sources = {"translated": translated_source(case.name, args.from_tree),
                   "handwritten": (HERE / "opencl" / f"{case.name}.cl").read_text()}
        rows.append(run_case(cl, ctx, queue, case, sources, args.runs, args.warmup))
    print(f"device: {platform.name} {platform.version} / {device.name}; median of {args.runs} runs after "
          f"{args.warmup} warm-up")
    print(f"{'kernel':<14} {'size':<32} {'translated ms':>14} {'hand-written ms':>16} {'ratio':>7}")
    for r in rows:
        flag = "" if r["ratio"] >= TARGET_RATIO else f"  below {TARGET_RATIO}x"
        print(f"{r['kernel']:<14} {r['size']:<32} {r['translated_ms']:>14.3f} {r['handwritten_ms']:>16.3f} "
              f"{r['ratio']:>6.2f}x{flag}")
    result = {"device": f"{platform.name} {platform.version} / {device.name}", "target_ratio": TARGET_RATIO,
              "ratio_is": "translated speed / hand-written speed (hand-written time / translated time)",
              "kernels": rows}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
