"""A record type registered here, and nowhere else, works end to end: stored, searched, listed, edited.

Nothing in the app names this type: the vault, search, the list model, the navigation and the
form all come from familyrecord.records.registry (and a generic form built from the dataclass).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from familyrecord.records import registry
from familyrecord.records.enums import Significance
from familyrecord.records.models import Record
from familyrecord.records.registry import Column, RecordType
from familyrecord.services import Services
from familyrecord.ui.records.forms import FORMS, form_for
from familyrecord.ui.records.table_model import RecordFilterModel, RecordTableModel
from familyrecord.ui.widgets.common import EnumCombo
from familyrecord.ui.widgets.dates import DateField
from tests.ui.uihelpers import make_window, view

pytestmark = pytest.mark.gui

KIND = "test_widget"
AREA = "test_widgets"


@dataclass(kw_only=True)
class Gadget(Record):
    KIND: ClassVar[str] = KIND

    name: str = ""
    notes: str = ""
    importance: Significance = Significance.NORMAL
    made_on: date | None = None
    working: bool = False

    def summary(self) -> str:
        return f"Gadget {self.name}"

    def search_text(self) -> str:
        return "\n".join([self.name, self.notes])


@pytest.fixture
def gadget_type() -> Iterator[RecordType]:
    assert registry.find_kind(KIND) is None
    registered = registry.register(RecordType(
        Gadget, "Gadget", "Gadgets", AREA,
        (Column("Name", lambda r: r.name),
         Column("Made on", lambda r: r.made_on),
         Column("Working", lambda r: r.working),
         Column("How important", lambda r: r.importance)),
        "Add a gadget", "No gadgets yet. Add the first.", "New gadget", in_chronology=False))
    yield registered
    registry.unregister(KIND)
    assert registry.find_kind(KIND) is None


def test_saved_searched_and_listed(services: Services, gadget_type: RecordType) -> None:
    services.save(Gadget(name="Red lever", made_on=date(2025, 1, 15)))
    saved = services.save(Gadget(name="Blue sprocket", notes="Kept in the shed", importance=Significance.HIGH,
                                 made_on=date(2025, 2, 1), working=True))
    again = services.get(saved.id)
    assert isinstance(again, Gadget) and again.notes == "Kept in the shed" and again.working
    assert again.importance is Significance.HIGH and again.made_on == date(2025, 2, 1)
    hits = services.search("shed")
    assert [(h.record_id, h.kind) for h in hits] == [(saved.id, KIND)]

    model = RecordTableModel(services, Gadget)
    model.reload()
    assert model.rowCount() == 2 and model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Name", "Made on", "Working", "How important"]
    row = model.row_of(saved.id)
    assert [model.data(model.index(row, c)) for c in range(4)] == [
        "Blue sprocket", "01/02/2025", "Yes", "Very important"]
    # Sorted by the raw date: as text "01/02/2025" would come before "15/01/2025".
    proxy = RecordFilterModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(2)] == ["Red lever", "Blue sprocket"]


def test_generic_form_from_the_dataclass(qtbot: QtBot, services: Services,
                                         gadget_type: RecordType) -> None:
    assert KIND not in FORMS
    form = form_for(KIND)(services)
    qtbot.addWidget(form)
    widgets = {name: type(binding.widget) for name, binding in form.bindings.items()}
    assert widgets == {"name": QLineEdit, "notes": QPlainTextEdit, "importance": EnumCombo,
                       "made_on": DateField, "working": QCheckBox}
    form.load(None)
    form.bindings["name"].set("Green cog")
    form.bindings["importance"].set(Significance.LOW)
    form.bindings["made_on"].set(date(2024, 12, 25))
    form.bindings["working"].set(True)
    collected = form.collect()
    assert isinstance(collected, Gadget)
    assert (collected.name, collected.importance, collected.made_on, collected.working) == (
        "Green cog", Significance.LOW, date(2024, 12, 25), True)


def test_new_area_in_the_navigation(qtbot: QtBot, services: Services, vault_path: Path,
                                    gadget_type: RecordType) -> None:
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None
    names = [window.main.nav.item(i).text() for i in range(window.main.nav.count())]
    assert "Gadgets" in names
    assert names.index("Gadgets") < names.index("Documents")  # with the other record areas
    list_view = view(window, AREA)
    assert window.main.current_key() == AREA
    assert list_view.add_button.text() == "Add a gadget"
    assert "No gadgets yet" in list_view.empty.text()
    list_view.new_record()
    assert list_view.editor.title.text() == "New gadget"
    list_view.editor.form.bindings["name"].set("Silver spring")
    saved = list_view.editor.save()
    assert isinstance(saved, Gadget) and list_view.model.rowCount() == 1
    assert [g.name for g in services.list_records(Gadget)] == ["Silver spring"]
    window.main.show_page("home")
    window.main.open_record(saved.id)
    assert window.main.current_key() == AREA
    assert list_view.editor.form.record is not None and list_view.editor.form.record.id == saved.id


def test_unregistered_type_leaves_no_area(qtbot: QtBot, services: Services, vault_path: Path) -> None:
    window = make_window(qtbot, vault_path, services)
    assert window.main is not None and AREA not in window.main.areas
    assert set(window.main.areas) == {t.area for t in registry.record_types() if t.area}
    assert {"meetings", "correspondence", "contact", "people", "events"} <= set(window.main.areas)
