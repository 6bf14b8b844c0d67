"""Working days and calendar arithmetic for England and Wales.

A working day is a Monday to Friday that is not a bank holiday of England or Wales (the `holidays`
package, which includes substitute days such as Monday 27 December 2021 and one-off days such as the
2023 coronation). Christmas-to-New-Year office closures are local, so they are not assumed.

Counting convention, used everywhere in FamilyRecord:

- `add_working_days(start, n)` with n > 0 is the n-th working day *after* `start` ("within 10 working
  days of the conference"): the start day itself never counts, whether or not it is a working day.
  With n < 0 it is the |n|-th working day *before* `start` ("2 working days before the conference").
  n == 0 returns `start` unchanged.
- `working_days_between(a, b)` undoes `add_working_days`: the n with `add_working_days(a, n) == b`
  whenever b is a working day. When b is on or after a it counts the working days d with a < d <= b;
  when b is before a it is minus the count with b <= d < a. From today to a due date it is the working
  days left; from a due date to today, how late it is ("late by 6 working days").
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

# England and Wales share their bank holidays today; taking both keeps that true by definition.
_SUBDIVISIONS = ("ENG", "WLS")
_SATURDAY = 5
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays of England and Wales in `year`, substitute days included."""
    days: set[date] = set()
    for subdiv in _SUBDIVISIONS:
        days.update(holidays.country_holidays("GB", subdiv=subdiv, years=year).keys())
    return frozenset(days)


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday of England and Wales."""
    return day.weekday() < _SATURDAY and not is_bank_holiday(day)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, otherwise the last working day before it."""
    while not is_working_day(day):
        day -= _ONE_DAY
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (before it when n < 0); `start` itself for n == 0."""
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    day = start
    for _ in range(abs(n)):
        day += step
        while not is_working_day(day):
            day += step
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b] when b >= a; minus those in [b, a) when b < a. See the module notes."""
    if b < a:
        return -_working_days_after(b - _ONE_DAY, a - _ONE_DAY)
    return _working_days_after(a, b)


def _working_days_after(a: date, b: date) -> int:
    """Working days d with a < d <= b (a <= b)."""
    return _weekdays_after(a, b) - sum(
        1 for year in range(a.year, b.year + 1) for holiday in bank_holidays(year)
        if a < holiday <= b and holiday.weekday() < _SATURDAY
    )


def _weekdays_after(a: date, b: date) -> int:
    """Mondays to Fridays d with a < d <= b (a <= b)."""
    span = (b - a).days
    full_weeks, rest = divmod(span, 7)
    extra = sum(1 for i in range(1, rest + 1) if (a + timedelta(days=i)).weekday() < _SATURDAY)
    return full_weeks * 5 + extra


def add_days(start: date, n: int) -> date:
    return start + timedelta(days=n)


def add_weeks(start: date, n: int) -> date:
    return start + timedelta(weeks=n)


def add_calendar_months(start: date, n: int) -> date:
    """The corresponding date n months on, as the law counts a month; if that month has no such
    date, its last day (31 January + 1 month = 28 or 29 February)."""
    month_index = start.year * 12 + (start.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))
