"""OpenCL target: a template instance's dependent constants as the values clang evaluated for it.

OpenCL C has no templates, so each instance of a device function or kernel template is cloned with its
arguments substituted. Constants that depend on them, `constexpr int kLog = ilog2(Kt::kElts);` in a kernel of
`template <typename Kt>`, `Kt::kB` of a traits class (`static constexpr int kB = B_;`), stay expressions the
translator cannot evaluate (constexpr functions, sizeof of user types, class members): the clone of
`f<kLog, Kt::kB>(x)` was named `f_kLog_traits_1_2_float_kB` and its body used names undefined there. clang
evaluated all of them for each instance (frontend.specializations.instance_constants); this module writes those
values into the instance's text:

- the initialiser of each `constexpr` integral local (matched to clang's by name and order of declaration)
  becomes its value, so template arguments, array sizes and static assertions naming it fold;
- `X<args>::member` of a class template whose instance clang evaluated becomes the value;
- `if constexpr (c)` becomes `if (1)`/`if (0)` with the discarded branch emptied: clang never instantiated it,
  and what it names (a local of that branch, a clone for arguments the instance lacks) has no value.

Input: the instance's body text (template parameters substituted, constexpr still spelled), its template
arguments and a lookup of clang's instances by template name. Output: the body text. Without clang, or where
the declarations do not line up with clang's, the text stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from translator.frontend.lexer import IDENT
from translator.frontend.specializations import InstanceConstants
from translator.targets.opencl.constfold import fold, local_constants
from translator.targets.opencl.halfconv import cl_half_types
from translator.targets.opencl.spelling import VECTOR_TYPE, canonical_c_type
from translator.targets.opencl.text import Rewriter

Lookup = Callable[[str], Sequence[InstanceConstants]]
_STMT_START = {";", "{", "}", ")"}


def evaluate_instance(body: str, name: str, args: Sequence[str], lookup: Lookup | None,
                      class_names: set[str] | frozenset[str] = frozenset(),
                      names: dict[str, str] | None = None,
                      type_names: set[str] | frozenset[str] = frozenset()) -> str:
    """The body of the instance `name<args>` with its dependent constants evaluated (see the module)."""
    if lookup is None or ("constexpr" not in body and not class_names):
        return body
    names = names or {}
    body = _members(body, lookup, class_names, names, type_names) if class_names else body
    rw = Rewriter(body)
    decls = _constexpr_decls(rw)
    ifs = [k for k, t in enumerate(rw.toks) if t.text == "if" and k + 1 < len(rw.toks)
           and rw.toks[k + 1].text == "constexpr"]
    if not decls and not ifs:
        return body
    unknown = any(fold(rw.tok_text(a, b), names) is None for _n, _o, a, b in decls) or \
        any(_fold_if(rw, k, names) is None for k in ifs)
    got = _instance(lookup(name), args) if unknown else None
    values = got.values if got is not None else {}
    for var, ordinal, a, b in decls:
        value = values.get(("var", var, ordinal))
        if value is not None:
            rw.replace(rw.toks[a].offset, rw.toks[b].end, _literal(value))
    if rw.edits:
        body = rw.result()
        rw = Rewriter(body)
        ifs = [k for k, t in enumerate(rw.toks) if t.text == "if" and k + 1 < len(rw.toks)
               and rw.toks[k + 1].text == "constexpr"]
    return _prune(rw, ifs, values, names) if ifs else body


def _instance(instances: Sequence[InstanceConstants], args: Sequence[str]) -> InstanceConstants | None:
    """The specialization whose arguments are these (all that match agreeing), else None."""
    want = [_norm(a) for a in args]
    found = [i for i in instances if len(i.args) == len(want)
             and all(w in {_norm(s) for s in spelled} for w, spelled in zip(want, i.args, strict=True))]
    ok = found and all((f.values, f.types) == (found[0].values, found[0].types) for f in found)
    return found[0] if ok else None


def _norm(arg: str) -> str:
    a = " ".join(cl_half_types(arg).split())
    a = re.sub(r"^(typename|struct|class)\s+", "", a)
    a = {"true": "1", "false": "0"}.get(a, a)
    if re.fullmatch(r"[-+~()\d\s<>*/%&|^xXa-fA-FuUlL]+", a):
        a = fold(a, {}) or a
    return canonical_c_type(a).replace(" ", "")


def _literal(value: int) -> str:
    if value < 0:
        return f"({value})"
    return f"{value}UL" if value > 2**63 - 1 else str(value)


def _constexpr_decls(rw: Rewriter) -> list[tuple[str, int, int, int]]:
    """(name, ordinal among the body's constexpr declarations of that name, first and last token of its
    `= initialiser`) per declarator of a `constexpr` declaration with `=` (direct initialisation stays)."""
    toks = rw.toks
    out: list[tuple[str, int, int, int]] = []
    seen: dict[str, int] = {}
    k, n = 0, len(toks)
    while k < n:
        if toks[k].text != "constexpr" or (k > 0 and toks[k - 1].text == "if"):
            k += 1
            continue
        s = k - 1
        while s >= 0 and toks[s].text in ("static", "const", "inline"):
            s -= 1
        if s >= 0 and toks[s].text not in _STMT_START:
            k += 1
            continue
        j, depth = k + 1, 0
        while j < n and not (depth == 0 and toks[j].text in (";", "{")):  # the declaration's declarators
            if toks[j].kind == IDENT and depth == 0 and j + 1 < n and toks[j + 1].text == "=" \
                    and toks[j - 1].text not in ("::", ".", "->"):
                e, d = j + 2, 0
                while e < n and not (d == 0 and toks[e].text in (";", ",")):
                    close = rw.angle(e) if toks[e].text == "<" and toks[e - 1].kind == IDENT else -1
                    if close > 0 and close + 1 < n and toks[close + 1].text in ("::", "(", "{"):
                        e = close + 1  # `traits<1, 2, float>::kB`: its commas separate no declarators
                        continue
                    d += toks[e].text in ("(", "[", "{")
                    d -= toks[e].text in (")", "]", "}")
                    e += 1
                if e > j + 2:
                    out.append((toks[j].text, seen.get(toks[j].text, 0), j + 2, e - 1))
                    seen[toks[j].text] = seen.get(toks[j].text, 0) + 1
                j = e
                continue
            depth += toks[j].text in ("(", "[", "<")
            depth -= toks[j].text in (")", "]", ">")
            if depth < 0:
                break
            j += 1
        k = j
    return out


def _fold_if(rw: Rewriter, k: int, names: dict[str, str]) -> str | None:
    """The condition of the `if constexpr` at token k folded with the constants declared before it."""
    toks = rw.toks
    if k + 2 >= len(toks) or toks[k + 2].text != "(":
        return None
    close = rw.match(k + 2)
    if close < 0:
        return None
    local = {a: f"({v})" for a, v in local_constants(toks, toks[k].offset).items()}
    return fold(rw.tok_text(k + 3, close - 1), {**names, **local}) if close > k + 3 else None


def _prune(rw: Rewriter, ifs: list[int], values: dict[tuple[str, str, int], int], names: dict[str, str]) -> str:
    """Each `if constexpr` whose condition is known (clang's value, else folded): `if (1)`/`if (0)`, the
    discarded branch `{}`. Branches that are single statements other than blocks and plain statements stay."""
    toks = rw.toks
    skip_to = -1
    for ordinal, k in enumerate(ifs):
        if k <= skip_to:
            continue  # inside a branch already discarded
        value = values.get(("if", "", ordinal))
        if value is None:
            folded = _fold_if(rw, k, names)
            value = int(folded) if folded is not None else None
        close = rw.match(k + 2) if k + 2 < len(toks) and toks[k + 2].text == "(" else -1
        if value is None or close < 0:
            continue
        then_end = _statement_end(rw, close + 1)
        if then_end < 0:
            continue
        has_else = then_end + 1 < len(toks) and toks[then_end + 1].text == "else"
        else_end = _statement_end(rw, then_end + 2) if has_else else -1
        if has_else and else_end < 0:
            continue
        rw.replace(toks[k + 1].offset, toks[close].end, f"({int(bool(value))})")
        if value:
            if has_else:
                rw.replace(toks[then_end + 2].offset, toks[else_end].end, "{}")
                skip_to = else_end
        else:
            rw.replace(toks[close + 1].offset, toks[then_end].end, "{}")
            skip_to = then_end
    return rw.result()


def _statement_end(rw: Rewriter, i: int) -> int:
    """The last token of the statement starting at token i: a block, an `if`/`else` chain, or a plain
    statement up to its `;`; -1 for other statements (loops, switch), which pruning leaves alone."""
    toks = rw.toks
    if i >= len(toks):
        return -1
    if toks[i].text == "{":
        return rw.match(i)
    if toks[i].text == "if":
        j = i + 1 + (i + 1 < len(toks) and toks[i + 1].text == "constexpr")
        if j >= len(toks) or toks[j].text != "(":
            return -1
        end = _statement_end(rw, rw.match(j) + 1)
        if end >= 0 and end + 1 < len(toks) and toks[end + 1].text == "else":
            return _statement_end(rw, end + 2)
        return end
    if toks[i].text in ("for", "while", "do", "switch", "else"):
        return -1
    j, depth = i, 0
    while j < len(toks) and not (depth == 0 and toks[j].text == ";"):
        depth += toks[j].text in ("(", "[", "{")
        depth -= toks[j].text in (")", "]", "}")
        if depth < 0:
            return -1
        j += 1
    return j if j < len(toks) else -1


def _members(body: str, lookup: Lookup, class_names: set[str] | frozenset[str], names: dict[str, str],
             type_names: set[str] | frozenset[str]) -> str:
    """`X<args>::m` of a class template X whose instance clang evaluated: the integer value of a static
    constexpr member m, or the type a member alias m names (`typename X<args>::m` whole). Innermost first:
    `X<Y<4>::n>::m` once `Y<4>::n` is a number."""
    for _ in range(4):
        rw = Rewriter(body)
        toks = rw.toks
        n = len(toks)
        for k, t in enumerate(toks):
            if t.text not in class_names or k + 1 >= n or toks[k + 1].text != "<" \
                    or (k > 0 and toks[k - 1].text in ("::", ".", "->")):
                continue
            close = rw.angle(k + 1)
            if close < 0 or close + 2 >= n or toks[close + 1].text != "::" or toks[close + 2].kind != IDENT:
                continue
            if close + 3 < n and toks[close + 3].text in ("(", "<", "::"):
                continue  # a member function, a member template, a nested name
            args = [rw.tok_text(a, b) for a, b in rw.split(k + 1, close)] if close > k + 1 else []
            if any("::" in a for a in args):
                continue  # resolved once its arguments are
            got = _instance(lookup(t.text), [fold(a, names) or a for a in args])
            if got is None:
                continue
            member = toks[close + 2].text
            typename = k > 0 and toks[k - 1].text == "typename"
            value = got.values.get(("var", member, 0))
            if value is not None and not typename:
                rw.replace(t.offset, toks[close + 2].end, _literal(value))
            elif member in got.types:
                rw.replace(toks[k - 1].offset if typename else t.offset, toks[close + 2].end,
                           _type_spelling(got.types[member], type_names))
        if not rw.edits:
            break
        body = rw.result()
    return body


def _type_spelling(t: str, type_names: set[str] | frozenset[str]) -> str:
    """clang's spelling of a type in the program's: half types renamed, a user type named like an OpenCL
    vector type under its `cp_` name (FileEmitter renames those)."""
    t = re.sub(r"^(struct|class|union|enum)\s+", "", t.strip())
    if VECTOR_TYPE.fullmatch(t) and f"cp_{t}" in type_names:
        return f"cp_{t}"
    return cl_half_types(t)
