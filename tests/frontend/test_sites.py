"""The token-level site finder: names in comments/strings never become sites, calls carry their argument
ranges, launches and kernels are found, and the clang and tree-sitter paths agree on renames."""

from __future__ import annotations

from pathlib import Path

from translator.frontend.lexer import lex
from translator.frontend.parse import parse_file
from translator.frontend.sites import TokenView, find_kernels, find_launches, find_names, find_shared

SRC = b'''#include <cuda_runtime.h>
// cudaMalloc in a comment
template <typename T> struct A {};
template <typename T>
__global__ void __launch_bounds__(256) k(T* a, const T* __restrict__ b, int n) {
  __shared__ float tile[16][17];
  extern __shared__ float dyn[];
  a[threadIdx.x] = b[blockIdx.y] + dyn[0] + tile[0][0];
}
int f(int, int);
int main() {
  float* d; const char* s = "cudaMalloc in a string"; char c = 'x';
  cudaMalloc(&d, 100 * sizeof(float));
  k<float><<<dim3(4, 2), 256, 64 * sizeof(float), 0>>>(d, d, f(1, 2));
  A<A<int>> v;
  return 0;
}
'''


def view() -> TokenView:
    toks, _ = lex(SRC)
    return TokenView.build(SRC, toks)


def test_lexer_covers_every_token_exactly() -> None:
    toks, dirs = lex(SRC)
    assert all(SRC[t.offset:t.end].decode() == t.text for t in toks)
    assert dirs[0].name == "include"


def test_names_in_comments_and_strings_are_not_sites() -> None:
    names = find_names(view(), {"cudaMalloc", "threadIdx", "blockIdx"}.__contains__)
    malloc = [s for s in names if s.name == "cudaMalloc"]
    assert len(malloc) == 1 and malloc[0].span.line == 13
    v = view()
    assert [v.text(a) for a in malloc[0].args] == ["&d", "100 * sizeof(float)"]
    assert {(s.name, s.member) for s in names if s.member} == {("threadIdx", "x"), ("blockIdx", "y")}


def test_launch_config_and_arguments() -> None:
    v = view()
    (launch,) = find_launches(v)
    assert launch.kernel == "k<float>"
    assert v.text(launch.grid) == "dim3(4, 2)" and v.text(launch.block) == "256"
    assert v.text(launch.shmem) == "64 * sizeof(float)" and v.text(launch.stream) == "0"
    assert [v.text(a) for a in launch.args] == ["d", "d", "f(1, 2)"]


def test_kernels_and_shared_declarations() -> None:
    v = view()
    (kernel,) = find_kernels(v)
    assert kernel.name == "k" and kernel.template_params == ("T",)
    assert [(p.name, p.type) for p in kernel.params] == [("a", "T*"), ("b", "const T* __restrict__"), ("n", "int")]
    shared = find_shared(v)
    assert [(s.name, s.extern) for s in shared] == [("tile", False), ("dyn", True)]


def test_clang_and_tree_sitter_find_the_same_names() -> None:
    known = {"cudaMalloc", "threadIdx", "blockIdx", "dim3", "cudaError_t"}.__contains__
    a = parse_file(Path("x.cu"), SRC, known, use_clang=True)
    b = parse_file(Path("x.cu"), SRC, known, use_clang=False)
    assert a.frontend == "clang" and b.frontend == "tree-sitter"
    assert [(s.name, s.span) for s in a.names] == [(s.name, s.span) for s in b.names]


def test_syntax_error_falls_back_with_cp1001() -> None:
    bad = SRC.replace(b"return 0;\n}", b"return 0;\n")
    parsed = parse_file(Path("x.cu"), bad, {"cudaMalloc"}.__contains__)
    assert parsed.frontend == "tree-sitter"
    assert any(f.code == "CP1001" for f in parsed.findings)
    assert [s.name for s in parsed.names] == ["cudaMalloc"]


def test_non_utf8_file_is_reported_and_parsed() -> None:
    data = b"// caf\xe9\nvoid f(float* p) { cudaFree(p); }\n"
    parsed = parse_file(Path("x.cu"), data, {"cudaFree"}.__contains__)
    assert any(f.code == "CP1002" and f.line == 1 for f in parsed.findings)
    assert [s.name for s in parsed.names] == ["cudaFree"]


def test_local_declarations_shadow_cuda_names_only_in_their_scope() -> None:
    src = b"void f(int y1) { int round = y1; }\nvoid g() { y1(2.0); round(1.5f); }\n"
    parsed = parse_file(Path("x.cu"), src, {"y1", "round"}.__contains__)
    first = [s for s in parsed.names if s.span.line == 1]
    second = [s for s in parsed.names if s.span.line == 2]
    assert all(parsed.declared_locally(s.name, s.span.offset) for s in first)
    assert not any(parsed.declared_locally(s.name, s.span.offset) for s in second)


def test_call_arguments_do_not_split_inside_template_argument_lists() -> None:
    src = (b"void h() {\n"
           b"  cudaFuncSetCacheConfig(k<float, 4>, cudaFuncCachePreferL1);\n"
           b"  cudaFuncGetAttributes(&a, k<Vec<float, 3>>);\n"
           b"  cudaMemset(p, a < b, c > 1);\n"
           b"}\n")
    toks, _ = lex(src)
    v = TokenView.build(src, toks)
    calls = [s for s in find_names(v, lambda n: n.startswith("cuda")) if s.call is not None]
    got = {s.name: [v.text(a) for a in s.args] for s in calls}
    assert got["cudaFuncSetCacheConfig"] == ["k<float, 4>", "cudaFuncCachePreferL1"]
    assert got["cudaFuncGetAttributes"] == ["&a", "k<Vec<float, 3>>"]
    assert got["cudaMemset"] == ["p", "a < b", "c > 1"]
