"""Project-scale benchmark for `cudaport translate DIR`: generates a CUDA project (>= 500 files, >= 150k lines,
CMake build, headers shared between units), then times a full translation, a no-change re-run and a
one-file-changed re-run with 1 and 2 jobs, and the peak memory (max RSS of this process and its children).

Usage: python benchmarks/project_scale.py [--modules 20] [--jobs 1 2] [--work DIR] [--json FILE]
Targets: no-change re-run < 5% of a full run, one-file re-run < 10%, peak memory < 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_HEADER = """// {mod}/include/{mod}/ops_{h}.cuh: device helpers shared by the units of module {mod}.
#pragma once
#include <cuda_runtime.h>

namespace {mod} {{
{body}
}}  // namespace {mod}
"""
_HELPER = """
// helper {h}_{i}: clamps, scales and mixes two values (cudaMemcpy in a comment stays as it is)
__device__ __forceinline__ float mix_{h}_{i}(float a, float b, float t) {{
    float u = fminf(fmaxf(t, 0.0f), 1.0f);
    return a * (1.0f - u) + b * u + __expf(-fabsf(a - b)) * 0.0f;
}}
"""
_KERNEL = """
// Kernel {k}: tiled reduction with shared memory, atomics and a grid-stride loop.
__global__ void k_{u}_{k}(const float* __restrict__ in, float* out, int n, float alpha) {{
    __shared__ float tile[256];
    float acc = 0.0f;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {{
        acc += mix_{h}_{j}(in[i], alpha, 0.5f) * alpha;
    }}
    tile[threadIdx.x] = acc;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {{
        if (threadIdx.x < s) tile[threadIdx.x] += tile[threadIdx.x + s];
        __syncthreads();
    }}
    if (threadIdx.x == 0) atomicAdd(&out[blockIdx.x % 16], tile[0]);
}}

cudaError_t run_{u}_{k}(const float* d_in, float* d_out, int n, cudaStream_t stream) {{
    dim3 block(256);
    dim3 grid((n + block.x - 1) / block.x);
    k_{u}_{k}<<<grid, block, 0, stream>>>(d_in, d_out, n, 1.5f);
    cudaError_t err = cudaGetLastError();
    if (err != cudaSuccess) {{
        fprintf(stderr, "launch failed: %s\\n", cudaGetErrorString(err));
        return err;
    }}
    return cudaStreamSynchronize(stream);
}}
"""
_UNIT_HEAD = """// {mod}/src/unit_{u}.cu: kernels of module {mod}, generated for the project-scale benchmark.
#include <cstdio>
#include <cuda_runtime.h>
#include "{mod}/ops_{h}.cuh"
#include "{mod}/ops_{h2}.cuh"

namespace {mod} {{
"""
_UNIT_TAIL = """
float* alloc_{u}(int n) {{
    float* p = nullptr;
    if (cudaMalloc(&p, n * sizeof(float)) != cudaSuccess) return nullptr;
    cudaMemset(p, 0, n * sizeof(float));
    return p;
}}
}}  // namespace {mod}
"""
_HOST = """// {mod}/app/host_{a}.cpp: host code that only allocates and copies (CUDA runtime API, no kernels).
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>

int host_{mod}_{a}(int n) {{
    std::vector<float> h(n, 1.0f);
    float* d = nullptr;
    cudaMalloc(&d, n * sizeof(float));
    cudaMemcpy(d, h.data(), n * sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(h.data(), d, n * sizeof(float), cudaMemcpyDeviceToHost);
    cudaFree(d);
    return static_cast<int>(h[0]);
}}
"""
_MOD_CMAKE = """# module {mod}
file(GLOB {mod}_SOURCES ${{CMAKE_CURRENT_SOURCE_DIR}}/src/*.cu)
add_library({mod} STATIC ${{{mod}_SOURCES}} app/host_0.cpp app/host_1.cpp)
target_include_directories({mod} PUBLIC ${{CMAKE_CURRENT_SOURCE_DIR}}/include)
set_target_properties({mod} PROPERTIES CUDA_ARCHITECTURES 80 CUDA_SEPARABLE_COMPILATION ON)
target_link_libraries({mod} PUBLIC CUDA::cudart)
"""


def generate(root: Path, modules: int, units: int = 18, headers: int = 5, kernels: int = 14) -> tuple[int, int]:
    """Write the project; returns (files, lines)."""
    files = lines = 0

    def put(rel: str, text: str) -> None:
        nonlocal files, lines
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        files += 1
        lines += text.count("\n")

    mods = [f"mod{m:02d}" for m in range(modules)]
    top = ["cmake_minimum_required(VERSION 3.18)", "project(scale LANGUAGES CXX CUDA)",
           "set(CMAKE_CUDA_ARCHITECTURES 80)", "find_package(CUDAToolkit REQUIRED)"]
    top += [f"add_subdirectory({m})" for m in mods]
    put("CMakeLists.txt", "\n".join(top) + "\n")
    for mod in mods:
        for h in range(headers):
            body = "".join(_HELPER.format(h=h, i=i) for i in range(14))
            put(f"{mod}/include/{mod}/ops_{h}.cuh", _HEADER.format(mod=mod, h=h, body=body))
        for u in range(units):
            h, h2 = u % headers, (u + 1) % headers
            text = _UNIT_HEAD.format(mod=mod, u=u, h=h, h2=h2)
            text += "".join(_KERNEL.format(u=u, k=k, h=h, j=k % 14) for k in range(kernels))
            put(f"{mod}/src/unit_{u}.cu", text + _UNIT_TAIL.format(mod=mod, u=u))
        for a in range(2):
            put(f"{mod}/app/host_{a}.cpp", _HOST.format(mod=mod, a=a))
        put(f"{mod}/CMakeLists.txt", _MOD_CMAKE.format(mod=mod))
    return files, lines


def _translate(src: Path, out: Path, jobs: int) -> float:
    cmd = [sys.executable, "-m", "translator.cli", "translate", str(src), "--to", "hip", "-o", str(out),
           "-j", str(jobs), "-q"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"translate failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", type=int, default=20)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--work", type=Path, default=None, help="working directory (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="also write the JSON result here")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cudaport-scale-"))
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    nfiles, nlines = generate(src, args.modules)
    rows = []
    for jobs in args.jobs:
        out = work / f"out-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        full = _translate(src, out, jobs)
        nochange = _translate(src, out, jobs)
        unit = src / "mod00/src/unit_3.cu"
        unit.write_text(unit.read_text() + f"// edit for the {jobs}-job run\n")
        onefile = _translate(src, out, jobs)
        header = src / "mod01/include/mod01/ops_2.cuh"
        header.write_text(header.read_text() + f"// header edit for the {jobs}-job run\n")
        oneheader = _translate(src, out, jobs)
        rows.append({"jobs": jobs, "full_s": round(full, 2), "no_change_s": round(nochange, 2),
                     "one_file_s": round(onefile, 2), "one_header_s": round(oneheader, 2),
                     "no_change_pct": round(100 * nochange / full, 2), "one_file_pct": round(100 * onefile / full, 2),
                     "one_header_pct": round(100 * oneheader / full, 2)})
    peak_kib = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    result = {"files": nfiles, "lines": nlines, "runs": rows, "peak_rss_mib": round(peak_kib / 1024, 1),
              "targets": {"no_change_pct_below": 5, "one_file_pct_below": 10, "peak_rss_mib_below": 1024}}
    print(f"project: {nfiles} files, {nlines} lines ({work})")
    print(f"{'jobs':>4} {'full s':>8} {'no-change s':>12} {'%':>6} {'one-file s':>11} {'%':>6} "
          f"{'header s':>9} {'%':>6}")
    for r in rows:
        print(f"{r['jobs']:>4} {r['full_s']:>8} {r['no_change_s']:>12} {r['no_change_pct']:>6} {r['one_file_s']:>11} "
              f"{r['one_file_pct']:>6} {r['one_header_s']:>9} {r['one_header_pct']:>6}")
    print(f"peak memory (max RSS of one process): {result['peak_rss_mib']} MiB")
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
