"""A file with a byte that is not UTF-8 (a Latin-1 copyright sign in a comment, common in older code) is parsed
by clang all the same: its bytes go to libclang as they are. Before, the text went as a str holding surrogates,
cindex's own UTF-8 encoding raised, and the file fell back to tree-sitter (CP1001) with every typed pass lost."""

from __future__ import annotations

from translator.api import translate_text

SRC = (b"// \xa9 2020 a vendor\n#include <cuda_runtime.h>\n"
       b"__global__ void k(float* a) { a[threadIdx.x] = fabsf(a[threadIdx.x]); }\n"
       b"int main() { float* d; cudaMalloc(&d, 256); k<<<1, 64>>>(d); return 0; }\n")


def test_latin1_byte_keeps_the_clang_front_end() -> None:
    for target in ("opencl", "sycl", "hip"):
        res = translate_text(SRC, target, name="latin.cu")
        codes = [f.code for f in res.findings]
        assert "CP1002" in codes and "CP1001" not in codes, (target, res.findings)
        assert b"\xa9 2020 a vendor" in res.output  # the byte itself is kept
