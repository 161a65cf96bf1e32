"""OpenCL device code: threads that return before a barrier.

Input: a FileContext with its clang AST and the kernels' byte ranges. Output: build Edits in ctx.edits, or a
CP4035 Finding. In CUDA a thread that has returned no longer takes part in __syncthreads(), so
`if (ty >= n) return;` before a barrier is a common way to drop surplus threads. OpenCL requires every
work-item of the group to reach each barrier; PoCL hangs on such a kernel. Where the early returns and the
barriers are top-level statements of the kernel body, the returns become a flag and the statements after
the first one run under it, the barriers outside it, so every work-item reaches them and only live ones do
the work:

    if (c) return;  S1;  __syncthreads();  S2;
    ->  bool cp_live = !(c);  if (cp_live) { S1; }  barrier(...);  if (cp_live) { S2; }

`if (c) { A; __syncthreads(); return; }` becomes `bool cp_live = !(c); if (!cp_live) { A }`: CUDA counts the
returned threads as arrived, so their barriers are the first ones after the `if`. The same holds in a
`__device__ void` function (its `return` ends that call's work), except that a return on a block-uniform condition
(blockIdx, parameters, literals) stays: the whole work-group leaves together, which OpenCL allows.

Declarations stay outside the flag when their initialiser only computes (no calls, loads or stores), so the
names stay in scope. Anything else (a barrier inside a loop or branch after the return, a return nested where
a barrier follows, a declaration that loads memory) is warned about with CP4035 at the kernel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.clang import main_file_cursors_of, preorder

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_BARRIERS = {"__syncthreads", "__syncthreads_count", "__syncthreads_and", "__syncthreads_or"}


def predicate_early_exits(ctx: FileContext, kernels: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not kernels:
        return
    from clang.cindex import CursorKind  # the clang front end is installed whenever tu is set

    main = str(ctx.parsed.path)
    for cur in main_file_cursors_of(tu, main, (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE)):
        if cur.kind not in (CursorKind.FUNCTION_DECL, CursorKind.FUNCTION_TEMPLATE) or not cur.is_definition():
            continue
        ext = cur.extent
        if ext.start.file is None or ext.start.file.name != main:
            continue
        if not any(a <= ext.start.offset < b for a, b in kernels):
            continue
        if not any(k.kind == CursorKind.CUDAGLOBAL_ATTR for k in cur.get_children()) and not _void_device(cur):
            continue
        body = next((k for k in cur.get_children() if k.kind == CursorKind.COMPOUND_STMT), None)
        if body is not None:
            _kernel(ctx, cur, list(body.get_children()), main)


def _void_device(cur) -> bool:  # type: ignore[no-untyped-def]
    """A `__device__ void` function (not `__host__` too): its `return;` ends the function's work for that thread,
    so the same flag keeps the thread at the function's barriers."""
    from clang.cindex import CursorKind

    kinds = {k.kind for k in cur.get_children()}
    return (CursorKind.CUDADEVICE_ATTR in kinds and CursorKind.CUDAHOST_ATTR not in kinds
            and cur.result_type.spelling == "void")


def _kernel(ctx: FileContext, kernel, stmts: list, main: str) -> None:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    first = next((i for i, s in enumerate(stmts) if _exit_condition(s) is not None), None)
    if first is not None and _void_device(kernel) and _block_uniform(_exit_condition(stmts[first]), kernel):
        return  # every work-item of the group returns together: OpenCL allows that (and it keeps the collectives)
    if first is None or not any(_has_barrier(s) for s in stmts[first + 1:]):
        if not any(_returns(s) for s in stmts) or not _has_barrier_after_return(stmts):
            return
        _report(ctx, kernel, "a return nested in control flow comes before a barrier")
        return
    last_barrier = max(i for i, s in enumerate(stmts) if _has_barrier(s))
    plan: list[tuple[object, str]] = []  # (statement, "flag" | "and" | "keep" | "wrap")
    for i, s in enumerate(stmts[first:], first):
        if _shared(s):
            plan.append((s, "keep"))  # moved to the kernel's scope as __local by the emitter
            continue
        if any(e.file is None or e.file.name != main for e in (s.extent.start, s.extent.end)):
            _report(ctx, kernel, "a statement after the return comes from a macro")
            return
        if i == first:
            plan.append((s, "flag" if _early_return(s) is not None else "flag_work"))
        elif _early_return(s) is not None:
            plan.append((s, "and"))
        elif _is_barrier_statement(s):
            plan.append((s, "keep"))
        elif _has_barrier(s):
            _report(ctx, kernel, "a barrier inside a loop or branch follows the return")
            return
        elif s.kind == CursorKind.DECL_STMT:
            if _pure(s):
                plan.append((s, "keep"))
            elif _split(ctx.parsed.data, s) is not None:
                plan.append((s, "split"))
            elif i > last_barrier:
                plan.append((s, "wrap_rest"))
                break
            else:
                _report(ctx, kernel, "a declaration between the return and a barrier loads memory or calls a "
                        "function and cannot be split into a declaration and an assignment")
                return
        elif _returns(s) and i < last_barrier:
            _report(ctx, kernel, "a return nested in control flow comes before a barrier")
            return
        else:
            plan.append((s, "wrap"))
    data = ctx.parsed.data
    for s, how in plan:
        start, end = _stmt_span(data, s)
        if how == "keep":
            continue
        if how == "wrap_rest":  # everything from here to the end of the body, after the last barrier
            end = _stmt_span(data, stmts[-1])[1]
            ctx.edits.append(Edit(start, end - start, origin="live work-items",
                                  build=lambda r, a=start, b=end: f"if (cp_live) {{ {r(a, b)} }}"))
            break
        if how == "split":
            type_text, name, a, b = _split(data, s)
            ctx.edits.append(Edit(start, end - start, origin="live work-items",
                                  build=lambda r, t=type_text, n=name, a=a, b=b:
                                  f"{t} {n}; if (cp_live) {{ {n} = {r(a, b)}; }}"))
            continue
        if how == "flag_work":
            _flag_work(ctx, s)
            continue
        cond = _early_return(s)
        if how in ("flag", "and"):
            c0, c1 = cond.extent.start.offset, cond.extent.end.offset
            text = ("bool cp_live = !({});" if how == "flag" else "cp_live = cp_live && !({});")
            ctx.edits.append(Edit(start, end - start, origin="early return",
                                  build=lambda r, t=text, a=c0, b=c1: t.format(r(a, b))))
            continue
        ctx.edits.append(Edit(start, end - start, origin="live work-items",
                              build=lambda r, a=start, b=end: f"if (cp_live) {{ {r(a, b)} }}"))
    ctx.report("CP4036", _span(ctx, kernel), kernel.spelling, inline=False)


def _shared(s) -> bool:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    return s.kind == CursorKind.DECL_STMT and any(
        k.kind == CursorKind.CUDASHARED_ATTR for d in s.get_children() for k in d.get_children())


def _split(data: bytes, s):  # type: ignore[no-untyped-def]
    """`T x = init;` -> (T, x, init start, init end) when it can become `T x; x = init;`: one variable, not an
    array, reference or auto, spelled in the file; a leading const is dropped where it qualifies the variable."""
    from clang.cindex import CursorKind

    decls = list(s.get_children())
    if len(decls) != 1 or decls[0].kind != CursorKind.VAR_DECL:
        return None
    var = decls[0]
    exprs = [k for k in var.get_children() if k.kind.is_expression()]
    if not exprs:
        return None
    init = exprs[-1]
    start, name_at = s.extent.start.offset, var.location.offset
    if init.extent.start.file is None or not name_at < init.extent.start.offset:
        return None
    type_text = data[start:name_at].decode(errors="replace").strip()
    if not type_text or any(ch in type_text for ch in "[&(") or "auto" in type_text.split() \
            or data[name_at:name_at + len(var.spelling)].decode(errors="replace") != var.spelling:
        return None
    words = type_text.split()
    if "const" in words and "*" not in type_text:
        words = [w for w in words if w != "const"]
    elif words[0] == "const" and "*" not in type_text:
        return None
    if "static" in words:
        return None
    return " ".join(words), var.spelling, init.extent.start.offset, init.extent.end.offset


def _stmt_span(data: bytes, s) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start, end = s.extent.start.offset, s.extent.end.offset
    k = end
    while k < len(data) and data[k:k + 1] in (b" ", b"\t"):
        k += 1
    if k < len(data) and data[k:k + 1] == b";" and not data[start:end].rstrip().endswith((b";", b"}")):
        end = k + 1
    return start, end


def _early_return(s):  # type: ignore[no-untyped-def]
    """The condition of `if (c) return;` / `if (c) { return; }` without else, else None."""
    from clang.cindex import CursorKind

    if s.kind != CursorKind.IF_STMT:
        return None
    kids = list(s.get_children())
    if len(kids) != 2:
        return None
    then = kids[1]
    if then.kind == CursorKind.COMPOUND_STMT:
        inner = list(then.get_children())
        then = inner[0] if len(inner) == 1 else None
    if then is None or then.kind != CursorKind.RETURN_STMT or list(then.get_children()):
        return None
    return kids[0]


def _exit_branch(s):  # type: ignore[no-untyped-def]
    """`if (c) { A; __syncthreads(); return; }` without else: (c, A's statements), else None. CUDA counts a
    returned thread as arrived at the barriers that follow, so the barriers before the `return` pair with the
    first ones after the `if`; A (no barrier, no return) runs before either, as it does under the flag."""
    from clang.cindex import CursorKind

    if s.kind != CursorKind.IF_STMT:
        return None
    kids = list(s.get_children())
    if len(kids) != 2 or kids[1].kind != CursorKind.COMPOUND_STMT:
        return None
    inner = list(kids[1].get_children())
    if not inner or inner[-1].kind != CursorKind.RETURN_STMT or list(inner[-1].get_children()):
        return None
    k = len(inner) - 1
    while k > 0 and _is_barrier_statement(inner[k - 1]):
        k -= 1
    work = inner[:k]
    if any(_has_barrier(w) or _returns(w) for w in work):
        return None
    return kids[0], work


def _exit_condition(s):  # type: ignore[no-untyped-def]
    """The condition of an early return of either form, else None."""
    cond = _early_return(s)
    if cond is None and _exit_branch(s) is not None:
        cond = _exit_branch(s)[0]
    return cond


def _flag_work(ctx: FileContext, s) -> None:  # type: ignore[no-untyped-def]
    """`if (c) { A; barriers; return; }` -> `bool cp_live = !(c); if (!cp_live) { A }`: the returning work-items
    do A and then reach the barriers after the `if` with the others."""
    cond, work = _exit_branch(s)
    data = ctx.parsed.data
    start, end = _stmt_span(data, s)
    c0, c1 = cond.extent.start.offset, cond.extent.end.offset
    if not work:
        ctx.edits.append(Edit(start, end - start, origin="early return",
                              build=lambda r, a=c0, b=c1: f"bool cp_live = !({r(a, b)});"))
        return
    w0, w1 = _stmt_span(data, work[0])[0], _stmt_span(data, work[-1])[1]
    ctx.edits.append(Edit(start, end - start, origin="early return",
                          build=lambda r, a=c0, b=c1, x=w0, y=w1:
                          f"bool cp_live = !({r(a, b)}); if (!cp_live) {{ {r(x, y)} }}"))


_UNIFORM_WORDS = {"blockIdx", "blockDim", "gridDim", "x", "y", "z", "true", "false"}


def _block_uniform(cond, func) -> bool:  # type: ignore[no-untyped-def]
    """Whether a condition has one value in a whole block: built from blockIdx/blockDim/gridDim, the function's
    parameters and literals only (no threadIdx, local variable, call, subscript or member of a pointer)."""
    from clang.cindex import CursorKind, TokenKind

    params = {k.spelling for k in func.get_children() if k.kind == CursorKind.PARM_DECL}
    for t in cond.get_tokens():
        if t.kind == TokenKind.IDENTIFIER and t.spelling not in _UNIFORM_WORDS | params:
            return False
        if t.spelling in ("[", "->", "++", "--") or t.spelling.endswith("=") and t.spelling not in ("==", "!=",
                                                                                                  "<=", ">="):
            return False
    return True


def _calls(s):  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    return (c for c in s.walk_preorder() if c.kind == CursorKind.CALL_EXPR)


def _has_barrier(s) -> bool:  # type: ignore[no-untyped-def]
    for c in _calls(s):
        if c.spelling in _BARRIERS:
            return True
        ref = c.referenced
        if ref is not None and ref.is_definition() and any(
                d.kind.name == "CALL_EXPR" and d.spelling in _BARRIERS for d in ref.walk_preorder()):
            return True
    return False


def _is_barrier_statement(s) -> bool:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    node = s
    while node.kind == CursorKind.UNEXPOSED_EXPR:
        kids = list(node.get_children())
        if len(kids) != 1:
            return False
        node = kids[0]
    return node.kind == CursorKind.CALL_EXPR and node.spelling in _BARRIERS


def _returns(s) -> bool:  # type: ignore[no-untyped-def]
    from clang.cindex import CursorKind

    return any(c.kind == CursorKind.RETURN_STMT for c in preorder(s))


def _has_barrier_after_return(stmts: list) -> bool:
    seen = False
    for s in stmts:
        returns = _returns(s)
        if (seen or returns) and _has_barrier(s):  # a loop holding both: the return is before the next barrier
            return True
        seen = seen or returns
    return False


def _pure(s) -> bool:  # type: ignore[no-untyped-def]
    """A declaration whose initialisers only compute: no call, subscript, dereference or assignment."""
    from clang.cindex import CursorKind

    for c in s.walk_preorder():
        if c.kind in (CursorKind.CALL_EXPR, CursorKind.ARRAY_SUBSCRIPT_EXPR, CursorKind.COMPOUND_ASSIGNMENT_OPERATOR):
            return False
        if c.kind == CursorKind.UNARY_OPERATOR:
            toks = [t.spelling for t in c.get_tokens()]
            if toks and toks[0] in ("*", "++", "--") or toks and toks[-1] in ("++", "--"):
                return False
        if c.kind == CursorKind.BINARY_OPERATOR and "=" in [t.spelling for t in c.get_tokens()]:
            return False
    return True


def _span(ctx: FileContext, cur):  # type: ignore[no-untyped-def]
    from translator.model import Span

    loc = cur.extent.start
    return Span(loc.offset, len(cur.spelling), loc.line, loc.column)


def _report(ctx: FileContext, kernel, why: str) -> None:  # type: ignore[no-untyped-def]
    ctx.report("CP4035", _span(ctx, kernel), f"{kernel.spelling}: {why}")
