"""SYCL target: CUB. The `cub` namespace token becomes `cpsycl::cub`, the helper's CUB layer
(runtime_shim/sycl/include/cudaport_sycl/cub.hpp: block and warp primitives on SYCL 2020 group algorithms,
device-wide algorithms on oneDPL with CUB's temp-storage protocol), which keeps CUB's class and member names, so
the code around it (typedefs, __shared__ TempStorage, `BR(ts).Sum(x)`, the two-call protocol) stays as written.
Only what the layer implements is renamed: any other CUB name (`cub::BlockRadixSort`, `cub::DeviceScan::
ExclusiveSumByKey`, or one used bare after `using namespace cub;`) gets CP2008 at its site, naming the call.
Input: the site of a `cub` token and the file context (tokens: comments and strings are never sites). Output: edits.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from translator.frontend.lexer import IDENT
from translator.targets.sycl.analysis import byte_span

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite

NAMESPACE = "cpsycl::cub"
ANY = frozenset({"*"})
# What cudaport_sycl/cub.hpp defines, per name under `cub::`: ANY = the name itself (a class used with its
# members through an alias, an enumerator, a functor); else the static member functions it implements.
PROVIDED: dict[str, frozenset[str]] = {
    **{name: ANY for name in (
        "BlockReduce", "BlockScan", "BlockLoad", "BlockStore", "BlockAdjacentDifference", "WarpReduce", "WarpScan",
        "Sum", "Max", "Min", "CountingInputIterator", "TransformInputIterator", "ConstantInputIterator",
        "CachingDeviceAllocator", "Debug", "KeyValuePair", "ArgMax", "ArgMin", "DoubleBuffer",
        "BlockReduceAlgorithm", "BlockScanAlgorithm", "BlockLoadAlgorithm", "BlockStoreAlgorithm",
        "BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY", "BLOCK_REDUCE_RAKING", "BLOCK_REDUCE_WARP_REDUCTIONS",
        "BLOCK_SCAN_RAKING", "BLOCK_SCAN_RAKING_MEMOIZE", "BLOCK_SCAN_WARP_SCANS",
        "BLOCK_LOAD_DIRECT", "BLOCK_LOAD_STRIPED", "BLOCK_LOAD_VECTORIZE", "BLOCK_LOAD_TRANSPOSE",
        "BLOCK_LOAD_WARP_TRANSPOSE", "BLOCK_LOAD_WARP_TRANSPOSE_TIMESLICED",
        "BLOCK_STORE_DIRECT", "BLOCK_STORE_STRIPED", "BLOCK_STORE_VECTORIZE", "BLOCK_STORE_TRANSPOSE",
        "BLOCK_STORE_WARP_TRANSPOSE", "BLOCK_STORE_WARP_TRANSPOSE_TIMESLICED")},
    "DeviceReduce": frozenset({"Sum", "Max", "Min", "Reduce", "ArgMax", "ArgMin"}),
    "DeviceScan": frozenset({"ExclusiveSum", "InclusiveSum", "ExclusiveScan", "InclusiveScan"}),
    "DeviceSelect": frozenset({"Flagged", "If"}),
    "DeviceRunLengthEncode": frozenset({"Encode"}),
    "DeviceSegmentedReduce": frozenset({"Sum", "Max", "Min", "Reduce"}),
    "DeviceRadixSort": frozenset({"SortPairs", "SortPairsDescending", "SortKeys", "SortKeysDescending"}),
}
# CUB's other public names (from its documentation), reported where a file uses them bare after
# `using namespace cub;`; with `cub::` in front every name not in PROVIDED is reported anyway.
OTHER_CUB_NAMES = frozenset({
    "DeviceSegmentedRadixSort", "DeviceSegmentedSort", "DeviceMergeSort",
    "DeviceHistogram", "DevicePartition", "DeviceSpmv", "DeviceAdjacentDifference",
    "DeviceCopy", "DeviceMemcpy", "DeviceFor", "DeviceTransform", "BlockRadixSort", "BlockHistogram",
    "BlockExchange", "BlockDiscontinuity", "BlockShuffle", "BlockMergeSort", "BlockRunLengthDecode", "WarpLoad",
    "WarpStore", "WarpExchange", "WarpMergeSort", "ArgIndexInputIterator", "CacheModifiedInputIterator",
    "CacheModifiedOutputIterator", "TexObjInputIterator", "DiscardOutputIterator",
    "ShuffleIndex", "ShuffleUp", "ShuffleDown", "LaneId", "WarpId", "Traits", "NumericTraits",
})


def rewrite_cub(site: NameSite, ctx: FileContext) -> bool:
    """Renames this `cub` to the helper's namespace when the helper has what follows it, else reports CP2008 at
    the site and leaves it. Always handled."""
    toks = ctx.parsed.tokens
    i = bisect.bisect_left([t.offset for t in toks], site.span.offset)
    if i >= 2 and toks[i - 1].text == "namespace" and toks[i - 2].text == "using":
        ctx.replace(site.span, NAMESPACE, "cub")
        _bare_unmapped_names(ctx, i)
        return True
    missing = _missing(toks, i + 2) if i + 2 < len(toks) and toks[i + 1].text == "::" else "?"
    if missing is None:
        ctx.replace(site.span, NAMESPACE, "cub")
    else:
        _unmapped(ctx, site, f"cub::{missing}")
    return True


def _missing(toks, k: int) -> str | None:  # type: ignore[no-untyped-def]
    """None when the helper has the CUB name at token k (and its static member, for the device-wide classes);
    else the name (`DeviceRadixSort`, `DeviceReduce::ArgMax`) as the diagnostic names it."""
    name = toks[k].text
    provided = PROVIDED.get(name)
    if provided is None:
        return name
    if provided is ANY:
        return None
    inner = toks[k + 2].text if k + 2 < len(toks) and toks[k + 1].text == "::" else ""
    return None if inner in provided else f"{name}::{inner or '?'}"


def _unmapped(ctx: FileContext, site_or_span, what: str) -> None:  # type: ignore[no-untyped-def]
    span = getattr(site_or_span, "span", site_or_span)
    ctx.report("CP2008", span, f"CUB {what} is not in cudaport's CUB layer for SYCL (cudaport_sycl/cub.hpp; "
               "the README's 'CUB on SYCL' says what it maps)", api=what, family="libs/cub")


def _bare_unmapped_names(ctx: FileContext, start: int) -> None:
    """After `using namespace cub;` at token `start`: CP2008 at each bare use of a CUB name the helper lacks
    (not a member access, not qualified, not declared by the file itself)."""
    toks = ctx.parsed.tokens
    for k in range(start + 1, len(toks)):
        t = toks[k]
        if t.kind != IDENT or t.text in ctx.parsed.user_declared or toks[k - 1].text in (".", "->", "::"):
            continue
        if t.text in OTHER_CUB_NAMES:
            _unmapped(ctx, byte_span(ctx, t.offset, t.end), t.text)
        elif PROVIDED.get(t.text, ANY) is not ANY and _missing(toks, k) is not None:
            _unmapped(ctx, byte_span(ctx, t.offset, t.end), str(_missing(toks, k)))
