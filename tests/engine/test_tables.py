"""CUDA-name tables in rules/tables/ (translator/engine/tables.py): each loads with its declared shape, the
HIP device-property pass reads its table, and a malformed table is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from translator.engine import tables
from translator.engine.ruleset import load_rules, rule_files
from translator.resources import rules_dir


def test_every_table_names_itself_and_says_what_it_is_for() -> None:
    paths = sorted((rules_dir() / "tables").glob("*.yaml"))
    assert {p.stem for p in paths} >= {"prelude_stub_headers", "hip_device_prop", "build_libraries"}
    for path in paths:
        doc = yaml.safe_load(path.read_text())
        assert doc["table"] == path.stem and doc["about"], path


def test_tables_are_not_rule_files_but_count_in_the_rules_version() -> None:
    table = rules_dir() / "tables" / "hip_device_prop.yaml"
    assert table not in rule_files(rules_dir())
    assert table in rule_files(rules_dir(), tables=True)


def test_prelude_stub_headers_have_translation_rules_or_are_prelude_only() -> None:
    headers = tables.names("prelude_stub_headers")
    assert "cuda_runtime.h" in headers and len(headers) == len(set(headers))
    rules = load_rules()
    mapped = [h for h in headers if h in rules]
    assert len(mapped) > len(headers) // 2  # the table is about parsing; most headers also have a rule


def test_device_prop_table_drives_the_hip_pass() -> None:
    from translator.targets import hip

    below, renamed, missing = hip._device_prop_table()
    assert below == (6, 0) and renamed["sharedMemPerMultiprocessor"] == "maxSharedMemoryPerMultiProcessor"
    assert len(missing) == 57 and "uuid" in missing


def test_sycl_warp_tables_drive_the_sycl_passes() -> None:
    from translator.targets.sycl import analysis

    calls = tables.mapping("sycl_sub_group_calls")
    warp = tables.names("sycl_warp_functions")
    assert "__syncthreads" in analysis._item_builtins() and analysis._is_warp("__shfl_down_sync")
    assert not analysis._is_warp("__syncthreads") and analysis._is_warp("__reduce_add_sync")
    # every call form is a warp function (its *_sync form too, except the maskless __activemask)
    for op, form in calls.items():
        assert op in warp and (op == "__activemask" or f"{op}_sync" in warp), op
        assert set(form) == {"call", "values"} and form["values"] in (0, 1, 2), op
    rules = load_rules()
    assert [name for name in warp if name not in rules] == []  # each also has its rule entry


def test_opencl_warp_calls_are_warp_rules_of_the_opencl_handler() -> None:
    calls = tables.mapping("opencl_warp_calls")
    rules = load_rules()
    for name, form in calls.items():
        assert set(form) in ({"text"}, {"call"}, {"call", "shuffle"}), name
        rule = rules.get(name)
        opencl = rule.for_target("opencl") if rule is not None else None
        assert opencl is not None and opencl.handler == "warp", name
    assert calls["__shfl_down_sync"] == {"call": "cp_shfl_down", "shuffle": 3}
    assert calls["__shfl_down"]["shuffle"] == 2 and "shuffle" not in calls["__ballot_sync"]


def test_a_malformed_table_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "bad.yaml").write_text("table: other\nabout: x\nvalues: [a]\n")
    (tmp_path / "tables" / "twice.yaml").write_text("table: twice\nabout: x\nvalues: [a, a]\n")
    monkeypatch.setattr(tables, "rules_dir", lambda: tmp_path)
    tables._load.cache_clear()
    try:
        with pytest.raises(tables.TableError, match="needs 'table: bad'"):
            tables.names("bad")
        with pytest.raises(tables.TableError, match="listed twice"):
            tables.names("twice")
        with pytest.raises(tables.TableError, match="map names"):
            tables.mapping("twice")
    finally:
        tables._load.cache_clear()
