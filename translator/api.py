"""Library entry point: translate CUDA source text in memory, for tests, rule examples and embedding.

Input: source text, target name and options. Output: the translated text and the FileResult.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from translator.engine.context import FileResult, Options
from translator.engine.core import translate_parsed
from translator.engine.ruleset import RuleSet, load_rules
from translator.frontend.parse import parse_file
from translator.targets.base import get_target

_DEFAULT_RULES: RuleSet | None = None


def default_rules() -> RuleSet:
    global _DEFAULT_RULES
    if _DEFAULT_RULES is None:
        _DEFAULT_RULES = load_rules()
    return _DEFAULT_RULES


def translate_text(source: str | bytes, target: str, *, name: str = "input.cu", rules: RuleSet | None = None,
                   options: Options | None = None, use_clang: bool = True, extra_args: tuple[str, ...] = (),
                   target_opts: dict | None = None) -> FileResult:
    rules = rules or default_rules()
    data = source.encode() if isinstance(source, str) else source
    options = options or Options(target=target)
    emitter = get_target(target, **(target_opts or {}))
    parsed = parse_file(Path(name), data, rules.__contains__, display=name, use_clang=use_clang,
                        extra_args=extra_args)
    return translate_parsed(parsed, PurePosixPath(name), rules, options, emitter, display=name)
