"""Stores to one component of a vector in global or local memory, for the OpenCL target (runs on finished
kernel texts). Input: one emitted kernel's text. Output: the text with `p[i].y = v` written as a scalar store
`((__global double*)&p[i])[1] = v`.

CUDA's vector types are structs: `p[i].y = v` stores 8 bytes, and two threads may write two components of
one element (a lattice update writing a neighbour's `.x` while another thread writes its `.z`). OpenCL vectors
are SIMD values, and a compiler may store a component by reading, changing and writing the whole vector,
so one thread's write undoes the other's: the program computes something else, nondeterministically.
A scalar store through a pointer to the element type writes only that component.
"""

from __future__ import annotations

import re

from translator.targets.opencl.text import IDENT, Rewriter

_VEC = r"(?:u?char|u?short|u?int|u?long|float|double|uchar|ushort|uint|ulong)(?:2|4|8|16)"
# a pointer or array in global/local memory whose element is an OpenCL vector type
_DECL = re.compile(rf"(__global|__local)\s+(?:const\s+|volatile\s+)*({_VEC})\s*(?:\*\s*(?:restrict\s+|const\s+)*)?"
                   r"([A-Za-z_]\w*)")
_COMPONENT = {"x": 0, "y": 1, "z": 2, "w": 3, "s0": 0, "s1": 1, "s2": 2, "s3": 3, "s4": 4, "s5": 5, "s6": 6,
              "s7": 7, "s8": 8, "s9": 9, "sa": 10, "sb": 11, "sc": 12, "sd": 13, "se": 14, "sf": 15,
              "sA": 10, "sB": 11, "sC": 12, "sD": 13, "sE": 14, "sF": 15}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}


def vector_memory(text: str) -> dict[str, tuple[str, str]]:
    """Name -> (address space, vector type) of the kernel's global/local pointers and arrays of vectors."""
    return {m.group(3): (m.group(1), m.group(2)) for m in _DECL.finditer(text)}


def scalar_component_stores(text: str) -> str:
    """The kernel text with every assignment to one component of a global/local vector element made a
    scalar store of that component."""
    names = vector_memory(text)
    if not names:
        return text
    rw = Rewriter(text)
    toks = rw.toks
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.text not in names or k + 1 >= len(toks) or toks[k + 1].text != "[":
            continue
        if k > 0 and toks[k - 1].text in (".", "->"):
            continue
        close = rw.match(k + 1)
        if close <= 0 or close + 3 >= len(toks) or toks[close + 1].text != ".":
            continue
        comp = toks[close + 2].text
        if comp not in _COMPONENT or toks[close + 3].text not in _ASSIGN:
            continue
        space, vec = names[t.text]
        scalar = re.sub(r"\d+$", "", vec)
        index = _COMPONENT[comp]
        if index >= int(re.search(r"\d+$", vec).group(0)):
            continue
        element = rw.tok_text(k, close)
        rw.replace(t.offset, toks[close + 2].end, f"((__{space.strip('_')} {scalar}*)&{element})[{index}]")
    return rw.result()
