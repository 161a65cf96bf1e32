"""SYCL: a kernel used as a value (its address assigned or compared) is CP4514 at the use, since its translation
takes the nd_item and no longer fits the CUDA pointer type; launches and runtime calls naming it are not."""

from __future__ import annotations

from translator.api import translate_text

PROGRAM = r"""
__global__ void scale(float* x) { x[threadIdx.x] *= 2.0f; }
__global__ void shift(float* x) { x[threadIdx.x] += 1.0f; }
int main() {
  float* d;
  cudaMalloc(&d, 256 * sizeof(float));
  void (*kernel)(float*) = &scale;
  if (kernel == &scale) kernel = shift;
  cudaFuncAttributes attr;
  cudaFuncGetAttributes(&attr, scale);
  scale<<<1, 256>>>(d);
  kernel<<<1, 256>>>(d);
  return 0;
}
"""


def test_kernel_addresses_are_cp4514_and_launches_are_not() -> None:
    res = translate_text(PROGRAM, "sycl", name="k.cu")
    found = [(f.line, f.code) for f in res.findings if f.code == "CP4514"]
    assert found == [(7, "CP4514"), (8, "CP4514"), (8, "CP4514")]
    text = res.output.decode()
    line = next(ln for ln in text.splitlines() if "void (*kernel)(float*)" in ln)
    assert "CUDAPORT CP4514" in line and line.rstrip().endswith("&scale;")


def test_a_local_variable_named_like_a_kernel_is_not_flagged() -> None:
    cuda = "__global__ void scale(float* x) {}\nint main() {\n  int scale = 3;\n  int y = scale;\n  return y;\n}\n"
    res = translate_text(cuda, "sycl", name="v.cu")
    assert not [f for f in res.findings if f.code == "CP4514"]


def test_without_clang_only_the_address_of_a_kernel_is_flagged() -> None:
    """A file clang cannot parse (here: an unknown namespace alias) is translated from tokens: `&kernel` is still
    CP4514, a plain name after `=` is not (it may be a variable)."""
    cuda = PROGRAM.replace("int main() {", "namespace nope = not_declared_anywhere;\nint main() {")
    res = translate_text(cuda, "sycl", name="f.cu")
    assert any(f.code == "CP1001" for f in res.findings)
    assert [f.line for f in res.findings if f.code == "CP4514"] == [8, 9]
