"""tree-sitter fallback front end: used when clang reports syntax errors. Parses with the tree-sitter CUDA
grammar, which recovers from errors locally, to find the user's own declarations and to locate the
broken regions for the diagnostic. Sites themselves come from the shared token finder (sites.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TreeSitterResult:
    tree: object
    error_lines: list[int]  # 1-based lines of ERROR / MISSING nodes
    user_declared: frozenset[str]
    # Names declared in a local scope (parameters, block variables): name -> [(scope start, scope end)]
    local_scopes: dict[str, list[tuple[int, int]]]


_LOCALS_QUERY = """
(compound_statement (declaration) @decl)
(for_statement initializer: (declaration) @decl)
(for_range_loop declarator: (_) @range)
(parameter_declaration) @param
"""


@functools.cache
def _locals_query():  # type: ignore[no-untyped-def]
    import tree_sitter
    import tree_sitter_cuda

    return tree_sitter.Query(tree_sitter.Language(tree_sitter_cuda.language()), _LOCALS_QUERY)


def _scope_of(node):  # type: ignore[no-untyped-def]
    """The byte range a local declaration is visible in: its block, loop, or (parameters) function."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("compound_statement", "for_statement", "for_range_loop"):
            return parent.start_byte, parent.end_byte
        if parent.type in ("function_definition", "lambda_expression"):
            return parent.start_byte, parent.end_byte
        if parent.type in ("function_declarator", "parameter_list", "abstract_function_declarator"):
            parent = parent.parent
            continue
        if parent.type in ("declaration", "field_declaration", "translation_unit"):
            return None  # a prototype's parameters are visible nowhere
        parent = parent.parent
    return None


def _local_scopes(root) -> dict[str, list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    import tree_sitter

    scopes: dict[str, list[tuple[int, int]]] = {}
    for kind, nodes in tree_sitter.QueryCursor(_locals_query()).captures(root).items():
        for node in nodes:
            if kind == "range":
                names = [_declared_name(node)]
            else:
                names = [_declared_name(d) for d in node.children_by_field_name("declarator")]
            scope = _scope_of(node)
            if scope is None:
                continue
            for name in names:
                if name:
                    scopes.setdefault(name, []).append(scope)
    return scopes


@functools.cache
def _parser():  # type: ignore[no-untyped-def]
    import tree_sitter
    import tree_sitter_cuda

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_cuda.language()))


def available() -> bool:
    try:
        _parser()
    except Exception:  # noqa: BLE001 - missing or incompatible grammar means unavailable
        return False
    return True


_DECLARATOR_TYPES = {"function_declarator", "init_declarator", "array_declarator", "pointer_declarator",
                     "reference_declarator"}


def _declared_name(node) -> str | None:  # type: ignore[no-untyped-def]
    """The identifier a declarator declares (following nested declarators)."""
    while node is not None and node.type in _DECLARATOR_TYPES:
        node = node.child_by_field_name("declarator")
    if node is not None and node.type in ("identifier", "field_identifier", "type_identifier"):
        return node.text.decode("utf-8", "surrogateescape")
    return None


_CONDITIONALS = ("preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif", "preproc_elifdef")


def _include_guard(node) -> bool:  # type: ignore[no-untyped-def]
    """`#ifndef X` / `#define X` ... `#endif`: the whole file, not a configuration."""
    kids = node.children
    return (node.type == "preproc_ifdef" and len(kids) > 2 and kids[0].type == "#ifndef"
            and kids[2].type == "preproc_def" and kids[2].child_by_field_name("name") is not None
            and kids[2].child_by_field_name("name").text == kids[1].text)


def _branch(parent, child, outer: tuple[int, int] | None) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The byte range of the preprocessor branch `child` lies in, below `parent` (the innermost one)."""
    if parent.type not in _CONDITIONALS or _include_guard(parent) or child.type in _CONDITIONALS[2:]:
        return outer
    end = next((c.start_byte for c in parent.children if c.type in _CONDITIONALS[2:]), parent.end_byte)
    return (parent.start_byte, end)


def parse(data: bytes) -> TreeSitterResult:
    tree = _parser().parse(data)
    errors: list[int] = []
    user: set[str] = set()
    conditional: dict[str, list[tuple[int, int]]] = {}
    scopes = _local_scopes(tree.root_node)

    def declare(name: str) -> None:
        # A declaration in a preprocessor branch (`#ifdef _OPENMP typedef ... double3;`) shadows the CUDA
        # name only inside that branch: the CUDA build cannot have both, so elsewhere the name is CUDA's.
        if branch is None:
            user.add(name)
        else:
            conditional.setdefault(name, []).append(branch)
    stack: list[tuple[Any, bool, tuple[int, int] | None]] = [(tree.root_node, False, None)]
    while stack:
        node, local, branch = stack.pop()
        if node.is_error or node.is_missing:
            errors.append(node.start_point[0] + 1)
        if not node.has_error and local:
            continue  # nothing below a clean local scope matters
        t = node.type
        if local:
            pass  # locals do not shadow CUDA names at file scope
        elif t in ("function_definition", "declaration") and node.parent is not None \
                and node.parent.type in ("translation_unit", "declaration_list", "template_declaration",
                                         "linkage_specification"):
            declarator = node.child_by_field_name("declarator")
            is_prototype = t == "declaration" and declarator is not None and declarator.type == "function_declarator"
            name = None if is_prototype else _declared_name(declarator)
            if name:
                declare(name)
        elif t in ("struct_specifier", "class_specifier", "enum_specifier", "union_specifier"):
            name_node = node.child_by_field_name("name")
            if name_node is not None and node.child_by_field_name("body") is not None:
                declare(name_node.text.decode("utf-8", "surrogateescape"))
        elif t == "type_definition":
            name = _declared_name(node.child_by_field_name("declarator"))
            if name:
                declare(name)
        elif t == "enumerator":
            name_node = node.child_by_field_name("name")
            if name_node is not None:
                declare(name_node.text.decode("utf-8", "surrogateescape"))
        local = local or t == "compound_statement"
        stack.extend((c, local, _branch(node, c, branch)) for c in node.children)
    for name, found in conditional.items():
        if name not in user:
            scopes.setdefault(name, []).extend(found)
    return TreeSitterResult(tree=tree, error_lines=sorted(set(errors)), user_declared=frozenset(user),
                            local_scopes=scopes)
