"""README stays true: its supported-API table is the one `cudaport rules coverage` generates now, and the
commands it shows for the example project exist."""

from __future__ import annotations

import re
from pathlib import Path

from translator.api import default_rules
from translator.commands.rules import coverage_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_coverage_table_is_current() -> None:
    text = README.read_text()
    m = re.search(r"<!-- coverage:start -->\n(.*?)<!-- coverage:end -->", text, re.DOTALL)
    assert m, "README.md lacks the coverage markers"
    assert m.group(1) == coverage_markdown(default_rules()), (
        "README coverage table is stale: run `python scripts/update_readme.py`")


def test_readme_example_paths_exist() -> None:
    text = README.read_text()
    for path in re.findall(r"\b(examples/[\w./-]+|corpus/[\w./-]+)", text):
        assert (README.parent / path.rstrip(".")).exists(), path
