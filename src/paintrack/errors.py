"""The one error type that domain and store code raise for anything a user should read."""

from __future__ import annotations


class PaintrackError(Exception):
    """A problem the user can act on: one clear line, an optional hint, and an exit code.

    Exit codes follow the contract: 1 for journal or runtime problems, 2 for usage errors
    and invalid values.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(PaintrackError):
    """A value the user gave (flag, prompt answer, argument) is missing or invalid: exit 2."""

    exit_code = 2
