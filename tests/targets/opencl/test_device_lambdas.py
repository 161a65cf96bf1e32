"""Functors and nvcc's extended lambdas passed to kernel templates on the OpenCL target (closures.py): a lambda
made in host code (`[=] __device__ (int i) {...}`, inside a host template and outside one) becomes a struct with
its captures as fields and its body as `operator()`, the kernel template is instantiated for it in C++ for OpenCL,
and the program runs on PoCL with the right numbers; a plain functor struct takes the same route. A lambda that
cannot be lowered (capturing by reference) is CP2001 at the lambda and the build refuses it with that code instead
of failing in the host compiler; a launch that no step translated is CP4042, never bare `<<<>>>`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.opencl.projects import build_and_run, cudaport_build, translate_project
from translator.api import translate_text

KERNELS = r"""
#include <cstdio>
#include <cstdint>
#include <cuda_runtime.h>

template <int N, typename F>
__global__ void each(int n, F f) {
  int i = N * blockIdx.x * blockDim.x + threadIdx.x;
  for (int k = 0; k < N; k++, i += blockDim.x)
    if (i < n) f(i);
}

template <int N, typename F>
static void launch_each(int n, F f) {
  each<N, F><<<(n + 64 * N - 1) / (64 * N), 64>>>(n, f);
}

__device__ float twice(float v) { return 2.0f * v; }

struct Affine {
  float a, b;
  const float* x;
  float* y;
  __device__ void operator()(int i) const { y[i] = a * x[i] + b; }
};

template <typename T>
void axpy(T* y, const T* x, T a, int64_t n) {
  const int shift = 3;
  auto body = [=] __device__ (int i) {
    T v = a * x[i];
    y[i] += v + (T)(i % shift);
  };
  launch_each<2>(n, body);
}
"""

MAIN = r"""
int main() {
  const int n = 1000;
  float hx[n], hy[n];
  for (int i = 0; i < n; i++) { hx[i] = 0.5f * i; hy[i] = 1.0f; }
  float *x, *y;
  cudaMalloc(&x, sizeof(hx));
  cudaMalloc(&y, sizeof(hy));
  cudaMemcpy(x, hx, sizeof(hx), cudaMemcpyHostToDevice);
  cudaMemcpy(y, hy, sizeof(hy), cudaMemcpyHostToDevice);
  axpy(y, (const float*)x, 2.0f, n);                 // y = 1 + 2x + i % 3
  int base = 7;
  launch_each<4>(n, [=] __device__ (int i) { y[i] -= (float)base; });   // - 7, no host template around it
  float off = 0.25f;  // explicit captures, mutable, a device function and threadIdx in the body
  launch_each<1>(n, [y, off] __device__ (int i) mutable {
    off *= 2.0f;
    y[i] = twice(y[i]) + off + 0.0f * threadIdx.x;
  });
  float *z;
  cudaMalloc(&z, sizeof(hy));
  launch_each<1>(n, Affine{3.0f, 0.5f, y, z});          // z = 3y + 0.5
  float hz[n];
  cudaMemcpy(hz, z, sizeof(hz), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; i++) {
    float want = 3.0f * (2.0f * (1.0f + 2.0f * hx[i] + (float)(i % 3) - 7.0f) + 0.5f) + 0.5f;
    if (hz[i] != want) { printf("FAIL at %d: %f, want %f\n", i, hz[i], want); return 1; }
  }
  printf("PASS\n");
  return 0;
}
"""


@pytest.mark.opencl
def test_lambdas_and_a_functor_launched_through_kernel_templates_on_pocl(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": KERNELS + MAIN})
    host = (out / "main.cpp").read_text()
    cl = (out / "main.cl").read_text()
    assert "CUDAPORT CP" not in host and "__device__ (int i)" not in host
    assert cl.count("\nstruct cp_lambda_") == 3 and "typedef float T;" in cl and "get_local_id(0)" in cl
    assert "__kernel void each_2_cp_lambda_" in cl and "__kernel void each_1_Affine(" in cl
    assert "PASS" in build_and_run(out)


def test_captures_are_fields_in_order_of_first_use() -> None:
    r = translate_text(KERNELS + "void run(float* y, const float* x, int n) { axpy(y, x, 1.0f, n); }\n", "opencl",
                       name="l.cu")
    cl = r.extra_files["l.cl"].decode()
    lines = cl.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("struct cp_lambda_") and line.endswith("{"))
    fields = [line.strip() for line in lines[at + 1:at + 6]]
    assert fields == ["typedef float T;", "T a;", "const T * x;", "T * y;", "const int shift;"], fields
    assert not [f.code for f in r.findings if f.code.startswith("CP2")]


BY_REFERENCE = r"""
#include <cstdio>
#include <cuda_runtime.h>
template <typename F> __global__ void apply(int* d, F f) { d[threadIdx.x] = f(threadIdx.x); }
int main() {
  int *d, h[32], k = 3;
  cudaMalloc(&d, sizeof(h));
  apply<<<1, 32>>>(d, [&] __device__ (int i) { return i * k; });
  cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
  printf("%d\n", h[5]);
  return 0;
}
"""


def test_lambda_capturing_by_reference_blocks_the_build_with_its_code(tmp_path: Path) -> None:
    out = translate_project(tmp_path, {"main.cu": BY_REFERENCE})
    host = (out / "main.cpp").read_text()
    assert "CUDAPORT CP2001" in host and "captures by reference" in host
    b = cudaport_build(out)
    assert b.returncode != 0 and "CP2001" in b.stdout + b.stderr, b.stdout + b.stderr
    assert "was not declared in this scope" not in b.stdout + b.stderr


def test_launch_after_a_decltype_auto_device_function_is_translated() -> None:
    # `__host__ __device__ decltype(auto) f(...)` was read as a device variable reaching to the next `;`, which
    # hid the launch in the host function after it: the launch stayed `<<<>>>` with no diagnostic
    src = r"""#include <cuda_runtime.h>
template <class F> __host__ __device__ decltype(auto) call(F&& f, int i) { return f(i); }
template <class F> __global__ void k(int* d, F f) { d[threadIdx.x] = f(threadIdx.x); }
struct Twice { __device__ int operator()(int i) const { return 2 * i; } };
template <class F> void run(int* d, const F& f) { k<F><<<1, 32>>>(d, f); }
void go(int* d) { run(d, Twice{}); }
"""
    r = translate_text(src, "opencl", name="d.cu")
    host = r.output.decode()
    assert "<<<" not in host and "cp_launch_k<F>(1, 32, 0, 0, d, f);" in host
    assert "__kernel void k_Twice(" in r.extra_files["d.cl"].decode()


def test_a_launch_no_step_translated_is_cp4041(monkeypatch: pytest.MonkeyPatch) -> None:
    import translator.targets.opencl as opencl

    host = opencl.FileEmitter._host

    def dropping_launches(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        host(self, *args, **kwargs)
        self.ctx.edits[:] = [e for e in self.ctx.edits if e.origin != "opencl launch"]

    monkeypatch.setattr(opencl.FileEmitter, "_host", dropping_launches)
    src = "#include <cuda_runtime.h>\n__global__ void k(int* d) { d[threadIdx.x] = 1; }\n" \
          "void go(int* d) { k<<<1, 32>>>(d); }\n"
    r = translate_text(src, "opencl", name="u.cu")
    assert [f.code for f in r.findings if f.code == "CP4042"] == ["CP4042"]
    assert "CUDAPORT CP4042" in r.output.decode()


@pytest.mark.parametrize(("lam", "why"), [
    ("[&] __device__ (int i) { return i * k; }", "captures by reference"),
    ("[v = k + 1] __device__ (int i) { return v * i; }", "init-capture"),
    ("[=] __device__ (auto i) { return i * k; }", "generic lambda"),
])
def test_lambdas_that_stay_cp2001(lam: str, why: str) -> None:
    src = "#include <cuda_runtime.h>\ntemplate <typename F> __global__ void apply(int* d, F f) { d[0] = f(1); }\n" \
          f"void run(int* d) {{ int k = 2; auto f = {lam}; apply<<<1, 1>>>(d, f); }}\n"
    r = translate_text(src, "opencl", name="r.cu")
    assert [f.code for f in r.findings if f.code == "CP2001"] == ["CP2001"] and why in r.output.decode()


def test_lambda_using_members_of_its_object_stays_cp2001() -> None:
    src = "#include <cuda_runtime.h>\ntemplate <typename F> __global__ void apply(float* d, F f) { d[0] = f(1); }\n" \
          "struct R {\n  float s;\n" \
          "  void run(float* d) { apply<<<1, 1>>>(d, [=] __device__ (int i) { return s * i; }); }\n};\n"
    r = translate_text(src, "opencl", name="m.cu")
    assert "CP2001" in [f.code for f in r.findings] and "members of the enclosing object" in r.output.decode()
