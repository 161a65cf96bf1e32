"""Rewrites imports and module paths of the layout before the stage packages (#17) in Python files: code written
against `translator.engine`, `translator.ruleset`, `translator.runner`, ... (a branch merged after the move, a
plugin) is pointed at the modules of translator/engine/, translator/project/, translator/migrate/ and
translator/build/toolchains.py.

    python scripts/rewrite_old_imports.py FILE_OR_DIR ...   # rewrites in place, prints the files it changed

Idempotent: new paths are left alone. Names that live in engine/context.py (FileContext, Options, FileResult,
Target) keep working through engine/core.py, which imports them; run `ruff check --select I --fix` after it.
Files holding the marker `rewrite-old-imports: skip` (this script and its test) are left as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SKIP_MARKER = "rewrite-old-imports: " + "skip"  # rewrite-old-imports: skip
_T = "translator."
MOVED = {  # old module -> new module (spelled in pieces so that a rewrite of this file changes nothing)
    _T + "ruleset": _T + "engine.ruleset",
    _T + "engine": _T + "engine.core",
    _T + "edits": _T + "engine.edits",
    _T + "diagnostics": _T + "engine.diagnostics",
    _T + "risks": _T + "engine.risks",
    _T + "context": _T + "engine.context",
    _T + "project": _T + "project.tree",
    _T + "manifest": _T + "project.manifest",
    _T + "runner": _T + "project.runner",
    _T + "depgraph": _T + "project.depgraph",
    _T + "runtime_bundle": _T + "project.runtime_bundle",
    _T + "buildscripts": _T + "migrate",
    _T + "targets_support": _T + "build.toolchains",
}
# the new packages' own modules: `translator.engine.core` and `from translator.engine import tables` are new paths
_NEW_CHILDREN = {
    _T + "engine": ("core", "context", "ruleset", "edits", "diagnostics", "risks", "tables"),
    _T + "project": ("tree", "manifest", "runner", "depgraph", "runtime_bundle"),
}


def _pattern(old: str) -> str:
    children = _NEW_CHILDREN.get(old)
    keep = ""
    if children:
        names = "|".join(children)
        keep = rf"(?!\.(?:{names})\b)(?!\s+import\s+\(?\s*(?:{names})\b)"
    return rf"(?<![\w.]){re.escape(old)}(?!\w){keep}"


_OLD = re.compile("|".join(f"(?P<m{i}>{_pattern(old)})" for i, old in enumerate(MOVED)))
_NEW = list(MOVED.values())
_NEW_PATH = {"diagnostics.yaml": "translator/engine/diagnostics.yaml", "buildscripts": "translator/migrate",
             **{f"{old.split('.')[1]}.py": new.replace(".", "/") + ".py" for old, new in MOVED.items()
                if not old.endswith("buildscripts")}}
_PATHS = re.compile(r"(?<![\w/])translator/(diagnostics\.yaml|(?:ruleset|engine|edits|diagnostics|risks|context|project"
                    r"|manifest|runner|depgraph|runtime_bundle|targets_support)\.py|buildscripts(?!\w))")


def rewrite(text: str) -> str:
    text = _OLD.sub(lambda m: _NEW[int(m.lastgroup[1:])], text)
    return _PATHS.sub(lambda m: _NEW_PATH.get(m.group(1), m.group(0)), text)


def main(argv: list[str]) -> int:
    files = [f for a in argv for f in (sorted(Path(a).rglob("*.py")) if Path(a).is_dir() else [Path(a)])]
    for path in files:
        text = path.read_text(encoding="utf-8")
        if SKIP_MARKER in text:
            continue
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
