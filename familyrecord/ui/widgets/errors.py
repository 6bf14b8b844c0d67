"""The one place where an error meant for a person becomes words on the screen.

Every `familyrecord.errors.UserError` carries its own plain-words `user_message`; views call
`error_text(exc)` and show what it returns, whatever the error's class. Anything else is a
bug: unless the view has words for it (a file that cannot be written, say), it is raised
again so the crash reporter takes it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from familyrecord.errors import UserError


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def error_text(exc: object, *, os_error: str = "", otherwise: str = "") -> str:
    """What to tell the person about `exc`.

    A UserError says its own `user_message`; an OSError says `os_error` when given (%1 is
    replaced by the system's reason); anything else says `otherwise` when given, and is
    raised again when not.
    """
    if isinstance(exc, UserError):
        return tr(exc.user_message)
    if isinstance(exc, OSError) and os_error:
        return os_error.replace("%1", exc.strerror or type(exc).__name__)
    if otherwise:
        return otherwise
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError(f"not an error: {type(exc).__name__}")
