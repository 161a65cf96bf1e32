"""No function in translator/ is longer than 120 lines (from its `def` line to its last line, nested functions
counted inside their parent as well as on their own), except the few allowed below, each with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "translator"
LIMIT = 120
# "path/inside/translator.py:function" -> why it may stay longer. Empty: every function fits today.
ALLOWED: dict[str, str] = {
    # two merges of one session each added steps to these; to split next (known debt, not a design choice)
    "targets/opencl/__init__.py:FileEmitter.run": "merged steps from parallel branches; split next",
    "targets/opencl/emit.py:ProgramBuilder._emit": "merged steps from parallel branches; split next",
}


def long_functions(package: Path = PACKAGE, limit: int = LIMIT) -> dict[str, int]:
    """'relative/path.py:qualified.name' -> length in lines, for every function over `limit` lines."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str, rel: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = (child.end_lineno or child.lineno) - child.lineno + 1
                    if length > limit:
                        found[f"{rel}:{name}"] = length
                visit(child, name + ".", rel)
            else:
                visit(child, prefix, rel)

    for path in sorted(package.rglob("*.py")):
        visit(ast.parse(path.read_text(), str(path)), "", path.relative_to(package).as_posix())
    return found


def test_no_function_over_120_lines() -> None:
    too_long = {k: n for k, n in long_functions().items() if k not in ALLOWED}
    assert not too_long, "split these functions (or allow one in ALLOWED, with the reason): " + ", ".join(
        f"{k} ({n} lines)" for k, n in sorted(too_long.items()))


def test_allowed_functions_are_still_long() -> None:
    stale = set(ALLOWED) - set(long_functions())
    assert not stale, f"no longer over {LIMIT} lines (or gone); remove from ALLOWED: {sorted(stale)}"


def test_length_counter_sees_methods_and_nested_functions(tmp_path: Path) -> None:
    body = "".join(f"            x{i} = {i}\n" for i in range(5))
    (tmp_path / "m.py").write_text("class C:\n    def f(self):\n        def g():\n" + body
                                   + "        return g\n\ndef short():\n    pass\n")
    assert long_functions(tmp_path, limit=5) == {"m.py:C.f": 8, "m.py:C.f.g": 6}
