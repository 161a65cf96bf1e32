"""scripts/rewrite_old_imports.py points code written against the old flat layout at the stage packages, and
leaves new paths alone (the lead runs it over branches merged after the move).

rewrite-old-imports: skip (this file spells the old paths on purpose)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "rewrite_old_imports.py"


def _script():
    spec = importlib.util.spec_from_file_location("rewrite_old_imports", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_old_imports_are_moved_and_new_ones_kept() -> None:
    rewrite = _script().rewrite
    old = ("from translator.engine import FileContext\nfrom translator.diagnostics import make_finding\n"
           "import translator.runner as runner\nfrom translator.project import discover\n"
           "from translator.buildscripts.cmake import x\nmonkeypatch.setattr('translator.engine.translate_parsed', f)\n"
           "# see translator/diagnostics.yaml and translator/runner.py\n")
    new = ("from translator.engine.core import FileContext\nfrom translator.engine.diagnostics import make_finding\n"
           "import translator.project.runner as runner\nfrom translator.project.tree import discover\n"
           "from translator.migrate.cmake import x\n"
           "monkeypatch.setattr('translator.engine.core.translate_parsed', f)\n"
           "# see translator/engine/diagnostics.yaml and translator/project/runner.py\n")
    assert rewrite(old) == new
    assert rewrite(new) == new
    kept = ("from translator.engine.context import Options\nfrom translator.build.project import x\n"
            "from translator.engine import tables\nfrom translator.project import runner\n")
    assert rewrite(kept) == kept


def test_the_script_leaves_itself_alone_and_every_new_module_exists(tmp_path: Path) -> None:
    module = _script()
    copy = tmp_path / "copy.py"
    copy.write_text(SCRIPT.read_text())
    module.main([str(copy)])
    assert copy.read_text() == SCRIPT.read_text()
    root = SCRIPT.parents[1]
    for new in module.MOVED.values():
        rel = root / Path(*new.split("."))
        assert rel.with_suffix(".py").is_file() or (rel / "__init__.py").is_file(), new
