"""OpenCL target: CUB's block-wide primitives in device code become functions of the OpenCL prelude
(prelude_cub.py). Handles the shape CUB's documentation teaches, found from the tokens of the file (comments and
strings are not tokens):

    typedef cub::BlockReduce<T, THREADS[, ALGO, DIM_Y, DIM_Z]> BR;   (or `using BR = cub::BlockReduce<...>;`)
    __shared__ typename BR::TempStorage ts[, ts2];                   -> __shared__ ulong ts[THREADS * DIM_Y * DIM_Z];
    BR(ts).Sum(x [, valid]), .Reduce(x, cub::Max() or cuda::maximum<>{} [, valid])  -> cp_block_reduce(ts, x, op, n)
    .Reduce(x, UserFunctor() [, valid])                                 -> cp_block_reduce_f<T>(ts, x, functor, n)
    cub::BlockScan: BS(ts).ExclusiveSum(x, out [, total]) / .InclusiveSum(...)       -> out = cp_block_scan(...)
        on arrays of items                                             -> CP_BLOCK_SCAN_ITEMS(T, ts, in, out, N, ...)
    cub::BlockAdjacentDifference<T, X[, Y, Z]>: AD(ts).SubtractLeft/SubtractRight[PartialTile](in, out, op, ...)
                                                                       -> CP_BLOCK_ADJ_LEFT / CP_BLOCK_ADJ_RIGHT(...)
    cub::WarpReduce<T[, W]>: WR(ts[w]).Sum(x) / .Reduce(x, cub::Max())  -> cp_tile_reduce(cp_wscratch, x, op, W)
    cub::BlockLoad<T, X, ITEMS, ALGO[, Y, Z]>: BL(ts).Load(src, items [, valid [, oob]]) -> CP_BLOCK_LOAD(...)
    cub::BlockStore<T, X, ITEMS, ALGO[, Y, Z]>: BS(ts).Store(dst, items [, valid])       -> CP_BLOCK_STORE(...)

The same after `using namespace cub;` with bare names; CUB's algorithm enumerators in device code become their values
(ENUMERATORS, also what kernel template arguments naming them fold to).

Input: the site of a `cub` token and the file context. Output: edits, or CP2008 at every use it cannot map (another
CUB class, an alias used otherwise), so the function is refused rather than miscompiled.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.brackets import match_close, split_args
from translator.frontend.lexer import LineIndex
from translator.model import Outcome, Span
from translator.targets.opencl.thrust import in_device_code

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite

_PRIMITIVES = {"BlockReduce": ("Sum", "Reduce"),
               "BlockScan": ("ExclusiveSum", "InclusiveSum", "ExclusiveScan", "InclusiveScan"), "BlockLoad": ("Load",),
               "BlockStore": ("Store",),
               "BlockAdjacentDifference": ("SubtractLeft", "SubtractRight", "SubtractLeftPartialTile",
                                           "SubtractRightPartialTile"),
               "WarpReduce": ("Sum", "Reduce")}
# CUB's other block and warp classes: a bare use of one after `using namespace cub;` in device code is CP2008
_UNMAPPED_CLASSES = ("BlockRadixSort", "BlockRadixRank", "BlockHistogram", "BlockDiscontinuity", "BlockExchange",
                     "BlockShuffle", "BlockMergeSort", "BlockRunLengthDecode", "WarpScan", "WarpLoad",
                     "WarpStore", "WarpExchange", "WarpMergeSort")
# CUB's algorithm enumerators, with CUB's values (the host side gets the same enums from cudaport_cub.h): a kernel
# template argument naming one folds to its value, which names the instance in the .cl and in the host stub
ENUMERATORS = {name: str(v) for names in (
    ("BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY", "BLOCK_REDUCE_RAKING", "BLOCK_REDUCE_WARP_REDUCTIONS"),
    ("BLOCK_SCAN_RAKING", "BLOCK_SCAN_RAKING_MEMOIZE", "BLOCK_SCAN_WARP_SCANS"),
    ("BLOCK_LOAD_DIRECT", "BLOCK_LOAD_STRIPED", "BLOCK_LOAD_VECTORIZE", "BLOCK_LOAD_TRANSPOSE",
     "BLOCK_LOAD_WARP_TRANSPOSE", "BLOCK_LOAD_WARP_TRANSPOSE_TIMESLICED"),
    ("BLOCK_STORE_DIRECT", "BLOCK_STORE_STRIPED", "BLOCK_STORE_VECTORIZE", "BLOCK_STORE_TRANSPOSE",
     "BLOCK_STORE_WARP_TRANSPOSE", "BLOCK_STORE_WARP_TRANSPOSE_TIMESLICED")) for v, name in enumerate(names)}
# BlockLoad/BlockStore algorithms: what the work-item's items are in memory. Only STRIPED differs (item i of
# work-item t is element i * THREADS + t); DIRECT, VECTORIZE, TRANSPOSE and the WARP_TRANSPOSE variants all leave
# (or take) a blocked arrangement, item i of t being element t * ITEMS + i, and differ only in the memory accesses
# they coalesce through TempStorage, which a direct copy does not need.
_MOVES = {"DIRECT": "0", "VECTORIZE": "0", "TRANSPOSE": "0", "WARP_TRANSPOSE": "0", "WARP_TRANSPOSE_TIMESLICED": "0",
          "STRIPED": "1"}
_OPS = {"Sum": "0", "Max": "1", "Min": "2"}  # cp_block_reduce's op argument
# CUB's functors (removed in CCCL 3) and their libcu++ successors
_FUNCTORS = {"cub::Sum": "0", "cub::Max": "1", "cub::Min": "2", "cuda::std::plus": "0", "cuda::maximum": "1",
             "cuda::minimum": "2", "cub::Difference": "3", "cuda::std::minus": "3"}
_BARE_FUNCTORS = ("Sum", "Max", "Min", "Difference")
# the methods that take an operator (a CUB functor in one is rewritten with the call)
_TAKE_OPS = ("Reduce", "ExclusiveScan", "InclusiveScan", "SubtractLeft", "SubtractRight", "SubtractLeftPartialTile",
             "SubtractRightPartialTile")
_STATEMENT_WORDS = ("return", "else", "do", "case", "goto", "sizeof", "throw", "new", "delete")
_HANDLED_HERE = ("cub::BlockReduce (Sum, Reduce with any functor), cub::BlockScan (ExclusiveSum, InclusiveSum, one or "
                 "several items per thread, an aggregate or a block prefix callback; ExclusiveScan, InclusiveScan with "
                 "any functor), cub::BlockAdjacentDifference "
                 "(SubtractLeft, SubtractRight and their PartialTile forms), cub::BlockLoad (Load), "
                 "cub::BlockStore (Store) and cub::WarpReduce (Sum, Reduce with CUB's functors) in device code; "
                 "DeviceReduce, DeviceScan, DeviceRadixSort, DeviceSelect and DeviceRunLengthEncode on device "
                 "pointers in host code")


@dataclass(frozen=True)
class _Alias:
    name: str
    kind: str  # BlockReduce | BlockScan | BlockLoad | BlockStore
    elem: str  # element type as written
    threads: str  # block size expression
    end: int  # token index: the alias is in scope up to here (its block's closing brace)
    items: str = ""  # BlockLoad/BlockStore: items per thread
    striped: str = "0"  # BlockLoad/BlockStore: "1" for the STRIPED algorithm


def rewrite_cub(site: NameSite, ctx: FileContext) -> bool:
    """Rewrites the CUB construct starting at this `cub` token, or reports CP2008 there. Always handled."""
    toks = ctx.parsed.tokens
    i = bisect.bisect_left([t.offset for t in toks], site.span.offset)
    member = toks[i + 2].text if i + 2 < len(toks) and toks[i + 1].text == "::" else ""
    if member in _BARE_FUNCTORS and _in_call_of(toks, i, _TAKE_OPS):
        return True  # the functor of a call rewritten from its alias
    if member.startswith(("BLOCK_REDUCE_", "BLOCK_SCAN_", "BLOCK_LOAD_", "BLOCK_STORE_")) and \
            _in_call_of(toks, i, tuple(_PRIMITIVES), "<"):
        return True  # the algorithm argument of a declaration rewritten whole
    if member in ENUMERATORS:
        _enumerator(ctx, i, i + 2)
        return True
    if _host_using_namespace(ctx, i) or _device_using_namespace(ctx, i):
        return True
    alias = _alias_declaration(ctx, i, member) if member in _PRIMITIVES else None
    if alias is None and not _host_shim_use(ctx, site, i, member):
        _unmapped(ctx, site.span, f"cub::{member or '?'}")
    return True


def _host_using_namespace(ctx: FileContext, i: int) -> bool:
    """`using namespace cub;` in a file without device code after it: kept, the host code's unqualified CUB names
    (`DeviceRunLengthEncode::Encode`, `CachingDeviceAllocator`) are the shim's. Where kernels or device functions
    follow, their unqualified CUB names would pass unmapped into the .cl: CP2008 there, as before."""
    toks = ctx.parsed.tokens
    if not _is_using_namespace(toks, i) or in_device_code(ctx, toks[i].offset):
        return False
    return not any(t.text in ("__global__", "__device__") for t in toks[i + 2:])


def _enumerator(ctx: FileContext, first: int, last: int) -> None:
    """A CUB algorithm enumerator elsewhere: host code keeps it (cudaport_cub.h has CUB's enums), device code gets
    its value (the .cl has no CUB names)."""
    toks = ctx.parsed.tokens
    if in_device_code(ctx, toks[first].offset):
        ctx.edits.append(Edit(toks[first].offset, toks[last].end - toks[first].offset, ENUMERATORS[toks[last].text],
                              origin="cub"))


def _is_using_namespace(toks, i: int) -> bool:  # type: ignore[no-untyped-def]
    return i >= 2 and toks[i - 1].text == "namespace" and toks[i - 2].text == "using" and i + 1 < len(toks) \
        and toks[i + 1].text == ";"


def _device_using_namespace(ctx: FileContext, i: int) -> bool:
    """`using namespace cub;` with device code after it: kept (host code's bare CUB names, the algorithm
    enumerators included, are the shim's), and the bare CUB names after it are rewritten as the qualified ones:
    `typedef BlockScan<int, N, ALGO> BS;` and its uses; a bare name of another CUB class in device code is CP2008
    at that use."""
    toks = ctx.parsed.tokens
    if not _is_using_namespace(toks, i):
        return False
    k = i + 2
    while k < len(toks):
        t = toks[k]
        if t.kind != "ident" or toks[k - 1].text in (".", "->", "::"):
            k += 1
            continue
        if t.text in _PRIMITIVES and k + 1 < len(toks) and toks[k + 1].text == "<":
            alias = _alias_declaration(ctx, k, t.text)
            if alias is None and in_device_code(ctx, t.offset):
                _unmapped(ctx, _tok_span(ctx, k), f"{t.text} (cub::{t.text}) written this way")
        elif t.text in ENUMERATORS and not _in_call_of(toks, k, tuple(_PRIMITIVES), "<"):
            _enumerator(ctx, k, k)
        elif t.text in _UNMAPPED_CLASSES and in_device_code(ctx, t.offset):
            _unmapped(ctx, _tok_span(ctx, k), f"cub::{t.text}")
        k += 1
    return True


def _host_shim_use(ctx: FileContext, site: NameSite, i: int, member: str) -> bool:
    """`cub::DeviceReduce::Sum` and the other device-wide algorithms (and CUB's functors) in host code: kept for the
    shim's cudaport_cub_device.h when rules/libs/cub/ has the qualified name with an OpenCL shim mapping."""
    toks = ctx.parsed.tokens
    names = [f"cub::{member}"]
    if i + 4 < len(toks) and toks[i + 3].text == "::":
        names.insert(0, f"cub::{member}::{toks[i + 4].text}")
    rule = next((r for r in map(ctx.rules.get, names) if r is not None), None)
    mapping = rule.for_target("opencl") if rule is not None else None
    if rule is None or mapping is None or mapping.status != "shim" or in_device_code(ctx, site.span.offset):
        return False
    ctx.use(rule, site.span, Outcome.SHIM, mapping.code or "CP2004")
    return True


def _unmapped(ctx: FileContext, span: Span, what: str) -> None:
    ctx.report("CP2008", span, f"CUB {what} has no OpenCL mapping (cudaport maps {_HANDLED_HERE})", api="cub",
               family="libs/cub")


def _in_call_of(toks, i: int, names: tuple[str, ...], opener: str = "(") -> bool:  # type: ignore[no-untyped-def]
    """Whether token i sits directly inside `NAME(`...`)` (or `NAME<`...`>`) for one of the names."""
    depth = 0
    angles = opener == "<"  # a `<` in a call's arguments is a comparison
    for j in range(i - 1, max(-1, i - 200), -1):
        t = toks[j].text
        if t in (")", "]", "}") or (angles and t in (">", ">>")):
            depth += 2 if t == ">>" else 1
        elif t in ("(", "[", "{") or (angles and t == "<"):
            if depth == 0:
                return t == opener and j > 0 and toks[j - 1].text in names
            depth -= 1
        elif t == ";":
            return False
    return False


def _angle_args(toks, i: int) -> tuple[list[tuple[int, int]], int] | None:  # type: ignore[no-untyped-def]
    """Token ranges of the template arguments of the `<` at i, and the index after the closing `>`."""
    depth, start, args = 0, i + 1, []
    for j in range(i, len(toks)):
        t = toks[j].text
        if t in ("(", "[", "{"):
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
        elif t == "<":
            depth += 1
        elif t in (">", ">>"):
            for _ in range(len(t)):
                depth -= 1
                if depth == 0:
                    args.append((start, j))
                    return args, j + 1
        elif t == "," and depth == 1:
            args.append((start, j))
            start = j + 1
        elif t == ";":
            return None
    return None


def _alias_declaration(ctx: FileContext, i: int, kind: str) -> _Alias | None:
    """`typedef cub::K<...> A;` or `using A = cub::K<...>;` at token i (the `cub`, or K itself after `using
    namespace cub;`): removes it and rewrites the alias's uses in its scope. None (nothing changed) when the shape
    is another."""
    toks, data = ctx.parsed.tokens, ctx.parsed.data
    opener = i + 3 if toks[i].text == "cub" else i + 1
    if opener >= len(toks) or toks[opener].text != "<":
        return None
    parsed = _angle_args(toks, opener)
    if parsed is None or len(parsed[0]) < (1 if kind == "WarpReduce" else 2):
        return None
    args, after = parsed
    if toks[i - 1].text == "typedef" and after + 1 < len(toks) and toks[after + 1].text == ";":
        first, name, semi = i - 1, toks[after].text, after + 1
    elif (i >= 3 and toks[i - 1].text == "=" and toks[i - 3].text == "using" and after < len(toks)
          and toks[after].text == ";"):
        first, name, semi = i - 3, toks[i - 2].text, after
    else:
        return None

    def text(a: tuple[int, int]) -> str:
        return data[toks[a[0]].offset:toks[a[1] - 1].end].decode("utf-8", "surrogateescape")

    moves = kind in ("BlockLoad", "BlockStore")
    if moves and len(args) < 3:
        return None
    striped = "0"
    if moves and len(args) > 3:  # the algorithm: a CUB constant written out (not a template parameter)
        words = [t.text for t in toks[args[3][0]:args[3][1]]]
        prefix = f"BLOCK_{kind[5:].upper()}_"
        algo = words[-1][len(prefix):] if words[-1].startswith(prefix) and words[:-1] in ([], ["cub", "::"]) \
            else ""
        if algo not in _MOVES:
            return None
        striped = _MOVES[algo]
    # the block's dimensions: BlockAdjacentDifference<T, X, Y, Z> has no algorithm argument, the others have
    # theirs before Y (BlockScan's and BlockReduce's choose an implementation only: every one gives the same)
    at = (1, 4, 5) if moves else (1, 2, 3) if kind == "BlockAdjacentDifference" else (1, 3, 4)
    dims = [f"({text(a)})" for k, a in enumerate(args) if k in at]
    if kind == "WarpReduce":  # WarpReduce<T[, LOGICAL_WARP_THREADS]>: a power of two up to 32 (the emulation's)
        dims = [f"({text(args[1])})" if len(args) > 1 else "32"]
        if dims[0].strip("()").isdigit() and int(dims[0].strip("()")) not in (1, 2, 4, 8, 16, 32):
            return None
    alias = _Alias(name, kind, text(args[0]), " * ".join(dims), _scope_end(toks, semi),
                   f"({text(args[2])})" if moves else "", striped)
    what = f"CP_BLOCK_{kind[5:].upper()}" if moves else "CP_BLOCK_ADJ_*" if kind == "BlockAdjacentDifference" \
        else "cp_tile_reduce (warp emulation)" if kind == "WarpReduce" else f"cp_block_{kind[5:].lower()}"
    ctx.edits.append(Edit(toks[first].offset, toks[semi].end - toks[first].offset,
                          f"/* {name}: cub::{kind} -> {what} (OpenCL prelude) */", origin="cub"))
    _rewrite_uses(ctx, alias, semi + 1)
    return alias


def _scope_end(toks, j: int) -> int:  # type: ignore[no-untyped-def]
    depth = 0
    for k in range(j, len(toks)):
        if toks[k].text == "{":
            depth += 1
        elif toks[k].text == "}":
            depth -= 1
            if depth < 0:
                return k
    return len(toks)


def _rewrite_uses(ctx: FileContext, alias: _Alias, j: int) -> None:
    toks = ctx.parsed.tokens
    k = j
    while k < alias.end:
        t = toks[k]
        if t.text != alias.name or t.kind != "ident" or (k > 0 and toks[k - 1].text in (".", "->", "::")):
            k += 1
            continue
        nxt = _temp_storage(ctx, alias, k) or _call(ctx, alias, k)
        if nxt is None:
            _unmapped(ctx, _tok_span(ctx, k), f"{alias.name} (cub::{alias.kind}) used this way")
            k += 1
        else:
            k = nxt


def _tok_span(ctx: FileContext, k: int) -> Span:
    t = ctx.parsed.tokens[k]
    line, col = LineIndex(ctx.parsed.data).line_col(t.offset)
    return Span(t.offset, t.end - t.offset, line, col)


def _temp_storage(ctx: FileContext, alias: _Alias, k: int) -> int | None:
    """`__shared__ [typename] A::TempStorage a, b;` -> `__shared__ T a[N]; __shared__ T b[N];`; the same
    declaration as a member of a struct or union (`__shared__ union { typename L::TempStorage load; ... } ts;`)
    loses only the type."""
    toks = ctx.parsed.tokens
    if k + 3 >= len(toks) or toks[k + 1].text != "::" or toks[k + 2].text != "TempStorage":
        return None
    start = k - 1 if toks[k - 1].text == "typename" else k
    member = toks[start - 1].text in (";", "{", "}") and _in_aggregate(toks, start)
    if toks[start - 1].text != "__shared__" and not member:
        return None
    names, m = [], k + 3  # each name may be an array of storages (`ts[WARPS]`, one per warp)
    data = ctx.parsed.data
    while m + 1 < len(toks) and toks[m].kind == "ident":
        last = m
        while last + 1 < len(toks) and toks[last + 1].text == "[" and match_close(toks, last + 1) > 0:
            last = match_close(toks, last + 1)
        names.append(data[toks[m].offset:toks[last].end].decode("utf-8", "surrogateescape"))
        if last + 1 >= len(toks) or toks[last + 1].text not in (",", ";"):
            return None
        m = last
        if toks[m + 1].text == ";":
            break
        m += 2
    if not names or toks[m + 1].text != ";":
        return None
    # 64-bit slots whatever the element type: the prelude stores each value's bits there, so the array has no
    # template-dependent type (a device function template's shared array is hoisted to its kernel as written);
    # BlockLoad/BlockStore move items without it, WarpReduce goes through the warp emulation's scratch (one slot
    # keeps the declaration and a union's members)
    size = "1" if alias.items or alias.kind == "WarpReduce" else alias.threads
    decl = ("; " if member else "; __shared__ ").join(f"unsigned long long {n}[{size}]" for n in names)
    ctx.edits.append(Edit(toks[start].offset, toks[m].end - toks[start].offset, decl, origin="cub"))
    return m + 2


def _in_aggregate(toks, k: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether token k is directly inside the braces of a struct or union (`union {`, `struct S {`)."""
    depth = 0
    for j in range(k - 1, max(-1, k - 400), -1):
        t = toks[j].text
        if t in ("}", ")"):
            depth += 1
        elif t in ("{", "("):
            if depth == 0:
                return t == "{" and (toks[j - 1].text in ("struct", "union") or (
                    j >= 2 and toks[j - 1].kind == "ident" and toks[j - 2].text in ("struct", "union")))
            depth -= 1
    return False


def _call(ctx: FileContext, alias: _Alias, k: int) -> int | None:
    """`A(ts).Method(args)` -> the prelude call (args rendered with their own translations)."""
    toks = ctx.parsed.tokens
    if k + 5 >= len(toks) or toks[k + 1].text != "(":
        return None
    shut = match_close(toks, k + 1)
    if shut < 0 or shut == k + 2 or shut + 2 >= len(toks) or toks[shut + 1].text != ".":
        return None
    method = toks[shut + 2].text
    if method not in _PRIMITIVES[alias.kind] or shut + 3 >= len(toks) or toks[shut + 3].text != "(":
        return None
    close = match_close(toks, shut + 3)
    if close < 0:
        return None
    args = split_top(toks, shut + 3, close)
    spans = [(toks[a].offset, toks[b - 1].end) for a, b in args]
    storage = (toks[k + 2].offset, toks[shut - 1].end)
    if alias.kind == "BlockReduce":
        build = _reduce_call(ctx, alias, method, args, spans, storage)
    elif alias.kind == "BlockScan":
        build = _scan_call(ctx, alias, method, args, spans, storage, k)
    elif alias.kind == "BlockAdjacentDifference":
        build = _adjacent_call(ctx, alias, method, args, spans, storage)
    elif alias.kind == "WarpReduce":
        build = _warp_reduce_call(ctx, alias, method, args, spans)
    else:
        build = _move_call(alias, spans)
    if build is None:
        return None
    ctx.edits.append(Edit(toks[k].offset, toks[close].end - toks[k].offset, origin="cub", build=build))
    return close + 1


def _move_call(alias: _Alias, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """`L(ts).Load(src, items[, valid[, oob]])` / `S(ts).Store(dst, items[, valid])` -> CP_BLOCK_LOAD(...) /
    CP_BLOCK_LOAD_OOB(...) / CP_BLOCK_STORE(...): a statement (CUB's return void)."""
    most = 4 if alias.kind == "BlockLoad" else 3
    if not 2 <= len(spans) <= most:
        return None
    name = "CP_BLOCK_STORE" if alias.kind == "BlockStore" else "CP_BLOCK_LOAD_OOB" if len(spans) == 4 else \
        "CP_BLOCK_LOAD"

    def build(r) -> str:  # type: ignore[no-untyped-def]
        ptr, items = r(*spans[0]), r(*spans[1])
        valid = f"(int)({r(*spans[2])})" if len(spans) > 2 else "INT_MAX"
        oob = f", {r(*spans[3])}" if len(spans) == 4 else ""
        return f"{name}({ptr}, {items}, {alias.items}, {alias.threads}, {alias.striped}, {valid}{oob})"

    return build


def _reduce_call(ctx: FileContext, alias: _Alias, method: str, args: list[tuple[int, int]],  # type: ignore[no-untyped-def]
                 spans: list[tuple[int, int]], storage: tuple[int, int]):
    """`Sum(x[, valid])` and `Reduce(x, op[, valid])`: a library functor is an op code of cp_block_reduce; any
    other functor object (a struct of the program, whose operator() makes the program C++ for OpenCL) is called
    by the prelude's cp_block_reduce_f template."""
    functor = None
    if method == "Sum" and len(args) in (1, 2):
        op, valid = "0", spans[1] if len(args) == 2 else None
    elif method == "Reduce" and len(args) in (2, 3):
        op = _functor(ctx, *args[1])
        if op is None:
            functor = spans[1]
        valid = spans[2] if len(args) == 3 else None
    else:
        return None
    x = spans[0]

    def build(r) -> str:  # type: ignore[no-untyped-def]
        n = f"(int)({r(*valid)})" if valid else "-1"
        if functor is not None:
            return f"cp_block_reduce_f<{alias.elem}>({r(*storage)}, ({alias.elem})({r(*x)}), {r(*functor)}, {n})"
        return f"cp_block_reduce({r(*storage)}, {r(*x)}, {op}, {n})"

    return build


def _warp_reduce_call(ctx: FileContext, alias: _Alias, method: str, args: list[tuple[int, int]],  # type: ignore[no-untyped-def]
                      spans: list[tuple[int, int]]):
    """`W(ts[w]).Sum(x)` / `.Reduce(x, op)` with a library functor -> cp_tile_reduce over the logical warp (the
    warp emulation: every lane gets the aggregate, CUB promises it to lane 0). A valid-items count, a user functor
    or the segmented reductions are None (CP2008 at the call)."""
    if method == "Sum" and len(args) == 1:
        op = "0"
    elif method == "Reduce" and len(args) == 2:
        op = _functor(ctx, *args[1])
        if op is None or op == "3":
            return None
    else:
        return None
    return lambda r: f"cp_tile_reduce(cp_wscratch, ({alias.elem})({r(*spans[0])}), {op}, {alias.threads})"


def _functor(ctx: FileContext, a: int, b: int) -> str | None:
    """The op code of a library functor written `NAME()`/`NAME{}` (`cub::Max()`, `cuda::maximum<>{}`; `Max()`
    after `using namespace cub;` where the program defines no class of that name), else None."""
    toks = ctx.parsed.tokens
    words = [t.text for t in toks[a:b]]
    if len(words) < 2 or words[-2:] not in (["(", ")"], ["{", "}"]):
        return None
    words = words[:-2]
    if words[-1:] == [">"] and "<" in words:
        words = words[:words.index("<")]  # cuda::maximum<int>: the element type is the reduction's own
    name = "".join(words)
    if name in _BARE_FUNCTORS and _uses_namespace_cub(ctx) and not _defines_class(ctx, name):
        name = f"cub::{name}"
    return _FUNCTORS.get(name)


def _uses_namespace_cub(ctx: FileContext) -> bool:
    toks = ctx.parsed.tokens
    return any(t.text == "cub" and _is_using_namespace(toks, k) for k, t in enumerate(toks))


def _defines_class(ctx: FileContext, name: str) -> bool:
    toks = ctx.parsed.tokens
    return any(t.text == name and k > 0 and toks[k - 1].text in ("struct", "class") for k, t in enumerate(toks))


def _array_extent(ctx: FileContext, a: int, b: int, before: int) -> str | None:
    """The extent of the array a call argument names (`data` declared `int data[ITEMS];`, or a parameter
    `T (&data)[N]`) as written, from its nearest declaration before token `before`; None for anything else (a
    scalar, an expression)."""
    toks = ctx.parsed.tokens
    if b - a != 1 or toks[a].kind != "ident":
        return None
    name = toks[a].text
    for j in range(before - 1, max(0, before - 4000), -1):
        if toks[j].text != name or j + 1 >= len(toks):
            continue
        prev = toks[j - 1]
        if prev.text in ("&", "*") and toks[j - 2].text == "(" and toks[j + 1].text == ")" and \
                j + 2 < len(toks) and toks[j + 2].text == "[":
            opener = j + 2
        elif ((prev.kind == "ident" or (prev.kind == "keyword" and prev.text not in _STATEMENT_WORDS))
              and toks[j + 1].text in ("[", ";", "=", ",", ")")) or (
                prev.text in (">", ",") and toks[j + 1].text in ("[", ";", "=")):
            if toks[j + 1].text != "[":
                return None  # the nearest declaration is a scalar
            opener = j + 1
        else:
            continue
        shut = match_close(toks, opener)
        if shut <= opener + 1:
            return None
        text = ctx.parsed.data[toks[opener + 1].offset:toks[shut - 1].end]
        return "(" + text.decode("utf-8", "surrogateescape") + ")"
    return None


def _class_of(ctx: FileContext, a: int, b: int, before: int) -> str | None:
    """The class (one the program defines) of the argument: a variable declared with it (`PrefixOp op(0);`), or a
    temporary of one (`PrefixOp(0)`, `PrefixOp{}`); None for anything else."""
    toks = ctx.parsed.tokens
    if toks[a].kind == "ident" and _defines_class(ctx, toks[a].text):
        return toks[a].text
    if b - a != 1 or toks[a].kind != "ident":
        return None
    name = toks[a].text
    for j in range(before - 1, max(0, before - 4000), -1):
        if toks[j].text != name or toks[j + 1].text not in (";", "(", "{", "=", ",") or \
                toks[j - 1].text in (".", "->", "::"):
            continue
        prev = toks[j - 1]
        if prev.kind in ("ident", "keyword"):  # `P op(0);`, `int total;`
            return prev.text if prev.kind == "ident" and _defines_class(ctx, prev.text) else None
        if prev.text != ",":
            continue
        depth, k = 0, j - 1  # `P a(0), b(1);` declares b a P too: the statement's first words
        while k > 0 and not (depth == 0 and toks[k].text in (";", "{", "}")):
            depth += (toks[k].text in (")", "]")) - (toks[k].text in ("(", "["))
            k -= 1
        words = [t for t in toks[k + 1:j] if t.text not in ("const", "volatile", "static")]
        if len(words) > 1 and words[0].kind == "ident" and words[1].kind == "ident":
            return words[0].text if _defines_class(ctx, words[0].text) else None
    return None


def _scan_call(ctx: FileContext, alias: _Alias, method: str, args: list[tuple[int, int]],  # type: ignore[no-untyped-def]
               spans: list[tuple[int, int]], storage: tuple[int, int], at: int):
    """`ExclusiveSum(x, out[, total])` / `InclusiveSum(...)`: one item per work-item (an expression), or an array
    of items per work-item (CP_BLOCK_SCAN_ITEMS, a statement)."""
    if method.endswith("Scan"):
        return _op_scan_call(ctx, alias, method, args, spans, storage, at)
    if len(args) not in (2, 3):
        return None
    # the third argument: the block aggregate (an lvalue of T), or a block prefix callback (an object of a class of
    # the program, which makes the program C++ for OpenCL: the prelude's cp_block_scan_cb template calls it)
    callback = len(args) == 3 and _class_of(ctx, *args[2], at) not in (None, alias.elem)
    exclusive = "1" if method == "ExclusiveSum" else "0"
    extent = _array_extent(ctx, *args[0], at)
    if extent is None and callback:
        return lambda r: (f"({r(*spans[1])}) = cp_block_scan_cb<{alias.elem}>({r(*storage)}, {r(*spans[0])}, "
                          f"{exclusive}, {r(*spans[2])})")
    if extent is None:
        return lambda r, a=spans: _scan_text(r, a, storage, exclusive)
    if _array_extent(ctx, *args[1], at) is None:
        return None  # items in, one value out: not CUB's

    def build(r) -> str:  # type: ignore[no-untyped-def]
        head = f"{alias.elem}, {r(*storage)}, {r(*spans[0])}, {r(*spans[1])}, {extent}, {exclusive}"
        if callback:
            return f"CP_BLOCK_SCAN_ITEMS_CB({head}, {r(*spans[2])})"
        total = f"({r(*spans[2])}) =" if len(spans) == 3 else "(void)"
        return f"CP_BLOCK_SCAN_ITEMS({head}, {total})"

    return build


def _op_scan_call(ctx: FileContext, alias: _Alias, method: str, args: list[tuple[int, int]],  # type: ignore[no-untyped-def]
                  spans: list[tuple[int, int]], storage: tuple[int, int], at: int):
    """`ExclusiveScan(x, out, init, op[, aggregate])`, `ExclusiveScan(x, out, op[, aggregate])` (no initial value)
    and `InclusiveScan(x, out, op[, aggregate])` on one item or an array of items: a library functor is an op code
    of cp_block_scan_op, any other functor object is called by cp_block_scan_f (C++ for OpenCL). A block prefix
    callback after the operator is None (CP2008 at the call)."""
    def functor(k: int) -> bool:  # a library functor, or an object of a class that is not the element type
        return k < len(args) and (_functor(ctx, *args[k]) is not None or
                                  _class_of(ctx, *args[k], at) not in (None, alias.elem))

    exclusive = method == "ExclusiveScan"
    if len(args) in (3, 4) and functor(2):
        op_at, init, total = 2, None, spans[3] if len(args) == 4 else None
        if len(args) == 4 and functor(3):
            return None  # a block prefix callback after the operator: CP2008 at the call
    elif exclusive and len(args) in (4, 5) and functor(3):
        op_at, init, total = 3, spans[2], spans[4] if len(args) == 5 else None
    else:
        return None
    code = _functor(ctx, *args[op_at])
    extent = _array_extent(ctx, *args[0], at)
    if extent is not None and _array_extent(ctx, *args[1], at) is None:
        return None
    flag = "1" if exclusive else "0"
    scan = "cp_block_scan_op" if code is not None else f"cp_block_scan_f<{alias.elem}>"

    def build(r) -> str:  # type: ignore[no-untyped-def]
        op = code if code is not None else f"({r(*spans[op_at])})"
        x, out = r(*spans[0]), r(*spans[1])
        first = f"({r(*init)})" if init is not None else (f"({x})[0]" if extent is not None else f"({x})")
        has_init = "1" if init is not None else "0"
        if extent is not None:
            call = "CP_FN_OP" if code is not None else "CP_FN_CALL"
            set_total = f"({r(*total)}) =" if total is not None else "(void)"
            return (f"CP_BLOCK_SCAN_ITEMS_OP({alias.elem}, {r(*storage)}, {x}, {out}, {extent}, {flag}, {scan}, "
                    f"{call}, {op}, {has_init}, {first}, {set_total})")
        agg = f", &({r(*total)})" if total is not None else ""
        return (f"({out}) = {scan}({r(*storage)}, ({alias.elem})({x}), {op}, {flag}, ({alias.elem}){first}, "
                f"{has_init}{agg})")

    return build


def _scan_text(r, args, storage, exclusive: str) -> str:  # type: ignore[no-untyped-def]
    x, out = (r(*a) for a in args[:2])
    if len(args) == 3:
        return f"({out}) = cp_block_scan_total({r(*storage)}, {x}, {exclusive}, &({r(*args[2])}))"
    return f"({out}) = cp_block_scan({r(*storage)}, {x}, {exclusive})"


def _adjacent_call(ctx: FileContext, alias: _Alias, method: str, args: list[tuple[int, int]],  # type: ignore[no-untyped-def]
                   spans: list[tuple[int, int]], storage: tuple[int, int]):
    """`SubtractLeft(in, out, op[, pred])`, `SubtractRight(in, out, op[, succ])`,
    `SubtractLeftPartialTile(in, out, op, valid[, pred])`, `SubtractRightPartialTile(in, out, op, valid)` on
    arrays of items -> CP_BLOCK_ADJ_LEFT / CP_BLOCK_ADJ_RIGHT (statements, as CUB's return void)."""
    partial = method.endswith("PartialTile")
    most = (5 if method.startswith("SubtractLeft") else 4) if partial else 4
    if not 3 <= len(args) <= most or (partial and len(args) < 4):
        return None
    extent = _array_extent(ctx, *args[0], args[0][0])
    if extent is None or _array_extent(ctx, *args[1], args[1][0]) is None:
        return None
    op = _functor(ctx, *args[2])
    call = "CP_FN_OP" if op is not None else "CP_FN_CALL"
    edge = spans[4 if partial else 3] if len(spans) > (4 if partial else 3) else None
    name = "CP_BLOCK_ADJ_LEFT" if method.startswith("SubtractLeft") else "CP_BLOCK_ADJ_RIGHT"

    def build(r) -> str:  # type: ignore[no-untyped-def]
        inp, out = r(*spans[0]), r(*spans[1])
        fn = op if op is not None else f"({r(*spans[2])})"
        valid = f"(int)({r(*spans[3])})" if partial else "INT_MAX"
        side = f"1, ({r(*edge)})" if edge is not None else f"0, ({inp})[0]"
        return f"{name}({alias.elem}, {r(*storage)}, {inp}, {out}, {extent}, {call}, {fn}, {valid}, {side})"

    return build


def split_top(toks, open_i: int, close_i: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Top-level arguments between brackets as token index ranges [a, b): brackets.split_args (template argument
    commas do not split), without a trailing empty piece."""
    out = [(a, b + 1) for a, b in split_args(toks, open_i, close_i)]
    return out[:-1] if out and out[-1][0] == out[-1][1] else out
