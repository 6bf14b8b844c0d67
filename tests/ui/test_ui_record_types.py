"""Add, edit and archive every record type through its form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
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
