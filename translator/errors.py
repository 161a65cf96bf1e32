"""Maps the exceptions that mean "bad input" to their one-line messages; anything else is an internal error."""

from __future__ import annotations


def user_message(exc: BaseException) -> str | None:
    from translator.cli import CliError
    from translator.project import InputError
    from translator.ruleset import RuleError
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
