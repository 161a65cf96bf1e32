"""Host builds of small translated programs on the OpenCL target: `cudaport translate --to opencl`, `cudaport
build`, then the program must print PASS on PoCL. Each case is one mechanism of the host side that real code
needs: headers that only include CUDA headers, kernel templates instantiated with user types and typedefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl import projects
from tests.targets.opencl.projects import build_and_run, build_env, translate_project
from translator.api import translate_text
from translator.targets.opencl.typenames import user_type_names

pytestmark = pytest.mark.opencl


# the names other test files imported from here before the helpers moved to projects.py
_env, _build_and_run, REPO = build_env, build_and_run, projects.REPO


CHECK = """
static int check(const int* h, int n, int want) {
    for (int i = 0; i < n; i++) if (h[i] != want) { printf("FAIL at %d: %d\\n", i, h[i]); return 1; }
    return 0;
}
"""


def test_header_that_only_includes_cuda_h_is_translated(tmp_path: Path) -> None:
    # no CUDA syntax in the header: only the include (for cudaStream_t and dim3 of the files that include it)
    header = "#pragma once\n#include <cstdio>\n#include <cuda.h>\nvoid fill(int* d, int n, int v, cudaStream_t s);\n"
    kernel = """#include "fill.h"
__global__ void k(int* d, int n, int v) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] = v; }
void fill(int* d, int n, int v, cudaStream_t s) { k<<<(n + 63) / 64, 64, 0, s>>>(d, n, v); }
"""
    main_cu = """#include "fill.h"
""" + CHECK + """
int main() {
    int *d, h[100];
    cudaMalloc(&d, sizeof(h));
    fill(d, 100, 7, 0);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    cudaFree(d);
    if (check(h, 100, 7)) return 1;
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"fill.h": header, "fill.cu": kernel, "main.cu": main_cu})
    assert "cuda.h" not in (out / "fill.h").read_text()
    assert "PASS" in build_and_run(out)


def test_template_kernel_instances_with_user_types_and_typedefs_are_found(tmp_path: Path) -> None:
    # a struct named by a typedef, a struct in a namespace and typedefs of builtin types
    # (the host names `byte_t` as `unsigned char`, so its instance is the `unsigned char` one)
    prog = """#include <cstdio>
#include <cuda_runtime.h>
typedef unsigned char byte_t;
typedef unsigned char octet;
typedef struct { int a, b; } pair_t;
namespace geo { struct Pt { int x, y, z; }; }
template <typename T> __global__ void copy(T* dst, const T* src, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = src[i];
}
template <typename T> int roundtrip(int n) {
    T* h = (T*)malloc(n * sizeof(T));
    T* back = (T*)malloc(n * sizeof(T));
    for (size_t i = 0; i < n * sizeof(T); i++) ((unsigned char*)h)[i] = (unsigned char)(i * 7 + 3);
    T *s, *d;
    cudaMalloc(&s, n * sizeof(T));
    cudaMalloc(&d, n * sizeof(T));
    cudaMemcpy(s, h, n * sizeof(T), cudaMemcpyHostToDevice);
    copy<T><<<(n + 31) / 32, 32>>>(d, s, n);
    if (cudaGetLastError() != cudaSuccess) return 1;
    cudaMemcpy(back, d, n * sizeof(T), cudaMemcpyDeviceToHost);
    int bad = memcmp(h, back, n * sizeof(T)) != 0;
    cudaFree(s); cudaFree(d); free(h); free(back);
    return bad;
}
int main() {
    int fails = roundtrip<byte_t>(100) + roundtrip<octet>(100) + roundtrip<unsigned char>(100)
              + roundtrip<pair_t>(100) + roundtrip<geo::Pt>(100);
    if (fails) { printf("FAIL %d\\n", fails); return 1; }
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": prog})
    cl_text = (out / "main.cl").read_text()
    assert "copy_uchar(" in cl_text and "copy_byte_t" not in cl_text and "copy_octet" not in cl_text
    host = (out / "main.cpp").read_text()
    assert 'inline const char* cp_type_name(pair_t*) { return "pair_t"; }' in host
    assert 'namespace geo { inline const char* cp_type_name(geo::Pt*) { return "geo_Pt"; } }' in host
    assert "PASS" in build_and_run(out)


def test_user_type_names_follow_the_kernel_instance_names() -> None:
    names = user_type_names(["float", "unsigned int", "Box<float>", "a::b::Pt", "Box<float>", "int*"])
    assert 'inline const char* cp_type_name(Box<float>*) { return "Box_float"; }' in names
    assert 'namespace a { namespace b { inline const char* cp_type_name(a::b::Pt*) { return "a_b_Pt"; } } }' in names
    assert names.count("Box<float>*") == 1 and "(float*)" not in names and "(unsigned int*)" not in names


def test_launch_in_a_header_calls_the_stub_the_including_file_defines(tmp_path: Path) -> None:
    # the kernel and its launch (in an inline host function) are both in the header; main.cu launches nothing
    header = """#pragma once
#include <cuda_runtime.h>
__global__ void twice(int* d, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] *= 2; }
template <typename T> __global__ void zero(T* d) { d[threadIdx.x] = 0; }
struct Doubler {
    void run(int* d, int n) { twice<<<(n + 31) / 32, 32>>>(d, n); }
};
inline void clear(float* d) { zero<float><<<1, 1>>>(d); }
"""
    main_cu = """#include <cstdio>
#include "twice.cuh"
""" + CHECK + """
int main() {
    int h[50], *d;
    for (int i = 0; i < 50; i++) h[i] = 21;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    Doubler().run(d, 50);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    if (check(h, 50, 42)) return 1;
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path / "a", {"twice.cuh": header, "main.cu": main_cu})
    text = (out / "twice.cuh").read_text()
    assert "cp_launch_twice((n + 31) / 32, 32, 0, 0, d, n);" in text
    # a template kernel launched in the header: the including file's program has the instances clang made
    # there (test_header_template_launch.py runs one), here zero<float> of the uncalled inline function
    assert "cp_launch_zero<float>(1, 1, 0, 0, d);" in text.split("inline void clear")[1]
    assert "__kernel void zero_float(" in (out / "main.cl").read_text()
    assert "PASS" in build_and_run(out)


def test_host_code_keeps_c_library_names_that_opencl_c_lacks_and_survives_one_letter_macros(tmp_path: Path) -> None:
    # clock() in a host timer and a parameter named j1 are host C++; `#define T` / `V` / `swap(a, b)` come
    # before the generated preamble, whose own names and headers must not collide with them; a template
    # argument named by a host constant is its value in the .cl, as in the host stub
    timer = """#pragma once
#include <ctime>
struct Timer { double t0; void start() { t0 = clock(); } double stop() { return clock() - t0; } };
void shift(int* d, int n, int j1);
"""
    prog = """#include <cstdio>
#include <cuda_runtime.h>
#include "timer.h"
#define T int
#define V 3
#define swap(a, b) { T t_ = a; a = b; b = t_; }
template <typename E, int M> __global__ void add(E* d, int n, E v) { int i = threadIdx.x; if (i < n) d[i] += v * M; }
void shift(int* d, int n, int j1) { const int once = 1; add<T, once><<<1, 64>>>(d, n, (T)j1); }
""" + CHECK + """
int main() {
    Timer t; t.start();
    T h[64], *d;
    for (int i = 0; i < 64; i++) h[i] = 1;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    shift(d, 64, V);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    if (check(h, 64, 4) || t.stop() < 0) return 1;
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"timer.h": timer, "main.cu": prog})
    assert "__kernel void add_int_1(" in (out / "main.cl").read_text()  # `once` is a host constant: its value
    assert "CUDAPORT CP" not in (out / "timer.h").read_text() + (out / "main.cpp").read_text()
    assert "PASS" in build_and_run(out)
    # in device code the diagnostic stays: OpenCL C has no cycle counter
    dev = "#include <cuda_runtime.h>\n__global__ void k(long* d) { d[0] = clock(); }\n"
    out = translate_project(tmp_path / "dev", {"k.cu": dev})
    assert "CUDAPORT CP2001" in (out / "k.cpp").read_text() + (out / "k.cl").read_text()


def test_included_sources_are_part_of_their_includer_and_deduced_host_templates_bind_launches(tmp_path: Path) -> None:
    # kernels.cu and ref.cpp are included textually (not units of their own); `scale` is launched in a host
    # template whose arguments clang deduces at the call `run(d, n, 3)`
    kernels = "__global__ void inc(int* d, int n) { int i = blockIdx.x * 32 + threadIdx.x; if (i < n) d[i]++; }\n"
    ref = "template <typename T> T expect(T v) { return (T)(fabs((double)v) * 3 + 3); }\n"
    prog = """#include <cstdio>
#include <cuda_runtime.h>
#include "kernels.cu"
#include "ref.cpp"
template <typename T> __global__ void scale(T* d, int n, T f) {
    int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) d[i] *= f;
}
template <typename T> void run(T* d, int n, T f) { scale<<<(n + 31) / 32, 32>>>(d, n, f); }
""" + CHECK + """
int main() {
    int h[40], *d;
    for (int i = 0; i < 40; i++) h[i] = 1;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    run(d, 40, 3);
    inc<<<2, 32>>>(d, 40);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    if (check(h, 40, expect(1) - 2)) return 1;
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"kernels.cu": kernels, "ref.cpp": ref, "main.cu": prog})
    host = (out / "main.cpp").read_text()
    assert "CUDAPORT CP" not in host and "cp_launch_inc(2, 32, 0, 0, d, 40);" in host
    assert "__kernel void scale_int(" in (out / "main.cl").read_text()
    assert "PASS" in build_and_run(out)


def test_device_lambda_is_lowered_not_taken_for_a_device_function() -> None:
    src = """#include <cuda_runtime.h>
template <typename F> __global__ void apply(int* d, F f) { d[threadIdx.x] = f(threadIdx.x); }
void run(int* d) { auto f = [=] __device__ (int i) { return i * 2; }; apply<<<1, 32>>>(d, f); }
"""
    r = translate_text(src, "opencl", name="l.cu")
    host = r.output.decode()
    assert [f.code for f in r.findings] == ["CP4040"]  # a functor struct (closures.py), C++ for OpenCL
    assert "function __device__ is in" not in host and "auto f = cp_lambda_3_29<>{};" in host
    assert "__kernel void apply_cp_lambda_3_29(" in r.extra_files["l.cl"].decode()


def test_host_use_of_a_type_opencl_lacks_keeps_its_diagnostic() -> None:
    # only functions are the host C library's too; a CUDA type in host code still has nothing behind it
    # (__nv_bfloat16 was the example until the shim gained host bfloat16; texture objects have no shim type)
    src = "#include <cuda_runtime.h>\nvoid f(void* p) { cudaTextureObject_t* h = (cudaTextureObject_t*)p; (void)h; }\n"
    r = translate_text(src, "opencl", name="t.cu")
    assert any(f.code == "CP3005" and f.api == "cudaTextureObject_t" for f in r.findings)


def test_large_private_arrays_run_on_a_cpu_device(tmp_path: Path) -> None:
    # 32 KB of local memory per thread is valid CUDA; a CPU OpenCL driver runs a 256-item work-group on one
    # worker thread's stack (8 MB here), which overflowed glibc's default stack before the shim raised it
    main_cu = """#include <cstdio>
__global__ void k(int* out) {
    unsigned char state[32768];
    for (int j = 0; j < 32768; j++) state[j] = (unsigned char)(j + threadIdx.x);
    int s = 0;
    for (int j = 0; j < 32768; j += 4096) s += state[j];
    out[blockIdx.x * blockDim.x + threadIdx.x] = s;
}
int main() {
    int *d, h[512];
    cudaMalloc(&d, sizeof(h));
    k<<<2, 256>>>(d);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 512; i++) {
        int t = i % 256, want = 0;
        for (int j = 0; j < 32768; j += 4096) want += (unsigned char)(j + t);
        if (h[i] != want) { printf("FAIL at %d: %d != %d\\n", i, h[i], want); return 1; }
    }
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": main_cu})
    assert "PASS" in build_and_run(out)


def test_included_source_sees_the_includers_macros(tmp_path: Path) -> None:
    # lud-style: the kernels live in a .cu that the main file includes after defining the block size
    kernels = """__global__ void scale(float* d, int n) {
    __shared__ float tile[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    tile[threadIdx.x] = i < n ? d[i] : 0.f;
    __syncthreads();
    if (i < n) d[i] = tile[BLOCK - 1 - threadIdx.x] * 0 + tile[threadIdx.x] * 2;
}
"""
    main_cu = """#include <cstdio>
#define BLOCK 32
#include "kernels.cu"
int main() {
    float h[100], *d;
    for (int i = 0; i < 100; i++) h[i] = i;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    scale<<<(100 + BLOCK - 1) / BLOCK, BLOCK>>>(d, 100);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 100; i++) if (h[i] != 2 * i) { printf("FAIL at %d\\n", i); return 1; }
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": main_cu, "kernels.cu": kernels})
    assert "#define BLOCK 32" in (out / "kernels.cl").read_text()
    assert "PASS" in build_and_run(out)


def test_included_source_sees_the_macros_of_headers_its_includer_includes_first(tmp_path: Path) -> None:
    # degrid-style: params.h defines the constants, main.cu includes it and then kernels.cu, which does not
    kernels = """__global__ void scale(float* d, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) d[i] = d[i] * FACTOR + OFFSET;
}
"""
    params = "#ifndef PARAMS_H\n#define PARAMS_H\n#define FACTOR 3\n#include \"more.h\"\n#endif\n"
    main_cu = """#include <cstdio>
#include "params.h"
#include "kernels.cu"
int main() {
    float h[100], *d;
    for (int i = 0; i < 100; i++) h[i] = i;
    cudaMalloc(&d, sizeof(h));
    cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
    scale<<<4, 32>>>(d, 100);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 100; i++) if (h[i] != 3 * i + 7) { printf("FAIL at %d\\n", i); return 1; }
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": main_cu, "kernels.cu": kernels, "params.h": params,
                                       "more.h": "#define OFFSET 7\n"})
    cl = (out / "kernels.cl").read_text()
    assert "#define FACTOR 3" in cl and "#define OFFSET 7" in cl and "#define PARAMS_H" not in cl
    assert "PASS" in build_and_run(out)


def test_brace_assignments_become_compound_literals_in_sources_and_headers(tmp_path: Path) -> None:
    # `v = {};` and `v = {a, b};` assign a temporary built from the braces (C++); OpenCL C needs `(T){...}`.
    # main.cu's kernel goes through clang's AST, the header's through the .cl body pass
    header = """struct P { int a; float b; };
__global__ void from_header(float* d) {
    int i = threadIdx.x;
    float2 acc;
    acc = {};
    for (int k = 0; k <= i; k++) acc.x += 1.0f;
    P q;
    q = {2, 1.5f};
    d[i] = acc.x + acc.y + q.a + q.b;
}
"""
    prog = """#include <cstdio>
#include "kern.h"
__global__ void from_source(float* d) {
    int i = threadIdx.x;
    float4 v;
    v = {1.0f * i, 2.0f, 3.0f, 4.0f};
    P p;
    p = {i, 0.5f};
    int z;
    z = {};
    d[i] = v.x + v.y + v.z + v.w + p.a + p.b + z;
}
int main() {
    float h[32], *d;
    cudaMalloc(&d, sizeof(h));
    from_source<<<1, 32>>>(d);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 32; i++) if (h[i] != 2 * i + 9.5f) { printf("FAIL source %d: %f\\n", i, h[i]); return 1; }
    from_header<<<1, 32>>>(d);
    cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
    for (int i = 0; i < 32; i++) if (h[i] != i + 4.5f) { printf("FAIL header %d: %f\\n", i, h[i]); return 1; }
    printf("PASS\\n");
    return 0;
}
"""
    out = translate_project(tmp_path, {"main.cu": prog, "kern.h": header})
    cl = (out / "main.cl").read_text()
    assert "v = (float4){1.0f * " in cl and "p = (P){i, 0.5f};" in cl and "z = (int){0};" in cl
    assert "acc = (float2)(0);" in cl and "q = (P){2, 1.5f};" in cl
    assert "PASS" in build_and_run(out)
