"""OpenCL device code: library calls resolved by type (frontend.stdcalls), a device subset of `std::`.

Input: a FileContext with its clang AST and the device code ranges. Output: Edits in ctx.edits, findings.
OpenCL C's builtins are overloaded by OpenCL's rules, not C++'s: `abs` exists for integers only (CUDA's
`abs(float)` is fabsf), `abs(int)` returns `uint`, `min(int, uint)` and `min(float, int)` are ambiguous where
CUDA's overloads convert. Each call gets the function clang resolved it to: `fabs` for floating `abs`,
arguments converted to the parameter types of the CUDA overload chosen, `fmin`/`fmax` for floating `min`/`max`
(CUDA's are fminf/fmaxf). `std::min`/`std::max`/`std::abs` become the same; `std::swap` a three-assignment
block; `std::numeric_limits<T>::max()` and its siblings the OpenCL C constants (a `cp_limits_*` overload where
T is a template parameter, added to the program only when it calls one).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translator.engine.edits import Edit
from translator.frontend.stdcalls import LibraryCall, library_calls
from translator.targets.opencl.spelling import canonical_type

if TYPE_CHECKING:
    from translator.engine.context import FileContext

_FLOATING = ("float", "double")
_ABS = ("abs", "labs", "llabs")
_MINMAX = {"min": "min", "max": "max", "umin": "min", "umax": "max", "llmin": "min", "llmax": "max",
           "ullmin": "min", "ullmax": "max", "fmin": "fmin", "fmax": "fmax", "fminf": "fmin", "fmaxf": "fmax"}
# std::numeric_limits<T>::NAME() per OpenCL C type: max, min, lowest, epsilon, infinity, quiet_NaN
_LIMITS = {
    "float": ("FLT_MAX", "FLT_MIN", "-FLT_MAX", "FLT_EPSILON", "INFINITY", "NAN"),
    "double": ("DBL_MAX", "DBL_MIN", "-DBL_MAX", "DBL_EPSILON", "INFINITY", "NAN"),
    "char": ("CHAR_MAX", "CHAR_MIN", "CHAR_MIN", "0", "0", "0"),
    "uchar": ("UCHAR_MAX", "0", "0", "0", "0", "0"),
    "short": ("SHRT_MAX", "SHRT_MIN", "SHRT_MIN", "0", "0", "0"),
    "ushort": ("USHRT_MAX", "0", "0", "0", "0", "0"),
    "int": ("INT_MAX", "INT_MIN", "INT_MIN", "0", "0", "0"),
    "uint": ("UINT_MAX", "0", "0", "0", "0", "0"),
    "long": ("LONG_MAX", "LONG_MIN", "LONG_MIN", "0", "0", "0"),
    "ulong": ("ULONG_MAX", "0", "0", "0", "0", "0"),
    "bool": ("1", "0", "0", "0", "0", "0"),
}
_MEMBERS = ("max", "min", "lowest", "epsilon", "infinity", "quiet_NaN")


def _cl_type(cxx: str) -> str:
    return canonical_type(cxx.replace("signed char", "char"))


def limits_value(cl_type: str, member: str) -> str | None:
    """`((T)CONSTANT)` for std::numeric_limits<T>::member(), None where OpenCL C has no such constant."""
    row = _LIMITS.get(cl_type)
    if row is None or member not in _MEMBERS:
        return None
    return f"(({cl_type})({row[_MEMBERS.index(member)]}))"


def library_call_edits(ctx: FileContext, ranges: list[tuple[int, int]]) -> None:
    tu = ctx.parsed.tu
    if tu is None or not ranges:
        return
    parsed = ctx.parsed
    for call in library_calls(tu, str(parsed.path), parsed.data, parsed.tokens):
        if not any(a <= call.start and call.end <= b for a, b in ranges):
            continue
        if call.scope == "std::numeric_limits":
            _limits(ctx, call)
        elif call.name in _ABS or (call.name in ("fabs", "fabsf") and call.scope == "std"):
            _abs(ctx, call)
        elif call.name in _MINMAX:
            _minmax(ctx, call)
        elif call.name == "swap" and call.scope == "std":
            _swap(ctx, call)


def _rewrite(ctx: FileContext, call: LibraryCall, name: str, casts: list[str | None], result: str = "") -> None:
    """The whole call becomes `name(args)`, argument i converted to casts[i] where given, the result to `result`
    where given. One edit over the call: the rule pass's rename of the callee and explicit template arguments
    (`std::min<int>`) go with it, and conversions other passes write around an argument stay inside the cast."""
    args = [(a.start, a.end) for a in call.args]

    def build(r, name=name, casts=casts, result=result) -> str:  # type: ignore[no-untyped-def]
        texts = [f"(({c})({r(a, b)}))" if c else r(a, b) for (a, b), c in zip(args, casts, strict=True)]
        text = f"{name}({', '.join(texts)})"
        return f"(({result}){text})" if result else text

    ctx.edits.append(Edit(call.start, call.end - call.start, origin="opencl typed call", build=build, priority=5))


def _abs(ctx: FileContext, call: LibraryCall) -> None:
    if len(call.args) != 1:
        return
    arg = call.args[0].type
    if arg in _FLOATING:
        _rewrite(ctx, call, "fabs", [None])
    elif arg and call.name not in ("fabs", "fabsf"):
        # OpenCL's abs(gentype) returns the unsigned type: CUDA's returns the signed one (abs(a) - abs(b) < 0)
        _rewrite(ctx, call, "abs", [None], _cl_type(call.result or arg))


def _minmax(ctx: FileContext, call: LibraryCall) -> None:
    """CUDA's mixed overloads (`min(int, unsigned)`, `max(float, double)`) compute in their result type, which
    OpenCL C's builtins need both arguments to have; floating ones are fminf/fmaxf."""
    if len(call.args) != 2:
        return
    base = _MINMAX[call.name]
    if not call.result:  # dependent (in a template): OpenCL's builtin takes the instance's equal types
        if call.callee_end > call.name_end:  # `std::min<T>(a, b)`: no template arguments in OpenCL C
            _rewrite(ctx, call, base, [None, None])
        return
    want = _cl_type(call.result)
    casts = [want if a.type and _cl_type(a.type) != want else None for a in call.args]
    _rewrite(ctx, call, "f" + base if want in _FLOATING and not base.startswith("f") else base, casts)


def _swap(ctx: FileContext, call: LibraryCall) -> None:
    types = {a.type for a in call.args}
    if len(call.args) != 2 or len(types) != 1 or "" in types or not call.statement \
            or any(c in next(iter(types)) for c in "*[&"):  # a private pointer would lose its address space
        ctx.report("CP4050", _span(ctx, call), "std::swap: OpenCL C has no references; a swap of two values "
                   "of one arithmetic or struct type, written as a statement, is translated", inline=True)
        return
    t = _cl_type(types.pop())
    (a0, a1), (b0, b1) = (call.args[0].start, call.args[0].end), (call.args[1].start, call.args[1].end)
    ctx.edits.append(Edit(call.start, call.end - call.start, origin="opencl typed call", build=lambda r, t=t:
                          f"do {{ {t} cp_swap_t = {r(a0, a1)}; {r(a0, a1)} = {r(b0, b1)}; {r(b0, b1)} = cp_swap_t; "
                          "} while (0)"))


def _limits(ctx: FileContext, call: LibraryCall) -> None:
    s, e = call.start, call.end
    if call.result:
        value = limits_value(_cl_type(call.result), call.name)
        if value is not None:
            ctx.edits.append(Edit(s, e - s, value, origin="opencl numeric_limits"))
            return
    elif call.limits_type is not None and call.name in _MEMBERS:
        t0, t1 = call.limits_type
        ctx.edits.append(Edit(s, e - s, origin="opencl numeric_limits",
                              build=lambda r, n=call.name: f"cp_limits_{n}(({r(t0, t1)})0)"))
        return
    ctx.report("CP4050", _span(ctx, call), f"std::numeric_limits<...>::{call.name}() for this type", inline=True)


def _span(ctx: FileContext, call: LibraryCall):  # type: ignore[no-untyped-def]
    from translator.model import Span

    data = ctx.parsed.data
    line = data.count(b"\n", 0, call.start) + 1
    col = call.start - (data.rfind(b"\n", 0, call.start) + 1) + 1
    return Span(call.start, call.end - call.start, line, col)


def with_limits(cl_text: str, prelude_len: int) -> str:
    """`cl_text` with the `cp_limits_*` overloads it calls (std::numeric_limits in templates) after the prelude."""
    used = set(re.findall(r"\bcp_limits_(\w+)\s*\(", cl_text[prelude_len:]))
    if not used:
        return cl_text
    lines = ["/* the std::numeric_limits members that templates call, one overload per type */"]
    for member in _MEMBERS:
        if member not in used:
            continue
        for t in _LIMITS:
            fn = f"CP_OVL {t} cp_limits_{member}({t} cp_t) {{ return {limits_value(t, member)}; }}"
            lines.append(f"#ifdef cl_khr_fp64\n{fn}\n#endif" if t == "double" else fn)
    return cl_text[:prelude_len] + "\n".join(lines) + "\n" + cl_text[prelude_len:]
