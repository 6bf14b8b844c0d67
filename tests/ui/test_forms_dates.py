"""Acceptance (issue 9): dates typed every accepted way into a person, a meeting and a letter are
saved as the date meant; a date that is not one stops Save with a message naming the field;
clearing a date saves it as not set."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Correspondence, Meeting, Person
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.forms.meeting import ActionRow
from familyrecord.ui.records.record_view import RecordListView
from familyrecord.ui.widgets.dates import DateField, DateTimeField, TimeField
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui

JAN_6 = date(2025, 1, 6)
# Every way of writing 6 January 2025 the field accepts.
SIX_JANUARY = ["06/01/2025", "6/1/25", "6.1.2025", "6 Jan 2025", "6 January 2025", "Monday 6 January 2025",
               "2025-01-06", "6th January 2025", "06012025"]


def relative() -> list[tuple[str, date]]:
    today = date.today()
    return [("today", today), ("yesterday", today - timedelta(days=1)),
            ("tomorrow", today + timedelta(days=1)), ("6/1", date(today.year, 1, 6))]


def typed_forms() -> list[tuple[str, date]]:
    return [(text, JAN_6) for text in SIX_JANUARY] + relative()


def type_into(qtbot: QtBot, field: DateField | TimeField, text: str) -> None:
    """Select what is there and type over it, as a person would, then leave the field."""
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.line, text)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)


def line(list_view: RecordListView, name: str) -> QLineEdit:
    widget = list_view.editor.form.bindings[name].widget
    assert isinstance(widget, QLineEdit)
    return widget


def save(qtbot: QtBot, list_view: RecordListView) -> None:
    qtbot.mouseClick(list_view.editor.save_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def window(qtbot: QtBot, services: Services, vault_path: Path) -> AppWindow:
    return make_window(qtbot, vault_path, services)


def test_a_person_saves_each_way_of_writing_a_date(qtbot: QtBot, window: AppWindow,
                                                   services: Services) -> None:
    people = view(window, "people")
    for number, (text, meant) in enumerate(typed_forms()):
        people.new_record()
        qtbot.keyClicks(line(people, "name"), f"Worker {number}")
        start = people.editor.form.bindings["allocated_from"].widget
        assert isinstance(start, DateField)
        type_into(qtbot, start, text)
        save(qtbot, people)
        assert people.editor.message.text() == "Saved.", (text, people.editor.message.text())
        saved = next(p for p in services.list_records(Person) if p.name == f"Worker {number}")
        assert saved.allocated_from == meant, text


def test_a_meeting_saves_typed_dates_and_times(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    meetings = view(window, "meetings")
    form = meetings.editor.form
    starts, ends = form.bindings["starts_at"].widget, form.bindings["ends_at"].widget
    reports = form.bindings["reports_received_on"].widget
    assert isinstance(starts, DateTimeField) and isinstance(ends, DateTimeField)
    assert isinstance(reports, DateField)
    for number, (text, meant) in enumerate(typed_forms()):
        meetings.new_record()
        qtbot.keyClicks(line(meetings, "title"), f"Meeting {number}")
        type_into(qtbot, starts.date, text)
        type_into(qtbot, starts.time, "2.30pm")
        type_into(qtbot, ends.time, "4pm")  # a time alone: the day it starts
        type_into(qtbot, reports, text)
        action = form.action_rows.add_row()  # type: ignore[attr-defined]
        assert isinstance(action, ActionRow)
        action.description.setText("Send the plan")
        type_into(qtbot, action.due, text)
        save(qtbot, meetings)
        assert meetings.editor.message.text().startswith("Saved."), (text, meetings.editor.message.text())
        saved = next(m for m in services.list_records(Meeting) if m.title == f"Meeting {number}")
        assert saved.starts_at == datetime.combine(meant, time(14, 30)), text
        assert saved.ends_at == datetime.combine(meant, time(16, 0)), text
        assert saved.reports_received_on == meant and saved.actions[0].due_on == meant, text


def test_a_letter_saves_typed_dates(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    letters = view(window, "correspondence")
    form = letters.editor.form
    dated, reply = form.bindings["dated"].widget, form.bindings["reply_needed_by"].widget
    assert isinstance(dated, DateField) and isinstance(reply, DateField)
    for number, (text, meant) in enumerate(typed_forms()):
        letters.new_record()
        qtbot.keyClicks(line(letters, "subject"), f"Letter {number}")
        type_into(qtbot, dated, text)
        type_into(qtbot, reply, text)
        save(qtbot, letters)
        assert letters.editor.message.text().startswith("Saved."), (text, letters.editor.message.text())
        saved = next(c for c in services.list_records(Correspondence) if c.subject == f"Letter {number}")
        assert (saved.dated, saved.reply_needed_by) == (meant, meant), text


def test_a_date_that_is_not_real_stops_save_and_says_which_and_why(qtbot: QtBot, window: AppWindow,
                                                                   services: Services) -> None:
    person = services.save(Person(name="Daniel Hughes", allocated_from=date(2025, 1, 6)))
    people = view(window, "people")
    people.refresh()
    people.open_record(person)
    until = people.editor.form.bindings["allocated_to"].widget
    assert isinstance(until, DateField)
    type_into(qtbot, until, "31/02/2025")
    save(qtbot, people)
    said = "“Until”: 31/02/2025 is not a real date (February has 28 days in 2025)."
    assert people.editor.message.text() == f"Not saved yet: {said}"
    error = people.editor.form.errors["allocated_to"]
    assert error.isVisible() and error.text() == said
    assert QApplication.focusWidget() is until.line  # the field to correct has the focus
    stored = services.get(person.id)
    assert isinstance(stored, Person) and stored.allocated_to is None  # nothing half-read was saved
    # Corrected, it saves.
    type_into(qtbot, until, "28/02/2025")
    save(qtbot, people)
    stored = services.get(person.id)
    assert isinstance(stored, Person) and stored.allocated_to == date(2025, 2, 28)
    assert not error.isVisible()


def test_a_bad_date_in_a_list_row_points_at_that_row(qtbot: QtBot, window: AppWindow) -> None:
    meetings = view(window, "meetings")
    meetings.new_record()
    form = meetings.editor.form
    action = form.action_rows.add_row()  # type: ignore[attr-defined]
    assert isinstance(action, ActionRow)
    action.description.setText("Book the review")
    type_into(qtbot, action.due, "32/1/2025")
    save(qtbot, meetings)
    assert meetings.editor.message.text() == ("Not saved yet: “Actions”: 32/1/2025 is not a real date "
                                              "(January has 31 days).")
    assert meetings.editor.tabs.currentIndex() == form.bindings["actions"].page
    assert QApplication.focusWidget() is action.due.line


def test_clearing_a_date_saves_it_as_not_set(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    person = services.save(Person(name="Sarah Ahmed", allocated_from=date(2024, 5, 1),
                                  allocated_to=date(2025, 1, 6)))
    people = view(window, "people")
    people.refresh()
    people.open_record(person)
    until = people.editor.form.bindings["allocated_to"].widget
    assert isinstance(until, DateField) and until.text() == "06/01/2025"
    assert until.spelled.text() == "Monday 6 January 2025"
    qtbot.mouseClick(until.clear_button, Qt.MouseButton.LeftButton)
    assert until.text() == "" and until.line.placeholderText() == "Not set"
    save(qtbot, people)
    stored = services.get(person.id)
    assert isinstance(stored, Person) and stored.allocated_to is None
    assert stored.allocated_from == date(2024, 5, 1)


def test_recording_announced_has_three_plain_answers(qtbot: QtBot, window: AppWindow,
                                                     services: Services) -> None:
    meetings = view(window, "meetings")
    meetings.new_record()
    combo = meetings.editor.form.bindings["recording_announced"].widget
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Yes", "No", "Not noted"]
    assert combo.currentText() == "Not noted"  # never "Not said"
    qtbot.keyClicks(line(meetings, "title"), "Review")
    save(qtbot, meetings)
    saved = services.list_records(Meeting)[0]
    assert saved.recording_announced is None
    assert saved.starts_at is not None and saved.starts_at.date() == date.today()  # a new meeting is today
    combo.setCurrentIndex(0)
    save(qtbot, meetings)
    stored = services.get(saved.id)
    assert isinstance(stored, Meeting) and stored.recording_announced is True
    meetings.open_record(stored)
    assert combo.currentText() == "Yes"
