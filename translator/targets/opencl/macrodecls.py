"""OpenCL device code: declarations that a macro expansion at file scope generates.

Input: a FileContext's clang TU and the file's device functions. Output: CP4037 errors for the device functions
that use such a name. The .cl carries a file's types, macros and functions as the spans the token scan finds;
a `#define ATOMIC(NAME) template <...> struct Atomic##NAME##Impl {...};` expanded as `ATOMIC(Add)` between a
`#define OP` and an `#undef OP` generates `AtomicAddImpl` only in the preprocessor's output, which no span
holds, so the device compiler would stop at an undeclared name far from its cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translator.targets.opencl.scan import DevFunc, idents

if TYPE_CHECKING:
    from translator.engine import FileContext

_DECL_KINDS = ("CLASS_TEMPLATE", "STRUCT_DECL", "CLASS_DECL", "UNION_DECL", "TYPEDEF_DECL", "TYPE_ALIAS_DECL",
               "CLASS_TEMPLATE_PARTIAL_SPECIALIZATION", "FUNCTION_TEMPLATE")


def macro_generated_names(tu: Any, data: bytes) -> dict[str, str]:
    """Names declared at file scope of the main file by a macro expansion -> the macro's name: their cursor's
    extent starts at an identifier that is not the declaration's own first keyword (the macro's use)."""
    if tu is None:
        return {}
    out: dict[str, str] = {}
    for c in tu.cursor.get_children():
        loc = c.location
        if loc.file is None or loc.is_in_system_header or c.kind.name not in _DECL_KINDS or not c.spelling:
            continue
        if str(loc.file.name) != str(tu.spelling):
            continue
        start = c.extent.start.offset
        head = data[start:start + 64].decode("utf-8", "replace")
        word = head.split("(", 1)[0].strip()
        if word.isidentifier() and word not in ("template", "struct", "class", "union", "typedef", "using") \
                and "(" in head and word != c.spelling:
            out.setdefault(c.spelling, word)
    return out


def report_macro_generated(ctx: FileContext, funcs: list[DevFunc], texts: dict[int, str], note: Any) -> None:
    """CP4037 for each device function (its text in `texts` by start offset) that names a macro-generated
    declaration."""
    names = macro_generated_names(ctx.parsed.tu, ctx.parsed.data) if ctx.parsed.tu is not None else {}
    if not names:
        return
    for f in funcs:
        used = sorted(idents(texts.get(f.start, "")) & set(names))
        if used:
            what = ", ".join(f"{n} (from {names[n]}(...))" for n in used)
            note("CP4037", f, f"{f.name} uses {what}: declared by a macro expansion, which the .cl cannot carry; "
                              "write the expansion out or move it into a header the kernels include")
