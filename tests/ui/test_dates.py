"""The one date field: what people type is read day first, spelled out, picked or cleared (issue 9).

Reading is tested against dates worked out by hand; the widgets are typed into with real key
presses. Anything typed either gives a date or a DateEntryError with a reason (fuzzed).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from familyrecord.errors import InputError
from familyrecord.ui.widgets.dates import (
    DateEntryError,
    DateField,
    DateTimeField,
    TimeEntryError,
    TimeField,
    add_months,
    full_year,
    parse_date,
    parse_time,
)

pytestmark = pytest.mark.gui

TODAY = date(2025, 3, 10)  # a Monday

READ = [
    ("06/01/2025", date(2025, 1, 6)),
    ("6/1/25", date(2025, 1, 6)),
    ("6.1.2025", date(2025, 1, 6)),
    ("6-1-2025", date(2025, 1, 6)),
    ("6 Jan 2025", date(2025, 1, 6)),
    ("6 January 2025", date(2025, 1, 6)),
    ("Monday 6 January 2025", date(2025, 1, 6)),
    ("Mon, 6 Jan 2025", date(2025, 1, 6)),
    ("6th of January 2025", date(2025, 1, 6)),
    ("January 6, 2025", date(2025, 1, 6)),
    ("6-Jan-2025", date(2025, 1, 6)),
    ("2025-01-06", date(2025, 1, 6)),
    ("06012025", date(2025, 1, 6)),
    ("060125", date(2025, 1, 6)),
    ("  6 / 1 / 2025 ", date(2025, 1, 6)),
    ("6 sept 2025", date(2025, 9, 6)),
    ("29/02/2024", date(2024, 2, 29)),
    ("6/1", date(2025, 1, 6)),  # no year: this year
    ("6 jan", date(2025, 1, 6)),
    ("today", TODAY),
    ("Yesterday", date(2025, 3, 9)),
    ("tomorrow", date(2025, 3, 11)),
    ("", None),
    ("   ", None),
]

REFUSED = [
    ("31/02/2025", "31/02/2025 is not a real date (February has 28 days in 2025)."),
    ("30/02/2024", "30/02/2024 is not a real date (February has 29 days in 2024)."),
    ("31/04/2025", "31/04/2025 is not a real date (April has 30 days)."),
    ("0/1/2025", "0/1/2025 is not a real date (there is no day 0)."),
    ("1/13/2025", "1/13/2025 is not a real date (there is no month 13). Dates go day first: "
                  "for 13 January, write 13/01/2025."),
    ("6/1/202", "6/1/202 is not a date FamilyRecord can use: please give a year from 1900 to 2100."),
    ("Tuesday 6 January 2025", "6 January 2025 is a Monday, not a Tuesday."),
    ("next week", "“next week” is not a date FamilyRecord can read. Try 06/01/2025 or 6 January 2025."),
    ("Not set06012025", "“Not set06012025” is not a date FamilyRecord can read. Try 06/01/2025 or "
                        "6 January 2025."),
]


@pytest.mark.parametrize(("typed", "expected"), READ, ids=[t or "empty" for t, _ in READ])
def test_dates_people_type_are_read_day_first(typed: str, expected: date | None) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(("typed", "reason"), REFUSED, ids=[t for t, _ in REFUSED])
def test_what_is_not_a_date_says_why(typed: str, reason: str) -> None:
    with pytest.raises(DateEntryError) as caught:
        parse_date(typed, TODAY)
    assert caught.value.reason == reason == caught.value.user_message
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(("digits", "today", "year"), [
    ("25", date(2025, 3, 10), 2025), ("45", date(2025, 3, 10), 2045), ("46", date(2025, 3, 10), 1946),
    ("99", date(2025, 3, 10), 1999), ("00", date(2025, 3, 10), 2000), ("10", date(2095, 1, 1), 2110),
    ("2031", date(2025, 3, 10), 2031)])
def test_two_digit_years_are_at_most_twenty_years_ahead(digits: str, today: date, year: int) -> None:
    assert full_year(digits, today) == year


TIMES = [("14:30", time(14, 30)), ("14.30", time(14, 30)), ("2.30pm", time(14, 30)),
         ("2:30 PM", time(14, 30)), ("2pm", time(14)), ("9.05 a.m.", time(9, 5)), ("12am", time(0)),
         ("12pm", time(12)),
         ("noon", time(12)), ("1430", time(14, 30)), ("930", time(9, 30)), ("14h30", time(14, 30)),
         ("", None)]


@pytest.mark.parametrize(("typed", "expected"), TIMES, ids=[t or "empty" for t, _ in TIMES])
def test_times_people_type(typed: str, expected: time | None) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(("typed", "reason"), [
    ("25:00", "25:00 is not a time of day (hours go from 0 to 23)."),
    ("14:75", "14:75 is not a time of day (minutes go from 0 to 59)."),
    ("13pm", "13pm is not a time of day (with am or pm, hours go from 1 to 12)."),
    ("teatime", "“teatime” is not a time FamilyRecord can read. Try 14:30 or 2.30pm.")])
def test_what_is_not_a_time_says_why(typed: str, reason: str) -> None:
    with pytest.raises(TimeEntryError) as caught:
        parse_time(typed)
    assert caught.value.reason == reason


def test_months_are_added_to_the_last_day_when_shorter() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 15), -1) == date(2024, 12, 15)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) |
       st.from_regex(r"[0-9 ./\-a-zA-Z,]{0,24}", fullmatch=True))
def test_anything_typed_is_a_date_or_says_why(typed: str) -> None:
    try:
        found = parse_date(typed, TODAY)
    except DateEntryError as exc:
        assert exc.reason
        return
    assert found is None or 1900 <= found.year <= 2100


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | st.from_regex(r"[0-9 :.apmAPh]{0,10}", fullmatch=True))
def test_anything_typed_is_a_time_or_says_why(typed: str) -> None:
    try:
        parse_time(typed)
    except TimeEntryError as exc:
        assert exc.reason


# ---- the widgets --------------------------------------------------------------------------------

@pytest.fixture
def field(qtbot: QtBot) -> DateField:
    widget = DateField(today=lambda: TODAY)
    widget.setAccessibleName("Until")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_a_date_spells_it_out_and_tidies_it(qtbot: QtBot, field: DateField) -> None:
    assert field.line.placeholderText() == "Not set" and field.text() == ""  # a placeholder, not text
    assert field.value() is None
    qtbot.keyClicks(field.line, "6 jan 25")
    assert field.spelled.text() == "Monday 6 January 2025"  # while typing
    assert field.line.accessibleDescription() == "Monday 6 January 2025"
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.text() == "06/01/2025" and field.value() == date(2025, 1, 6)


def test_a_date_that_cannot_be_read_is_explained_and_raises(qtbot: QtBot, field: DateField) -> None:
    qtbot.keyClicks(field.line, "31/02/2025")
    assert field.spelled.text() == ""  # nothing said while still typing
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.spelled.text() == "31/02/2025 is not a real date (February has 28 days in 2025)."
    assert field.spelled.property("fieldError") is True
    assert field.text() == "31/02/2025"  # kept as typed, to correct
    with pytest.raises(DateEntryError) as caught:
        field.value()
    assert caught.value.widget is field


def test_after_clearing_typed_digits_are_read(qtbot: QtBot, field: DateField) -> None:
    field.set_value(date(2024, 5, 1))
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.text() == "" and field.value() is None and field.spelled.text() == ""
    qtbot.keyClicks(field.line, "06/01/2025")
    assert field.value() == date(2025, 1, 6)


def test_keys_step_the_date(qtbot: QtBot, field: DateField) -> None:
    qtbot.keyClick(field.line, Qt.Key.Key_Up)  # empty: from today
    assert field.value() == date(2025, 3, 11)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    assert field.value() == date(2025, 3, 9)
    qtbot.keyClick(field.line, Qt.Key.Key_PageUp)
    assert field.value() == date(2025, 4, 9)


def test_calendar_opens_at_today_or_the_records_other_date(qtbot: QtBot, field: DateField) -> None:
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    panel = field.calendar_panel
    assert panel.isVisible() and panel.shown_date() == TODAY  # never January 1900
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)  # the button closes it again
    assert not panel.isVisible()
    field.set_calendar_hint(lambda: date(2024, 11, 5))
    assert field.open_calendar().shown_date() == date(2024, 11, 5)
    field.set_value(date(2023, 2, 1))
    assert field.open_calendar().shown_date() == date(2023, 2, 1)
    panel.calendar.setSelectedDate(QDate(2023, 2, 14))
    days = panel.calendar.findChild(QTableView)
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Return)  # Enter picks the day and closes the calendar
    assert not panel.isVisible() and field.value() == date(2023, 2, 14)


def test_calendar_opens_and_closes_from_the_keyboard(qtbot: QtBot, field: DateField) -> None:
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar_panel.isVisible()
    assert field.calendar_panel.calendar.accessibleName() == "Calendar for Until"
    days = field.calendar_panel.calendar.findChild(QTableView)
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Escape)
    assert not field.calendar_panel.isVisible() and field.value() is None
    qtbot.keyClick(field.line, Qt.Key.Key_F4)
    assert field.calendar_panel.isVisible()


def test_every_part_has_an_accessible_name(field: DateField) -> None:
    assert field.line.accessibleName() == "Until"
    assert field.calendar_button.accessibleName() == "Choose Until on a calendar"
    assert field.clear_button.accessibleName() == "Clear Until"
    field.setFocus()
    QApplication.processEvents()
    assert field.focusProxy() is field.line


def test_time_field(qtbot: QtBot) -> None:
    field = TimeField()
    qtbot.addWidget(field)
    field.show()
    assert field.value() is None and field.line.placeholderText() == "No time"
    qtbot.keyClicks(field.line, "2.30pm")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.text() == "14:30" and field.value() == time(14, 30)
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.value() == time(14, 45)
    field.set_text("25:00")
    assert field.problem_label.text() == "25:00 is not a time of day (hours go from 0 to 23)."
    with pytest.raises(TimeEntryError):
        field.value()


def test_date_and_time_together(qtbot: QtBot) -> None:
    field = DateTimeField(today=lambda: TODAY, default_day=lambda: date(2025, 2, 3))
    qtbot.addWidget(field)
    field.setAccessibleName("Ends")
    assert field.date.line.accessibleName() == "Ends (date)"
    assert field.time.line.accessibleName() == "Ends (time)"
    assert field.value() is None
    field.time.set_text("4pm")  # a time alone is on the default day
    assert field.value() == datetime(2025, 2, 3, 16)
    field.date.set_text("today")
    assert field.value() == datetime(2025, 3, 10, 16)
    field.time.set_text("")
    assert field.value() == datetime(2025, 3, 10)  # no time: midnight
    field.set_value(datetime(2025, 1, 6, 0, 0))
    assert field.time.text() == ""  # and midnight shows no time
    field.set_value(datetime(2025, 1, 6, 9, 15))
    assert (field.date.text(), field.time.text()) == ("06/01/2025", "09:15")
    alone = DateTimeField(today=lambda: TODAY)
    qtbot.addWidget(alone)
    alone.time.set_text("10:00")
    with pytest.raises(DateEntryError) as caught:
        alone.value()
    assert caught.value.reason == "please give the date as well as the time."
