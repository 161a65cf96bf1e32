"""The incremental-run manifest, OUT/.cudaport/manifest.json: what the last run read and wrote.

Records the tool and rules versions, the options, and per input file its hash, flags, resolved include
dependencies, a key over everything its output depends on, the outputs written with their hashes, and its
findings. The runner compares it with the tree to retranslate only what changed and to spot user edits.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from translator import __version__
from translator.model import Finding, Severity

MANIFEST_DIR = ".cudaport"
MANIFEST_NAME = "manifest.json"
FORMAT = 1


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str | None:
    """Hash of a file's bytes, or None when it cannot be read (missing, a directory, no permission)."""
    try:
        return sha(path.read_bytes())
    except OSError:
        return None


def rules_version(extra_rules: list[Path] | tuple[Path, ...] = ()) -> str:
    """Hash of every built-in rule file and the user's --rules files: a new rule means a new translation."""
    from translator.engine.ruleset import rule_files
    from translator.resources import rules_dir

    h = hashlib.sha256()
    for p in list(rule_files(rules_dir(), tables=True)) + [Path(x) for x in extra_rules]:
        h.update(str(p.name).encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


@dataclass
class Entry:
    hash: str  # sha256 of the input bytes
    key: str  # sha256 over input, flags and the hashes of every file it includes (transitively)
    kind: str  # translated | copied | skipped | build | symlink | generated
    flags: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)  # resolved includes: tree-relative, or absolute outside
    outputs: dict[str, str] = field(default_factory=dict)  # output-relative path -> sha256 written
    findings: list[dict[str, Any]] = field(default_factory=list)
    guessed_dirs: list[str] = field(default_factory=list)  # -I directories inferred from the tree's layout

    def as_json(self) -> dict[str, Any]:
        """The fields by name, as asdict gives them but without its deep copy (json.dumps only reads them; the
        copy of every finding was most of the manifest's save time). The values are plain JSON data."""
        return {f.name: getattr(self, f.name) for f in _ENTRY_FIELDS}

    def restored_findings(self) -> list[Finding]:
        return [Finding(**{**f, "severity": Severity(f["severity"])}) for f in self.findings]


_ENTRY_FIELDS = fields(Entry)


_FINDING_FIELDS = tuple(x.name for x in fields(Finding))


def finding_dict(f: Finding) -> dict[str, Any]:
    """The finding's fields by name, as asdict gives them (they are scalars: no deep copy needed), with the
    severity's value."""
    d = {name: getattr(f, name) for name in _FINDING_FIELDS}
    d["severity"] = f.severity.value
    return d


@dataclass
class Manifest:
    tool: str
    rules: str
    options: dict[str, Any]
    files: dict[str, Entry] = field(default_factory=dict)

    def compatible(self, other: Manifest) -> bool:
        """True when outputs of `other` (an earlier run) can be reused by this run."""
        return self.tool == other.tool and self.rules == other.rules and self.options == other.options

    def outputs_owned(self) -> dict[str, str]:
        """Every output path recorded, with the hash written."""
        return {o: h for e in self.files.values() for o, h in e.outputs.items()}

    @staticmethod
    def path_in(out: Path) -> Path:
        return out / MANIFEST_DIR / MANIFEST_NAME

    @classmethod
    def new(cls, rules: str, options: dict[str, Any]) -> Manifest:
        return cls(tool=__version__, rules=rules, options=options)

    @classmethod
    def load(cls, out: Path) -> Manifest | None:
        """The manifest in `out`, or None when there is none or it is unreadable (then everything is redone)."""
        try:
            raw = json.loads(cls.path_in(out).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return None
            files = {k: Entry(**v) for k, v in raw["files"].items()}
            return cls(tool=raw["tool"], rules=raw["rules"], options=raw["options"], files=files)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, out: Path) -> None:
        path = self.path_in(out)
        data = {"format": FORMAT, "tool": self.tool, "rules": self.rules, "options": self.options,
                "files": {k: v.as_json() for k, v in sorted(self.files.items())}}
        atomic_write(path, json.dumps(data, indent=1).encode("utf-8"))


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file in the same directory and rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cudaport-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
