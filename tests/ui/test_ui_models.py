"""The record table model: pages loaded lazily, sorting and filtering, cleared on lock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from familyrecord.records.models import Event, Person
from familyrecord.services import Services
from familyrecord.ui.records.table_model import ID_ROLE, RecordFilterModel, RecordTableModel
from familyrecord.ui.search.view import SearchResultsModel

pytestmark = pytest.mark.gui


@pytest.fixture
def events(services: Services) -> list[Event]:
    start = date(2025, 1, 1)
    return [services.save(Event(title=f"Event {i:02d}", occurred_on=start + timedelta(days=i)))
            for i in range(25)]


def test_rows_load_a_page_at_a_time(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event, page_size=10)
    model.reload()
    assert model.total == 25 and model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    # Newest first, as the vault orders them.
    assert model.data(model.index(0, 1)) == "Event 24"
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and not model.canFetchMore(QModelIndex())
    assert {model.data(model.index(r, 0), ID_ROLE) for r in range(25)} == {e.id for e in events}


def test_view_scrolling_fetches_more(qtbot: QtBot, services: Services, events: list[Event]) -> None:
    from PySide6.QtWidgets import QTableView

    model = RecordTableModel(services, Event, page_size=5)
    model.reload()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(RecordFilterModel(model))
    table.resize(400, 600)
    table.show()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 5)


def test_sorting_and_filtering(services: Services) -> None:
    for name, org in (("Bea", "School"), ("Ann", "Council"), ("Cal", "Council")):
        services.save(Person(name=name, organisation=org))
    model = RecordTableModel(services, Person)
    model.reload()
    proxy = RecordFilterModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["Ann", "Bea", "Cal"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, 0)) for r in range(3)] == ["Cal", "Bea", "Ann"]
    proxy.setFilterFixedString("council")
    assert sorted(proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())) == ["Ann", "Cal"]


def test_dates_sort_by_date_not_by_text(services: Services) -> None:
    services.save(Event(title="later", occurred_on=date(2025, 2, 1)))
    services.save(Event(title="earlier", occurred_on=date(2025, 1, 15)))
    model = RecordTableModel(services, Event)
    model.reload()
    proxy = RecordFilterModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # As text "01/02/2025" < "15/01/2025"; by date January comes first.
    assert [proxy.data(proxy.index(r, 1)) for r in range(2)] == ["earlier", "later"]


def test_clear_drops_every_record(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event)
    model.reload()
    assert model.rowCount() == 25
    model.clear()
    assert model.rowCount() == 0 and model.total == 0 and not model.canFetchMore(QModelIndex())
    search = SearchResultsModel()
    search.set_hits(services.search("Event"))
    assert search.rowCount() > 0
    search.clear()
    assert search.rowCount() == 0


def test_locked_vault_loads_nothing(services: Services, events: list[Event]) -> None:
    model = RecordTableModel(services, Event)
    services.lock()
    model.reload()
    assert model.rowCount() == 0
