"""CUDA-name tables that handlers read, kept in rules/tables/<name>.yaml so that every CUDA name is found with
one grep of rules/: lists and mappings a handler needs beyond one rule entry per name (the headers the clang
prelude stands in for, the cudaDeviceProp fields HIP lacks before 6.0, the CUDA libraries of build scripts).

A table file is a mapping with `table` (its name, the file's stem), `about` (what it is for and who reads it)
and `values` (a list of names, or a mapping). Input: the table name. Output: its values, checked for shape.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from translator.resources import rules_dir


class TableError(ValueError):
    pass


@functools.cache
def _load(name: str) -> Any:
    path = rules_dir() / "tables" / f"{name}.yaml"
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TableError(f"{path}: cannot load table: {exc}") from None
    if not isinstance(doc, dict) or doc.get("table") != name or "values" not in doc or not doc.get("about"):
        raise TableError(f"{path}: a table needs 'table: {name}', 'about' and 'values'")
    return doc["values"]


def names(name: str) -> tuple[str, ...]:
    """A table that is a list of names, without duplicates."""
    values = _load(name)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TableError(f"table {name}: 'values' must be a list of names")
    if len(set(values)) != len(values):
        raise TableError(f"table {name}: a name is listed twice")
    return tuple(values)


def mapping(name: str) -> dict[str, Any]:
    """A table that maps names to values."""
    values = _load(name)
    if not isinstance(values, dict) or not all(isinstance(k, str) for k in values):
        raise TableError(f"table {name}: 'values' must map names to values")
    return dict(values)
