"""Every data file cudaport reads is located through translator/resources.py, so commands work from an
installed wheel in any directory (tests run from the checkout and would not notice a path built by hand)."""

from __future__ import annotations

import ast
from pathlib import Path

import translator
from translator import resources

PACKAGE = Path(translator.__file__).resolve().parent
# ruleset.py hashes its own source text into the rules version: code, not data
ALLOWED = {"resources.py", "ruleset.py"}


def test_only_resources_builds_paths_from_the_package_location() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ALLOWED or "_data" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Name) and node.id == "__file__":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, offenders


def test_every_data_location_exists() -> None:
    for where in (resources.rules_dir(), resources.shim_dir(), resources.corpus_dir() / "cases",
                  resources.prelude_dir(), resources.cmake_package_dir(), resources.report_templates_dir()):
        assert where.is_dir(), where
    for where in (resources.diagnostics_file(), resources.effort_weights_file(), resources.report_schema_file(1),
                  resources.cmake_package_dir() / "cudaport_openclConfig.cmake"):
        assert where.is_file(), where
