"""The SYCL helper declares every CUDA vector type name that rules/types/vector.yaml renames for SYCL, as an
alias of the same type, so names made by the preprocessor (token pasting) still name the right type."""

from __future__ import annotations

import re

import yaml

from translator.resources import rules_dir, shim_dir


def test_every_renamed_vector_type_has_a_global_alias() -> None:
    rules = yaml.safe_load((rules_dir() / "types" / "vector.yaml").read_text())["entries"]
    expected = {}
    for name, entry in rules.items():
        sycl = entry.get("sycl")
        rename = sycl if isinstance(sycl, str) else sycl.get("rename") if isinstance(sycl, dict) else None
        if entry.get("kind") == "type" and rename and name != "dim3":
            expected[name] = rename
    header = (shim_dir() / "sycl" / "include" / "cudaport_sycl" / "vector_names.hpp").read_text()
    found = dict(re.findall(r"^using (\w+) = ([\w:]+);$", header, re.MULTILINE))
    assert len(expected) > 30
    assert found == expected
