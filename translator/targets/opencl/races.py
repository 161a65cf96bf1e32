"""OpenCL target: kernels that pass data between threads through __shared__ memory without any barrier.

CUDA code written for lock-step warps (a thread reads what the other lanes of its warp just stored, with no
__syncthreads or __syncwarp in between) works on NVIDIA GPUs. OpenCL has no warps: PoCL runs the work-items
of a group one after another between barriers, so such a kernel silently reads stale values. Adding barriers
is not sound in general (they would have to be reached by every work-item, and these kernels often return
early), so the kernel is reported (CP4031) and the build refuses it. Input: the ProgramBuilder's FuncInfos;
output: a description of the first such shared variable, or ''.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from translator.targets.opencl.program import FuncInfo
from translator.targets.opencl.scan import idents
from translator.targets.opencl.text import IDENT, Rewriter

# identifiers that order the work-items of a group: barriers (after the rule edits) and the warp emulation,
# whose calls are barriers around __local scratch
_SYNC = {"barrier", "work_group_barrier", "__syncthreads", "__syncwarp", "cp_wscratch"}
_ATOMIC = re.compile(r"(cp_)?atom(ic)?_?[A-Za-z]*$")


def unsynchronised_exchange(kernel: FuncInfo, by_name: dict[str, list[FuncInfo]]) -> str:
    """'' when the kernel (with every device function it calls) synchronises, or none of its __shared__
    variables can carry one thread's value to another; else the name of such a variable."""
    tree = list(_call_tree(kernel, by_name))
    if any(_SYNC & idents(info.body) for info in tree):
        return ""
    for info in tree:
        for name, _elem, _dims, _extern in info.shared:
            if not _private_use(info.body, name):
                return name if info is kernel else f"{name} (declared in {info.func.name})"
    return ""


def _call_tree(root: FuncInfo, by_name: dict[str, list[FuncInfo]]) -> Iterable[FuncInfo]:
    seen: set[int] = set()
    todo = [root]
    while todo:
        info = todo.pop()
        if info.func.start in seen:
            continue
        seen.add(info.func.start)
        yield info
        for callee in sorted(info.callees):
            todo.extend(by_name.get(callee, []))


def _private_use(body: str, name: str) -> bool:
    """False only where the accesses to `name` provably differ between threads: each access (direct, or
    through a pointer `q = &name[E]` / `q = name + E`) is reduced to its thread-dependent additive terms, and
    two accesses with different such terms let one thread read what another wrote. Uses in atomic calls are
    not races; uses the reduction cannot follow (calls, `*q`, scalars) give True, not a guess."""
    rw = Rewriter(body)
    toks = rw.toks
    atomic = [(k + 1, rw.match(k + 1)) for k, t in enumerate(toks[:-1])
              if t.kind == IDENT and _ATOMIC.match(t.text) and toks[k + 1].text == "("]
    tainted = _thread_dependent(rw)
    aliases: dict[str, list[str]] = {}  # pointer -> index texts of its offset (one dimension)
    sigs: set[tuple] = set()
    declared = False
    for k, t in enumerate(toks):
        if t.kind != IDENT or (k > 0 and toks[k - 1].text in (".", "->")):
            continue
        if t.text == name and not declared:  # the declaration itself: `__shared__ T name[N];`
            declared = True
            continue
        if any(a < k < b for a, b in atomic) or (t.text != name and t.text not in aliases):
            continue
        if t.text == name and (toks[k - 1].text == "&" or (k + 1 < len(toks) and toks[k + 1].text in "+;,")):
            alias = _alias_at(rw, k, name)
            if alias is None:
                return True
            aliases[alias[0]] = alias[1]
            continue
        if k > 0 and toks[k - 1].text == "=" and k >= 2 and toks[k - 2].text in aliases:
            continue
        if k + 1 >= len(toks) or toks[k + 1].text != "[":
            if k + 1 < len(toks) and toks[k + 1].text == "=" and t.text in aliases:
                continue  # the alias's own assignment, handled by _alias_at
            return True
        dims = []
        close = k
        while close + 1 < len(toks) and toks[close + 1].text == "[":
            end = rw.match(close + 1)
            dims.append(rw.tok_text(close + 2, end - 1) if end > close + 2 else "")
            close = end
        if t.text in aliases:
            dims = [" + ".join(aliases[t.text] + dims[:1])] + dims[1:]
        sigs.add(tuple(_terms(d, tainted) for d in dims))
    if len(sigs) <= 1:
        return True
    # s[i][tid] everywhere: one subscript that is the same thread-dependent index in every access
    width = min(len(x) for x in sigs)
    return any(len({x[d] for x in sigs}) == 1 and next(iter(sigs))[d] for d in range(width))


def _alias_at(rw: Rewriter, k: int, name: str) -> tuple[str, list[str]] | None:
    """(pointer, offset texts) for `q = &name[E]`, `q = name + E` or `q = name` with `name` at token k."""
    toks = rw.toks
    j = k - 1
    if toks[j].text == "&":
        j -= 1
    if j < 1 or toks[j].text != "=" or toks[j - 1].kind != IDENT:
        return None
    ptr = toks[j - 1].text
    if toks[k + 1].text == "[":
        end = rw.match(k + 1)
        if toks[k - 1].text != "&" or toks[end + 1].text not in (";", ","):
            return None
        return ptr, [rw.tok_text(k + 2, end - 1)]
    if toks[k + 1].text == "+":
        e = k + 2
        while e < len(toks) and toks[e].text not in (";", ","):
            e += 1
        return ptr, [rw.tok_text(k + 2, e - 1)]
    return (ptr, []) if toks[k + 1].text in (";", ",") and toks[k - 1].text == "=" else None


def _thread_dependent(rw: Rewriter) -> set[str]:
    """Identifiers whose value depends on the thread: the thread builtins and variables assigned from them."""
    toks = rw.toks
    tainted = {"get_local_id", "get_global_id", "cp_lid", "threadIdx"}
    assigns: list[tuple[str, set[str]]] = []
    for k, t in enumerate(toks[:-1]):
        if t.kind == IDENT and toks[k + 1].text in ("=", "+=", "-=", "*=", "|=", "^=", "&="):
            e = k + 2
            depth = 0
            while e < len(toks) and not (depth == 0 and toks[e].text in (";", ",", ")")):
                depth += 1 if toks[e].text in ("(", "[") else -1 if toks[e].text in (")", "]") else 0
                e += 1
            assigns.append((t.text, {x.text for x in toks[k + 2:e] if x.kind == IDENT}))
    changed = True
    while changed:
        changed = False
        for var, used in assigns:
            if var not in tainted and used & tainted:
                tainted.add(var)
                changed = True
    return tainted


def _terms(index: str, tainted: set[str]) -> tuple[str, ...]:
    """The thread-dependent top-level additive terms of an index expression, signed, sorted."""
    rw = Rewriter(index)
    toks = rw.toks
    terms: list[str] = []
    cur: list[str] = []
    sign = "+"
    depth = 0
    for t in toks:
        if depth == 0 and t.text in ("+", "-") and cur:
            terms.append(sign + "".join(cur))
            cur, sign = [], t.text
            continue
        if depth == 0 and t.text in ("+", "-") and not cur:
            sign = "-" if (sign == "-") != (t.text == "-") else "+"
            continue
        depth += 1 if t.text in ("(", "[") else -1 if t.text in (")", "]") else 0
        cur.append(t.text)
    if cur:
        terms.append(sign + "".join(cur))
    return tuple(sorted(x for x in terms if idents(x) & tainted))
