"""A launch in a #define whose parameter names the kernel: the uses that cannot be translated are CP4005 at the
launch, never a pasted stub name that names no stub or a program without the kernel a use launches."""

from __future__ import annotations

from translator.api import translate_text

HEAD = r"""
#include <cuda_runtime.h>
#define RUN(k, n) k<<<1, 64>>>(d, n)
template <typename U, int S> __global__ void scale(U* d, int n) { d[threadIdx.x] *= S; }
template <typename U> __global__ void tpl(U* d, int n) { d[threadIdx.x] += n; }
namespace ns { __global__ void fill(float* d, int n) { d[threadIdx.x] = n; } }
__global__ void plain(float* d, int n) { d[threadIdx.x] = n; }
"""


def _codes(body: str) -> list[str]:
    r = translate_text(HEAD + body, "opencl", name="m.cu")
    return [f.code for f in r.findings if f.code == "CP4005"]


def test_plain_and_template_uses_are_translated() -> None:
    assert _codes("void go(float* d) { RUN(plain, 3); RUN(tpl<float>, 3); }") == []


def test_a_parenthesised_kernel_argument_is_cp4005() -> None:
    assert _codes("void go(float* d) { RUN(plain, 3); RUN((scale<float, 2>), 3); }") == ["CP4005"]


def test_a_kernel_in_a_namespace_is_cp4005() -> None:
    assert _codes("void go(float* d) { RUN(ns::fill, 3); }") == ["CP4005"]


def test_a_use_naming_no_kernel_is_cp4005() -> None:
    # the macro's argument is a function pointer variable: clang resolves no kernel at that use
    assert _codes("void go(float* d) { void (*f)(float*, int) = plain; RUN(f, 3); }") == ["CP4005"]
