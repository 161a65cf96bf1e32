"""OpenCL program: whether PoCL must build it without its optimiser.

Input: the .cl text (from `start`, after the prelude). Output: the text with `#define CP_POCL_NO_OPT 1` after
the prelude when a loop of device code reaches a barrier after a `continue`; the runtime shim then adds
`-cl-opt-disable` on PoCL (as for the warp emulation's scratch exchanges). PoCL 3.1 (LLVM 15) with its
optimiser skips the code after a barrier in a loop once a work-group-uniform `continue` precedes it (the
kernel's stores after the barrier never happen: wrong counts or a crash); without optimisation, and under
Oclgrind, the same program is right. Token level over our own output; comments are tokens of their own.
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
