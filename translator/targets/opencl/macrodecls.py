"""OpenCL device code: declarations that a macro expansion at file scope generates.

Input: a FileContext's clang TU and the file's device functions. Output: the CP4037 error detail of each device
function that uses such a name. The .cl carries a file's types, macros and functions as the spans the token scan finds;
a `#define ATOMIC(NAME) template <...> struct Atomic##NAME##Impl {...};` expanded as `ATOMIC(Add)` between a
`#define OP` and an `#undef OP` generates `AtomicAddImpl` only in the preprocessor's output, which no span
holds, so the device compiler would stop at an undeclared name far from its cause.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.frontend.clang import user_top_level_cursors
from translator.resources import prelude_dir
from translator.targets.opencl.scan import DevFunc, idents

if TYPE_CHECKING:
    from translator.engine.core import FileContext

_DECL_KINDS = ("CLASS_TEMPLATE", "STRUCT_DECL", "CLASS_DECL", "UNION_DECL", "TYPEDEF_DECL", "TYPE_ALIAS_DECL",
               "CLASS_TEMPLATE_PARTIAL_SPECIALIZATION", "FUNCTION_TEMPLATE")


def macro_generated_names(tu: Any, data: bytes) -> dict[str, str]:
    """Names declared at file scope of the main file or a user header by a macro expansion -> the macro's
    name: their cursor's extent starts at an identifier that is not the declaration's own first keyword (the
    macro's use). `data`: the main file's bytes (headers are read from their paths)."""
    if tu is None:
        return {}
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    out: dict[str, str] = {}
    files: dict[str, bytes] = {str(tu.spelling): data}
    ours = str(prelude_dir())  # the front end's CUDA prelude declares the vector types through its own macros
    # the kinds and the location's file first, through libclang's own calls: most of the TU's top level is
    # the prelude's and the system headers' declarations, and asking each for its location cost more than the rest
    for c in user_top_level_cursors(tu, [getattr(CursorKind, k) for k in _DECL_KINDS]):
        if not c.spelling:
            continue
        name = str(c.extent.start.file.name) if c.extent.start.file else ""
        if name.startswith(ours):
            continue
        if name not in files:
            try:
                files[name] = Path(name).read_bytes()
            except OSError:
                files[name] = b""
        start = c.extent.start.offset
        head = files[name][start:start + 64].decode("utf-8", "replace")
        word = head.split("(", 1)[0].strip()
        if word.isidentifier() and word not in ("template", "struct", "class", "union", "typedef", "using") \
                and "(" in head and word != c.spelling:
            out.setdefault(c.spelling, word)
    # only uses of the user's own function-like macros (`__align__(16) T x` and attribute macros are not)
    defined = {w for w in set(out.values()) if any(re.search(rb"#\s*define\s+" + w.encode() + rb"\(", text)
                                                 for text in files.values())}
    return {k: v for k, v in out.items() if v in defined}


def macro_generated_uses(ctx: FileContext, funcs: list[DevFunc], texts: dict[int, str]) -> dict[int, str]:
    """Start offset -> CP4037 detail for each device function (its text in `texts` by start offset) that names a
    macro-generated declaration."""
    names = macro_generated_names(ctx.parsed.tu, ctx.parsed.data) if ctx.parsed.tu is not None else {}
    out: dict[int, str] = {}
    for f in funcs if names else []:
        used = sorted(idents(texts.get(f.start, "")) & set(names))
        if used:
            what = ", ".join(f"{n} (from {names[n]}(...))" for n in used)
            out[f.start] = (f"{f.name} uses {what}: declared by a macro expansion, which the .cl cannot carry; "
                            "write the expansion out or move it into a header the kernels include")
    return out


def report_macro_generated(ctx: FileContext, funcs: list[DevFunc], texts: dict[int, str]) -> None:
    """CP4037 at the name of each function of this file (an error, marked inline: it blocks the build)."""
    for start, detail in macro_generated_uses(ctx, funcs, texts).items():
        f = next(f for f in funcs if f.start == start)
        ctx.report("CP4037", f.kdef.name_span, detail, inline=True)
