"""OpenCL device code: declarations that a macro expansion at file scope generates.

Input: a FileContext's clang TU, the file's device functions and the expansions the token scan found. Output: the
declarations each expansion makes (the .cl carries the expansion, the macro's definition and the macros it expands
in file order, so the device compiler expands `ATOMIC(Add)` between `#define OP` and `#undef OP` as nvcc does),
and the CP4037 error detail of each device function that uses a generated name no carried expansion declares
(the device compiler would stop at an undeclared name far from its cause).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.frontend.clang import user_top_level_cursors
from translator.resources import prelude_dir
from translator.targets.opencl.scan import DevFunc, TopDecl, idents

if TYPE_CHECKING:
    from translator.engine.core import FileContext

_DECL_KINDS = ("CLASS_TEMPLATE", "STRUCT_DECL", "CLASS_DECL", "UNION_DECL", "TYPEDEF_DECL", "TYPE_ALIAS_DECL",
               "CLASS_TEMPLATE_PARTIAL_SPECIALIZATION", "FUNCTION_TEMPLATE")


@dataclass(frozen=True)
class Generated:
    """A declaration that a macro expansion at file scope generates."""

    name: str
    macro: str  # the expanded macro's name
    file: str  # the file of the expansion, as clang names it
    offset: int  # where the expansion starts in that file (the macro's name)
    cxx: bool  # a template, or a class with member functions: only C++ for OpenCL has it
    is_type: bool  # a type or class template (not a function template)


def macro_generated(tu: Any, data: bytes) -> list[Generated]:
    """Declarations at file scope of the main file or a user header made by a macro expansion: their cursor's
    extent starts at an identifier that is not the declaration's own first keyword (the macro's use). `data`:
    the main file's bytes (headers are read from their paths)."""
    if tu is None:
        return []
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    out: list[Generated] = []
    files: dict[str, bytes] = {str(tu.spelling): data}
    ours = str(prelude_dir())  # the front end's CUDA prelude declares the vector types through its own macros
    templates = {CursorKind.CLASS_TEMPLATE, CursorKind.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION,
                 CursorKind.FUNCTION_TEMPLATE}
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
            cxx = c.kind in templates or any(k.kind in (CursorKind.CXX_METHOD, CursorKind.CONSTRUCTOR)
                                             for k in c.get_children())
            out.append(Generated(c.spelling, word, name, start, cxx, c.kind != CursorKind.FUNCTION_TEMPLATE))
    # only uses of the user's own function-like macros (`__align__(16) T x` and attribute macros are not)
    defined = {w for w in {g.macro for g in out} if any(re.search(rb"#\s*define\s+" + w.encode() + rb"\(", text)
                                                       for text in files.values())}
    return [g for g in out if g.macro in defined]


def macro_generated_names(tu: Any, data: bytes) -> dict[str, str]:
    """Names declared at file scope by a macro expansion (macro_generated) -> the macro's name."""
    out: dict[str, str] = {}
    for g in macro_generated(tu, data):
        out.setdefault(g.name, g.macro)
    return out


def expansions_found(generated: list[Generated], path: str, decls: list[TopDecl],
                     shift: int = 0) -> dict[int, list[Generated]]:
    """Start offset of each expansion the scan of the file `path` found (TopDecl kind "expansion", offsets
    shifted by `shift`) -> the declarations clang says it generates."""
    here = [g for g in generated if _same_file(g.file, path)]
    out: dict[int, list[Generated]] = {}
    for d in decls:
        if d.kind == "expansion":
            made = [g for g in here if g.offset == d.start - shift and g.macro == d.name]
            if made:
                out[d.start] = made
    return out


def _same_file(a: str, b: str) -> bool:
    return a == b or Path(a).resolve() == Path(b).resolve()


def macro_generated_uses(funcs: list[DevFunc], texts: dict[int, str], generated: list[Generated],
                         carried: set[str]) -> dict[int, str]:
    """Start offset -> CP4037 detail for each device function (its text in `texts` by start offset) that names a
    macro-generated declaration the program does not carry (`carried`: the names of the expansions it does)."""
    names: dict[str, str] = {}
    for g in generated:
        if g.name not in carried:
            names.setdefault(g.name, g.macro)
    out: dict[int, str] = {}
    for f in funcs if names else []:
        used = sorted(idents(texts.get(f.start, "")) & set(names))
        if used:
            what = ", ".join(f"{n} (from {names[n]}(...))" for n in used)
            out[f.start] = (f"{f.name} uses {what}: declared by a macro expansion that is not a file-scope "
                            "declaration of a project file, which the .cl cannot carry; write the expansion out "
                            "or expand the macro at file scope of a header the kernels include")
    return out


def report_macro_generated(ctx: FileContext, funcs: list[DevFunc], texts: dict[int, str],
                           generated: list[Generated], carried: set[str]) -> dict[int, str]:
    """CP4037 at the name of each function of this file (an error, marked inline: it blocks the build); returns
    the details by function start."""
    found = macro_generated_uses(funcs, texts, generated, carried)
    for start, detail in found.items():
        f = next(f for f in funcs if f.start == start)
        ctx.report("CP4037", f.kdef.name_span, detail, inline=True)
    return found
