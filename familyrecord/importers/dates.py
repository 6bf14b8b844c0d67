"""Dates written in British letters, found in running text: always day first.

"6 January 2025", "6th Jan", "Monday 6 January 2025", "6th of January", "06/01/2025", "6.1.25",
"2025-01-06", and (unambiguous, so allowed) "January 6, 2025". A date without a year takes the
year that puts it nearest the reference day (the letter's date, or today). A time right after
the date ("at 10:00", "at 2pm", "9.30am") is picked up too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = (r"(?:(?P<weekday>monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri"
            r"|saturday|sat|sunday|sun)\.?,?\s+(?:the\s+)?)?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WORDS_DAY_FIRST = re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH}(?![a-z]){_YEAR}(?!\d)",
                              re.IGNORECASE)
_WORDS_MONTH_FIRST = re.compile(
    rf"\b{_WEEKDAY}{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.]\d){_YEAR}(?!\d)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)"
                      r"(?P<year>(?:19|20)?\d\d)(?![\d/-]|\.\d)")
_ISO = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")
_TIME = re.compile(r"\s*(?:,\s*)?(?:(?:at|from|starting at|@)\s+)?"
                   r"(?P<hour>[012]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>[ap]\.?m\.?)?(?![\w/])",
                   re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DateFound:
    """A date in the text: `text[start:end] == words`; `at` is a time written right after it."""

    when: date
    start: int
    end: int
    words: str
    has_year: bool
    at: time | None = None


def find_dates(text: str, *, reference: date | None = None) -> list[DateFound]:
    """Every date written in the text, in order, with its exact words and span."""
    reference = reference or date.today()
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_WORDS_DAY_FIRST, _WORDS_MONTH_FIRST, _ISO, _NUMERIC):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            when = _date_of(match, reference)
            if when is None:
                continue
            # A full stop after a month is the sentence's (or an abbreviation's): not the date.
            stop = match.end() - match.group(0).endswith(".")
            at, end = _time_after(text, stop)
            found.append(DateFound(when, match.start(), stop, text[match.start():stop],
                                   bool(match.group("year")), at))
            taken.append((match.start(), end))
    return sorted(found, key=lambda item: item.start)


def parse_date(words: str, *, reference: date | None = None) -> date | None:
    """The one date in `words` (None when there is none)."""
    found = find_dates(words, reference=reference)
    return found[0].when if found else None


def _date_of(match: re.Match[str], reference: date) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:4].lower().rstrip("."),
                                                                     MONTHS.get(month_text[:3].lower(), 0))
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text:
        year = int(year_text)
        if year < 100:
            year += 2000 if year < 70 else 1900
        try:
            return date(year, month, day)
        except ValueError:
            return None
    weekday = match.groupdict().get("weekday")
    return _nearest(day, month, reference, weekday.lower()[:3] if weekday else None)


def _nearest(day: int, month: int, reference: date, weekday: str | None) -> date | None:
    """The day/month nearest the reference; a named weekday that fits one year decides it."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if weekday:
        fitting = [c for c in candidates if _WEEKDAYS[c.weekday()] == weekday]
        candidates = fitting or candidates
    return min(candidates, key=lambda c: (abs((c - reference).days), c < reference))


def _time_after(text: str, position: int) -> tuple[time | None, int]:
    """A clock time written just after a date ("at 10:00", "2pm", "9.30 a.m.")."""
    match = _TIME.match(text, position, min(len(text), position + 24))
    if not match or not (match.group("minute") or match.group("half")):
        return None, position
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    half = (match.group("half") or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None, position
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23:
        return None, position
    return time(hour, minute), match.end()

