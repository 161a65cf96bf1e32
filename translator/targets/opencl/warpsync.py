"""Implicitly warp-synchronous `__shared__` exchanges for the OpenCL target (runs on finished kernel texts).

Input: one emitted kernel's text. Output: the text with `barrier(CLK_LOCAL_MEM_FENCE)` between two top-level
statements of the kernel body where the first writes a `__local` array and the second uses it with no barrier
in between. CUDA code often has threads 0..31 of one warp write shared memory and another lane read it without
`__syncthreads()` (warps ran in lockstep); OpenCL work-items have no such guarantee and PoCL's CPU driver runs
each work-item through the whole region between two barriers before the next one starts, so the reader sees
stale data. A top-level statement is reached by every work-item, so the barrier is always legal there, unless
an earlier `return`/`goto` may have sent some work-items away (then the kernel is left as it was).
"""

from __future__ import annotations

import re

from translator.targets.opencl.text import IDENT, Rewriter

BARRIER = "barrier(CLK_LOCAL_MEM_FENCE);"
# calls that synchronise the work-group: the barrier itself and the warp emulation (it uses barriers)
_SYNC_CALLS = {"barrier", "work_group_barrier", "cp_syncwarp"}
_SYNC_PREFIX = ("cp_shfl", "cp_ballot", "cp_any", "cp_all", "cp_reduce_")
_LOCAL_NAME = re.compile(r"__local\s+[^;,(){}=]*?\b(\w+)\s*(?:\[|;|,|\)|=)")
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--"}


def local_arrays(text: str) -> set[str]:
    """Names of the `__local` arrays and pointers a kernel declares (parameters and kernel-scope arrays)."""
    return {m.group(1) for m in _LOCAL_NAME.finditer(text)} - {"CP_OFF"}


def _statements(rw: Rewriter, open_i: int, close_i: int) -> list[tuple[int, int]]:
    """Token ranges (inclusive) of the statements directly inside the braces at open_i..close_i."""
    toks = rw.toks
    out = []
    k = open_i + 1
    while k < close_i:
        start = k
        k = _statement_end(rw, k, close_i)
        out.append((start, k))
        k += 1
    return [r for r in out if r[0] <= r[1] and toks[r[0]].text != "#"]


def _statement_end(rw: Rewriter, k: int, limit: int) -> int:
    toks = rw.toks
    t = toks[k].text
    if t == "#":  # a preprocessor line (`#pragma unroll`) is a statement of its own
        eol = rw.data.find(b"\n", toks[k].offset)
        while k + 1 < limit and (eol < 0 or toks[k + 1].offset < eol):
            k += 1
        return k
    if t == "{":
        return rw.match(k)
    if t in ("if", "for", "while", "switch") and k + 1 < limit and toks[k + 1].text == "(":
        end = _statement_end(rw, rw.match(k + 1) + 1, limit)
        if t == "if" and end + 1 < limit and toks[end + 1].text == "else":
            end = _statement_end(rw, end + 2, limit)
        return end
    if t == "do":
        end = _statement_end(rw, k + 1, limit)  # body; then `while (...) ;`
        while end + 1 < limit and toks[end].text != ";":
            end += 1
        return end
    depth = 0
    while k < limit:
        tx = toks[k].text
        if tx in ("(", "[", "{"):
            depth += 1
        elif tx in (")", "]", "}"):
            depth -= 1
        elif tx == ";" and depth == 0:
            return k
        k += 1
    return limit - 1


def _writes(rw: Rewriter, a: int, b: int, arrays: set[str]) -> set[str]:
    """Arrays a statement may write: subscripted and assigned, or handed whole to a call (or address taken)."""
    toks = rw.toks
    out = set()
    for k in range(a, b + 1):
        t = toks[k]
        if t.kind != IDENT or t.text not in arrays or (k > a and toks[k - 1].text in (".", "->")):
            continue
        nxt = toks[k + 1].text if k + 1 <= b else ""
        if nxt == "[":
            close = rw.match(k + 1)
            if 0 < close < b and toks[close + 1].text in _ASSIGN:
                out.add(t.text)
            elif k > a and toks[k - 1].text in ("&", "++", "--"):
                out.add(t.text)
        elif nxt in (",", ")", "+", "-") or (k > a and toks[k - 1].text in ("(", ",", "=", "&")):
            out.add(t.text)  # passed on or aliased: whoever gets it may write it
    return out


def _uses(rw: Rewriter, a: int, b: int, arrays: set[str]) -> set[str]:
    return {t.text for t in rw.toks[a:b + 1] if t.kind == IDENT and t.text in arrays}


def _syncs(rw: Rewriter, a: int, b: int) -> bool:
    toks = rw.toks
    return any(t.kind == IDENT and (t.text in _SYNC_CALLS or t.text.startswith(_SYNC_PREFIX))
               and k < b and toks[k + 1].text == "(" for k, t in enumerate(toks[a:b + 1], a))


def _is_barrier(rw: Rewriter, a: int) -> bool:
    """The statement itself is a barrier call (nothing of it runs after the barrier)."""
    return rw.toks[a].text in _SYNC_CALLS


def _before_pragmas(rw: Rewriter, offset: int) -> int:
    """Where a barrier before the statement at `offset` goes: above the `#pragma` lines that belong to it
    (`#pragma unroll` must stay directly before its loop)."""
    data = rw.data
    start = data.rfind(b"\n", 0, offset) + 1
    if data[start:offset].strip():
        return offset
    while start > 0:
        prev = data.rfind(b"\n", 0, start - 1) + 1
        if not data[prev:start].strip().startswith(b"#pragma"):
            break
        start = prev
    return start if start < offset and data[start:offset].strip() else offset


def add_exchange_barriers(text: str) -> str:
    """The kernel text with a barrier before each top-level statement that uses a `__local` array written by
    an earlier top-level statement since the last barrier."""
    arrays = local_arrays(text[:text.find("{")]) | local_arrays(text)
    if not arrays:
        return text
    rw = Rewriter(text)
    toks = rw.toks
    open_i = next((i for i, t in enumerate(toks) if t.text == "{"), -1)
    if open_i < 0:
        return text
    close_i = rw.match(open_i)
    dirty: set[str] = set()
    for a, b in _statements(rw, open_i, close_i):
        if dirty & _uses(rw, a, b, arrays):
            at = _before_pragmas(rw, toks[a].offset)
            # above a #pragma line the barrier needs a line of its own
            rw.insert(at, BARRIER + " /* cudaport: CUDA relied on warp-synchronous shared memory */"
                      + ("\n" if at != toks[a].offset else " "))
            dirty = set()
        if _is_barrier(rw, a):
            dirty = set()
            continue
        if any(t.text in ("return", "goto") for t in toks[a:b + 1]):
            break  # some work-items may leave: a later barrier would not be reached by all of them
        written = _writes(rw, a, b, arrays)
        dirty = written if _syncs(rw, a, b) else dirty | written
    return rw.result()
