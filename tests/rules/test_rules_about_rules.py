"""Rules about rules: every file loads, names are unique, codes exist, each file has examples, templates only
use known placeholders, and user rule files get one-line errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.engine.diagnostics import CATALOGUE
from translator.engine.ruleset import RuleError, load_file, load_rules, rule_files
from translator.resources import rules_dir


def test_all_rule_files_load_without_duplicates() -> None:
    rs = load_rules()
    assert len(rs) > 1000


@pytest.mark.parametrize("path", rule_files(rules_dir()), ids=lambda p: str(p.relative_to(rules_dir())))
def test_each_rule_file_has_examples(path: Path) -> None:
    rs = load_file(path)
    assert rs.examples, f"{path} has no examples"


def test_every_non_supported_status_names_a_known_code() -> None:
    for rule in load_rules().rules.values():
        for target, m in rule.targets.items():
            if m.status != "supported":
                assert m.code in CATALOGUE, f"{rule.path}:{rule.line} {rule.name} {target}"
            if m.status == "unsupported":
                assert m.reason, f"{rule.path}:{rule.line} {rule.name}"


def test_every_rule_file_line_points_at_its_entry() -> None:
    for rule in load_rules().rules.values():
        line = Path(rule.path).read_text().splitlines()[rule.line - 1]
        assert rule.name in line, f"{rule.path}:{rule.line}"


@pytest.mark.parametrize(("text", "message"), [
    ("family: x\nentries:\n  cudaFoo:\n    hip: {status: unsupported}\n",
     ":4: cudaFoo: an unsupported mapping needs a reason"),
    ("family: x\nentries:\n  cudaFoo:\n    hip: {template: 'a($9x)'}\n", ":4: unknown placeholder"),
    ("family: x\nentries:\n  cudaFoo:\n    hip: {status: partial, code: CP9999, rename: a}\n",
     ":4: unknown diagnostic code"),
    ("family: x\nentries:\n  cudaFoo:\n    kind: gadget\n", ":3: cudaFoo: kind must be one of"),
    ("family: x\nentries:\n  cudaFoo:\n    hip: a\n  cudaFoo:\n    hip: b\n", ":5: invalid YAML: duplicate key"),
    ("family: x\nentries: [\n", ":3: invalid YAML"),
    ("entries: {}\n", ":1: missing top-level key 'family'"),
    ("family: x\nentries:\n  cudaFoo:\n    hip: a\n    colour: red\n", ":5: cudaFoo: unknown key 'colour'"),
])
def test_broken_user_rule_file_gives_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text(text)
    with pytest.raises(RuleError) as info:
        load_rules([f])
    assert message in str(info.value)
    assert str(info.value).startswith(str(f))
    assert "\n" not in str(info.value)


def test_user_rules_override_builtin_entries(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("family: runtime\nentries:\n  cudaMalloc:\n    hip: myMalloc\n")
    rs = load_rules([f])
    assert rs.get("cudaMalloc").for_target("hip").rename == "myMalloc"
