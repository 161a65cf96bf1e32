"""The one `__shared__`/`__device__` declaration parser (frontend/declarators.py) the SYCL target rewrites
declarations with."""

from __future__ import annotations

import pytest

from translator.frontend.declarators import shared_declarators, split_declaration


@pytest.mark.parametrize(("text", "want"), [
    ("__shared__ float s[256];", [("float", "s", "[256]", "")]),
    ("extern __shared__ __align__(16) unsigned char  buf [ ];", [("unsigned char", "buf", "[]", "")]),
    ("__shared__ float a[N][M + 1], b[N];", [("float", "a", "[N][M + 1]", ""), ("float", "b", "[N]", "")]),
    ("static __shared__ Vec<float, 3> v[2], w;", [("Vec<float, 3>", "v", "[2]", ""), ("Vec<float, 3>", "w", "", "")]),
    # the character splitter took `<<` for two open brackets and kept `b` inside a
    ("__shared__ int a[N << 1], b[N >> 1];", [("int", "a", "[N << 1]", ""), ("int", "b", "[N >> 1]", "")]),
    ("__shared__ int x = f(1, 2);", [("int", "x", "", "f(1, 2)")]),
    ("__shared__ float /* tile, padded */ t[16][17];", [("float", "t", "[16][17]", "")]),
])
def test_shared_declarators(text: str, want: list[tuple[str, str, str, str]]) -> None:
    assert shared_declarators(text) == want


@pytest.mark.parametrize("text", ["__shared__ float a, *p;", "__shared__ int &r = x, y;", "__shared__ float *p, q;",
                                  "__shared__ ;"])
def test_a_later_declarator_of_another_type_or_no_declaration_is_none(text: str) -> None:
    assert shared_declarators(text) is None


def test_split_declaration_reads_initialisers_and_rejects_several_declarators() -> None:
    assert split_declaration("__constant__ float c[3] = {1, 2, 3};") == ("float", "c", "[3]", "{1, 2, 3}")
    assert split_declaration("__device__ bool b = 1 < 2;") == ("bool", "b", "", "1 < 2")
    assert split_declaration("__device__ std::array<int, 2> a;") == ("std::array<int, 2>", "a", "", "")
    assert split_declaration("__device__ int a, b;") is None
