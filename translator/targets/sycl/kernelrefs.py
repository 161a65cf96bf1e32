"""SYCL target: kernels used as values. A translated kernel takes the nd_item (and its local memory) as extra
parameters, so `void (*k)(float*, int) = &scale;` or `k == &scale` no longer fits the pointer's CUDA type and a
launch through the pointer cannot make the kernel's local accessors. Each such use is CP4514 at its site, so the
compiler error the translation then meets is named. Kernels passed to runtime calls (`cudaFuncGetAttributes(&a,
scale)`) are the rules' business and are not flagged. What a name refers to comes from clang (a reference to a
__global__ function), its use from the tokens around it; in a file clang could not parse (CP1001, the tree-sitter
fallback) only `&name` of a kernel this file defines is flagged. Input: the file's analysis and clang TU;
output: findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.frontend.clang import main_file_cursors_of
from translator.frontend.lexer import IDENT
from translator.targets.sycl.analysis import FileAnalysis, byte_span

if TYPE_CHECKING:
    from translator.engine.context import FileContext

# Tokens before a unary `&`: the address of the kernel is the value of an assignment, comparison or argument.
_BEFORE_ADDRESS = {"=", "==", "!=", "(", ",", "return", "?", ":", "{"}


def _kernel_references(ctx: FileContext) -> set[int] | None:
    """Offsets of the main file's expressions that clang resolves to a __global__ function; None without clang."""
    tu = ctx.parsed.tu
    if tu is None:
        return None
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    main = str(ctx.parsed.path)
    out: set[int] = set()
    for cur in main_file_cursors_of(tu, main, (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF)):
        if cur.kind not in (CursorKind.DECL_REF_EXPR, CursorKind.OVERLOADED_DECL_REF) \
                or cur.location.file is None or cur.location.file.name != main:
            continue
        ref = cur.referenced
        if ref is not None and ref.kind in (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE) \
                and any(c.kind == CursorKind.CUDAGLOBAL_ATTR for c in ref.get_children()):
            out.add(cur.location.offset)
    return out


def flag_kernel_values(ctx: FileContext, an: FileAnalysis) -> None:
    toks = an.view.toks
    if not any(f.kernel for fs in an.funcs.values() for f in fs):
        return
    refs = _kernel_references(ctx)
    kernels = {name for name, fs in an.funcs.items() if any(f.kernel for f in fs)}
    for k, t in enumerate(toks):
        if t.kind != IDENT or t.directive >= 0 or k == 0:
            continue
        if (t.offset not in refs) if refs is not None else (t.text not in kernels):
            continue
        prev, nxt = toks[k - 1].text, toks[k + 1].text if k + 1 < len(toks) else ""
        address = prev == "&" and (k < 2 or toks[k - 2].text in _BEFORE_ADDRESS)
        assigned = refs is not None and prev in ("=", "==", "!=") and nxt in (";", ")", ",", "}")
        if address or assigned:
            start = toks[k - 1].offset if address else t.offset
            ctx.report("CP4514", byte_span(ctx, start, t.end), t.text)
