"""Minutes, notes and transcripts come from outside: only a `UserError` may escape from reading them.

The readers are pure text work and are fuzz-tested never to fail; should one still meet text it
cannot handle, the person is told in plain words rather than shown a crash, and the log records the
kind of failure only (never the text).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from familyrecord.errors import InputError

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class MinutesUnreadable(InputError):
    user_message = ("These minutes could not be compared. Try pasting the text of the minutes, "
                    "or check that the file opens.")


def readable(function: Callable[P, R]) -> Callable[P, R]:
    """Turn an unexpected failure on odd text into `MinutesUnreadable`."""
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except (ValueError, IndexError, KeyError, TypeError, ArithmeticError, RecursionError,
                re.error) as error:
            log.warning("%s failed on its input: %s", function.__name__, type(error).__name__)
            raise MinutesUnreadable(type(error).__name__) from error
    return wrapper
