"""OpenCL program: whether PoCL must build it without its optimiser.

Input: the .cl text (from `start`, after the prelude). Output: the text with `#define CP_POCL_NO_OPT 1` after
the prelude when a loop of device code reaches a barrier after a `continue`; the runtime shim then adds
`-cl-opt-disable` on PoCL (as for the warp emulation's scratch exchanges). PoCL 3.1 (LLVM 15) with its
optimiser skips the code after a barrier in a loop once a work-group-uniform `continue` precedes it (the
kernel's stores after the barrier never happen: wrong counts or a crash); without optimisation, and under
Oclgrind, the same program is right. Token level over our own output; comments are tokens of their own.

Also (rolled_warp_loops): `#pragma unroll` comes off loops whose body uses the warp emulation's scratch
(`cp_shfl_xor(cp_wscratch, ...)`, or a call passing it on). Each emulated shuffle or vote is two work-group
barriers, which the CUDA source did not have when it asked for unrolling; PoCL compiles every barrier of
straight-line code as a region of its own, with the live private arrays copied per work-item, so a fully
unrolled butterfly over a thread's registers (5 steps x 128 values: 1280 barriers) took PoCL minutes per kernel
instance, where the rolled loop takes a second. Unrolling is a hint: the results are the same.
"""

from __future__ import annotations

from translator.targets.opencl.text import Rewriter

MARK = "#define CP_POCL_NO_OPT 1  /* a barrier after a `continue` in a loop: PoCL builds this unoptimised */\n"


def continue_before_barrier(text: str) -> bool:
    """Whether some loop body holds a `continue` and, after it, a barrier."""
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.text not in ("for", "while", "do") or t.directive >= 0:
            continue
        j = k + 1
        if t.text != "do":
            if j >= len(toks) or toks[j].text != "(":
                continue
            j = rw.match(j) + 1
            if j <= 0:
                continue
        if j >= len(toks) or toks[j].text != "{":
            continue
        end = rw.match(j)
        seen_continue = False
        for i in range(j + 1, end if end > 0 else len(toks)):
            seen_continue |= toks[i].text == "continue"
            if seen_continue and toks[i].text == "barrier" and i + 1 < len(toks) and toks[i + 1].text == "(":
                return True
    return False


def mark_unoptimised(text: str, start: int) -> str:
    if "continue" not in text[start:] or not continue_before_barrier(text[start:]):
        return text
    return text[:start] + MARK + text[start:]


UNROLL_DROPPED = "/* cudaport: #pragma unroll dropped: the loop holds warp exchanges (work-group barriers) */"


def rolled_warp_loops(text: str, start: int) -> str:
    """The text with each `#pragma unroll` (from `start` on) whose loop's body names cp_wscratch replaced by
    UNROLL_DROPPED."""
    if "cp_wscratch" not in text[start:] or "unroll" not in text[start:]:
        return text
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.offset < start or t.text != "#" or t.directive < 0 or k + 2 >= len(toks) \
                or toks[k + 1].text != "pragma" or toks[k + 2].text != "unroll" or toks[k + 2].directive != t.directive:
            continue
        last = k + 2
        while last + 1 < len(toks) and toks[last + 1].directive == t.directive:
            last += 1
        body = _loop_body(rw, last + 1)
        if body is not None and any(toks[i].text == "cp_wscratch" for i in range(*body)):
            rw.replace(t.offset, toks[last].end, UNROLL_DROPPED)
    return rw.result()


def _loop_body(rw: Rewriter, k: int) -> tuple[int, int] | None:
    """Token range of the body of the `for`/`while` loop at token k (braced or one statement), or None."""
    toks = rw.toks
    if k >= len(toks) or toks[k].text not in ("for", "while") or k + 1 >= len(toks) or toks[k + 1].text != "(":
        return None
    close = rw.match(k + 1)
    if close <= 0 or close + 1 >= len(toks):
        return None
    if toks[close + 1].text == "{":
        end = rw.match(close + 1)
        return (close + 1, end) if end > 0 else None
    end = close + 1
    depth = 0
    while end < len(toks) and not (depth == 0 and toks[end].text == ";"):
        depth += toks[end].text in ("(", "[", "{")
        depth -= toks[end].text in (")", "]", "}")
        end += 1
    return close + 1, end
