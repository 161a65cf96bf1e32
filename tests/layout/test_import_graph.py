"""The package has no import cycles: each module's imports, read from its source with `ast`, form a graph over
translator/ with no strongly connected component larger than one module.

Every import statement counts, wherever it stands: at the top, inside a function (a lazy import still makes
the two modules depend on each other) and under `if TYPE_CHECKING:` (a type-only cycle is still a cycle in
the design), plus `importlib.import_module("...")` with a literal name. Registries that keep module names in a
table (targets/base.py) are resolved at run time and are not edges here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "translator"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(current: str, is_package: bool, level: int, module: str | None) -> str:
    if level == 0:
        return module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The translator modules that `path` imports anywhere in its body."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, path.name == "__init__.py", node.level, node.module)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:
                    out.add(sub)  # `from pkg import module`
                elif base in known:
                    out.add(base)  # `from module import name`
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args and isinstance(node.args[0], ast.Constant)
              and node.args[0].value in known):
            out.add(node.args[0].value)
    out.discard(name)
    return out


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    paths = {module_name(p, package): p for p in package.rglob("*.py")}
    known = set(paths)
    return {name: imports_of(name, path, known) for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_translator_has_no_import_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 50, "the graph should cover the whole package"
    assert not cycles(graph), "import cycles (each line one strongly connected component):\n" + "\n".join(
        " <-> ".join(c) for c in cycles(graph))


def test_cycle_finder_sees_lazy_and_type_only_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "translator"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from translator.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import X\n")
    (pkg / "c.py").write_text("import importlib\nimportlib.import_module('translator.a')\n")
    (pkg / "d.py").write_text("from translator import a\n")
    graph = import_graph(pkg)
    assert graph["translator.d"] == {"translator.a"}
    assert cycles(graph) == [["translator.a", "translator.c", "translator.sub.b"]]
