"""Implementations of the cudaport subcommands, one module each."""
