"""Contact schedules as RFC 5545 rules: weekly, fortnightly and monthly sessions, skipped dates,
the clock changes and bank holidays worked out by hand (2026: clocks change on 29 March and
25 October; Easter Monday 6 April, May bank holidays 4 and 25 May, Christmas on a Friday)."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.records.models import ContactArrangement
from familyrecord.views import schedule
from familyrecord.views.schedule import RuleError, parse_rule


def arrangement(rule: str, starts_on: date, *, ends_on: date | None = None, at: time = time(16, 0),
                skipped: list[date] | None = None) -> ContactArrangement:
    return ContactArrangement(with_whom="Mum", repeat_rule=rule, starts_on=starts_on, ends_on=ends_on,
                              session_start=at, session_end=time(17, 30), skipped_dates=skipped or [])


def test_weekly_on_tuesdays_with_a_skipped_week_and_an_end_date() -> None:
    a = arrangement("FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 1), ends_on=date(2026, 4, 7),
                    skipped=[date(2026, 3, 17)])
    assert schedule.session_dates(a, until=date(2026, 12, 31)) == [
        date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 24), date(2026, 3, 31), date(2026, 4, 7)]


def test_weekly_sessions_keep_their_wall_clock_time_across_both_clock_changes() -> None:
    a = arrangement("FREQ=WEEKLY;BYDAY=SU", date(2026, 3, 22), skipped=[date(2026, 4, 5)])
    spring = schedule.session_times(a, until=date(2026, 4, 12))
    assert spring == [datetime(2026, 3, 22, 16), datetime(2026, 3, 29, 16), datetime(2026, 4, 12, 16)]
    # Same 16:00 in the diary; the instant moves from GMT to BST.
    assert [schedule.in_london(m).utcoffset() for m in spring] == [
        timedelta(0), timedelta(hours=1), timedelta(hours=1)]
    autumn = schedule.session_times(a, since=date(2026, 10, 18), until=date(2026, 11, 1))
    assert autumn == [datetime(2026, 10, 18, 16), datetime(2026, 10, 25, 16), datetime(2026, 11, 1, 16)]
    assert [schedule.in_london(m).utcoffset() for m in autumn] == [
        timedelta(hours=1), timedelta(0), timedelta(0)]


def test_fortnightly_counts_from_the_start_date_across_the_clock_change() -> None:
    a = arrangement("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", date(2026, 3, 15), at=time(10, 30))
    assert schedule.session_times(a, until=date(2026, 4, 30)) == [
        datetime(2026, 3, 15, 10, 30), datetime(2026, 3, 29, 10, 30), datetime(2026, 4, 12, 10, 30),
        datetime(2026, 4, 26, 10, 30)]
    # Asking from a later date keeps the fortnightly rhythm of the start date.
    assert schedule.session_dates(a, since=date(2026, 10, 1), until=date(2026, 11, 10)) == [
        date(2026, 10, 11), date(2026, 10, 25), date(2026, 11, 8)]


def test_monthly_on_the_first_saturday_with_an_exception() -> None:
    a = arrangement("FREQ=MONTHLY;BYDAY=1SA", date(2026, 1, 1), skipped=[date(2026, 5, 2)])
    assert schedule.session_dates(a, until=date(2026, 7, 31)) == [
        date(2026, 1, 3), date(2026, 2, 7), date(2026, 3, 7), date(2026, 4, 4), date(2026, 6, 6),
        date(2026, 7, 4)]
    # Across October's clock change: 3 October and 7 November, both at 16:00.
    assert schedule.session_times(a, since=date(2026, 10, 1), until=date(2026, 11, 30)) == [
        datetime(2026, 10, 3, 16), datetime(2026, 11, 7, 16)]


def test_bank_holidays_do_not_move_sessions_but_are_found_to_ask_about() -> None:
    mondays = arrangement("FREQ=WEEKLY;BYDAY=MO", date(2026, 3, 30), ends_on=date(2026, 6, 1))
    days = schedule.session_dates(mondays, until=date(2026, 12, 31))
    assert len(days) == 10 and all(d.weekday() == 0 for d in days)
    assert schedule.bank_holiday_clashes(days) == [date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25)]
    fridays = arrangement("FREQ=WEEKLY;BYDAY=FR", date(2026, 12, 18))
    assert schedule.session_dates(fridays, until=date(2027, 1, 1)) == [
        date(2026, 12, 18), date(2026, 12, 25), date(2027, 1, 1)]
    # Skipping is the family's choice: then the holiday is simply left out.
    fridays.skipped_dates = [date(2026, 12, 25)]
    assert date(2026, 12, 25) not in schedule.session_dates(fridays, until=date(2027, 1, 1))


def test_windows_start_and_end_inclusive_and_never_outside_the_arrangement() -> None:
    a = arrangement("FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 3), ends_on=date(2026, 3, 24))
    assert schedule.session_dates(a, since=date(2026, 3, 10), until=date(2026, 3, 17)) == [
        date(2026, 3, 10), date(2026, 3, 17)]
    assert schedule.session_dates(a, since=date(2026, 1, 1), until=date(2026, 3, 3)) == [date(2026, 3, 3)]
    assert schedule.session_dates(a, since=date(2026, 3, 25), until=date(2026, 5, 1)) == []
    assert schedule.session_dates(arrangement("", date(2026, 3, 3)), until=date(2026, 5, 1)) == []


def test_count_and_until_in_the_rule_itself() -> None:
    counted = arrangement("FREQ=WEEKLY;BYDAY=TU;COUNT=3", date(2026, 3, 1))
    assert schedule.session_dates(counted, since=date(2026, 3, 12), until=date(2026, 12, 31)) == [
        date(2026, 3, 17)]
    # A calendar program's UTC UNTIL: 15:00Z on 17 March is 15:00 in London, before the session.
    until = arrangement("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317T150000Z", date(2026, 3, 1))
    assert schedule.session_dates(until, until=date(2026, 12, 31)) == [date(2026, 3, 3), date(2026, 3, 10)]
    summer = arrangement("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260616T150000Z", date(2026, 6, 9))
    assert schedule.session_dates(summer, until=date(2026, 12, 31)) == [date(2026, 6, 9), date(2026, 6, 16)]


def test_rules_are_tidied_and_described_in_plain_words() -> None:
    assert schedule.check_rule(" rrule:freq=weekly;byday=tu ") == "FREQ=WEEKLY;BYDAY=TU"
    assert schedule.weekly_rule([1]).text == "FREQ=WEEKLY;BYDAY=TU"
    assert schedule.weekly_rule([3, 1], every_weeks=2).text == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"
    assert schedule.monthly_rule(1, 5).text == "FREQ=MONTHLY;BYDAY=1SA"
    assert parse_rule(schedule.monthly_rule(-1, 4).text) == schedule.monthly_rule(-1, 4)
    cases = {
        "FREQ=WEEKLY;BYDAY=TU": "Every Tuesday",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA": "Every other Saturday",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR": "Every Monday, Wednesday and Friday",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU": "Every 3 weeks on Sunday",
        "FREQ=MONTHLY;BYDAY=1SA": "The first Saturday of each month",
        "FREQ=MONTHLY;BYDAY=-1FR": "The last Friday of each month",
        "FREQ=MONTHLY;BYMONTHDAY=15": "The 15th of each month",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=6": "Every Tuesday, 6 times in all",
        "FREQ=DAILY": "Every day",
    }
    for rule, words in cases.items():
        assert schedule.describe_rule(rule) == words
    assert schedule.describe_rule("FREQ=WEEKLY", date(2026, 3, 3)) == "Every Tuesday"
    assert schedule.describe_rule("nonsense") == "A schedule FamilyRecord cannot read"


@pytest.mark.parametrize(("rule", "words"), [
    ("", "empty"),
    ("FREQ=HOURLY", "FREQ=DAILY, WEEKLY"),
    ("FREQ=WEEKLY;BYHOUR=9", "cannot use 'BYHOUR'"),
    ("FREQ=WEEKLY;BYDAY=TU;BYDAY=WE", "twice"),
    ("FREQ=WEEKLY;BYDAY=XX", "BYDAY needs days"),
    ("FREQ=WEEKLY;BYDAY=1TU", "monthly or yearly"),
    ("FREQ=MONTHLY;BYDAY=6SA", "at most 5"),
    ("FREQ=WEEKLY;INTERVAL=0", "from 1 to 99"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20260101", "not both"),
    ("FREQ=WEEKLY;UNTIL=tomorrow", "UNTIL must be a date"),
    ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "never gives a date"),
    ("FREQ=DAILY;BYSETPOS=2", "monthly or yearly"),
    ("FREQ=WEEKLY;BYDAY", "without a value"),
])
def test_rules_that_cannot_be_used_are_refused_in_plain_words(rule: str, words: str) -> None:
    with pytest.raises(RuleError, match=words) as caught:
        parse_rule(rule)
    assert caught.value.user_message == str(caught.value)


def test_a_rule_that_never_matches_gives_up_quickly() -> None:
    a = arrangement("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", date(2026, 1, 1))
    started = clock.perf_counter()
    assert schedule.session_dates(a, until=date(2026, 12, 31)) == []
    assert clock.perf_counter() - started < 3


def test_preview_shows_the_next_sessions_for_a_form() -> None:
    a = arrangement("FREQ=WEEKLY;BYDAY=TU", date(2026, 3, 3))
    assert schedule.preview(a, since=date(2026, 3, 11), count=2) == [
        datetime(2026, 3, 17, 16), datetime(2026, 3, 24, 16)]


_PART = st.one_of(
    st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=SECONDLY",
                     "COUNT=2", "COUNT=0", "UNTIL=20260501", "UNTIL=20260501T100000Z", "WKST=SU",
                     "BYHOUR=3", "RRULE:FREQ=WEEKLY", "BYDAY=", "INTERVAL=99999999999"]),
    st.builds(lambda n, d: f"BYDAY={n}{d}", st.sampled_from(["", "1", "-1", "+2", "5", "53", "0"]),
              st.sampled_from(["MO", "TU", "SA", "XX", "su"])),
    st.builds(lambda name, v: f"{name}={v}",
              st.sampled_from(["INTERVAL", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT"]),
              st.integers(-400, 400)),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PART, min_size=0, max_size=5), st.dates(date(1900, 1, 1), date(2200, 1, 1)))
def test_any_rule_text_gives_sessions_or_a_plain_refusal(parts: list[str], start: date) -> None:
    a = arrangement(";".join(parts), start)
    try:
        days = schedule.session_dates(a, since=start, until=start + timedelta(days=120))
    except UserError as exc:
        assert exc.user_message
        return
    assert days == sorted(set(days)) and all(start <= d <= start + timedelta(days=120) for d in days)
