"""CP4034: a template kernel launched in a #define body with the macro's parameters (or the template parameters
of the functions it is expanded in) as template arguments: those words are no types in the .cl, which used to
get a kernel `k_T_N` with unknown types that failed when the program built it at run time. A macro launch with
concrete arguments is translated as before. (With an installed clang, such a launch gets the instances clang
made: test_clang_instances.py.)"""

from __future__ import annotations

from translator.api import translate_text
from translator.frontend import specializations

SRC = r"""
#include <cuda_runtime.h>
template <typename T, int N> __global__ void fill(T* x) { x[threadIdx.x] = (T)N; }
#define LAUNCH(TYPE, VALUE) fill<TYPE, VALUE><<<1, 32>>>(d)
template <typename T> void run(T* d) { LAUNCH(T, 3); }
void all(float* f) { run<float>(f); }
"""


def test_macro_parameters_as_template_arguments_block_the_build(monkeypatch) -> None:
    # with an installed clang the instances clang made are used instead (test_clang_instances.py)
    monkeypatch.setattr(specializations, "_clang", lambda: None)
    specializations._cached.cache_clear()
    r = translate_text(SRC, "opencl", name="m.cu")
    assert "CP4034" in [f.code for f in r.findings]
    assert any(ln.startswith('#error "CUDAPORT CP4034 at line') for ln in r.output.decode().splitlines())


def test_concrete_arguments_in_a_macro_are_translated() -> None:
    src = SRC.replace("fill<TYPE, VALUE>", "fill<float, 3>").replace("LAUNCH(T, 3)", "LAUNCH(float, 3)")
    r = translate_text(src, "opencl", name="m.cu")
    assert "CP4034" not in [f.code for f in r.findings]
    assert "__kernel void fill_float_3(" in r.extra_files["m.cl"].decode()
