"""Kernel template launches whose text does not say the template arguments: a `#define` launching with its
own parameters, a dispatch macro whose lambda declares `constexpr int N`, an enumerator of a scoped enum
passed through a host template. The .cl gets the instances clang instantiated (frontend.specializations) and
they run on PoCL with the values the host asks for by name; without an installed clang such a launch stays
the blocking CP4034/CP4008."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import tool_missing
from translator.api import translate_text
from translator.frontend import specializations

SRC = r"""
#include <cuda_runtime.h>
enum class Mode { ADD, MUL };

template <typename T, int N, Mode M>
__global__ void apply(T* x)
{
    int i = threadIdx.x;
    x[i] = M == Mode::ADD ? x[i] + (T)N : x[i] * (T)N;
}

#define LAUNCH(n) apply<T, n, M><<<1, 32>>>(d)
#define DISPATCH(v, NAME, ...) \
    if (v == 2) { constexpr int NAME = 2; __VA_ARGS__(); } else { constexpr int NAME = 5; __VA_ARGS__(); }

template <typename T, Mode M>
void run(T* d, int v)
{
    LAUNCH(3);
    DISPATCH(v, K, [&] { apply<T, K, M><<<1, 32>>>(d); });
}

void go(float* f, int* i, int v)
{
    run<float, Mode::ADD>(f, v);
    run<int, Mode::MUL>(i, v);
}
"""

WANT = {"apply_float_3_0": ("float", 3, "add"), "apply_float_2_0": ("float", 2, "add"),
        "apply_float_5_0": ("float", 5, "add"), "apply_int_3_1": ("int", 3, "mul"),
        "apply_int_2_1": ("int", 2, "mul"), "apply_int_5_1": ("int", 5, "mul")}


@pytest.fixture(scope="module")
def result():
    if specializations._clang() is None:
        tool_missing("no clang++ installed")
    return translate_text(SRC, "opencl", name="dispatch.cu")


def test_instances_come_from_clang(result) -> None:
    cl_text = result.extra_files["dispatch.cl"].decode()
    for name in WANT:
        assert f"__kernel void {name}(" in cl_text
    assert not [f for f in result.findings if f.code in ("CP4008", "CP4034")]
    host = result.output.decode()
    assert "cp_launch_apply<T, n, M>(" in host and "cp_launch_apply<T, K, M>(" in host


def test_without_clang_the_launches_block_the_build(monkeypatch) -> None:
    monkeypatch.setattr(specializations, "_clang", lambda: None)
    specializations._cached.cache_clear()
    r = translate_text(SRC.replace("x[i] * (T)N", "x[i] * (T)N * 1"), "opencl", name="dispatch.cu")
    codes = {f.code for f in r.findings}
    assert "CP4034" in codes and "CP4008" in codes
    specializations._cached.cache_clear()


@pytest.mark.opencl
def test_clang_instances_run_on_pocl(result, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, result.extra_files["dispatch.cl"].decode()).build()
    mf = cl.mem_flags
    for name, (ctype, n, mode) in WANT.items():
        x = np.arange(32, dtype=np.float32 if ctype == "float" else np.int32)
        b = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=x)
        getattr(prog, name)(q, (32,), (32,), b)
        out = np.empty_like(x)
        cl.enqueue_copy(q, out, b)
        q.finish()
        assert np.array_equal(out, x + n if mode == "add" else x * n), name
