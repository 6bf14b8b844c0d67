"""Reading dates and times as people type them (day first), and saying why when they are none.

`parse_date` reads 06/01/2025, 6/1/25, 6.1.2025, 6 Jan 2025, Monday 6 January 2025, 2025-01-06,
"today", "yesterday" and "tomorrow"; a two-digit year is the nearest one no more than 20 years
ahead, and no year means this year. `parse_time` reads 14:30, 2.30pm, 2pm, noon. Text that is
neither raises `DateEntryError` / `TimeEntryError` (InputErrors) whose `reason` says why in plain
words ("31/02/2025 is not a real date (February has 28 days in 2025)."), without the field's name:
the form that shows it adds that.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from familyrecord.errors import InputError

MIN_YEAR, MAX_YEAR = 1900, 2100
TWO_DIGIT_YEARS_AHEAD = 20  # "35" is 2035 in 2025, "46" is 1946
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d+))?")
_RUN_OF_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")
_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{1,2}))?\s*(am|pm)?")
_TIME_DIGITS = re.compile(r"(\d{1,2})(\d{2})\s*(am|pm)?")


def tr(text: str) -> str:
    return QCoreApplication.translate("dates", text)


class EntryError(InputError):
    """A field's text could not be read. `reason` says why, without the field's name (the form
    adds it); `widget` is the field, so the form can point at it."""

    def __init__(self, reason: str, widget: QWidget | None = None) -> None:
        super().__init__("a field's text could not be read", user_message=reason)
        self.reason = reason
        self.widget = widget


class DateEntryError(EntryError):
    """The text of a date field is not a date."""


class TimeEntryError(EntryError):
    """The text of a time field is not a time of day."""


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _month(word: str) -> int | None:
    """January from "january", "jan" or "sept" (three letters at least)."""
    if len(word) < 3:
        return None
    found = {n for name, n in _MONTHS.items() if name.startswith(word[:9])}
    return found.pop() if len(found) == 1 else None


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    found = {n for name, n in _WEEKDAYS.items() if name.startswith(word.rstrip("s") or word)}
    return found.pop() if len(found) == 1 else None


def full_year(digits: str, today: date) -> int:
    """A year as typed: two digits are the nearest such year at most 20 years from now."""
    year = int(digits)
    if len(digits) > 2:
        return year
    year += today.year // 100 * 100
    if year > today.year + TWO_DIGIT_YEARS_AHEAD:
        year -= 100
    elif year <= today.year + TWO_DIGIT_YEARS_AHEAD - 100:
        year += 100
    return year


def _checked(raw: str, day: int, month: int, year: int, weekday: int | None) -> date:
    shown = _shown(raw)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateEntryError(tr("%1 is not a date FamilyRecord can use: please give a year from "
                                "%2 to %3.").replace("%1", shown).replace("%2", str(MIN_YEAR))
                             .replace("%3", str(MAX_YEAR)))
    if not 1 <= month <= 12:
        hint = (tr(" Dates go day first: for %1 %2, write %3.").replace("%1", str(month))
                .replace("%2", calendar.month_name[day]).replace("%3", f"{month:02d}/{day:02d}/{year}")
                if 1 <= day <= 12 and month <= 31 else "")
        raise DateEntryError(tr("%1 is not a real date (there is no month %2).%3")
                             .replace("%1", shown).replace("%2", str(month)).replace("%3", hint))
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        raise DateEntryError(tr("%1 is not a real date (there is no day %2).").replace("%1", shown)
                             .replace("%2", str(day)))
    if day > days:
        which = (tr("%1 has %2 days in %3") if month == 2 else tr("%1 has %2 days")) \
            .replace("%1", calendar.month_name[month]).replace("%2", str(days)).replace("%3", str(year))
        raise DateEntryError(tr("%1 is not a real date (%2).").replace("%1", shown).replace("%2", which))
    result = date(year, month, day)
    if weekday is not None and weekday != result.weekday():
        raise DateEntryError(tr("%1 is a %2, not a %3.").replace("%1", f"{day} {calendar.month_name[month]} "
                                                                       f"{year}")
                             .replace("%2", calendar.day_name[result.weekday()])
                             .replace("%3", calendar.day_name[weekday]))
    return result


def parse_date(text: str, today: date | None = None) -> date | None:
    """The date `text` means (None when empty); `DateEntryError` with the reason when it is none."""
    today = today or date.today()
    raw = " ".join(text.split())
    plain = raw.lower().replace(",", " ").strip(" .")
    if not plain:
        return None
    if plain in _RELATIVE:
        return today + timedelta(days=_RELATIVE[plain])
    weekday = None
    first, _, rest = plain.partition(" ")
    if rest and first.isalpha() and _weekday(first) is not None and _month(first) is None:
        weekday, plain = _weekday(first), rest.strip()
    if match := _ISO.fullmatch(plain):
        return _checked(raw, int(match[3]), int(match[2]), int(match[1]), weekday)
    if match := _NUMERIC.fullmatch(plain) or _RUN_OF_DIGITS.fullmatch(plain):
        year = full_year(match[3], today) if match[3] else today.year
        return _checked(raw, int(match[1]), int(match[2]), year, weekday)
    words = [w for w in re.findall(r"\d+|[^\W\d_]+", plain) if w not in ("st", "nd", "rd", "th", "of", "the")]
    kinds = "".join("n" if w.isdigit() else "m" for w in words)  # 6 Jan 2025 is "nmn"
    if kinds in ("nm", "nmn", "mn", "mnn"):
        day_text, name = (words[0], words[1]) if kinds[0] == "n" else (words[1], words[0])
        named_month, year_text = _month(name), words[2] if len(words) > 2 else ""
        if named_month is not None and len(day_text) <= 2:
            return _checked(raw, int(day_text), named_month,
                            full_year(year_text, today) if year_text else today.year, weekday)
    raise DateEntryError(tr("“%1” is not a date FamilyRecord can read. Try 06/01/2025 or "
                            "6 January 2025.").replace("%1", _shown(raw)))


def parse_time(text: str) -> time | None:
    """The time of day `text` means (None when empty); `TimeEntryError` when it is none."""
    raw = " ".join(text.split())
    plain = raw.lower().replace("a.m.", "am").replace("p.m.", "pm").replace(" ", "").strip(".")
    if not plain:
        return None
    if plain in ("noon", "midday", "12noon"):
        return time(12, 0)
    if plain == "midnight":
        return time(0, 0)
    match = _TIME.fullmatch(plain) or _TIME_DIGITS.fullmatch(plain)
    if match is None:
        raise TimeEntryError(tr("“%1” is not a time FamilyRecord can read. Try 14:30 or 2.30pm.")
                             .replace("%1", _shown(raw)))
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half and not 1 <= hour <= 12:
        raise TimeEntryError(tr("%1 is not a time of day (with am or pm, hours go from 1 to 12).")
                             .replace("%1", _shown(raw)))
    if not 0 <= hour <= 23:
        raise TimeEntryError(tr("%1 is not a time of day (hours go from 0 to 23).")
                             .replace("%1", _shown(raw)))
    if not 0 <= minute <= 59:
        raise TimeEntryError(tr("%1 is not a time of day (minutes go from 0 to 59).")
                             .replace("%1", _shown(raw)))
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(MAX_YEAR, max(MIN_YEAR, year))
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
