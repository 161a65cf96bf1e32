"""Front end, the instantiations of a function template that clang made for a translation unit: the template
arguments of every specialization, as clang's JSON AST lists them under the template's declaration.

libclang's cursors show a template's pattern only, never its instantiations, so a kernel launched with
arguments that exist only once templates are instantiated (`k<T, N><<<...>>>` inside a host template called
as `run<float, 64>()`, inside a dispatch macro's lambda with `constexpr int N = 4;`, in a `#define` expanded
with several values) cannot be named from the cursors. An installed clang (Debian clang-15) dumps the
declaration with `-ast-dump-filter`, specializations included.

Input: the file's path and bytes, its compiler arguments (frontend.clang.compiler_args) and the template's
name. Output: one argument list per specialization (type spellings, integer values), or None without clang.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

_CLANGS = ("clang++-15", "clang++")
_TIMEOUT_S = 60
_PARAMS = ("TemplateTypeParmDecl", "NonTypeTemplateParmDecl", "TemplateTemplateParmDecl")


@functools.cache
def _clang() -> str | None:
    return next((p for p in map(shutil.which, _CLANGS) if p), None)


def specializations_available() -> bool:
    return _clang() is not None


def specializations(path: Path, data: bytes, args: Sequence[str], name: str, count: int
                    ) -> list[list[str]] | None:
    """Argument lists of the specializations of the function template(s) named `name` (unqualified) with
    `count` template parameters; None when no clang can be run."""
    return _cached(str(path), data, tuple(args), name, count)


def _ast_dump(path: str, data: bytes, args: tuple[str, ...], name: str, dump: tuple[str, ...]) -> str | None:
    """clang's AST dump (`dump`: the -ast-dump option and any more flags) of the declarations named `name` in the
    unit `data`, compiled as `path` with `args`; None when no clang can be run or it does not finish."""
    clang = _clang()
    if clang is None or not name.isidentifier():
        return None
    here = Path(path).parent
    cmd = [clang, *args, "-iquote", str(here), "-fsyntax-only", "-Wno-everything", "-ferror-limit=0",
           "-Xclang", dump[0], "-Xclang", f"-ast-dump-filter={name}", *dump[1:], "-"]
    try:
        run = subprocess.run(cmd, input=data, capture_output=True, timeout=_TIMEOUT_S, cwd=here if here.is_dir()
                             else None, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return run.stdout.decode("utf-8", "replace")


@functools.lru_cache(maxsize=64)
def _cached(path: str, data: bytes, args: tuple[str, ...], name: str, count: int) -> list[list[str]] | None:
    text = _ast_dump(path, data, args, name, ("-ast-dump=json",))
    if text is None:
        return None
    out: list[list[str]] = []
    for node in _objects(text):
        if node.get("kind") != "FunctionTemplateDecl" or node.get("name") != name:
            continue
        inner = node.get("inner", [])
        params = [n for n in inner if n.get("kind", "") in _PARAMS]
        if len(params) != count:
            continue
        for spec in inner:
            if spec.get("kind") != "FunctionDecl":
                continue
            targs = [n for n in spec.get("inner", []) if n.get("kind") == "TemplateArgument"]
            if len(targs) != count:
                continue  # the pattern itself, or a specialization with a pack
            spelled = [_spelling(a) for a in targs]
            if all(s is not None for s in spelled) and spelled not in out:
                out.append(spelled)  # type: ignore[arg-type]
    return out


def _spelling(arg: dict) -> str | None:
    """A type argument's spelling (through typedefs) or an integral argument's value."""
    if "value" in arg:
        return str(arg["value"])
    t = arg.get("type")
    if isinstance(t, dict):
        return t.get("desugaredQualType") or t.get("qualType")
    return None


def _objects(text: str) -> list[dict]:
    """The top-level JSON objects clang writes one after another (one per declaration the filter matched)."""
    dec = json.JSONDecoder()
    out, i, n = [], 0, len(text)
    while i < n:
        while i < n and text[i] != "{":
            i += 1
        if i >= n:
            break
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError:
            break
        if isinstance(obj, dict):
            out.append(obj)
    return out


# -- constant values of the instances (clang's text dump: the JSON dump omits evaluated values) -------------------

@dataclass(frozen=True)
class InstanceConstants:
    """One specialization of a function or class template, as clang instantiated it.

    args: its template arguments (type spellings, through typedefs where clang shows both, or integer values);
    values: ("var", name, ordinal) -> the integer value of a `constexpr` integral variable of the pattern (a
    local of a function, a static data member of a class), ordinal counting the pattern's declarations of that
    name in source order; ("if", "", ordinal) -> 1 or 0, the condition of the pattern's ordinal-th `if
    constexpr`. A declaration in a branch the instance discards has no value. types: a class's member type
    aliases (`using T = ...;`, `typedef ... T;`) -> the type clang resolved (through typedefs)."""

    args: tuple[tuple[str, ...], ...]  # per argument, its spellings (written, desugared)
    values: dict[tuple[str, str, int], int]
    types: dict[str, str] = field(default_factory=dict)


def instance_constants(path: Path, data: bytes, args: Sequence[str], name: str) -> list[InstanceConstants] | None:
    """The evaluated constants of every specialization of the function or class template(s) named `name`
    (unqualified) that clang made for this unit; None when no clang can be run."""
    return _constants_cached(str(path), data, tuple(args), name)


@functools.lru_cache(maxsize=64)
def _constants_cached(path: str, data: bytes, args: tuple[str, ...], name: str) -> list[InstanceConstants] | None:
    text = _ast_dump(path, data, args, name, ("-ast-dump", "-fno-color-diagnostics"))
    return None if text is None else parse_constants(text, name)


_TREE = re.compile(r"[| `-]*")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LOC = re.compile(r"(?:(?<=[<\s,])|^)(?:col:(\d+)|line:(\d+):(\d+)|(<[a-z ]+>|[^\s<>,:']+):(\d+):(\d+))")
_VALUE = re.compile(r"value: Int (-?\d+)$")
_INTEGRAL = {"bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int",
             "long", "unsigned long", "long long", "unsigned long long", "__int128", "unsigned __int128"}


def parse_constants(text: str, name: str) -> list[InstanceConstants]:
    """The specializations of `name` in clang's `-ast-dump` text (see instance_constants): those of its
    templates, and its explicit class specializations (`template <> struct X<16> {...}`), dumped on their own.
    Each dumped declaration starts a fresh dumper, whose locations name only what changed since the last one
    printed (`col:5`, `line:3:5`, `file:3:5`): they are tracked to order the declarations."""
    lines = text.splitlines()
    out: list[InstanceConstants] = []
    i, n = 0, len(lines)
    while i < n:
        words = lines[i].split()
        template = lines[i].startswith(("FunctionTemplateDecl ", "ClassTemplateDecl ")) and words[-1] == name
        explicit = lines[i].startswith("ClassTemplateSpecializationDecl ") and words[-2:] == [name, "definition"]
        if not template and not explicit:
            i += 1
            continue
        j = i + 1
        while j < n and lines[j][:1] in ("|", "`", " "):
            j += 1
        out += _template_constants(lines[i:j], explicit)
        i = j
    return out


_Decl = tuple[str, tuple[str, int, int], "int | str | None"]


def _template_constants(lines: list[str], explicit: bool) -> list[InstanceConstants]:
    """One template's dump: its pattern (the first FunctionDecl or CXXRecordDecl child) and specializations;
    or one explicit specialization (`explicit`), which is its own pattern."""
    state = ["", 0]  # the dumper's last file and line
    top = 0 if explicit else 1  # the depth of the specializations
    nodes: list[tuple[str, list[str], list[_Decl]]] = []
    for k, line in enumerate(lines):
        depth = len(_TREE.match(line).group(0)) // 2  # type: ignore[union-attr]
        body = line[depth * 2:]
        first, loc = _track(body, state)
        if depth == top and body.startswith(("FunctionDecl ", "CXXRecordDecl ", "ClassTemplateSpecializationDecl ")):
            nodes.append((body.split()[0], [], []))
            continue
        if not nodes or depth <= top:
            continue
        _kind, targs, decls = nodes[-1]
        plain = _QUOTED.sub("", body)
        if depth == top + 1 and body.startswith("TemplateArgument "):
            targs.append(body)
        elif depth == top + 1 and body.startswith(("TypeAliasDecl ", "TypedefDecl ")) and loc is not None:
            m = re.search(r"(\w+) '", body)
            spelled = _QUOTED.findall(body)
            if m and spelled and _kind != "CXXRecordDecl":
                decls.append(("type:" + m.group(1), loc, spelled[-1].strip("'")))
        elif body.startswith("VarDecl ") and loc is not None and " constexpr" in plain:
            m = re.search(r"(\w+) '", body)
            spelled = _QUOTED.findall(body)
            if m and spelled and _integral(spelled[-1]):
                decls.append(("var:" + m.group(1), loc, _value_below(lines, k, depth, 1)))
        elif body.startswith("IfStmt ") and first is not None and plain.rstrip().endswith("constexpr"):
            # by where it begins: an instance's range ends early when it drops the else branch
            decls.append(("if:", first, _value_below(lines, k, depth, 2)))
    if not explicit and (not nodes or nodes[0][0] == "ClassTemplateSpecializationDecl" or nodes[0][1]):
        return []
    pattern = nodes[0][2] if nodes else []
    ordinals: dict[tuple[str, tuple[str, int, int]], int] = {}
    counts: dict[str, int] = {}
    for key, loc, _v in sorted(pattern, key=lambda d: d[1]):
        ordinals[(key, loc)] = counts.get(key, 0)
        counts[key] = counts.get(key, 0) + 1
    out = []
    for _kind, targs, decls in nodes if explicit else nodes[1:]:
        if not targs:
            continue
        spelled = [_template_argument(a) for a in targs]
        if any(s is None for s in spelled):
            continue  # a pack, a template template argument
        values: dict[tuple[str, str, int], int] = {}
        types: dict[str, str] = {}
        for key, loc, value in decls:
            kind, _, var = key.partition(":")
            if kind == "type" and isinstance(value, str):
                types.setdefault(var, value)
            elif isinstance(value, int) and (key, loc) in ordinals:
                values[(kind, var, ordinals[(key, loc)])] = value
        out.append(InstanceConstants(tuple(spelled), values, types))  # type: ignore[arg-type]
    return out


def _track(body: str, state: list) -> tuple[tuple[str, int, int] | None, tuple[str, int, int] | None]:
    """Advance the dumper's location state over the locations of this line: (the first, where a statement
    begins; the last, a declaration's own location, which follows its range), or None."""
    first = last = None
    for m in _LOC.finditer(_QUOTED.sub("''", body)):
        if m.group(1):
            last = (state[0], state[1], int(m.group(1)))
        elif m.group(2):
            state[1] = int(m.group(2))
            last = (state[0], state[1], int(m.group(3)))
        else:
            state[0], state[1] = m.group(4), int(m.group(5))
            last = (state[0], state[1], int(m.group(6)))
        first = first or last
    return first, last


def _value_below(lines: list[str], k: int, depth: int, within: int) -> int | None:
    """The `value: Int N` line at most `within` levels below line k (a constexpr variable's own value; the
    constant expression an `if constexpr` tests)."""
    for line in lines[k + 1:k + 1 + within]:
        d = len(_TREE.match(line).group(0)) // 2  # type: ignore[union-attr]
        if d <= depth:
            return None
        m = _VALUE.match(line[d * 2:])
        if m and d <= depth + within:
            return int(m.group(1))
    return None


def _integral(quoted: str) -> bool:
    t = re.sub(r"\b(const|volatile)\b", "", quoted.strip("'"))
    return " ".join(t.split()) in _INTEGRAL


def _template_argument(line: str) -> tuple[str, ...] | None:
    rest = line[len("TemplateArgument "):]
    if rest.startswith("integral "):
        return (rest.split()[1],)
    if rest.startswith("type "):
        spelled = tuple(q.strip("'") for q in _QUOTED.findall(rest))
        return spelled or None
    return None
