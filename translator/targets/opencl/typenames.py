"""Names of kernel template instances that the host stubs and the .cl agree on.

A launch stub computes its instance name at run time from `cp_tn<T>::get()`; the .cl names the instance from
the template argument's text (spelling.mangle). Input: the clang TranslationUnit (for typedefs) and the type
arguments of the instances a file launches. Output: canonical substitutions and host C++ that names user types.
"""

from __future__ import annotations

import re
from typing import Any

from translator.frontend.clang import user_top_level_cursors
from translator.targets.opencl.scan import DevFunc
from translator.targets.opencl.spelling import canonical_type, mangle

# C spellings of the builtin types that cp_tn has specialisations for (host.py's table), as clang spells
# canonical types.
BUILTIN_TYPES = frozenset({
    "float", "double", "int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long",
    "short", "unsigned short", "char", "signed char", "unsigned char", "bool"})
_BUILTIN_CANON = frozenset(canonical_type(t) for t in BUILTIN_TYPES)
# the standard library's fixed-width typedefs as the host (LP64 Linux, glibc) defines them: `cp_tn<int64_t>` is
# `cp_tn<long>` there, so `k<int64_t>` is the instance `k_long` (builtin_aliases skips system headers)
STD_ALIASES = {"int8_t": "signed char", "uint8_t": "unsigned char", "int16_t": "short", "uint16_t": "unsigned short",
               "int32_t": "int", "uint32_t": "unsigned int", "int64_t": "long", "uint64_t": "unsigned long",
               "size_t": "unsigned long", "ptrdiff_t": "long", "intptr_t": "long", "uintptr_t": "unsigned long"}
_QUALIFIED = re.compile(r"(?:::)?[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*")


def builtin_aliases(tu: Any) -> dict[str, str]:
    """Typedef and alias names (plain and namespace-qualified) of the project's code whose canonical type is a
    builtin one: `typedef unsigned char byte_t;` -> {"byte_t": "unsigned char"}. On the host `cp_tn<byte_t>`
    is `cp_tn<unsigned char>`, so the .cl must name the instance `k_uchar`, not `k_byte_t`. A name typedef'd
    to different types in different namespaces is left out (its plain spelling is ambiguous)."""
    if tu is None:
        return {}
    from clang.cindex import CursorKind

    found: dict[str, set[str]] = {}

    wanted = (CursorKind.NAMESPACE, CursorKind.TYPEDEF_DECL, CursorKind.TYPE_ALIAS_DECL)

    def visit(cursor: Any, prefix: str) -> None:
        for c in user_top_level_cursors(tu, wanted) if cursor is None else cursor.get_children():
            if c.kind not in wanted:
                continue  # before the location, which costs more to ask
            loc = c.location
            if loc.file is None or loc.is_in_system_header:
                continue
            if c.kind == CursorKind.NAMESPACE:
                visit(c, f"{prefix}{c.spelling}::")
            elif c.kind in (CursorKind.TYPEDEF_DECL, CursorKind.TYPE_ALIAS_DECL) and c.spelling:
                canon = c.underlying_typedef_type.get_canonical().spelling
                for key in {c.spelling, prefix + c.spelling}:
                    found.setdefault(key, set()).add(canon)

    visit(None, "")  # the TU's top level
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and next(iter(v)) in BUILTIN_TYPES}


def canonical_spec_args(funcs: list[DevFunc], tu: Any) -> None:
    """Explicit specialisations' template arguments through the project's typedefs (`copy_vector<Half, 4>` with
    `typedef __half Half;` is `copy_vector<__half, 4>`), so that a call in a kernel instance, whose arguments
    are the instance's canonical types, finds the one it names."""
    specs = [f for f in funcs if f.spec_args]
    if not specs or tu is None:
        return
    from clang.cindex import CursorKind

    canon: dict[str, set[str]] = {}
    for c in tu.cursor.walk_preorder():
        if c.kind in (CursorKind.TYPEDEF_DECL, CursorKind.TYPE_ALIAS_DECL) and c.spelling and c.location.file \
                and not c.location.is_in_system_header:
            canon.setdefault(c.spelling, set()).add(c.underlying_typedef_type.get_canonical().spelling)
    one = {k: next(iter(v)) for k, v in canon.items() if len(v) == 1}
    for f in specs:
        f.spec_args = tuple(one.get(a, a) for a in f.spec_args)


def object_macros(texts: list[str]) -> dict[str, str]:
    """Object-like macros among `#define` texts: {"T": "float"} for `#define T float`. A name defined twice
    with different bodies (`#ifdef DOUBLE #define T double #else #define T float`) is left out: which one the
    compiler sees depends on the build's flags."""
    found: dict[str, set[str]] = {}
    for text in texts:
        m = re.match(r"\s*#\s*define\s+([A-Za-z_]\w*)(?!\()(.*)", text.replace("\\\n", " "), re.S)
        if m and m.group(2).strip():
            found.setdefault(m.group(1), set()).add(" ".join(m.group(2).split()))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def canonical_subst(func: DevFunc, subst: dict[str, str], aliases: dict[str, str],
                    macros: dict[str, str] | None = None) -> dict[str, str]:
    """The substitution as the host stub sees it: object-like macros expanded (`k<T>` with `#define T int` is
    `k<int>` to the compiler, and cp_tn<T> says "int"), then typedef names of builtin types replaced by the
    builtin (a type argument only: `k<byte_t>` and `k<unsigned char>` are one instance)."""
    out = dict(subst)
    for tp in func.tparams:
        arg = " ".join(out.get(tp.name, "").split())
        for _ in range(8):  # macros naming macros, to a fixed depth (a recursive one stops there)
            new = re.sub(r"[A-Za-z_]\w*", lambda m: (macros or {}).get(m.group(0), m.group(0)), arg)
            if new == arg:
                break
            arg = new
        if tp.kind == "type" and arg.lstrip(":") in aliases:
            arg = aliases[arg.lstrip(":")]
        elif tp.kind == "type" and arg.lstrip(":").removeprefix("std::") in STD_ALIASES:
            arg = STD_ALIASES[arg.lstrip(":").removeprefix("std::")]
        if tp.name in out:
            out[tp.name] = arg
    return out


def is_builtin(arg: str) -> bool:
    return canonical_type(" ".join(arg.split())) in _BUILTIN_CANON


def user_type_names(args: list[str]) -> str:
    """Host C++ naming each user type a kernel template is instantiated with, for the stubs' `cp_tn<T>`.

    The primary cp_tn calls `cp_type_name((T*)0)`, found by argument-dependent lookup at the stub's
    instantiation, so these overloads can come after every use (here: the end of the file) and live in the
    type's namespace, which an explicit specialisation of cp_tn could not. `inline`, not `static`: every file
    that launches an instance defines the same function (one definition rule for cp_tn<T>::get). Spellings
    that cannot be named that way (not a plain or qualified name with optional template arguments) are left
    out: their stub does not compile, which is what the user must see rather than a launch of the wrong
    instance.
    """
    out: list[str] = []
    seen: set[str] = set()
    for arg in args:
        arg = " ".join(arg.split())
        if not arg or is_builtin(arg) or arg in seen:
            continue
        seen.add(arg)
        base = arg.split("<", 1)[0].strip()
        if not _QUALIFIED.fullmatch(base):
            continue
        if "<" in arg and not arg.endswith(">"):
            continue
        quals = [q for q in base.split("::") if q][:-1]
        line = f"inline const char* cp_type_name({arg}*) {{ return \"{mangle(arg)}\"; }}"
        for ns in reversed(quals):
            line = f"namespace {ns} {{ {line} }}"
        out.append(line)
    if not out:
        return ""
    return ("\n/* cudaport: names of the user types kernel templates are instantiated with (see cp_tn) */\n"
            + "\n".join(out) + "\n")
