"""Template arguments that depend on a traits class: a kernel of `template <typename Kt>` (Kt a struct template
with `static constexpr int` members, bound by a host template's `using Kt = traits<A, B, T>;`) calls device
function templates with `Kt::kB`, with a `constexpr` local computed by a constexpr function
(`ilog2(Kt::kElts)`) and inside `if constexpr`. The clones were named after the unevaluated arguments
(`butterfly_kLog_traits_1_2_float_kB`) and their bodies used names undefined there, which the device rejected;
clang's evaluated values of each instance (instconst.py) name and fill them, and the branch an instance
discards is emptied. The second program is C++ for OpenCL (a functor class template) and instantiates the
traits with float, __half and __nv_bfloat16: the member type `typename Kt::input_t` resolves per instance, and
bfloat16 converts to and from float as __half does. Built and run on PoCL."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import tool_missing
from translator.api import translate_text
from translator.frontend import specializations

SRC = r"""
template <int A_, int B_, typename T_>
struct traits {
  using T = T_;
  static constexpr int kA = A_;
  static constexpr int kB = B_;
  static constexpr int kBytes = sizeof(T);
  static constexpr int kElts = kBytes == 4 ? 4 : 8;
};
__host__ __device__ constexpr int ilog2(int v) { return v > 1 ? 1 + ilog2(v >> 1) : 0; }

template <int kLog, int kC>
__device__ __forceinline__ void butterfly(float x[kC][1 << kLog]) {
  for (int c = 0; c < kC; ++c)
    for (int i = 0; i < (1 << kLog); ++i) x[c][i] = x[c][i] * (float)(kLog + 1) + c;
}
template <int kC>
__device__ void twice_rows(float x[kC][8]) {
  for (int c = 0; c < kC; ++c) x[c][0] *= 2.0f;
}

template <typename Kt>
__global__ void bfly(const float* in, float* out) {
  constexpr int kN = Kt::kB;
  constexpr int kLog = ilog2(Kt::kElts);
  float v[kN][1 << kLog];
  for (int c = 0; c < kN; ++c)
    for (int i = 0; i < (1 << kLog); ++i) v[c][i] = in[(threadIdx.x * kN + c) * (1 << kLog) + i];
  butterfly<kLog, kN>(v);
  butterfly<kLog, Kt::kB>(v);
  if constexpr (kLog == 3) {
    constexpr int kRows = Kt::kB * 1;
    twice_rows<kRows>(v);
  }
  for (int c = 0; c < kN; ++c)
    for (int i = 0; i < (1 << kLog); ++i) out[(threadIdx.x * kN + c) * (1 << kLog) + i] = v[c][i] + Kt::kA;
}
template <int A, int B, typename T>
void launch(const float* in, float* out) {
  using Kt = traits<A, B, T>;
  bfly<Kt><<<1, 4>>>(in, out);
}
void run(const float* in, float* out) {
  launch<1, 2, float>(in, out);
  launch<3, 1, short>(in, out);
}
"""


def _needs_clang() -> None:
    if not specializations.specializations_available():
        tool_missing("no clang binary to evaluate template instances")


@pytest.fixture(scope="module")
def cl_text() -> str:
    _needs_clang()
    return translate_text(SRC, "opencl", name="bfly.cu").extra_files["bfly.cl"].decode()


def test_clones_are_named_by_the_evaluated_values(cl_text: str) -> None:
    assert "butterfly_2_2(v);" in cl_text and "butterfly_3_1(v);" in cl_text
    assert "twice_rows_1(v);" in cl_text and "twice_rows_2" not in cl_text  # discarded in the <1, 2> instance
    assert "kLog_" not in cl_text and "_kB" not in cl_text
    assert "const int kLog = 2;" in cl_text and "const int kLog = 3;" in cl_text
    assert "v[c][i] + 3;" in cl_text  # Kt::kA of traits<3, 1, short>
    assert not cl_text.startswith("/* cudaport: C++ for OpenCL")  # nothing of the traits class is left


def _want(x: np.ndarray, a: int, b: int, elts: int) -> np.ndarray:
    log = elts.bit_length() - 1
    v = x[:4 * b * elts].reshape(4, b, elts).copy()
    for _ in range(2):
        v = v * (log + 1) + np.arange(b, dtype=np.float32)[None, :, None]
    if log == 3:
        v[:, :, 0] *= 2
    return (v + a).reshape(-1)


@pytest.mark.opencl
def test_traits_template_arguments_on_pocl(cl_text: str, pocl) -> None:
    cl, ctx, q = pocl
    prog = cl.Program(ctx, cl_text).build()
    x = (np.arange(64, dtype=np.float32) % 7 - 3) / 4
    mf = cl.mem_flags
    for kern, a, b, elts in ((prog.bfly_traits_1_2_float, 1, 2, 4), (prog.bfly_traits_3_1_short, 3, 1, 8)):
        bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=x)
        out = np.zeros(4 * b * elts, np.float32)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        kern(q, (4,), (4,), bx, bo)
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert np.array_equal(out, _want(x, a, b, elts))


CXX = r"""
#include <cuda_fp16.h>
#include <cuda_bf16.h>
template <typename T> struct Halve { __device__ T operator()(T a) const { return a * (T)0.5f; } };
template <int kNThreads_, typename input_t_>
struct vtraits {
  using input_t = input_t_;
  static constexpr int kNThreads = kNThreads_;
  static constexpr int kNBytes = sizeof(input_t);
  static constexpr int kNElts = kNBytes == 4 ? 4 : 8;
};
template <int kNElts, typename T>
__device__ __forceinline__ void load_vals(const T* x, float v[kNElts]) {
  for (int i = 0; i < kNElts; ++i) v[i] = float(x[i]);
}
template <int kNElts, typename T>
__device__ __forceinline__ void store_vals(T* o, float v[kNElts]) {
  Halve<float> halve;
  for (int i = 0; i < kNElts; ++i) o[i] = halve(v[i]);
}
template <typename Kt>
__global__ void vscale(const void* xv, void* ov) {
  using input_t = typename Kt::input_t;
  constexpr int kNElts = Kt::kNElts;
  const input_t* x = reinterpret_cast<const input_t*>(xv) + threadIdx.x * kNElts;
  input_t* o = reinterpret_cast<input_t*>(ov) + threadIdx.x * kNElts;
  float v[kNElts];
  load_vals<kNElts, input_t>(x, v);
  if constexpr (Kt::kNBytes == 2) {
    for (int i = 0; i < kNElts; ++i) v[i] += 1.0f;
  }
  store_vals<Kt::kNElts, input_t>(o, v);
}
template <typename T> void vrun(const T* x, T* o) {
  using Kt = vtraits<32, T>;
  vscale<Kt><<<1, Kt::kNThreads>>>(x, o);
}
void all(const float* a, float* b, const __half* c, __half* d, const __nv_bfloat16* e, __nv_bfloat16* f) {
  vrun<float>(a, b);
  vrun<__half>(c, d);
  vrun<__nv_bfloat16>(e, f);
}
"""


@pytest.fixture(scope="module")
def cxx_text() -> str:
    _needs_clang()
    return translate_text(CXX, "opencl", name="vs.cu").extra_files["vs.cl"].decode()


def test_member_types_resolve_per_instance(cxx_text: str) -> None:
    assert cxx_text.startswith("/* cudaport: C++ for OpenCL")
    assert "load_vals_4(" in cxx_text and "load_vals_8(" in cxx_text and "store_vals_8(" in cxx_text
    assert "::input_t" not in cxx_text and "struct vtraits" not in cxx_text  # resolved: the class is not needed
    assert "kNElts_" not in cxx_text


def _bf16_bits(v: np.ndarray) -> np.ndarray:
    return (v.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)  # exact for these values


@pytest.mark.opencl
def test_float_half_and_bfloat16_instances_on_pocl(cxx_text: str, pocl_spir) -> None:
    prog = pocl_spir.build(cxx_text)
    cl, ctx, q = pocl_spir.cl, pocl_spir.ctx, pocl_spir.queue
    mf = cl.mem_flags
    names = {k.function_name: k for k in prog.all_kernels()}
    x = (np.arange(256, dtype=np.float32) % 13 - 6) / 4
    cases = (("float", x[:128], x[:128] * 0.5),
             ("__half", x.astype(np.float16).view(np.uint16), ((x + 1) * 0.5).astype(np.float16).view(np.uint16)),
             ("__nv_bfloat16", _bf16_bits(x), _bf16_bits((x + 1) * 0.5)))
    for type_name, data, want in cases:
        kern = next((k for n, k in names.items() if n.startswith("vscale") and n.endswith("_" + type_name)), None)
        assert kern is not None, sorted(names)
        bx = cl.Buffer(ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=data)
        out = np.zeros_like(data)
        bo = cl.Buffer(ctx, mf.READ_WRITE | mf.COPY_HOST_PTR, hostbuf=out)
        kern(q, (32,), (32,), bx, bo)
        cl.enqueue_copy(q, out, bo)
        q.finish()
        assert np.array_equal(out, want), type_name
