"""“Deadlines this starts” on the meeting, letter and event forms (issue 14): the proposals follow
the form as it is typed, ticked ones are saved with the record in one change (with a date the
family may correct), accepted ones are listed afterwards, and a missing date is explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from familyrecord.records.enums import Direction, EventType, LetterPurpose, MeetingType
from familyrecord.records.models import Correspondence, Deadline, Event, Meeting
from familyrecord.services import Services
from familyrecord.ui.app import AppWindow
from familyrecord.ui.records.forms.deadline_box import DeadlinesBox
from familyrecord.ui.records.forms.meeting import MeetingForm
from familyrecord.ui.records.record_view import RecordListView
from familyrecord.ui.widgets.common import EnumCombo
from familyrecord.ui.widgets.dates import DateField, DateTimeField, TimeField
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, services: Services, vault_path: Path) -> AppWindow:
    return make_window(qtbot, vault_path, services)


def type_into(qtbot: QtBot, field: DateField | TimeField | QLineEdit, text: str) -> None:
    line = field if isinstance(field, QLineEdit) else field.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)


def box_of(list_view: RecordListView) -> DeadlinesBox:
    box = list_view.editor.form.deadlines
    assert box is not None
    return box


def choose(list_view: RecordListView, name: str, value: object) -> None:
    combo = list_view.editor.form.bindings[name].widget
    assert isinstance(combo, EnumCombo)
    combo.set_value(value)


def new_meeting(qtbot: QtBot, window: AppWindow, kind: MeetingType, day: str) -> RecordListView:
    meetings = view(window, "meetings")
    meetings.new_record()
    choose(meetings, "meeting_type", kind)
    starts = meetings.editor.form.bindings["starts_at"].widget
    assert isinstance(starts, DateTimeField)
    type_into(qtbot, starts.date, day)
    type_into(qtbot, starts.time, "10:00")
    box_of(meetings).refresh()  # the box waits a moment after typing; no need to wait here
    return meetings


def test_a_strategy_discussion_proposes_the_conference_and_saves_it_when_ticked(
        qtbot: QtBot, window: AppWindow, services: Services) -> None:
    meetings = new_meeting(qtbot, window, MeetingType.STRATEGY_DISCUSSION, "6/1/2025")
    box = box_of(meetings)
    assert box.title() == "Deadlines this starts"
    assert [row.tick.text() for row in box.rows] == ["Add: Initial child protection conference due"]
    row = box.rows[0]
    assert not row.tick.isChecked() and row.due.text() == "27/01/2025"
    texts = [label.text() for label in row.findChildren(type(box.status))]
    assert "Who acts: the local authority" in texts
    assert any("within 15 working days of the strategy discussion" in t for t in texts)
    assert any(t.startswith("Where this comes from: Working Together") for t in texts)
    row.tick.setChecked(True)
    saved = meetings.editor.save()
    assert isinstance(saved, Meeting)
    assert meetings.editor.message.text() == "Saved. Deadlines added: 1."
    linked = services.deadlines.linked(saved)
    assert [(d.title, d.due_on, d.rule_id, d.source_record_id) for d in linked] == [
        ("Initial child protection conference due", date(2025, 1, 27), "icpc_after_strategy_discussion",
         saved.id)]
    # Saved, the box lists it and proposes it no more.
    assert box.rows == []
    assert box.linked_label.text() == ("Already added: Initial child protection conference due, due by "
                                       "Monday 27 January 2025.")
    assert box.status.text() == "Nothing more to add."


def test_nothing_is_added_unless_ticked(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    meetings = new_meeting(qtbot, window, MeetingType.STRATEGY_DISCUSSION, "6/1/2025")
    assert len(box_of(meetings).rows) == 1
    saved = meetings.editor.save()
    assert isinstance(saved, Meeting) and meetings.editor.message.text() == "Saved."
    assert services.deadlines.linked(saved) == [] and services.list_records(Deadline) == []


def test_proposals_follow_the_form_and_explain_a_missing_date(qtbot: QtBot, window: AppWindow) -> None:
    meetings = new_meeting(qtbot, window, MeetingType.OTHER, "6/1/2025")
    box = box_of(meetings)
    assert box.rows == []
    assert box.status.text() == "No timescales start from this, as far as FamilyRecord knows."
    choose(meetings, "meeting_type", MeetingType.STRATEGY_DISCUSSION)
    qtbot.waitUntil(lambda: len(box.rows) == 1, timeout=2000)  # proposed again as the kind changes
    starts = meetings.editor.form.bindings["starts_at"].widget
    assert isinstance(starts, DateTimeField)
    qtbot.mouseClick(starts.date.clear_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, starts.time, "")
    qtbot.waitUntil(lambda: box.rows == [], timeout=2000)
    assert box.status.text() == ("This meeting has no date, so FamilyRecord cannot work out when the next "
                                 "step is due.")


def test_a_complaint_letter_with_the_date_corrected(qtbot: QtBot, window: AppWindow,
                                                    services: Services) -> None:
    letters = view(window, "correspondence")
    letters.new_record()
    form = letters.editor.form
    purpose = form.bindings["purpose"].widget
    assert isinstance(purpose, EnumCombo)
    assert purpose.currentText() == "Nothing special"
    assert form.bindings["purpose"].caption == "What is this letter for?"
    choose(letters, "direction", Direction.SENT)
    purpose.set_value(LetterPurpose.COMPLAINT_STAGE_1)
    type_into(qtbot, form.bindings["subject"].widget, "My complaint")  # type: ignore[arg-type]
    type_into(qtbot, form.bindings["dated"].widget, "6 Jan 2025")  # type: ignore[arg-type]
    box = box_of(letters)
    box.refresh()
    assert [row.proposal.rule_id for row in box.rows] == ["complaint_stage_1_response"]
    row = box.rows[0]
    assert row.due.value() == date(2025, 1, 20)
    row.tick.setChecked(True)
    type_into(qtbot, row.due, "31/01/2025")  # they said they need longer
    typed = row.due.text()
    box.refresh()  # proposed again (the same date): the tick and the typed date are kept
    assert box.rows[0].tick.isChecked() and box.rows[0].due.text() == typed
    type_into(qtbot, box.rows[0].due, "32/01/2025")
    assert letters.editor.save() is None
    assert letters.editor.message.text() == ("Not saved yet: “Reply to your stage 1 complaint due”: "
                                             "32/01/2025 is not a real date (January has 31 days).")
    assert services.list_records(Correspondence) == []  # nothing saved at all
    type_into(qtbot, box.rows[0].due, "31/01/2025")
    saved = letters.editor.save()
    assert isinstance(saved, Correspondence) and saved.purpose is LetterPurpose.COMPLAINT_STAGE_1
    assert [d.due_on for d in services.deadlines.linked(saved)] == [date(2025, 1, 31)]


def test_an_event_starts_its_clock(qtbot: QtBot, window: AppWindow, services: Services) -> None:
    events = view(window, "events")
    events.new_record()
    form = events.editor.form
    type_into(qtbot, form.bindings["title"].widget, "Care application issued")  # type: ignore[arg-type]
    choose(events, "event_type", EventType.CARE_APPLICATION_ISSUED)
    type_into(qtbot, form.bindings["occurred_on"].widget, "6/1/2025")  # type: ignore[arg-type]
    box = box_of(events)
    box.refresh()
    expected = services.deadlines.proposals(Event(event_type=EventType.CARE_APPLICATION_ISSUED,
                                                  occurred_on=date(2025, 1, 6)))
    assert expected and [row.proposal for row in box.rows] == expected


def test_the_meeting_form_offers_to_compare_with_the_minutes(qtbot: QtBot, window: AppWindow) -> None:
    meetings = view(window, "meetings")
    meetings.new_record()
    form = meetings.editor.form
    assert isinstance(form, MeetingForm)
    assert form.compare_button.text() == "Compare with the minutes…"
    assert form.compare_button.accessibleName() == "Compare with the minutes"
    qtbot.mouseClick(form.compare_button, Qt.MouseButton.LeftButton)
    assert form.compare_note.text() == "Save the meeting first."
    announced = form.bindings["recording_announced"].widget
    assert isinstance(announced, QComboBox)


def test_an_accepted_deadline_follows_its_meeting_when_the_date_moves(
        qtbot: QtBot, window: AppWindow, services: Services) -> None:
    meetings = new_meeting(qtbot, window, MeetingType.STRATEGY_DISCUSSION, "6/1/2025")
    box_of(meetings).rows[0].tick.setChecked(True)
    saved = meetings.editor.save()
    assert isinstance(saved, Meeting)
    starts = meetings.editor.form.bindings["starts_at"].widget
    assert isinstance(starts, DateTimeField)
    type_into(qtbot, starts.date, "13/1/2025")  # the discussion was a week later
    assert meetings.editor.save() is not None
    [deadline] = services.deadlines.linked(saved)
    assert deadline.due_on == date(2025, 2, 3)  # 15 working days from Monday 13 January
    assert "Moved from 27/01/2025 because the meeting's date changed to 13/01/2025." in deadline.notes
    assert box_of(meetings).linked_label.text().endswith("due by Monday 3 February 2025.")
