"""How dates, times and counts are written for people, in one place (no Qt).

British order everywhere: 06/01/2025 in tables, "Monday 6 January 2025" where there is room.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

SHORT_DATE = "%d/%m/%Y"


def short_date(value: date | datetime | None, *, with_time: bool = False) -> str:
    """06/01/2025 (and 14:30 when asked and known); "" for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(f"{SHORT_DATE} %H:%M" if with_time else SHORT_DATE)
    return value.strftime(SHORT_DATE)


def long_date(value: date | datetime | None) -> str:
    """Monday 6 January 2025; "" for no date."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


def medium_date(value: date | datetime | None) -> str:
    """6 January 2025; "" for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def short_time(value: time | datetime | None) -> str:
    """14:30; "" for no time."""
    return "" if value is None else value.strftime("%H:%M")


def local_timestamp(iso_utc: str) -> str:
    """A stored UTC ISO timestamp shown in local time as 06/01/2025 14:30 ("" when unreadable)."""
    try:
        return datetime.fromisoformat(iso_utc).astimezone().strftime(f"{SHORT_DATE} %H:%M")
    except ValueError:
        return ""


def month_label(value: date) -> str:
    """Jan 2025 (chart axes)."""
    return value.strftime("%b %Y")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 meeting", "2 meetings" (and an irregular plural when given)."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


# Bidirectional controls and zero-width characters: in a file name they can make
# "invoice\u202Efdp.exe" read as "invoiceexe.pdf". Dropped wherever outside words are shown.
_HIDDEN_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def shown_safely(text: str) -> str:
    """Text from outside (a file name, an e-mail subject) without the invisible characters that
    can disguise what it says."""
    return _HIDDEN_CONTROLS.sub("", text)
