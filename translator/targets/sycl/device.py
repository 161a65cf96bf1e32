"""SYCL target, device-code handlers named by rules/: function qualifiers (`qualifier`), atomics as
cpsycl atomic_ref factories (`atomic`) and warp intrinsics as sub-group operations (`warp`).
Input: one NameSite and its FileContext; output: Edits and CP4502/CP4506 Findings; False leaves the site to
the rule's fallback.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine import tables
from translator.engine.edits import Edit
from translator.model import Span
from translator.targets.sycl.analysis import analyse, body_at, byte_span, tok_index

if TYPE_CHECKING:
    from translator.engine.context import FileContext
    from translator.model import NameSite

_ATOMIC_OPS = {"atomicAdd": "fetch_add", "atomicSub": "fetch_sub", "atomicExch": "exchange",
               "atomicMin": "fetch_min", "atomicMax": "fetch_max", "atomicAnd": "fetch_and", "atomicOr": "fetch_or",
               "atomicXor": "fetch_xor"}
_SCOPES = {"_block": "sycl::memory_scope::work_group", "_system": "sycl::memory_scope::system"}


def _with_trailing_space(ctx: FileContext, span: Span) -> Span:
    end = span.end
    data = ctx.parsed.data
    while end < len(data) and data[end:end + 1] in (b" ", b"\t"):
        end += 1
    return byte_span(ctx, span.offset, end)


def _base_name(text: str) -> str:
    text = text.strip().lstrip("&*( ").strip()
    m = re.match(r"[A-Za-z_]\w*", text)
    return m.group(0) if m else ""


def _deref(text: str) -> str:
    text = text.strip()
    if text.startswith("&"):
        return text[1:].lstrip()
    return f"*{text}" if re.fullmatch(r"[\w.]+", text) else f"*({text})"



def _qualifies_function(site: NameSite, ctx: FileContext) -> bool:
    """A `__device__` the analysis did not attribute: a macro body (`#define HD __host__ __device__`), an
    extended lambda (`[=] __device__ (int i)`), or a member function find_kernels does not see (an operator).
    All are function qualifiers, which SYCL drops; a variable (no `(` before `;`, `=` or `{`) keeps the
    fallback."""
    if site.in_directive or body_at(analyse(ctx), site.span.offset) is not None:
        return True
    view = analyse(ctx).view
    prev = ""
    for t in view.toks[tok_index(view, site.span.end):]:
        if t.text == "(":
            return True
        if t.text in (";", "{", "}") or (t.text == "=" and prev != "operator"):
            return False
        prev = t.text
    return False


def qualifier(site: NameSite, ctx: FileContext) -> bool:
    an = analyse(ctx)
    owner = an.qualifier_owner.get(site.span.offset)
    name = site.name
    if name == "__shared__" or owner == "global":
        return True  # the declaration is rewritten as a whole (local accessor / device_global)
    if name in ("__constant__", "__managed__") and owner is None:
        return False
    if name == "__device__" and owner is None and not _qualifies_function(site, ctx):
        return False
    if name == "__launch_bounds__":
        if site.call is None:
            return False
        ctx.replace(_with_trailing_space(ctx, site.call), "", "__launch_bounds__")
        ctx.report("CP4506", site.span, ctx.text(site.call), inline=False)
        return True
    text = {"__forceinline__": "inline ", "__noinline__": "__attribute__((noinline)) "}.get(name, "")
    ctx.replace(_with_trailing_space(ctx, site.span), text, name)
    return True


def atomic(site: NameSite, ctx: FileContext) -> bool:
    if site.call is None or not site.args:
        return False
    base = site.name
    suffix = ""
    for s in _SCOPES:
        if base.endswith(s):
            base, suffix = base[: -len(s)], s
    an = analyse(ctx)
    f = body_at(an, site.span.offset)
    obj = _base_name(ctx.text(site.args[0]))
    shared = f is not None and any(s.name == obj for s in f.shared)
    if shared:
        factory = "cpsycl::atomic_local" + (f"<{_SCOPES['_system']}>" if suffix == "_system" else "")
    else:
        param = f is not None and not f.kernel and any(p.name == obj for p in f.fdef.params)
        factory = "cpsycl::atomic_generic" if param else "cpsycl::atomic_global"
        if suffix:
            factory += f"<{_SCOPES[suffix]}>"
    args = site.args
    if base in _ATOMIC_OPS and len(args) == 2:
        op = _ATOMIC_OPS[base]

        def build(render, a=args, fac=factory, op=op):  # type: ignore[no-untyped-def]
            return f"{fac}({_deref(render(a[0].offset, a[0].end))}).{op}({render(a[1].offset, a[1].end)})"
    elif base in ("atomicInc", "atomicDec") and len(args) == 2:
        helper = "cpsycl::atomic_inc" if base == "atomicInc" else "cpsycl::atomic_dec"

        def build(render, a=args, fac=factory, h=helper):  # type: ignore[no-untyped-def]
            return f"{h}({fac}({_deref(render(a[0].offset, a[0].end))}), {render(a[1].offset, a[1].end)})"
    elif base == "atomicCAS" and len(args) == 3:
        def build(render, a=args, fac=factory):  # type: ignore[no-untyped-def]
            obj_text = _deref(render(a[0].offset, a[0].end))
            return (f"cpsycl::atomic_compare_exchange({fac}({obj_text}), {render(a[1].offset, a[1].end)}, "
                    f"{render(a[2].offset, a[2].end)})")
    else:
        return False
    ctx.edits.append(Edit(site.call.offset, site.call.length, origin=site.name, build=build))
    return True


def warp(site: NameSite, ctx: FileContext) -> bool:
    name = site.name
    sg = "item.get_sub_group()"
    if name == "warpSize":
        # outside a function body (a default argument `int width = warpSize`) no nd_item exists: the
        # sub-group size the kernel requires is the constant; inside, the rule's template reads the sub-group
        if site.call is not None or body_at(analyse(ctx), site.span.offset) is not None:
            return False
        ctx.replace(site.span, "32", name)
        return True
    forms = tables.mapping("sycl_sub_group_calls")
    op = name.removesuffix("_sync")
    if op not in forms or site.call is None:
        return False
    fn, count = forms[op]["call"], forms[op]["values"]
    if count == 0:  # the sub-group alone: __activemask
        ctx.replace(site.call, f"{fn}({sg})", name)
        return True
    args = site.args
    vals = args if name == op else args[1:]  # the lane mask is dropped: the whole sub-group takes part
    if not vals:
        return False
    used = vals[:count]
    if len(vals) > count and ctx.text(vals[count]).strip() not in ("32", "warpSize"):
        if count != 2:
            return False
        # a width below the warp size: lanes form segments; the width-taking helpers keep CUDA's rule
        fn = "cpsycl::shuffle_xor" if fn == "sycl::permute_group_by_xor" else fn
        used = vals[:count + 1]

    def build(render, u=used, fn=fn):  # type: ignore[no-untyped-def]
        parts = [render(a.offset, a.end) for a in u]
        if fn in ("sycl::any_of_group", "sycl::all_of_group"):
            parts = [f"{parts[0]} != 0" if re.fullmatch(r"[\w.]+", parts[0]) else f"({parts[0]}) != 0"]
        return f"{fn}({sg}, {', '.join(parts)})"
    ctx.edits.append(Edit(site.call.offset, site.call.length, origin=name, build=build))
    return True
