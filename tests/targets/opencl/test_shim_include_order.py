"""nvcc includes cuda_runtime.h implicitly, so a .cu file may use the runtime API with no CUDA include, or include
only other headers after its kernels: the OpenCL host file includes cudaport_opencl.h before the generated program
stub (once), and compiles with g++."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import tool_missing
from translator.api import translate_text

SHIM_INCLUDE = Path(__file__).resolve().parents[3] / "runtime_shim" / "opencl" / "include"
CASES = {
    "no_include": "// a kernel file\n__global__ void k(float* x) { x[0] = 1.0f; }\n"
                  "int main() { float* d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); return 0; }\n",
    "include_after_kernels": "__global__ void k(float* x) { x[0] = 1.0f; }\n#include <cstdio>\n"
                             "int main() { float* d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); std::printf(\"x\"); }\n",
    "cuda_include_first": "#include <cuda_runtime.h>\n__global__ void k(float* x) { x[0] = 1.0f; }\n"
                          "int main() { float* d; cudaMalloc(&d, 4); k<<<1, 1>>>(d); return 0; }\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shim_header_precedes_the_program_stub(name, tmp_path):
    out = translate_text(CASES[name], "opencl", name="m.cu").output.decode()
    assert out.count("cudaport_opencl.h") == 1
    assert out.index("cudaport_opencl.h") < out.index("cpRegisterProgram")
    if shutil.which("g++") is None:
        tool_missing("g++ not available")
    (tmp_path / "m.cpp").write_text(out)
    subprocess.run(["g++", "-std=c++17", "-fsyntax-only", "-I", str(SHIM_INCLUDE), str(tmp_path / "m.cpp")],
                   check=True)
