"""Every CUDA name lives in rules/: no CUDA API identifier in a Python string literal of translator/, outside a
short allowlist of modules whose job is to write or recognise CUDA text itself (or whose tables have not moved
yet, each with its reason). Rule tables (rules/**.yaml) and CUDA-name tables (rules/tables/, read through
translator/engine/tables.py) are where a mapping is found with one grep.

What counts as a CUDA identifier (`CUDA_NAME`): runtime and driver API names (`cudaMalloc`, `cudaError_t`,
`cuda_runtime.h`, `cuMemAlloc`, `cuComplex`), CUDA library names (`cublasSgemm`, `curand_init`, `cufftExecC2C`,
`cusolverDnCreate`, `cudnn...`, `nvrtc...`), their constants (`CUDA_R_32F`, `CU_DEVICE_ATTRIBUTE_...`,
`CUBLAS_OP_N`, `__CUDA_ARCH__`) and the device intrinsics of sync, warp and memory (`__syncthreads`,
`__shfl_down_sync`, `__ballot_sync`, `__activemask`, `__threadfence`, `__ldg`, `__popc`, `__dp4a`, ...).
cudaport's own names (`CUDAPORT_...`, `cudaport_opencl`) and the language keywords (`__global__`, `__shared__`)
do not count. Literals are read with `tokenize` (so comments never count); docstrings (found with `ast`) are
documentation and do not count either.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "translator"

_LIBS = r"cublas(?:Lt)?|cufft|curand|cusparse|cusolver(?:Dn|Sp|Rf|Mg)?|cudnn|nvrtc|nvjpeg|cutensor|nccl"
_INTRINSICS = (r"syncthreads|syncwarp|shfl|ballot|any_sync|all_sync|uni_sync|activemask|threadfence|ldg|ldcg|ldca"
               r"|ldcs|ldlu|ldcv|stcg|stcs|stwt|stwb|popc|clz|ffs|brev|dp4a|dp2a|match_any|match_all"
               r"|reduce_(?:add|min|max|and|or|xor)_sync|nanosleep|fns")
CUDA_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z0-9]_)("  # a whole word, or after leading underscores (__CUDA_ARCH__)
    r"cuda[A-Z]\w*|cuda_(?!prelude\.h)\w+\.h"  # runtime API, its headers (cuda_prelude.h is cudaport's own)
    r"|cu[A-Z][a-z]\w*"  # driver API and cuComplex: cuMemAlloc, cuCmulf
    rf"|(?:{_LIBS})[A-Z_]\w*"  # libraries: cublasSgemm, curand_init, cublas_v2.h
    rf"|(?:CUDA|CU|{_LIBS.upper()})_[A-Z0-9]\w*"  # constants: CUDA_R_32F, CU_CTX_..., CUBLAS_OP_N
    rf"|__(?:{_INTRINSICS})\w*"  # device intrinsics
    r")")

# module (relative to translator/) -> why it may spell CUDA names in string literals
ALLOWLIST = {
    # they write CUDA: the differential harness and replay generate CUDA host programs run with nvcc
    "difftest/harness.py": "generates the CUDA harness program (C++ text) that runs the original with nvcc",
    "difftest/replay.py": "generates CUDA host code that replays recorded launches with nvcc",
    # build-system vocabulary, not CUDA API names: CMake's CUDA_* properties and variables, Make/env CUDA_PATH
    "migrate/cmake.py": "CMake's own CUDA_* property and variable names (CUDA_ARCHITECTURES, CUDA_STANDARD, ...)",
    "migrate/make.py": "Make and environment variables of CUDA builds (CUDA_PATH, CUDA_HOME, ...)",
    "build/toolchains.py": "the CUDA_PATH environment variable, to find nvcc",
    # not moved yet: tables inside targets/opencl (files several branches edit at once) and
    # handlers that recognise one CUDA spelling each (#17: their names go to rules/ with the handler schema)
    "targets/opencl/exits.py": "the __syncthreads family that an early exit must not skip (not moved yet)",
    "targets/opencl/races.py": "barriers of the race check (not moved yet)",
    "targets/opencl/host.py": "CUDA types the host pass spells in generated declarations (not moved yet)",
    "targets/opencl/prelude.py": "OpenCL C emulations named after the CUDA intrinsic they provide",
    "targets/opencl/prelude_curand.py": "OpenCL C emulation of curandStatePhilox4_32_10_t",
    "targets/opencl/prelude_half.py": "OpenCL C emulation of the half warp shuffles",
    "targets/opencl/prelude_complex.py": "OpenCL C definitions of cuComplex.h's and cuFFT's types and helpers",
    "targets/hip.py": "handlers of cudaMemcpyToSymbolAsync/cudaDeviceProp and the __CUDA_ARCH__ macro",
    "commands/translate.py": "the --library-data-types option's help names cudaDataType",
    "commands/info.py": "`cudaport doctor` looks for an installed toolkit's cuda_runtime.h",
}


def _docstrings(tree: ast.AST) -> set[tuple[int, int]]:
    starts: set[tuple[int, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                starts.add((first.lineno, first.col_offset))
    return starts


def cuda_names_in_literals(source: str) -> list[tuple[int, str]]:
    """(line, name) of each CUDA identifier in the string literals of `source`, docstrings left out."""
    docs = _docstrings(ast.parse(source))
    found: list[tuple[int, str]] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING and tok.start not in docs:
            found += [(tok.start[0], m.group(1)) for m in CUDA_NAME.finditer(tok.string)]
    return found


def test_no_cuda_names_in_python_string_literals_outside_the_allowlist() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ALLOWLIST:
            continue
        offenders += [f"translator/{rel}:{line}: {name}" for line, name in cuda_names_in_literals(path.read_text())]
    assert not offenders, "CUDA names belong in rules/ (or rules/tables/): " + "; ".join(offenders[:20])


def test_every_allowlisted_module_exists_and_still_needs_its_place() -> None:
    for rel in ALLOWLIST:
        path = PACKAGE / rel
        assert path.is_file(), f"allowlisted module {rel} is gone: drop it from the allowlist"
        assert cuda_names_in_literals(path.read_text()), f"{rel} no longer spells CUDA names: drop it"


def test_the_rule_sees_names_in_literals_and_not_in_comments_or_docstrings() -> None:
    src = ('"""cudaMalloc in a docstring."""\n'
           'X = "cudaMemcpy"  # cudaFree in a comment\n'
           'Y = f"{1}__shfl_down_sync"\n'
           'Z = ("CUBLAS_OP_N", "curand_init", "cuda_runtime.h", "cuMemAlloc", "__CUDA_ARCH__")\n'
           'OK = ("CUDAPORT_SHIM", "CUDAPORT_CUDA_ARCH", "cudaport_opencl", "__global__", "__shared__", "cuda",'
           ' "hipMalloc", "my_cudaMalloc")\n')
    names = [n for _, n in cuda_names_in_literals(src)]
    assert names == ["cudaMemcpy", "__shfl_down_sync", "CUBLAS_OP_N", "curand_init", "cuda_runtime.h",
                     "cuMemAlloc", "CUDA_ARCH__"]
