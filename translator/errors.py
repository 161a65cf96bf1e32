"""The errors that mean "bad input", and their one-line messages; anything else is an internal error.

Input: an exception the CLI caught. Output: the message to print after `cudaport: error:`, or None.
"""

from __future__ import annotations


class CliError(Exception):
    """A one-line user-facing error (exit 2)."""


def user_message(exc: BaseException) -> str | None:
    from translator.engine.ruleset import RuleError
    from translator.project.tree import InputError
    from translator.targets.base import UnknownTarget

    if isinstance(exc, CliError | InputError | RuleError | UnknownTarget):
        return str(exc)
    if isinstance(exc, PermissionError):
        return f"{exc.filename}: permission denied"
    if isinstance(exc, FileNotFoundError) and exc.filename:
        return f"{exc.filename}: no such file or directory"
    if isinstance(exc, IsADirectoryError | NotADirectoryError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return None
