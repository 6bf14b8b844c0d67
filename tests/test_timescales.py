"""Working-day and calendar arithmetic for England and Wales.

Every expected date below was worked out by hand from a printed calendar and the gov.uk list of
bank holidays, and is written literally; none is computed by the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from familyrecord.timescales.workdays import (
    add_calendar_months,
    add_days,
    add_weeks,
    add_working_days,
    bank_holidays,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_between,
)


def test_england_and_wales_share_their_bank_holidays() -> None:
    for year in range(2000, 2041):
        england = holidays.country_holidays("GB", subdiv="ENG", years=year)
        wales = holidays.country_holidays("GB", subdiv="WLS", years=year)
        assert set(england) == set(wales), year


def test_bank_holidays_include_substitute_and_one_off_days() -> None:
    assert {date(2021, 12, 27), date(2021, 12, 28)} <= bank_holidays(2021)  # Christmas on a weekend
    assert {date(2022, 1, 3), date(2022, 12, 27)} <= bank_holidays(2022)
    assert {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)} <= bank_holidays(2022)
    assert date(2023, 5, 8) in bank_holidays(2023)  # coronation
    assert date(2020, 5, 8) in bank_holidays(2020)  # early May moved to VE day
    assert date(2022, 5, 30) not in bank_holidays(2022)  # spring holiday moved to 2 June that year
    assert date(2021, 12, 24) not in bank_holidays(2021)  # no Christmas Eve closure assumed
    assert date(2021, 12, 31) not in bank_holidays(2021)


@pytest.mark.parametrize(("day", "working"), [
    (date(2021, 12, 24), True),   # Christmas Eve: councils may close, the law does not
    (date(2021, 12, 27), False),  # substitute for Christmas Day (Sat)
    (date(2021, 12, 28), False),  # substitute for Boxing Day (Sun)
    (date(2021, 12, 29), True),
    (date(2021, 12, 31), True),
    (date(2022, 1, 1), False),    # Saturday
    (date(2022, 1, 3), False),    # substitute for New Year's Day
    (date(2022, 5, 30), True),
    (date(2022, 6, 2), False),    # spring bank holiday, moved
    (date(2022, 6, 3), False),    # Platinum Jubilee
    (date(2023, 5, 8), False),    # coronation
    (date(2024, 2, 29), True),
    (date(2024, 3, 29), False),   # Good Friday
    (date(2024, 4, 1), False),    # Easter Monday
    (date(2024, 1, 2), True),
])
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(("start", "n", "expected"), [
    # Easter 2024 (Good Friday 29 March, Easter Monday 1 April) and 2025 (18 and 21 April)
    (date(2024, 3, 28), 1, date(2024, 4, 2)),
    (date(2024, 3, 28), 2, date(2024, 4, 3)),
    (date(2024, 3, 27), 3, date(2024, 4, 3)),
    (date(2024, 4, 2), -1, date(2024, 3, 28)),
    (date(2025, 4, 14), 5, date(2025, 4, 23)),
    # Christmas 2021 and 2022 on weekends: substitute days
    (date(2021, 12, 24), 1, date(2021, 12, 29)),
    (date(2021, 12, 24), 3, date(2021, 12, 31)),
    (date(2021, 12, 31), 1, date(2022, 1, 4)),
    (date(2022, 12, 23), 1, date(2022, 12, 28)),
    (date(2022, 12, 30), 1, date(2023, 1, 3)),
    (date(2020, 12, 24), 1, date(2020, 12, 29)),
    (date(2024, 12, 16), 10, date(2025, 1, 2)),
    # Early May and spring bank holidays, and the one-off days
    (date(2024, 5, 3), 1, date(2024, 5, 7)),
    (date(2020, 5, 7), 1, date(2020, 5, 11)),
    (date(2024, 5, 24), 1, date(2024, 5, 28)),
    (date(2022, 5, 27), 1, date(2022, 5, 30)),
    (date(2022, 6, 1), 1, date(2022, 6, 6)),
    (date(2023, 4, 28), 1, date(2023, 5, 2)),
    (date(2023, 5, 5), 1, date(2023, 5, 9)),
    (date(2023, 4, 28), 5, date(2023, 5, 9)),
    (date(2022, 9, 16), 1, date(2022, 9, 20)),
    # Leap day, weekends, zero and backwards over New Year
    (date(2024, 2, 28), 1, date(2024, 2, 29)),
    (date(2024, 2, 29), 1, date(2024, 3, 1)),
    (date(2024, 1, 6), 1, date(2024, 1, 8)),
    (date(2024, 1, 7), 0, date(2024, 1, 7)),
    (date(2024, 1, 8), -1, date(2024, 1, 5)),
    (date(2024, 1, 3), -2, date(2023, 12, 29)),
])
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    (date(2024, 5, 3), date(2024, 5, 10), 4),     # early May bank holiday inside
    (date(2024, 5, 10), date(2024, 5, 3), -4),
    (date(2024, 5, 13), date(2024, 5, 10), -1),   # add_working_days(Mon 13 May, -1) is Fri 10 May
    (date(2024, 5, 13), date(2024, 5, 11), 0),    # back to Saturday passes no working day
    (date(2024, 5, 11), date(2024, 5, 10), -1),   # add_working_days(Sat 11 May, -1) is Fri 10 May
    (date(2021, 12, 24), date(2022, 1, 4), 4),    # three substitute days inside
    (date(2024, 5, 11), date(2024, 5, 12), 0),    # Saturday to Sunday
    (date(2024, 5, 13), date(2024, 5, 13), 0),
    (date(2023, 12, 31), date(2024, 12, 31), 254),  # 262 weekdays, 8 bank holidays
    (date(2021, 12, 31), date(2022, 12, 31), 250),  # 260 weekdays, 10 on weekdays
])
def test_working_days_between(a: date, b: date, expected: int) -> None:
    assert working_days_between(a, b) == expected


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 8, 31), 6, date(2024, 2, 29)),
    (date(2024, 8, 31), 6, date(2025, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 11, 15), 3, date(2025, 2, 15)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 10, 31), 1, date(2024, 11, 30)),
    (date(2024, 12, 31), 2, date(2025, 2, 28)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
    (date(2024, 5, 31), -12, date(2023, 5, 31)),
])
def test_add_calendar_months(start: date, n: int, expected: date) -> None:
    assert add_calendar_months(start, n) == expected


def test_add_days_and_weeks() -> None:
    assert add_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert add_days(date(2024, 3, 1), -1) == date(2024, 2, 29)
    assert add_weeks(date(2025, 1, 6), 26) == date(2025, 7, 7)
    assert add_weeks(date(2024, 12, 25), 1) == date(2025, 1, 1)


def test_next_and_previous_working_day() -> None:
    assert next_working_day(date(2024, 11, 30)) == date(2024, 12, 2)
    assert next_working_day(date(2024, 12, 25)) == date(2024, 12, 27)
    assert next_working_day(date(2024, 12, 2)) == date(2024, 12, 2)
    assert previous_working_day(date(2024, 5, 27)) == date(2024, 5, 24)
    assert previous_working_day(date(2024, 4, 1)) == date(2024, 3, 28)
    assert previous_working_day(date(2024, 5, 24)) == date(2024, 5, 24)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
counts = st.integers(min_value=-300, max_value=300)


@given(days, counts.filter(lambda n: n != 0))
def test_add_working_days_lands_on_a_working_day(start: date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@given(days, counts, counts)
def test_add_working_days_is_strictly_monotonic_in_n(start: date, m: int, n: int) -> None:
    if m < n:
        assert add_working_days(start, m) < add_working_days(start, n)


@given(days, days, counts)
def test_add_working_days_is_monotonic_in_start(a: date, b: date, n: int) -> None:
    if a <= b:
        assert add_working_days(a, n) <= add_working_days(b, n)


@given(days, counts)
def test_working_days_between_undoes_add_working_days(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@given(days, st.integers(min_value=0, max_value=60))
def test_working_days_between_counts_each_day(a: date, span: int) -> None:
    b = a + timedelta(days=span)
    after_a_up_to_b = sum(1 for i in range(1, span + 1) if is_working_day(a + timedelta(days=i)))
    from_a_up_to_before_b = sum(1 for i in range(span) if is_working_day(a + timedelta(days=i)))
    assert working_days_between(a, b) == after_a_up_to_b
    assert working_days_between(b, a) == -from_a_up_to_before_b


@given(days, st.integers(min_value=-120, max_value=120))
def test_add_calendar_months_keeps_the_day_or_takes_the_month_end(start: date, n: int) -> None:
    result = add_calendar_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    if result.day != start.day:
        assert result.day < start.day
        assert (result + timedelta(days=1)).day == 1  # the last day of its month
