"""OpenCL target: cooperative groups in device code, lowered to the work-group and the 32-wide warp emulation.
A group object becomes a `const int` holding its size (0 for the whole block), its members become prelude calls:

    cg::thread_block b = cg::this_thread_block();             -> const int b = 0;
    cg::thread_block_tile<32> t = cg::tiled_partition<32>(b); -> const int t = (32);   (also `auto t = ...`)
    b.sync(), cg::sync(b), t.sync()                           -> barrier(...)  (a tile waits with its work-group)
    b.thread_rank(), b.size(); t.thread_rank(), t.size(), t.meta_group_rank(), t.meta_group_size()
    t.shfl(v, i), t.shfl_up/down/xor(v, d), t.any/all/ballot(p)  -> cp_shfl*(cp_wscratch, v, i, 32) ...
    cg::reduce(t, v, cg::plus<T>() | cg::greater<T>() | cg::less<T>())  -> cp_tile_reduce(cp_wscratch, v, op, 32)
    cg::coalesced_group g = cg::coalesced_threads();          -> const int g = (1);

A coalesced group is the calling thread alone: which threads of a warp run converged is not guaranteed in CUDA
(independent thread scheduling), so a group of one active thread is one of the executions a CUDA program allows,
and its members need no warp exchange (code that calls it is usually divergent): thread_rank() 0, size() 1,
shfl/shfl_up/shfl_down(v, i) v, any/all(p) p, ballot(p) 1 or 0, sync() nothing, cg::reduce(g, v, op) v.

`namespace cg = cooperative_groups;` is removed (cg is then known as the alias). Input: the first
`cooperative_groups` site of a file and its context (the whole file is rewritten then, from its tokens: comments and
strings are not tokens). Output: edits, and CP2008 at every other use (grid groups, dynamic tiles, groups passed to
functions), so such code is refused rather than miscompiled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.brackets import match_close
from translator.frontend.lexer import LineIndex
from translator.model import Span
from translator.targets.opencl.cub import split_top

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite

_NS = "cooperative_groups"
_BARRIER = "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)"
_REDUCE_OPS = {"plus": "0", "greater": "1", "less": "2"}
_SHFL = {"shfl": "cp_shfl", "shfl_up": "cp_shfl_up", "shfl_down": "cp_shfl_down", "shfl_xor": "cp_shfl_xor"}
_VOTE = {"any": "cp_any", "all": "cp_all", "ballot": "cp_ballot"}
_MAPPED = ("this_thread_block, tiled_partition<N> with a constant N, coalesced_threads, sync, thread_rank, size, "
           "meta_group_rank/size, tile shfl/shfl_up/shfl_down/shfl_xor/any/all/ballot, reduce with plus/greater/less")
_DONE: dict[str, object] = {"ctx": None}  # the file context whose groups were rewritten (handlers run file by file)


@dataclass(frozen=True)
class _Group:
    name: str
    size: str  # "" for a thread block, the tile size expression otherwise
    start: int  # token index after its declaration
    end: int  # token index where its scope ends
    single: bool = False  # a coalesced group: the calling thread alone


def rewrite_groups(site: NameSite, ctx: FileContext) -> bool:
    """Rewrites every cooperative-groups construct of the file once, at its first `cooperative_groups` site."""
    if _DONE["ctx"] is ctx:
        return True
    _DONE["ctx"] = ctx
    _File(ctx).run()
    return True


class _File:
    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.toks = ctx.parsed.tokens
        self.lines = LineIndex(ctx.parsed.data)
        self.quals = {_NS}
        self.done: set[int] = set()  # token indices already rewritten
        self.groups: list[_Group] = []

    def span(self, k: int) -> Span:
        t = self.toks[k]
        line, col = self.lines.line_col(t.offset)
        return Span(t.offset, t.end - t.offset, line, col)

    def unmapped(self, k: int, what: str) -> None:
        self.ctx.report("CP2008", self.span(k), f"cooperative groups {what} has no OpenCL mapping (cudaport maps "
                        f"{_MAPPED})", api=_NS, family="libs/cg")

    def edit(self, a: int, b: int, text: str = "", build=None) -> None:  # type: ignore[no-untyped-def]
        t0, t1 = self.toks[a], self.toks[b]
        self.ctx.edits.append(Edit(t0.offset, t1.end - t0.offset, text, origin="cooperative groups", build=build))
        self.done.update(range(a, b + 1))

    def run(self) -> None:
        toks = self.toks
        for k in range(len(toks) - 4):
            if [t.text for t in toks[k:k + 2]] == ["namespace", toks[k + 1].text] and toks[k + 2].text == "=" \
                    and toks[k + 3].text == _NS and toks[k + 4].text == ";":
                self.quals.add(toks[k + 1].text)
                self.edit(k, k + 4)
        for k in range(len(toks)):
            if k in self.done or toks[k].text not in self.quals or k + 2 >= len(toks) or toks[k + 1].text != "::":
                continue
            if k > 0 and toks[k - 1].text in ("::", ".", "->", "namespace"):
                continue
            if not (self.declaration(k) or self.free_call(k)):
                if toks[k - 1].text == "using":
                    self.unmapped(k, "`using namespace`")
                else:
                    self.unmapped(k, f"{toks[k].text}::{toks[k + 2].text}")
        for g in self.groups:  # after the declarations and free calls, whose arguments they are
            self.members(g)

    # -- declarations of groups -------------------------------------------------------------------------------
    def declaration(self, k: int) -> bool:
        """`[Q::thread_block | Q::thread_block_tile<N> | auto] V = Q::this_thread_block() | Q::tiled_partition<N>(X);`
        with k at the initialiser's or the type's qualifier."""
        toks = self.toks
        start, name, init = self._declarator(k)
        if start < 0:
            return False
        q = init
        if toks[q + 2].text in ("this_thread_block", "coalesced_threads") \
                and [t.text for t in toks[q + 3:q + 6]] == ["(", ")", ";"]:
            size, semi = ("1" if toks[q + 2].text == "coalesced_threads" else ""), q + 5
        elif toks[q + 2].text == "tiled_partition" and toks[q + 3].text == "<":
            close = _angle_close(toks, q + 3)
            if close < 0 or toks[close + 1].text != "(":
                return False
            pclose = match_close(toks, close + 1)
            if pclose < 0 or pclose + 1 >= len(toks) or toks[pclose + 1].text != ";":
                return False
            size, semi = self.text(q + 4, close), pclose + 1
        else:
            return False
        self.edit(start, semi, f"const int {name} = {f'({size})' if size else '0'};")
        single = toks[q + 2].text == "coalesced_threads"
        self.groups.append(_Group(name, size, semi + 1, _scope_end(toks, semi), single))
        return True

    def _declarator(self, k: int) -> tuple[int, str, int]:
        """(first token, variable name, index of the initialiser's qualifier) of a group declaration around k."""
        toks = self.toks
        if toks[k + 2].text in ("thread_block", "thread_block_tile", "coalesced_group"):
            j = k + 3
            if toks[k + 2].text == "thread_block_tile":
                if toks[j].text != "<":
                    return -1, "", -1
                j = _angle_close(toks, j) + 1
                if j <= 0:
                    return -1, "", -1
            if j + 2 < len(toks) and toks[j].kind == "ident" and toks[j + 1].text == "=" \
                    and toks[j + 2].text in self.quals and toks[j + 3].text == "::":
                return k, toks[j].text, j + 2
            return -1, "", -1
        if k >= 3 and toks[k - 1].text == "=" and toks[k - 2].kind == "ident" and toks[k - 3].text == "auto":
            return k - 3, toks[k - 2].text, k
        return -1, "", -1

    def text(self, a: int, b: int) -> str:
        """Source text of tokens [a, b)."""
        return self.ctx.parsed.data[self.toks[a].offset:self.toks[b - 1].end].decode("utf-8", "surrogateescape")

    # -- members of a group variable --------------------------------------------------------------------------
    def members(self, g: _Group) -> None:
        toks = self.toks
        for k in range(g.start, g.end):
            if toks[k].text != g.name or toks[k].kind != "ident" or k in self.done \
                    or toks[k - 1].text in (".", "->", "::"):
                continue
            if not self.member_call(g, k):
                self.unmapped(k, f"group `{g.name}` used this way")

    def member_call(self, g: _Group, k: int) -> bool:
        toks = self.toks
        if k + 3 >= len(toks) or toks[k + 1].text != "." or toks[k + 3].text != "(":
            return False
        method, close = toks[k + 2].text, match_close(toks, k + 3)
        if close < 0:
            return False
        args = split_top(toks, k + 3, close)
        spans = [(toks[a].offset, toks[b - 1].end) for a, b in args]
        if g.single:
            return self._single_member(k, method, close, spans)
        n = f"({g.size})" if g.size else ""
        simple = {
            "sync": _BARRIER,
            "thread_rank": f"(int)(cp_lid() % {n})" if n else "(int)cp_lid()",
            "size": n or "(int)cp_gsize()",
            "num_threads": n or "(int)cp_gsize()",
        }
        if n:
            simple["meta_group_rank"] = f"(int)(cp_lid() / {n})"
            simple["meta_group_size"] = f"(int)((cp_gsize() + {n} - 1) / {n})"
        if method in simple and not args:
            self.edit(k, close, simple[method])
            return True
        if n and method in _SHFL and len(args) == 2:
            fn = _SHFL[method]
            self.edit(k, close, build=lambda r, s=spans, f=fn, w=n: f"{f}(cp_wscratch, {r(*s[0])}, {r(*s[1])}, {w})")
            return True
        if n == "(32)" and method in _VOTE and len(args) == 1:
            fn = _VOTE[method]
            self.edit(k, close, build=lambda r, s=spans, f=fn: f"{f}(cp_wscratch, {r(*s[0])})")
            return True
        return False

    def _single_member(self, k: int, method: str, close: int, spans: list[tuple[int, int]]) -> bool:
        """A member of a coalesced group of one thread (the module's docstring)."""
        simple = {"sync": "((void)0)", "thread_rank": "0", "size": "1", "num_threads": "1"}
        forms = {"shfl": 2, "shfl_up": 2, "shfl_down": 2, "any": 1, "all": 1, "ballot": 1}
        if method in simple and not spans:
            self.edit(k, close, simple[method])
            return True
        if forms.get(method) != len(spans):
            return False
        pattern = {"any": "((int)(({}) != 0))", "all": "((int)(({}) != 0))", "ballot": "((unsigned)(({}) != 0))"}
        form = pattern.get(method, "({})")
        self.edit(k, close, build=lambda r, s=spans[0], p=form: p.format(r(*s)))
        return True

    # -- free functions ---------------------------------------------------------------------------------------
    def free_call(self, k: int) -> bool:
        """`Q::sync(g)` and `Q::reduce(g, v, Q::plus<T>())` for a group declared before."""
        toks = self.toks
        fn = toks[k + 2].text
        if fn not in ("sync", "reduce") or k + 3 >= len(toks) or toks[k + 3].text != "(":
            return False
        close = match_close(toks, k + 3)
        args = split_top(toks, k + 3, close) if close > 0 else []
        if not args or args[0][1] - args[0][0] != 1:
            return False
        name = toks[args[0][0]].text
        g = next((g for g in reversed(self.groups) if g.name == name and g.start <= k < g.end), None)
        if g is None:
            return False
        if fn == "sync" and len(args) == 1:
            self.edit(k, close, "((void)0)" if g.single else _BARRIER)
            return True
        if fn == "reduce" and len(args) == 3 and g.single and self._reduce_op(*args[2]) is not None:
            v = (toks[args[1][0]].offset, toks[args[1][1] - 1].end)
            self.edit(k, close, build=lambda r, s=v: f"({r(*s)})")
            return True
        if fn == "reduce" and len(args) == 3 and g.size:
            op = self._reduce_op(*args[2])
            if op is None:
                return False
            v = (toks[args[1][0]].offset, toks[args[1][1] - 1].end)
            self.edit(k, close, build=lambda r, s=v, o=op, w=g.size:
                      f"cp_tile_reduce(cp_wscratch, {r(*s)}, {o}, ({w}))")
            return True
        return False

    def _reduce_op(self, a: int, b: int) -> str | None:
        words = [t.text for t in self.toks[a:b]]
        if len(words) < 4 or words[0] not in self.quals or words[1] != "::" or words[2] not in _REDUCE_OPS:
            return None
        return _REDUCE_OPS[words[2]]


def _angle_close(toks, i: int) -> int:  # type: ignore[no-untyped-def]
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text
        if t == "<":
            depth += 1
        elif t in (">", ">>"):
            depth -= len(t)
            if depth <= 0:
                return j
        elif t == ";":
            return -1
    return -1


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

