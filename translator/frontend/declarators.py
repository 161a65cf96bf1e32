"""Front-end token toolkit, declarations: the one parser of a `__shared__` (or namespace-scope `__device__`,
`__constant__`) declaration's text into its declarators, for the targets that rewrite such declarations.

Input: the declaration's source text (`extern __shared__ __align__(16) float a[N], b[2 * N];`). Output: one
(type, name, dims, init) per declarator, type and dims with whitespace normalised (`float`, `a`, `[N]`, ``), or
None for a shape it does not read. The top-level `,` and `=` are found by the lexer and the bracket toolkit, so
commas inside brackets, template argument lists (`Vec<T, 3>`) and literals never split, and `N << 1` or `p->x`
inside a dimension opens nothing.
"""

from __future__ import annotations

import re

from translator.frontend.brackets import CLOSE, OPEN, split_text, template_list_end
from translator.frontend.lexer import COMMENT, PUNCT, lex

Declarator = tuple[str, str, str, str]  # (type, name, dims, init)

DECL_WORDS = ("extern", "static", "__shared__", "__device__", "__constant__", "__managed__", "__align__")


def _split_init(body: str) -> tuple[str, str] | None:
    """(declarator, initialiser) at the first top-level `=` (`, ""` without one); None when a top-level comma
    comes first (several declarators)."""
    data = body.encode("utf-8", "surrogateescape")
    toks = [t for t in lex(data)[0] if t.kind != COMMENT]
    depth = 0
    j = 0
    while j < len(toks):
        t = toks[j]
        if t.kind == PUNCT:
            if t.text == "<" and depth == 0 and (k := template_list_end(toks, j, len(toks) - 1)) > j:
                j = k
            elif t.text in OPEN:
                depth += 1
            elif t.text in CLOSE:
                depth -= 1
            elif t.text == "," and depth == 0:
                return None
            elif t.text == "=" and depth == 0:
                head = data[:t.offset].decode("utf-8", "surrogateescape")
                return head.rstrip(), data[t.end:].decode("utf-8", "surrogateescape").strip()
        j += 1
    return body, ""


def _without_comments(text: str) -> str:
    data = text.encode("utf-8", "surrogateescape")
    for t in reversed([t for t in lex(data)[0] if t.kind == COMMENT]):
        data = data[:t.offset] + b" " + data[t.end:]
    return data.decode("utf-8", "surrogateescape")


def _dims(text: str) -> str:
    return re.sub(r"\s*([\[\]])\s*", r"\1", " ".join(text.split()))


def split_declaration(text: str) -> Declarator | None:
    """`[quals] type name[dims] [= init]` -> (type, name, dims, init); None for several declarators."""
    parts = _split_init(text.rstrip().rstrip(";").strip())
    if parts is None:
        return None
    body, init = parts
    body = re.sub(r"__align__\s*\([^)]*\)", "", _without_comments(body))  # the head only: init stays as written
    words = [w for w in re.split(r"(\s+)", body)]
    body = "".join(w for w in words if w.strip() not in DECL_WORDS).strip()
    m = re.match(r"^(.*?)([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$", body, re.DOTALL)
    if not m or not m.group(1).strip():
        return None
    return " ".join(m.group(1).split()), m.group(2), _dims(m.group(3)), init


def shared_declarators(text: str) -> list[Declarator] | None:
    """`__shared__ T a[N], b[M];` -> one (type, name, dims, init) per declarator, all of type T; None when a
    later declarator changes the type (`*p`, `&r`) or the text is not a declaration."""
    pieces = split_text(text)
    first = split_declaration(pieces[0]) if pieces else None
    if first is None or (len(pieces) > 1 and first[0].endswith(("*", "&"))):
        return None  # `T *p, q`: the `*` is p's, not the type of q
    out = [first]
    for piece in pieces[1:]:
        m = re.match(r"^\s*([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)(?:=(.*))?;?\s*$", piece, re.DOTALL)
        if m is None:
            return None
        out.append((first[0], m.group(1), _dims(m.group(2)), (m.group(3) or "").strip()))
    return out
