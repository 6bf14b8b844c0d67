"""The one base for every error meant for a person to read.

A `UserError` carries `user_message` (plain words, no record content) and `exit_code` (what the
command line returns). The GUI shows the message in a dialog and the CLI prints it; both catch
`UserError` once, at the edge. Anything else that escapes is a bug and goes to the crash reporter.
"""

from __future__ import annotations


class UserError(Exception):
    """Something went wrong that the person can understand and act on."""

    user_message = "Something went wrong."
    exit_code = 2

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        if user_message is not None:
            self.user_message = user_message
        super().__init__(detail or self.user_message)
        self.detail = detail


class InputError(UserError):
    """Something the person gave (a file, a value) cannot be used as it is."""

    user_message = "That could not be used."
    exit_code = 1


class Cancelled(UserError):
    """Long work stopped because the person asked it to."""

    user_message = "Stopped. Nothing was changed."
    exit_code = 130
