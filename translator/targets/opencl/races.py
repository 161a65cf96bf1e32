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
from typing import TYPE_CHECKING

from translator.targets.opencl.scan import idents
from translator.targets.opencl.text import IDENT, Rewriter

if TYPE_CHECKING:
    from translator.targets.opencl.emit import FuncInfo

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
    """Every use of `name` after its declaration, other than in atomic calls, is `name[I]` with one and the
    same index text I: each thread then only touches the element it owns (scratch per thread)."""
    rw = Rewriter(body)
    toks = rw.toks
    # uses inside the arguments of an atomic function are not races: threads may share such a variable
    atomic = [(k + 1, rw.match(k + 1)) for k, t in enumerate(toks[:-1])
              if t.kind == IDENT and _ATOMIC.match(t.text) and toks[k + 1].text == "("]
    indices: set[str] = set()
    declared = False
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.text != name or (k > 0 and toks[k - 1].text in (".", "->")):
            continue
        if declared and any(a < k < b for a, b in atomic):
            continue
        if not declared:  # the declaration itself: `__shared__ T name[N];`
            declared = True
            continue
        if k + 1 >= len(toks) or toks[k + 1].text != "[":
            return False  # taken as a pointer, passed on, or a scalar every thread shares
        close = rw.match(k + 1)
        while close + 1 < len(toks) and toks[close + 1].text == "[":  # all subscripts: s[ty][tx]
            close = rw.match(close + 1)
        indices.add(rw.tok_text(k + 1, close).replace(" ", ""))
    return len(indices) <= 1
