"""SYCL target: CUDA libraries kept under their own namespace (thrust, cooperative groups) and provided by a
compatibility header of the SYCL runtime (runtime_shim/sycl/include/cudaport_sycl/{thrust,cooperative_groups}.hpp,
built on oneDPL and SYCL 2020 groups). The code is left as written; this pass checks every qualified use
(`thrust::sort`, `cg::this_grid` through `namespace cg = cooperative_groups;`) against what the header provides and
reports CP2008 naming the library and the API at each use it does not, so an unmapped call is a diagnostic at its
site rather than a compiler error in the header (CP2009 inside #if blocks and #define bodies). Input: the first
site of the namespace in a file; output: findings.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.engine.core import in_conditional, in_directive
from translator.frontend.lexer import IDENT, LineIndex
from translator.model import Span

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite


@dataclass(frozen=True)
class LibraryNamespace:
    namespace: str
    library: str  # as the diagnostics name it
    family: str
    provides: str  # what the message says the compatibility header provides
    names: frozenset[str]  # what the header provides: `sort`, `cuda::par` (nested namespaces spelled with ::)
    nested: frozenset[str] = frozenset()  # inner namespaces whose members are checked one level deeper


_DONE: dict[str, object] = {}  # namespace -> the file context already checked (handlers run file by file)
# The last context holds its clang TU: free it before interpreter shutdown takes clang.cindex apart.
atexit.register(_DONE.clear)


def check_library_uses(site: NameSite, ctx: FileContext, lib: LibraryNamespace) -> bool:
    """Checks every qualified use of lib's namespace in the file once, at its first site."""
    if _DONE.get(lib.namespace) is ctx:
        return True
    _DONE[lib.namespace] = ctx
    toks = ctx.parsed.tokens
    quals = {lib.namespace}
    for k in range(len(toks) - 4):  # namespace aliases: `namespace cg = cooperative_groups;`
        if toks[k].text == "namespace" and toks[k + 1].kind == IDENT and toks[k + 2].text == "=" \
                and toks[k + 3].text == lib.namespace and toks[k + 4].text == ";":
            quals.add(toks[k + 1].text)
    lines = LineIndex(ctx.parsed.data)
    for k, t in enumerate(toks[:-2]):
        if t.text not in quals or toks[k + 1].text != "::" or toks[k + 2].kind != IDENT:
            continue
        if k > 0 and toks[k - 1].text in ("::", ".", "->"):
            continue  # `std::thrust::...`, `obj.thrust::...`: another entity
        name, last = toks[k + 2].text, k + 2
        if name in lib.nested and last + 2 < len(toks) and toks[last + 1].text == "::" \
                and toks[last + 2].kind == IDENT:
            name, last = f"{name}::{toks[last + 2].text}", last + 2
        if name in lib.names:
            continue
        line, col = lines.line_col(t.offset)
        span = Span(t.offset, toks[last].end - t.offset, line, col)
        # in an #if block or a #define body the code may never be compiled: a warning (CP2009), as the engine does
        code = "CP2009" if in_conditional(ctx, t.offset) or in_directive(ctx, t.offset) else "CP2008"
        ctx.report(code, span, f"{lib.library} {lib.namespace}::{name} has no SYCL mapping in cudaport "
                   f"({lib.provides})", api=f"{lib.namespace}::{name}",
                   family=lib.family)
    return True


_ALGORITHMS = ("sort stable_sort sort_by_key stable_sort_by_key is_sorted reduce transform transform_reduce "
               "inclusive_scan exclusive_scan copy copy_if count count_if fill for_each min_element max_element "
               "minmax_element unique sequence scatter gather shuffle distance")
_OBJECTS = ("device_vector host_vector device_ptr device_reference raw_pointer_cast device_pointer_cast device host "
            "cuda::par cuda::par_nosync tuple get make_tuple pair make_pair tie tuple_element tuple_size plus minus "
            "multiplies divides modulus negate less greater less_equal greater_equal equal_to not_equal_to "
            "logical_and logical_or bit_and bit_or bit_xor maximum minimum identity default_random_engine "
            "counting_iterator transform_iterator permutation_iterator constant_iterator make_counting_iterator "
            "make_transform_iterator make_permutation_iterator make_constant_iterator iterator_difference "
            "iterator_value iterator_traits")

THRUST = LibraryNamespace(
    "thrust", "thrust", "libs/thrust",
    "cudaport_sycl/thrust.hpp provides the algorithms, containers and policies listed in rules/libs/thrust",
    frozenset(f"{_ALGORITHMS} {_OBJECTS}".split()), frozenset({"cuda"}))

COOPERATIVE_GROUPS = LibraryNamespace(
    "cooperative_groups", "cooperative groups", "libs/cg",
    "cudaport_sycl/cooperative_groups.hpp provides this_thread_block, tiled_partition<N> for N a power of two up to "
    "32, coalesced_threads, sync, reduce with plus/less/greater/bit_and/bit_or/bit_xor, and the groups' ranks, "
    "sizes, shuffles and votes",
    frozenset("thread_block this_thread_block thread_block_tile tiled_partition coalesced_group coalesced_threads "
              "sync reduce plus less greater bit_and bit_or bit_xor".split()))
