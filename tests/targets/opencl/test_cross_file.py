"""Multi-file projects on the OpenCL target (no OpenCL device needed): launches of kernels defined in other
files go through the defining file's launch stub, declared where the `__global__` prototype was; project
headers contribute their device functions, types, constants and kernels to the .cl of each including file and
stay host headers; extern device variables reach the kernels of every file; CP4005/CP4007 where unsupported."""

from __future__ import annotations

import re
from pathlib import Path

from tests.targets.opencl.projects import translate_project
from translator.api import translate_text
from translator.cli import main
from translator.frontend.includes import input_root, local_headers

FIXTURE = Path(__file__).parent / "data" / "crossfile"


HEADER = """#pragma once
#include <cuda_runtime.h>
struct Params { int n; float a; };
constexpr int BLOCK = 64;
__global__ void axpy(Params p, const float* x, float* y);
"""
KERNEL = """#include "common.cuh"
__global__ void axpy(Params p, const float* x, float* y) {
    int i = blockIdx.x * BLOCK + threadIdx.x;
    if (i < p.n) y[i] += p.a * x[i];
}
"""
LAUNCH = """#include "common.cuh"
void run(Params p, const float* x, float* y, cudaStream_t s) {
    axpy<<<(p.n + BLOCK - 1) / BLOCK, BLOCK, 0, s>>>(p, x, y);
}
"""


def test_launch_of_a_kernel_in_another_file_calls_that_files_stub_through_the_prototype(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"common.cuh": HEADER, "axpy.cu": KERNEL, "run.cu": LAUNCH})
    header = (out / "common.cuh").read_text()
    decl = ("cudaError_t cp_launch_axpy(dim3 cp_grid, dim3 cp_block, size_t cp_shmem, cudaStream_t cp_stream, "
            "Params p, const float* x, float* y);")
    assert decl in header and "__global__" not in header
    assert "struct Params" in header  # the host keeps its types
    run = (out / "run.cpp").read_text()
    assert "cp_launch_axpy((p.n + BLOCK - 1) / BLOCK, BLOCK, 0, s, p, x, y);" in run
    assert "cp_program" not in run and not (out / "run.cl").exists()  # nothing of its own to build
    kernel = (out / "axpy.cpp").read_text()
    assert re.search(r"^cudaError_t cp_launch_axpy\(", kernel, re.M)  # external linkage: the linker binds it
    cl_text = (out / "axpy.cl").read_text()
    assert "typedef struct Params Params;" in cl_text and "enum { BLOCK = (64) };" in cl_text


def test_static_kernels_keep_internal_linkage_and_templates_stay_per_file() -> None:
    src = """
static __global__ void k(int* p) { p[0] = 1; }
template <typename T> __global__ void t(T* p) { p[0] = T(1); }
__global__ void e(int* p) { p[0] = 2; }
int main() { int* d = 0; k<<<1, 1>>>(d); t<int><<<1, 1>>>(d); e<<<1, 1>>>(d); return 0; }
"""
    host = translate_text(src, "opencl", name="s.cu").output.decode()
    assert "static cudaError_t cp_launch_k(" in host
    assert re.search(r"static cudaError_t cp_launch_t\(", host)
    assert re.search(r"^cudaError_t cp_launch_e\(", host, re.M)


def test_namespaced_kernels_keep_their_namespace_and_the_program_preamble_stays_outside(tmp_path: Path) -> None:
    src = """#include <cuda_runtime.h>
namespace img {
__global__ void inv(unsigned char* p, int n) { int i = threadIdx.x; if (i < n) p[i] = 255 - p[i]; }
}
namespace other { void go(unsigned char* p) { img::inv<<<1, 64>>>(p, 64); } }
"""
    r = translate_text(src, "opencl", name="ns.cu")
    host = r.output.decode()
    assert "img::cp_launch_inv(1, 64, 0, 0, p, 64);" in host
    assert host.index("static cpProgram* cp_program_ns()") < host.index("namespace img {")
    assert host.index("namespace img {") < host.index("cudaError_t cp_launch_inv(")
    assert "__kernel void inv(" in r.extra_files["ns.cl"].decode()


def test_namespace_qualifiers_and_opencl_keywords_are_removed_from_device_code() -> None:
    src = """namespace m { __device__ int twice(int v) { return 2 * v; } }
__global__ void k(int* out) {
    __shared__ int local[32];
    local[threadIdx.x] = m::twice(threadIdx.x);
    __syncthreads();
    out[threadIdx.x] = ::m::twice(local[31 - threadIdx.x]);
}
"""
    cl_text = translate_text(src, "opencl", name="k.cu").extra_files["k.cl"].decode()
    assert "::" not in cl_text.split("translated by cudaport")[1]
    assert "__local int cp_local[32];" in cl_text and "twice(cp_local[31 - (uint)get_local_id(0)])" in cl_text


def test_template_kernel_defined_in_another_file_is_cp4005_and_undeclared_kernels_too() -> None:
    src = """template <typename T> __global__ void tk(T* p);
void run(float* p, int* q) { tk<float><<<1, 1>>>(p); nowhere<<<1, 1>>>(q); }
"""
    r = translate_text(src, "opencl", name="t.cu")
    details = [f.message for f in r.findings if f.code == "CP4005"]
    assert len(details) == 2
    assert any("template kernel defined in another file" in d for d in details)
    assert any("nowhere: no definition or declaration" in d for d in details)


def test_header_device_code_reaches_each_including_files_program(tmp_path: Path) -> None:
    header = """#pragma once
#include <cuda_runtime.h>
#define SCALE 3
template <typename T> __host__ __device__ inline T clampv(T v, T lo, T hi) { return v < lo ? lo : (v > hi ? hi : v); }
__device__ inline float tripled(float v) { return SCALE * v; }
"""
    unit = """#include "ops.cuh"
__global__ void k(float* p, int n) { int i = threadIdx.x; if (i < n) p[i] = tripled(clampv(p[i], 0.0f, 1.0f)); }
"""
    out = translate_project(tmp_path, {"include/ops.cuh": header, "src/a.cu": unit,
                                       "src/b.cu": unit.replace("k(", "k2(")})
    hdr = (out / "include" / "ops.cuh").read_text()
    assert "__device__ function tripled is compiled into the OpenCL program" in hdr
    assert "clampv(T v, T lo, T hi)" in hdr  # __host__ __device__: still usable by host code
    for name in ("a", "b"):
        cl_text = (out / "src" / f"{name}.cl").read_text()
        assert "#define SCALE 3" in cl_text
        assert "float tripled(float v)" in cl_text and "float clampv(float v, float lo, float hi)" in cl_text


def test_kernels_defined_in_headers_and_extern_symbols(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["translate", str(FIXTURE), "--to", "opencl", "-o", str(out), "-q"]) == 0
    hdr = (out / "include" / "shared.cuh").read_text()
    assert "template <typename T> static cudaError_t cp_launch_fill(" in hdr
    assert "static cudaError_t cp_launch_add_one(" in hdr
    assert "cudaError_t cp_launch_scale_a(" in hdr and "CP4007" not in hdr
    main_cpp = (out / "src" / "main.cpp").read_text()
    assert re.search(r"namespace xf \{\n/\*[^*]*\*/\ntemplate <typename T>\nstatic cudaError_t cp_launch_fill\(",
                     main_cpp)  # main.cpp defines the stubs the header declares
    assert "xf::cp_launch_fill<int>(1, 128, 0, 0, d_i, 41, n);" in main_cpp
    assert "{CP_ARG_SYMBOL, (const void*)&c_scale, 0}" in main_cpp
    assert "cpRegisterSymbol" not in main_cpp  # scale.cu defines and registers the variables
    assert (out / "src" / "scale.cpp").read_text().count("cpRegisterSymbol") == 2
    main_cl = (out / "src" / "main.cl").read_text()
    for kernel in ("fill_int", "fill_float", "add_one", "scale_b"):
        assert f"__kernel void {kernel}(" in main_cl
    assert "__kernel void fill(" not in main_cl and "__kernel void scale_a(" not in main_cl


def test_device_variable_defined_in_a_header_is_cp4007(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"v.cuh": "#pragma once\n__constant__ float coef[4];\n",
                              "a.cu": '#include "v.cuh"\n__global__ void k(float* p) { p[0] = coef[0]; }\n'})
    assert "CUDAPORT CP4007" in (out / "v.cuh").read_text()


def test_project_headers_are_found_transitively_dependencies_first(tmp_path: Path) -> None:
    (tmp_path / "include" / "lib").mkdir(parents=True)
    (tmp_path / "src").mkdir()
    (tmp_path / "include" / "lib" / "a.h").write_text('#include "b.cuh"\n#include <vector>\n')
    (tmp_path / "include" / "lib" / "b.cuh").write_text("#pragma once\n")
    unit = tmp_path / "src" / "u.cu"
    unit.write_text('#include <lib/a.h>\n#include "lib/b.cuh"\n#include <cuda_runtime.h>\n')
    root = input_root(unit, Path("src/u.cu"))  # type: ignore[arg-type]
    assert root == tmp_path
    found = local_headers(unit, unit.read_bytes(), root)
    assert found == [tmp_path / "include" / "lib" / "b.cuh", tmp_path / "include" / "lib" / "a.h"]
