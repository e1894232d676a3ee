"""The one error type every layer raises for what a user should read, and the exit statuses."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    RUNTIME = 1  # a journal or runtime problem
    USAGE = 2  # a usage error or an invalid value
    INTERRUPTED = 130  # Ctrl-C


class PaintrackError(Exception):
    """A problem the user can act on: one clear line, an optional hint, an exit status.

    Messages name fields, never the health data in them.
    """

    exit_code: int = ExitStatus.RUNTIME

    def __init__(self, message: str, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(PaintrackError):
    """A value the user gave (flag, prompt answer, argument) is missing or invalid: exit 2."""

    exit_code = ExitStatus.USAGE
