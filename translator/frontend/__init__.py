"""Front ends: turn a CUDA source file into a ParsedFile (tokens, sites, kernels, launches).

clang.py parses with libclang; treesitter.py is the fallback when clang reports syntax errors; both share
the lexer (lexer.py) and the token-level site finder (sites.py) so that renames agree between them.
"""
