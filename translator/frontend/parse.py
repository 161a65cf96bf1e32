"""Front-end entry point: chooses clang or the tree-sitter fallback for one file and builds its ParsedFile.

Input: file bytes, compile flags and the set of CUDA names known to the rules. Output: a ParsedFile whose
sites come from the shared token finder, plus front-end findings (CP1001, CP1004, CP1005, CP1002).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from translator.engine.diagnostics import make_finding
from translator.frontend import sites as site_finder
from translator.frontend.declared import may_declare_cuda_name
from translator.frontend.lexer import lex_shared
from translator.model import Finding, ParsedFile


def parse_file(path: Path, data: bytes, is_cuda_name: Callable[[str], bool], *, display: str | None = None,
               extra_args: Sequence[str] = (), use_clang: bool = True, stub_headers: Sequence[str] = (),
               qualifiers: frozenset[str] = frozenset(), root: Path | None = None) -> ParsedFile:
    """`qualifiers`: CUDA names that are declaration specifiers (rule kind keyword), for the pre-check.
    `root`: the input root, where the sources that include this file textually are looked for."""
    display = display or str(path)
    findings: list[Finding] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        findings.append(make_finding("CP1002", display, line, 1, f"byte 0x{data[exc.start]:02x} at offset {exc.start}"))
    toks, directives = lex_shared(data)
    view = site_finder.TokenView.build(data, toks)
    frontend = "tokens"
    tu = None
    user_declared: frozenset[str] = frozenset()
    clang_ok = False
    compiler_args: tuple[str, ...] = ()
    local_scopes: dict[str, list[tuple[int, int]]] = {}
    if use_clang:
        try:
            from translator.frontend import clang

            result = clang.parse(path, data, extra_args, stub_headers)
            if root is not None and (result.syntax_errors or result.semantic_errors):
                result = _in_includer(result, path, data, root, extra_args, stub_headers)
        except Exception as exc:  # noqa: BLE001 - libclang missing or crashed: fall back, say why
            findings.append(make_finding("CP1001", display, 1, 1, f"libclang unavailable ({type(exc).__name__})"))
        else:
            compiler_args = tuple(clang.compiler_args(extra_args, stub_headers))
            if result.syntax_errors:
                line, col, msg = result.syntax_errors[0]
                more = f" (+{len(result.syntax_errors) - 1} more)" if len(result.syntax_errors) > 1 else ""
                findings.append(make_finding("CP1001", display, line, col, f"{msg}{more}"))
            else:
                clang_ok = True
                frontend = "clang"
                tu = result.tu
                if result.semantic_errors:
                    line, col, msg = result.semantic_errors[0]
                    more = f" (+{len(result.semantic_errors) - 1} more)" if len(result.semantic_errors) > 1 else ""
                    findings.append(make_finding("CP1004", display, line, col, f"{msg}{more}"))
    # The user's own declarations come from tree-sitter in both modes: walking clang's top level would
    # visit every declaration of the prelude too (ten times slower), and one source keeps both paths equal.
    # Without clang, a file whose tokens show no CUDA name where a declarator could stand needs no parse.
    needs_tree = use_clang or may_declare_cuda_name(toks, is_cuda_name, qualifiers)
    try:
        from translator.frontend import treesitter

        ts = treesitter.parse(data) if needs_tree else None
    except Exception as exc:  # noqa: BLE001 - grammar missing: token-only translation
        if not clang_ok:
            findings.append(make_finding("CP1005", display, 1, 1, f"tree-sitter unavailable ({type(exc).__name__})"))
    else:
        if ts is None:
            ts = treesitter.TreeSitterResult(tree=None, error_lines=[], user_declared=frozenset(), local_scopes={})
        user_declared = user_declared | ts.user_declared
        local_scopes = ts.local_scopes
        if not clang_ok:
            frontend = "tree-sitter"
            if use_clang and ts.error_lines and not any(f.code == "CP1001" for f in findings):
                findings.append(make_finding("CP1001", display, ts.error_lines[0], 1, "syntax error"))
    # Macro names the file defines are user declarations too.
    defined = {toks[i + 1].text for i, t in enumerate(toks[:-1])
               if t.text == "define" and t.directive >= 0 and toks[i + 1].directive == t.directive}
    user_declared = user_declared | frozenset(n for n in defined if is_cuda_name(n))
    return ParsedFile(
        path=path, data=data, frontend=frontend, tokens=view.toks, names=site_finder.find_names(view, is_cuda_name),
        includes=site_finder.find_includes(view, directives), kernels=site_finder.find_kernels(view),
        launches=site_finder.find_launches(view), shared=site_finder.find_shared(view),
        asm=site_finder.find_asm(view), user_declared=user_declared, findings=findings, tu=tu,
        local_scopes={n: s for n, s in local_scopes.items() if is_cuda_name(n)}, compiler_args=compiler_args,
    )


def _errors(result) -> int:  # type: ignore[no-untyped-def]
    return len(result.syntax_errors) * 1000 + len(result.semantic_errors)


def _in_includer(result, path: Path, data: bytes, root: Path, extra_args: Sequence[str],  # type: ignore[no-untyped-def]
                 stub_headers: Sequence[str]):
    """A file that clang reports errors for, parsed again after the text of each source that includes it
    textually (frontend.included): the parse with the fewest errors wins, the file's own when none has fewer."""
    from translator.frontend import clang
    from translator.frontend.included import includer_prefixes

    for prefix in includer_prefixes(path, root):
        again = clang.parse(path, data, extra_args, stub_headers, prefix=prefix)
        if _errors(again) < _errors(result):
            result = again
        if not _errors(result):
            break
    return result
