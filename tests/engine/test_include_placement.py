"""Where the HIP target puts the runtime include (and other added includes): first in every .cu file, like
nvcc's implicit cuda_runtime.h, but never inside an `extern "C" {}` block or a platform #ifdef."""

from __future__ import annotations

from translator.api import translate_text
from translator.engine.context import Options

HIP52 = Options(target="hip", hip_version=(5, 2))


def _hip(src: str, name: str = "k.cu") -> str:
    return translate_text(src.encode(), "hip", name=name, options=HIP52).output.decode()


def test_runtime_goes_before_a_c_linkage_block_not_into_it() -> None:
    out = _hip('extern "C" {\n#include "tree.h"\n}\n#include <stdio.h>\n__global__ void k() {}\n')
    assert out.index("#include <hip/hip_runtime.h>") < out.index('extern "C"')


def test_runtime_skips_platform_conditionals_but_stays_inside_the_guard() -> None:
    src = ("#ifndef KERNELS_CUH\n#define KERNELS_CUH\n#ifdef _WIN32\n#include <windows.h>\n#endif\n"
           "#include <vector>\n__global__ void k() {}\n#endif\n")
    out = _hip(src, "kernels.cuh")
    runtime = out.index("#include <hip/hip_runtime.h>")
    assert out.index("#endif") < runtime < out.index("#include <vector>")
    assert out.index("#define KERNELS_CUH") < runtime


def test_runtime_precedes_cooperative_groups() -> None:
    out = _hip("#include <cooperative_groups.h>\n#include <cuda_runtime.h>\n"
               "namespace cg = cooperative_groups;\n__global__ void k() { cg::this_thread_block().sync(); }\n")
    assert out.index("#include <hip/hip_runtime.h>") < out.index("#include <hip/hip_cooperative_groups.h>")


def test_every_cu_file_gets_the_runtime_even_without_cuda_names() -> None:
    out = _hip('#include "helpers.h"\nint host_only() { return 1; }\n')
    assert out.startswith('#include <hip/hip_runtime.h>\n#include "helpers.h"')


def test_runtime_first_already_is_not_added_twice() -> None:
    out = _hip("#include <cuda_runtime.h>\n#include <cstdio>\n__global__ void k() {}\n")
    assert out.count("hip/hip_runtime.h") == 1


def test_plain_header_without_cuda_is_left_alone() -> None:
    src = "#include <vector>\nint f();\n"
    assert _hip(src, "util.h") == src
