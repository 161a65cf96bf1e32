"""Rule loading: reads the declarative rule files under rules/ (and --rules FILE), validates them, and
indexes entries by CUDA name.

Input: YAML files (schema in rules/README.md). Output: a RuleSet mapping each CUDA name to a Rule with
one TargetRule per target. Every problem is a RuleError naming the file and line.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from translator.engine.diagnostics import CATALOGUE
from translator.resources import diagnostics_file, rules_dir

TARGETS = ("hip", "sycl", "opencl")
TABLES = "tables"  # rules/tables/: see engine/tables.py
KINDS = ("function", "type", "enum", "macro", "builtin", "header", "keyword", "variable")
STATUSES = ("supported", "partial", "shim", "unsupported", "removed")
_TARGET_KEYS = {"rename", "template", "statement", "handler", "status", "code", "reason", "note", "include", "legacy",
                "member"}
_ENTRY_KEYS = {"kind", "since", "deprecated", "removed", "note", "risk", *TARGETS}
_PLACEHOLDER = re.compile(r"\$(?:\d+|\*\d*|T|dim|rdim|m|name|(?:deref|addr|str)\(\$\d+\))")


class RuleError(Exception):
    """A rule file is malformed. str() is one line: file:line: what is wrong."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line


@dataclass(frozen=True, slots=True)
class LegacyRule:
    """A different mapping used when the target's version is below `below` (e.g. HIP < 6.2)."""

    below: tuple[int, ...]
    rename: str | None
    template: str | None
    code: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class TargetRule:
    status: str = "supported"
    rename: str | None = None
    template: str | None = None
    handler: str | None = None
    code: str | None = None
    reason: str | None = None
    note: str | None = None
    include: tuple[str, ...] = ()
    legacy: tuple[LegacyRule, ...] = ()
    member: tuple[tuple[str, str], ...] = ()  # builtin member templates: (("x", "get_local_id(0)"), ...)
    # The target's direct call, for a call that is a whole statement whose value (the CUDA error) is discarded;
    # `template` (typically a helper returning the error code) for every other use.
    statement: str | None = None

    @property
    def drops_include(self) -> bool:
        return self.rename == ""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    family: str
    section: str
    path: str
    line: int
    targets: dict[str, TargetRule]
    since: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    note: str | None = None
    risk: str | None = None  # a CP3xxx code flagged at every use, whatever the target

    def for_target(self, target: str) -> TargetRule | None:
        return self.targets.get(target)


@dataclass(frozen=True, slots=True)
class Example:
    path: str
    line: int
    name: str
    cuda: str
    expected: dict[str, str]
    options: dict[str, Any]


@dataclass
class RuleSet:
    rules: dict[str, Rule] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def get(self, name: str) -> Rule | None:
        return self.rules.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.rules

    def __len__(self) -> int:
        return len(self.rules)

    def headers(self) -> dict[str, Rule]:
        return {n: r for n, r in self.rules.items() if r.kind == "header"}

    def merge(self, other: RuleSet) -> None:
        """User rules override built-in entries of the same name."""
        self.rules.update(other.rules)
        self.examples.extend(other.examples)
        self.files.extend(other.files)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings remember the line of each key (for error messages)."""


class _LineDict(dict):
    lines: dict[str, int]
    line: int


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, int | float | bool) or key is None:
            key = str(key) if key is not None else "null"
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _version(text: str, path: Path, line: int) -> tuple[int, ...]:
    if not re.fullmatch(r"\d+(\.\d+)*", str(text)):
        raise RuleError(path, line, f"version {text!r} is not of the form 6.2")
    return tuple(int(p) for p in str(text).split("."))


def _check_code(code: Any, path: Path, line: int) -> str:
    if not isinstance(code, str) or code not in CATALOGUE:
        raise RuleError(path, line, f"unknown diagnostic code {code!r} (see translator/engine/diagnostics.yaml)")
    return code


def _check_template(text: Any, path: Path, line: int) -> str:
    if not isinstance(text, str):
        raise RuleError(path, line, "template must be a string")
    for m in re.finditer(r"\$[A-Za-z0-9_]*\*?\d*(?:\(\$\d+\))?", text):
        if not _PLACEHOLDER.fullmatch(m.group(0)):
            raise RuleError(path, line, f"unknown placeholder {m.group(0)!r} in template {text!r}")
    return text


_DEFAULT_CODE = {"partial": "CP2003", "shim": "CP2004", "unsupported": "CP2001", "removed": "CP2005"}


def _target_rule(value: Any, path: Path, line: int, name: str, kind: str) -> TargetRule:
    if isinstance(value, str):
        if value == "same":
            return TargetRule(rename=name)
        if value in ("shim",):
            return TargetRule(status="shim", rename=name, code="CP2004")
        if value in STATUSES:
            raise RuleError(path, line, f"{name}: status {value!r} needs the mapping form with a reason")
        return TargetRule(rename=value)
    if value is None and kind == "header":
        return TargetRule(rename="")
    if not isinstance(value, dict):
        raise RuleError(path, line, f"{name}: a target's value must be a name, 'same', 'shim' or a mapping")
    lines = getattr(value, "lines", {})
    unknown = set(value) - _TARGET_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(path, lines.get(key, line), f"{name}: unknown key {key!r}")
    status = value.get("status", "supported")
    if status not in STATUSES:
        raise RuleError(path, lines.get("status", line), f"{name}: status must be one of {', '.join(STATUSES)}")
    code = value.get("code", _DEFAULT_CODE.get(status))
    if code is not None:
        code = _check_code(code, path, lines.get("code", line))
    if status == "unsupported" and not value.get("reason"):
        raise RuleError(path, line, f"{name}: an unsupported mapping needs a reason")
    template = value.get("template")
    if template is not None:
        template = _check_template(template, path, lines.get("template", line))
    rename = value.get("rename")
    if status == "shim" and rename is None and template is None and "handler" not in value:
        rename = name
    if status in ("supported", "partial", "removed") and not (
        rename is not None or template is not None or value.get("handler") or value.get("member")
    ):
        raise RuleError(path, line, f"{name}: a {status} mapping needs rename, template, member or handler")
    include = value.get("include", ())
    if isinstance(include, str):
        include = (include,)
    legacy = []
    for item in value.get("legacy", ()) or ():
        if not isinstance(item, dict) or "below" not in item:
            raise RuleError(path, lines.get("legacy", line), f"{name}: legacy entries need 'below'")
        il = getattr(item, "line", line)
        legacy.append(LegacyRule(
            below=_version(item["below"], path, il),
            rename=item.get("rename"),
            template=_check_template(item["template"], path, il) if "template" in item else None,
            code=_check_code(item["code"], path, il) if "code" in item else None,
            note=item.get("note"),
        ))
    statement = value.get("statement")
    if statement is not None:
        if template is None:
            raise RuleError(path, lines.get("statement", line), f"{name}: a statement form needs a template too")
        statement = _check_template(statement, path, lines.get("statement", line))
    member = value.get("member") or {}
    if not isinstance(member, dict):
        raise RuleError(path, lines.get("member", line), f"{name}: member must map x/y/z to templates")
    return TargetRule(
        status=status, rename=rename, template=template, handler=value.get("handler"), code=code,
        reason=value.get("reason"), note=value.get("note"), include=tuple(include), legacy=tuple(legacy),
        member=tuple((str(k), str(v)) for k, v in member.items()), statement=statement,
    )


def load_file(path: Path) -> RuleSet:
    """Load and validate one rule file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, 1, f"rule file is not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise RuleError(path, 0, f"cannot read rule file: {exc.strerror}") from None
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(path, mark.line + 1 if mark else 1, f"invalid YAML: {problem}") from None
    if not isinstance(doc, dict):
        raise RuleError(path, 1, "a rule file must be a mapping with 'family' and 'entries'")
    for key in ("family", "entries"):
        if key not in doc:
            raise RuleError(path, 1, f"missing top-level key {key!r}")
    family = str(doc["family"])
    section = str(doc.get("section", path.stem))
    entries = doc["entries"]
    if not isinstance(entries, dict):
        raise RuleError(path, doc.lines.get("entries", 1), "'entries' must map CUDA names to rules")
    rs = RuleSet(files=[str(path)])
    for name, body in entries.items():
        line = entries.lines.get(name, 1)
        if not isinstance(body, dict):
            raise RuleError(path, line, f"{name}: an entry must be a mapping with 'kind' and targets")
        unknown = set(body) - _ENTRY_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise RuleError(path, body.lines.get(key, line), f"{name}: unknown key {key!r}")
        kind = body.get("kind", "function")
        if kind not in KINDS:
            raise RuleError(path, line, f"{name}: kind must be one of {', '.join(KINDS)}")
        targets = {
            t: _target_rule(body[t], path, body.lines.get(t, line), name, kind) for t in TARGETS if t in body
        }
        risk = body.get("risk")
        if risk is not None:
            risk = _check_code(risk, path, body.lines.get("risk", line))
        rs.rules[name] = Rule(
            name=name, kind=kind, family=family, section=section, path=str(path), line=line,
            targets=targets, since=_opt_str(body.get("since")), deprecated=_opt_str(body.get("deprecated")),
            removed=_opt_str(body.get("removed")), note=body.get("note"), risk=risk,
        )
    for i, ex in enumerate(doc.get("examples", []) or []):
        eline = getattr(ex, "line", 1)
        if not isinstance(ex, dict) or "cuda" not in ex:
            raise RuleError(path, eline, "each example needs a 'cuda' text and at least one target's output")
        expected = {t: ex[t] for t in TARGETS if t in ex}
        if not expected:
            raise RuleError(path, eline, "example has no expected output for any target")
        rs.examples.append(Example(
            path=str(path), line=eline, name=str(ex.get("name", f"example {i + 1}")), cuda=ex["cuda"],
            expected=expected, options=dict(ex.get("options", {}) or {}),
        ))
    return rs


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def rule_files(root: Path, *, tables: bool = False) -> list[Path]:
    """The rule files under `root`; with `tables`, also rules/tables/ (CUDA-name tables that handlers read
    through engine/tables.py, not translation rules)."""
    return sorted(p for p in root.rglob("*.yaml")
                  if p.is_file() and (tables or p.relative_to(root).parts[0] != TABLES))


def _cache_path(files: list[Path]) -> Path:
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(diagnostics_file().read_bytes())
    for f in files:
        st = f.stat()
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cudaport"
    return cache / f"rules-{h.hexdigest()[:16]}.pickle"


def _load_builtin(root: Path) -> RuleSet:
    """The built-in rules, from a pickle cache keyed by the rule files' names, sizes and mtimes (parsing
    thousands of YAML entries with line tracking takes seconds; every worker process needs them)."""
    # rules/modes/<mode>/ holds overlays a target applies on request (HIP's --roc); not part of the base set.
    files = [f for f in rule_files(root) if f.relative_to(root).parts[0] != "modes"]
    cache = _cache_path(files)
    try:
        with cache.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, RuleSet):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    rs = RuleSet()
    seen: dict[str, str] = {}
    for path in files:
        part = load_file(path)
        for name, rule in part.rules.items():
            if name in seen:
                raise RuleError(path, rule.line, f"{name} is already defined in {seen[name]}")
            seen[name] = f"{rule.path}:{rule.line}"
        rs.merge(part)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(rs, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home: no cache, still correct
    return rs


def load_rules(extra: Iterable[Path] = (), root: Path | None = None) -> RuleSet:
    """Load the built-in rules (every YAML file under rules/) and then the user's files, which override."""
    root = root or rules_dir()
    base = _load_builtin(root)
    rs = RuleSet(rules=dict(base.rules), examples=list(base.examples), files=list(base.files))
    for path in extra:
        path = Path(path)
        if not path.is_file():
            raise RuleError(path, 0, "rule file not found")
        rs.merge(load_file(path))
    return rs
