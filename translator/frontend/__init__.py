"""Front ends: turn a CUDA source file into a ParsedFile (tokens, sites, kernels, launches).

clang.py parses with libclang; treesitter.py is the fallback when clang reports syntax errors; both share
the lexer (lexer.py) and the token-level site finder (sites.py) so that renames agree between them.

The token toolkit every stage and target uses instead of its own loops: brackets.py (bracket and template-angle
matching, forward and backward, and the top-level argument split), includes.py (the include scanner and
resolver) and declarators.py (the parser of a `__shared__`/`__device__` declaration's declarators).
"""
