"""thrust and CUB's device-wide algorithms on the OpenCL target: host uses stay as written for the shim's headers
and are counted as shim uses of their own rule entries; names the shim lacks and uses in device code are CP2008 at
the use (never a bare compiler error). Also: a function ended by `}` followed by a struct whose member is
`__device__` is no device variable, and cudaport's own build sees OpenMP only in directives."""

from __future__ import annotations

from pathlib import Path

from translator.api import translate_text
from translator.build.opencl import uses_openmp
from translator.model import Outcome


def _codes(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in r.findings]


def test_thrust_host_calls_are_shim_uses_of_their_entries() -> None:
    src = ("#include <thrust/device_vector.h>\n#include <thrust/sort.h>\n"
           "void f(int n) { thrust::device_vector<int> d(n); thrust::sort(thrust::device, d.begin(), d.end()); }\n")
    r = translate_text(src, "opencl", name="t.cu")
    out = r.output.decode()
    assert "#include <cudaport_thrust.h>" in out and "CP2008" not in _codes(r)
    assert "thrust::sort(thrust::device, d.begin(), d.end());" in out
    shim = {u.name for u in r.uses if u.outcome == Outcome.SHIM}
    assert {"thrust::device_vector", "thrust::sort", "thrust::device"} <= shim


def test_thrust_in_device_code_and_unknown_names_are_cp2008() -> None:
    src = ("#include <thrust/tuple.h>\n__global__ void k(float* x) { thrust::tuple<float, int> t; x[0] = 1; }\n"
           "__device__ float d(float v) { return thrust::get<0>(thrust::make_tuple(v)); }\n"
           "void f(int* a, int* b, int* c) { thrust::set_union(a, a + 1, b, b + 1, c); }\n")
    r = translate_text(src, "opencl", name="t.cu")
    msgs = [f.message for f in r.findings if f.code == "CP2008"]
    assert any("device code (k)" in m for m in msgs), msgs
    assert any("device code (d)" in m for m in msgs), msgs
    assert any("thrust::set_union" in m for m in msgs), msgs


def test_cub_device_wide_host_calls_and_iterators_are_kept_and_double_buffers_are_cp2008() -> None:
    src = ("#include <cub/cub.cuh>\nvoid f(void* t, size_t& b, int* in, int* out, int n) {\n"
           "  cub::DeviceScan::ExclusiveSum(t, b, in, out, n);\n  cub::CountingInputIterator<int> it(0);\n"
           "  cub::DoubleBuffer<int> keys(in, out);\n}\n")
    r = translate_text(src, "opencl", name="c.cu")
    out = r.output.decode()
    assert "  cub::DeviceScan::ExclusiveSum(t, b, in, out, n);" in out
    cp2008 = [f for f in r.findings if f.code == "CP2008"]
    assert len(cp2008) == 1 and "DoubleBuffer" in cp2008[0].message
    shim = {u.name for u in r.uses if u.outcome == Outcome.SHIM}
    assert {"cub::DeviceScan::ExclusiveSum", "cub::CountingInputIterator"} <= shim


def test_struct_member_after_a_brace_ended_function_is_no_device_variable() -> None:
    src = ("#include <cuda_runtime.h>\nconstexpr int width() { return 4; }\n"
           "struct S { __device__ static int get() { return 1; } };\n"
           "__global__ void k(int* d) { d[0] = width(); }\n")
    out = translate_text(src, "opencl", name="s.cu").output.decode()
    assert "cpRegisterSymbol((const void*)&width" not in out


def test_openmp_is_found_in_directives_only(tmp_path: Path) -> None:
    (tmp_path / "a.cpp").write_text('// #pragma omp parallel\nconst char* s = "#include <omp.h>";\n')
    (tmp_path / "b.cpp").write_text("int f() {\n#pragma omp parallel for\n  for (;;) {}\n}\n")
    assert not uses_openmp(tmp_path / "a.cpp")
    assert uses_openmp(tmp_path / "b.cpp")
