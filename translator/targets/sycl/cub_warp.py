"""SYCL target: which names in a file stand for CUB's warp primitives (cub::WarpReduce, cub::WarpScan, and the
aliases a typedef or `using` gives them, also bare after `using namespace cub;`). cudaport's CUB layer runs them
on the sub-group, which is CUDA's warp only at size 32: a kernel using them asks for it like one using __shfl
(analysis._find_uses, CP4501). Input: the file's tokens. Output: the set of names.
"""

from __future__ import annotations

from collections.abc import Sequence

from translator.frontend.lexer import IDENT, Tok

WARP_CLASSES = ("WarpReduce", "WarpScan")


def cub_warp_names(toks: Sequence[Tok]) -> set[str]:
    """The CUB warp class names the file uses and every alias declared for one of them."""
    names: set[str] = set()
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.text not in WARP_CLASSES:
            continue
        qualified = k >= 2 and toks[k - 1].text == "::" and toks[k - 2].text == "cub"
        if not qualified and not any(toks[j].text == "cub" and toks[j - 1].text == "namespace" for j in range(1, k)):
            continue
        names.add(t.text)
        alias = _alias_of(toks, k)
        if alias:
            names.add(alias)
    return names


def _alias_of(toks: Sequence[Tok], k: int) -> str | None:
    """`typedef cub::WarpReduce<int> WR;` or `using WR = cub::WarpReduce<int>;` around token k: WR."""
    j = k
    while j > 0 and toks[j - 1].text not in (";", "{", "}"):
        j -= 1
    if toks[j].text == "using" and j + 2 < len(toks) and toks[j + 2].text == "=":
        return toks[j + 1].text
    if toks[j].text == "typedef":
        e = k
        while e < len(toks) and toks[e].text != ";":
            e += 1
        if e < len(toks) and toks[e - 1].kind == IDENT:
            return toks[e - 1].text
    return None
