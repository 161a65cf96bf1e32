"""Device code that needs C++ (a class template passed by value, member functions, operators, `typename`):
the program is written as C++ for OpenCL (first line cxxonly.MARKER) and each kernel gets a CP4040 note saying
so and why; OpenCL C stays the default for everything else. What even C++ for OpenCL lacks (`new`, `virtual`)
is still CP4033 and blocks the build. The programs themselves are built and run in test_cxx_programs.py."""

from __future__ import annotations

from translator.api import translate_text
from translator.targets.opencl.cxxonly import MARKER, cxx_type, device_members

ACCESSOR = r"""
#include <cuda_runtime.h>
template <typename T, int N> struct Acc { T* p; int n; __device__ T& operator[](int i) { return p[i]; } };
__global__ void scale(Acc<float, 1> a)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < a.n) a[i] *= 2.0f;
}
void run(Acc<float, 1> a) { scale<<<1, 64>>>(a); }
"""


def _codes(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in r.findings]


def test_class_template_parameter_makes_a_cxx_program() -> None:
    r = translate_text(ACCESSOR, "opencl", name="acc.cu")
    assert "CP4033" not in _codes(r) and "CP4040" in _codes(r)
    note = next(f for f in r.findings if f.code == "CP4040")
    assert "kernel scale" in note.message and "Acc" in note.message
    cl = r.extra_files["acc.cl"].decode()
    assert cl.startswith(MARKER)
    # the class travels whole; the kernel takes it as bytes and copies it into the object
    assert "struct Acc" in cl and "operator[]" in cl
    assert "struct cp_raw_scale_a { unsigned char b[sizeof(Acc<float, 1>)]; };" in cl
    assert "Acc<float, 1> a = __builtin_bit_cast(Acc<float, 1>, cp_raw_a);" in cl


def test_typename_member_type_resolves_per_instance() -> None:
    # clang's instance says what `typename Box<T>::type` is, so the program stays OpenCL C (was C++ for OpenCL)
    src = r"""
template <typename T> struct Box { typedef T type; };
template <typename T> __device__ T twice(T v) { typename Box<T>::type w = v; return w + w; }
__global__ void k(float* x) { x[threadIdx.x] = twice(x[threadIdx.x]); }
void run(float* x) { k<<<1, 32>>>(x); }
"""
    r = translate_text(src, "opencl", name="t.cu")
    assert "CP4033" not in _codes(r)
    assert "float w = v" in r.extra_files["t.cl"].decode()


def test_what_cxx_for_opencl_lacks_is_still_refused() -> None:
    src = r"""
__device__ int* grab(int n) { return new int[n]; }
__global__ void k(int** out) { out[threadIdx.x] = grab(4); }
void run(int** out) { k<<<1, 32>>>(out); }
"""
    r = translate_text(src, "opencl", name="n.cu")
    assert "CP4033" in _codes(r)
    assert '#error "CUDAPORT CP4033: grab: `new`' in r.extra_files["n.cl"].decode()


def test_plain_structs_and_function_templates_stay_opencl_c() -> None:
    src = r"""
struct Pair { float a, b; };
template <typename T> __device__ T add(T x, T y) { return x + y; }
__global__ void k(Pair* p, float* out) { out[threadIdx.x] = add(p[threadIdx.x].a, p[threadIdx.x].b); }
void run(Pair* p, float* out) { k<<<1, 32>>>(p, out); }
"""
    r = translate_text(src, "opencl", name="p.cu")
    assert "CP4033" not in _codes(r) and "CP4040" not in _codes(r)
    assert not r.extra_files["p.cl"].decode().startswith(MARKER)


def test_type_reasons() -> None:
    assert cxx_type("struct P { float x, y; };") == ""
    assert cxx_type("typedef struct { int a; } T;") == ""
    assert cxx_type("struct __attribute__((aligned(8))) Q { int a[sizeof(int)]; };") == ""
    assert cxx_type("struct V { float x; __device__ float len() const { return x; } };") == \
        "class V with member function len"
    assert cxx_type("template <typename T> struct B { T v; };") == "class template B"
    assert cxx_type("struct D : B { int w; };") == "class D with a base class"
    assert cxx_type("struct C { int x; C operator+(C o) const; };").startswith("class C")


def test_host_only_members_leave_the_device_copy() -> None:
    text = """struct S {
  int n;
  S(int v) : n(v) { }
  __host__ void print() const { std::cout << n; }
  HD int twice() const { return 2 * n; }
  __device__ S(float f) : n{(int)f} { }
  S() = default;
  int at(int i);
};"""
    out = device_members(text, {"HD": ("__host__", "__device__")})
    assert "S(int v)" not in out and "print" not in out and "int at(int i);" not in out
    assert "HD int twice() const { return 2 * n; }" in out and "__device__ S(float f)" in out
    assert "S() = default;" in out and "int n;" in out
