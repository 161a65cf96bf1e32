"""SYCL target, functions a kernel of another file calls: SYCL 2020 (5.10.1) compiles a function for the device in
another translation unit only when it is declared SYCL_EXTERNAL, so a kernel whose prototype a file launches
(`__global__ void k(float*);` with k defined in another .cu) and a `__device__` function declared in one file and
defined in another get SYCL_EXTERNAL at their declarations and definitions (DPC++ otherwise rejects the call:
"SYCL kernel cannot call an undefined function without SYCL_EXTERNAL attribute"). Only functions with external
linkage at namespace scope that are not templates: the attribute requires it. Input: a FileContext with a clang
TU. Output: insert Edits; without a TU nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of

if TYPE_CHECKING:
    from translator.engine.context import FileContext


def mark_external(ctx: FileContext) -> None:
    tu = ctx.parsed.tu
    if tu is None:
        return
    from clang.cindex import CursorKind, LinkageKind

    main = str(ctx.parsed.path)
    done: set[int] = set()
    for cur in main_file_cursors_of(tu, main, (CursorKind.FUNCTION_DECL,)):
        if cur.kind != CursorKind.FUNCTION_DECL or cur.linkage != LinkageKind.EXTERNAL \
                or cur.semantic_parent is None \
                or cur.semantic_parent.kind not in (CursorKind.TRANSLATION_UNIT, CursorKind.NAMESPACE):
            continue
        attrs = {k.kind for k in cur.get_children()}
        kernel = CursorKind.CUDAGLOBAL_ATTR in attrs
        device = CursorKind.CUDADEVICE_ATTR in attrs
        if not kernel and not device:
            continue
        declared_before = cur.canonical is not None and cur.canonical.location.offset != cur.location.offset
        if device and not kernel and cur.is_definition() and not declared_before:
            continue  # a device function only this file knows: compiled with the kernels that call it
        start = cur.extent.start
        if start.file is None or start.file.name != main or start.offset in done:
            continue
        done.add(start.offset)
        # after whatever else is inserted there (an #include at the start of the file)
        ctx.edits.append(Edit(start.offset, 0, "SYCL_EXTERNAL ", origin="sycl external", priority=-1))
