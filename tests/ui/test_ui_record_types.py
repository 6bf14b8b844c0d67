"""Add, edit and archive every record type through its form."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)
from familyrecord.services import Services
from familyrecord.ui.records import feedback
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui

# (area, tab, type, required values, a text field to edit, field that is missing when empty)
CASES: list[tuple[str, int, type[Record], dict[str, object], str, str | None]] = [
    ("people", 0, Person, {"name": "Grace Okafor"}, "organisation", "name"),
    ("people", 1, Child, {"name": "Mia"}, "notes", "name"),
    ("meetings", 0, Meeting, {}, "place", None),
    ("correspondence", 0, Correspondence, {"dated": date(2026, 1, 2), "subject": "Plan"}, "body", "dated"),
    ("contact", 0, ContactSession, {"session_date": date(2026, 1, 3)}, "notes", "session_date"),
    ("contact", 1, ContactArrangement, {"with_whom": "Grandma"}, "place", "with_whom"),
    ("events", 0, Event, {"occurred_on": date(2026, 1, 4), "title": "Home visit"}, "description",
     "occurred_on"),
    ("events", 1, Deadline, {"title": "Reply to complaint", "due_on": date(2026, 2, 1)}, "notes", "title"),
]


@pytest.mark.parametrize(("area", "tab", "cls", "values", "edit_field", "missing"), CASES,
                         ids=[case[2].__name__ for case in CASES])
def test_add_edit_archive(qtbot: QtBot, services: Services, vault_path: Path, area: str, tab: int,
                          cls: type[Record], values: dict[str, object], edit_field: str,
                          missing: str | None) -> None:
    window = make_window(qtbot, vault_path, services)
    list_view = view(window, area, tab)
    assert list_view.spec.empty_text in list_view.empty.text()  # a helpful empty state
    list_view.new_record()
    form = list_view.editor.form
    if missing is not None:
        assert list_view.editor.save() is None
        assert not form.errors[missing].isHidden() and form.errors[missing].text()
    for name, value in values.items():
        form.bindings[name].set(value)
    saved = list_view.editor.save()
    assert isinstance(saved, cls)
    assert [r.id for r in services.list_records(cls)] == [saved.id]
    assert list_view.model.rowCount() == 1
    # Edit.
    list_view.table.selectRow(0)
    form.bindings[edit_field].set("Changed by the test")
    list_view.editor.save()
    assert getattr(services.get(saved.id), edit_field) == "Changed by the test"
    # Archive.
    list_view.editor.toggle_archive()
    assert services.list_records(cls) == [] and list_view.model.rowCount() == 0
    assert services.get(saved.id).archived


def test_a_new_record_opens_at_the_top_with_its_first_field_focused(qtbot: QtBot, services: Services,
                                                                    vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    window.resize(1000, 500)
    people = view(window, "people")
    people.new_record()
    _title, page = people.editor.form.pages[0]
    assert isinstance(page, QScrollArea)
    QApplication.processEvents()
    bar = page.verticalScrollBar()
    assert bar.maximum() > 0  # the form is longer than its room, so scrolling matters
    bar.setValue(bar.maximum())  # someone scrolled down to the notes
    people.editor.form.bindings["notes"].widget.setFocus()
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    assert bar.value() == 0
    assert QApplication.focusWidget() is people.editor.form.bindings["name"].widget
    assert people.editor.tabs.currentIndex() == 0


def test_save_confirms_quietly_and_fades(qtbot: QtBot, services: Services, vault_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback, "SHOWN_MS", 50)
    monkeypatch.setattr(feedback, "FADE_MS", 50)
    window = make_window(qtbot, vault_path, services)
    people = view(window, "people")
    people.new_record()
    people.editor.form.bindings["name"].set("Grace Okafor")
    name = people.editor.form.bindings["name"].widget
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    status = people.editor.message
    assert status.text() == "Saved." and status.accessibleDescription() == "Saved."  # read out too
    assert status.announced == "Saved." and status.is_fading()
    qtbot.waitUntil(lambda: status.text() == "", timeout=3000)
    assert status.accessibleDescription() == ""
    # A problem stays until the person acts on it.
    people.new_record()
    assert people.editor.save() is None
    assert status.text().startswith("Not saved yet") and not status.is_fading()


def test_a_long_title_stays_on_one_line(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    long_title = "Review child protection conference about the nursery place and the contact plan " * 3
    meeting = services.save(Meeting(title=long_title.strip(), starts_at=datetime(2026, 1, 6, 10)))
    window = make_window(qtbot, vault_path, services)
    meetings = view(window, "meetings")
    meetings.refresh()
    meetings.new_record()
    QApplication.processEvents()
    tabs_top = meetings.editor.tabs.mapTo(meetings.editor, QPoint(0, 0)).y()
    meetings.open_record(meeting)
    QApplication.processEvents()
    title = meetings.editor.title
    assert title.full_title() == long_title.strip() and title.toolTip() == long_title.strip()
    assert title.text().endswith("…") and title.height() <= title.fontMetrics().height() + 4
    assert meetings.editor.tabs.mapTo(meetings.editor, QPoint(0, 0)).y() == tabs_top  # tabs not pushed down
