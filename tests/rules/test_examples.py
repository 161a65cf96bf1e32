"""Every example in rules/ is a test: the CUDA text, translated for each target it lists, must give
exactly the expected text. Plain renames are also checked in bulk, per rule file, with generated inputs."""

from __future__ import annotations

import pytest

from translator.api import default_rules, translate_text
from translator.engine.context import Options
from translator.engine.ruleset import TARGETS
from translator.targets.base import UnknownTarget, get_target

RULES = default_rules()


def _require_target(target: str) -> None:
    try:
        get_target(target)
    except UnknownTarget as exc:
        pytest.skip(str(exc))
CASES = [(ex, t) for ex in RULES.examples for t in ex.expected]


def _options(target: str, opts: dict) -> Options:
    version = tuple(int(p) for p in str(opts.get("hip_version", "6.4")).split("."))
    return Options(target=target, hip_version=version, hip_launch_ggl=bool(opts.get("hip_launch_ggl", False)))


@pytest.mark.parametrize(("example", "target"), CASES,
                         ids=[f"{ex.path.split('rules/')[-1]}:{ex.line}:{t}" for ex, t in CASES])
def test_rule_example(example, target) -> None:
    _require_target(target)
    # Examples are snippets: named .cpp so the implicit `#include <hip/hip_runtime.h>` of .cu files stays out.
    result = translate_text(example.cuda, target, options=_options(target, example.options),
                            target_opts=example.options.get("target_opts"),
                            name=example.options.get("file", "example.cpp"))
    assert result.output.decode() == example.expected[target], f"{example.path}:{example.line} {example.name}"


def _rename_rules(target: str):
    out = {}
    for rule in RULES.rules.values():
        m = rule.for_target(target)
        if m is None or m.status not in ("supported", "shim", "partial", "removed") or rule.kind == "header":
            continue
        if m.rename is None or m.template or m.handler or m.member or m.legacy:
            continue
        if rule.risk or m.code not in (None, "CP2004", "CP2003", "CP2005") or not rule.name.isidentifier():
            continue
        out.setdefault(rule.path, []).append((rule.name, m.rename))
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_plain_renames_rewrite_code_but_not_comments_or_strings(target) -> None:
    _require_target(target)
    groups = _rename_rules(target)
    if not groups:
        pytest.skip(f"no plain renames for {target} yet")
    for path, pairs in groups.items():
        lines = [f'x = {name}; // {name}\nconst char* s{i} = "{name}";' for i, (name, _) in enumerate(pairs)]
        result = translate_text("\n".join(lines) + "\n", target, use_clang=False,
                                options=Options(target=target, inline_diagnostics=False), name="renames.cpp")
        got = result.output.decode().splitlines()
        for i, (name, new) in enumerate(pairs):
            assert got[2 * i] == f"x = {new}; // {name}", f"{path}: {name}"
            assert got[2 * i + 1] == f'const char* s{i} = "{name}";', f"{path}: {name}"
